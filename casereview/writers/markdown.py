"""The Markdown rendering itself, for review in any text editor and for diffing builds."""
from __future__ import annotations

from pathlib import Path

from ..render import Rendered


def write(rendered: Rendered, stage: Path) -> list[Path]:
    target = stage / "dist" / f"{rendered.name}.md"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(rendered.markdown, encoding="utf-8")
    return [target]
