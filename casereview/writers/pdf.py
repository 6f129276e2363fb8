"""The PDF: pandoc turns the Markdown rendering into Typst markup, Typst typesets it.

pandoc (from pypandoc-binary) runs `templates/pdf.lua`, which keeps paragraph numbers at the
start of their paragraphs as link targets and sizes table columns from their content; the
Typst it writes follows the layout of `templates/pdf.typ` (A4, title page, contents, footer
with the version label and "Page X of Y", the draft mark), and the `typst` package compiles
the whole to PDF in a child process (typst_process.py). Everything that varies reaches Typst
as `sys.inputs` strings.

The same rendering gives the same bytes: only Typst's embedded fonts are used (never the
machine's), and the PDF's dates are the rendering's build date.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date, datetime, time, timezone
from pathlib import Path

from ..render import PACKAGED, Rendered, template_file
from . import WriterError, pandoc


class PdfError(WriterError):
    """pandoc or Typst failed; the message says which and why."""


def write(rendered: Rendered, stage: Path) -> list[Path]:
    target = stage / "dist" / f"{rendered.name}.pdf"
    target.parent.mkdir(parents=True, exist_ok=True)
    pdf, _warnings = typeset(rendered)
    target.write_bytes(pdf)
    return [target]


def typeset(rendered: Rendered) -> tuple[bytes, list[str]]:
    """The PDF's bytes, and Typst's warnings (none expected: the tests hold it to that).
    Typst runs in a child process, which returns all its memory when it ends
    (see typst_process.py)."""
    # started first, the child loads Typst while pandoc converts the Markdown
    with subprocess.Popen([sys.executable, "-m", "casereview.writers.typst_process"],
                          stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, env=_child_env()) as child:
        try:
            request = {"source": source(rendered), "inputs": inputs(rendered),
                       "timestamp": timestamp(rendered.build_date)}
        except BaseException:
            child.kill()
            raise
        pdf, errors = child.communicate(json.dumps(request).encode("utf-8"))
    report = _last_json_line(errors.decode("utf-8", "replace"))
    if child.returncode or "warnings" not in report:
        why = report.get("error") or errors.decode("utf-8", "replace").strip()
        raise PdfError(f"typst could not typeset {rendered.name}.pdf: {why}"
                       f"{_override_hint(template_file(rendered.workspace, 'pdf.typ'))}")
    return pdf, report["warnings"]


def _override_hint(used: Path) -> str:
    """What to do when the failing layout or filter is the workspace's own."""
    if used == PACKAGED / used.name:
        return ""
    return f"; the workspace's templates/{used.name} is used: correct it, or delete it to use " \
           "the packaged one"


def _child_env() -> dict[str, str]:
    """The child imports this very casereview, installed or not (build.py runs it from the
    source folder without installing it)."""
    here = str(Path(__file__).resolve().parents[2])
    return {**os.environ, "PYTHONPATH": os.pathsep.join(
        p for p in (here, os.environ.get("PYTHONPATH", "")) if p)}


def _last_json_line(text: str) -> dict:
    try:
        return json.loads(text.strip().rsplit("\n", 1)[-1])
    except ValueError:
        return {}


def source(rendered: Rendered) -> str:
    """The whole Typst document: the layout, then the body."""
    layout = template_file(rendered.workspace, "pdf.typ").read_text(encoding="utf-8")
    return layout + "\n" + to_typst(rendered.markdown, template_file(rendered.workspace, "pdf.lua"))


def to_typst(markdown: str, lua_filter: Path = PACKAGED / "pdf.lua") -> str:
    """The Markdown rendering's body as Typst markup (its metadata block is not used)."""
    try:
        typst = pandoc.convert(markdown, ["--from=markdown-auto_identifiers", "--to=typst-smart",
                                          "--wrap=none", f"--lua-filter={lua_filter}"],
                               "convert the Markdown to Typst")
    except WriterError as failed:
        raise PdfError(f"{failed}{_override_hint(lua_filter)}") from None
    return typst.decode("utf-8")


def inputs(rendered: Rendered) -> dict[str, str]:
    """What the layout prints, as plain strings (`sys.inputs` in templates/pdf.typ)."""
    info = rendered.info
    return {
        "title": rendered.title,
        "subtitle": f"Overview report – {info.partnership}",
        "partnership": info.partnership,
        "version": info.version,
        "status": info.status.capitalize(),
        "publication": str(info.dates.publication) if info.dates.publication else "",
        "mark": rendered.mark,
        "watermark": "DRAFT" if rendered.draft else "",
    }


def timestamp(day: date) -> int:
    """The PDF's creation date: midnight UTC of the build date."""
    return int(datetime.combine(day, time(), tzinfo=timezone.utc).timestamp())
