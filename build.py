#!/usr/bin/env python3
"""Check, then build, the review in this folder (the Child B1 example) or in the folder given.

    python3 build.py [WORKSPACE] [--format html,docx,pdf] [--strict]

When this python3 lacks casereview's dependencies (a fresh clone, a stock Debian or Ubuntu
python3 that refuses system-wide installs), the build runs again with .venv/bin/python,
which casereview/bootstrap.py makes and fills first.
"""
import argparse
import importlib.util
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def _bootstrap():
    """casereview/bootstrap.py by its path: only the standard library, before anything else."""
    spec = importlib.util.spec_from_file_location("casereview_bootstrap",
                                                  HERE / "casereview" / "bootstrap.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


if __name__ == "__main__":
    _bootstrap().run_with_dependencies(Path(__file__).resolve())
    sys.path.insert(0, str(HERE))
    from casereview.cli import leave, main

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("workspace", nargs="?", default=str(HERE))
    parser.add_argument("--format")
    parser.add_argument("--strict", action="store_true")
    args = parser.parse_args()
    options = (["--strict"] if args.strict else []) + \
        (["--format", args.format] if args.format else [])
    leave(main(["check", args.workspace, *options[:1 if args.strict else 0]])
          or main(["build", args.workspace, *options]))
