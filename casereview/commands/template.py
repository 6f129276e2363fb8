"""`casereview template NAME`: put a copy of a packaged template in the workspace's
templates/ folder, where it overrides the packaged one, ready to be changed. The Word
reference document (`reference.docx`, the DOCX's styles) is generated, then copied alike."""
from __future__ import annotations

import difflib
import os
from pathlib import Path

from ..render import PACKAGED

REFERENCE = "reference.docx"


class TemplateRefused(Exception):
    """Nothing was copied; the message says why and what to do."""


def names() -> list[str]:
    """Every template a workspace can override, as its path under templates/."""
    packaged = [p.relative_to(PACKAGED).as_posix() for p in PACKAGED.rglob("*")
                if p.is_file() and "__pycache__" not in p.parts]
    return sorted(packaged + [REFERENCE])


def copy(workspace: Path, name: str) -> Path:
    """Write the packaged `name` to `workspace`/templates/`name`; never over an existing file."""
    if name not in names():
        close = difflib.get_close_matches(name, names(), n=1, cutoff=0.5)
        hint = f"did you mean `{close[0]}`?" if close else "`casereview template` lists them"
        raise TemplateRefused(f"`{name}` is not a packaged template; {hint}")
    target = Path(workspace) / "templates" / name
    if os.path.lexists(target):      # a link, even a broken one, is never written through
        raise TemplateRefused(f"{target} already exists: it is the override; edit it, or delete "
                              "it to start again from the packaged one")
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(_packaged_bytes(name))
    return target


def _packaged_bytes(name: str) -> bytes:
    if name == REFERENCE:
        from ..writers import docx_reference
        return docx_reference.build()
    return (PACKAGED / name).read_bytes()
