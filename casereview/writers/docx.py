"""The Word document: one pandoc call on the Markdown rendering, with a reference document for
the styles (docx_reference), then python-docx for what pandoc does badly (docx_layout), and a
package with the review's properties, the same bytes for the same input (docx_package).

Appendix 1 is a landscape section: the rendering marks where it starts and ends, and
writers/layout.lua turns the marks into Word's section breaks.
"""
from __future__ import annotations

import io
from concurrent.futures import Future
from pathlib import Path

import docx as python_docx

from ..render import Rendered
from . import docx_layout, docx_package, pandoc
from .docx_reference import reference_docx


def write(rendered: Rendered, stage: Path, reading: Future | None = None) -> list[Path]:
    """`reading`: pandoc's output for this and other formats from one reading of the Markdown
    (the pipeline's), else this writer converts on its own."""
    target = stage / "dist" / f"{rendered.name}.docx"
    target.parent.mkdir(parents=True, exist_ok=True)
    reading = reading or pandoc.write(rendered.markdown, pandoc_outputs(rendered),
                                      rendered.media)
    doc = python_docx.Document(io.BytesIO(reading.result()["docx"]))
    docx_layout.finish(doc, rendered)
    docx_package.properties(doc, rendered)
    docx_package.without_empty_parts(doc)
    docx_package.save(doc, target, rendered.build_date)
    return [target]


def pandoc_outputs(rendered: Rendered) -> dict[str, pandoc.Output]:
    """What pandoc writes for the DOCX: styled by the workspace's reference document or the
    generated one, with a one-level table of contents."""
    options = {"reference_doc": str(reference_docx(rendered.workspace)),
               "table_of_contents": rendered.contents, "toc_depth": 1}
    return {"docx": pandoc.Output("docx", options, {"toc-title": "Contents"})}
