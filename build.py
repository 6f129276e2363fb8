#!/usr/bin/env python3
"""Check, then build, the review in this folder (the Child B1 example) or in the folder given.

    python build.py [WORKSPACE] [--format html,docx,pdf] [--strict]
"""
import argparse
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from casereview.cli import leave, main  # noqa: E402

if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("workspace", nargs="?", default=str(HERE))
    parser.add_argument("--format")
    parser.add_argument("--strict", action="store_true")
    args = parser.parse_args()
    options = (["--strict"] if args.strict else []) + (["--format", args.format] if args.format else [])
    leave(main(["check", args.workspace, *options[:1 if args.strict else 0]])
          or main(["build", args.workspace, *options]))
