"""The Word document: one pandoc call on the Markdown rendering, with a reference document for
the styles (docx_reference), then python-docx for what pandoc does badly (docx_layout), and a
package with the review's properties, the same bytes for the same input (docx_package).

Appendix 1 is a landscape section: the Markdown carries raw OpenXML section breaks around it
(templates/formats/docx_landscape_*.md.j2), which only this format sees.
"""
from __future__ import annotations

import io
from pathlib import Path

import docx as python_docx

from ..render import Rendered
from . import docx_layout, docx_package, pandoc
from .docx_reference import reference_docx

PANDOC_ARGS = ("--toc", "--toc-depth=1", "--metadata=toc-title:Contents")


def write(rendered: Rendered, stage: Path) -> list[Path]:
    target = stage / "dist" / f"{rendered.name}.docx"
    target.parent.mkdir(parents=True, exist_ok=True)
    doc = python_docx.Document(io.BytesIO(convert(rendered.markdown, rendered.workspace)))
    docx_layout.finish(doc, rendered)
    docx_package.properties(doc, rendered)
    docx_package.save(doc, target, rendered.build_date)
    return [target]


def convert(markdown: str, workspace: Path | None = None) -> bytes:
    """Markdown to DOCX bytes: the one pandoc call, styled by the workspace's reference
    document or the generated one."""
    styles = f"--reference-doc={reference_docx(workspace)}"
    return pandoc.convert(markdown, ["--from=markdown", "--to=docx", "--output=-", styles,
                                     *PANDOC_ARGS], "write the DOCX")
