"""`casereview new --type T FOLDER`: a new workspace for a type of review (scaffold.py), with
the JSON Schemas its YAML files name for editors. Never writes into a folder that holds
anything: the author's files are never overwritten."""
from __future__ import annotations

from pathlib import Path

from .. import scaffold
from . import schema


class NewRefused(Exception):
    """Nothing was written; the message says why and what to do."""


def new(folder: Path, type_: str) -> list[Path]:
    """Write the workspace; returns the files written, schemas included."""
    folder = Path(folder)
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        what = "is not empty" if folder.is_dir() else "is a file"
        raise NewRefused(f"{folder} {what}: `casereview new` writes a whole workspace and never "
                         "over existing files; give a new or empty folder")
    written = []
    for rel, text in scaffold.files(type_).items():
        target = folder / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
        written.append(target)
    return written + schema.write(folder / "schema")
