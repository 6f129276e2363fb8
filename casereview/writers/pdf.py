"""The PDF: pandoc turns the Markdown rendering into Typst markup, Typst typesets it.

pandoc (from pypandoc-binary) runs `templates/pdf.lua`, which keeps paragraph numbers at the
start of their paragraphs as link targets and sizes table columns from their content; the
Typst it writes follows the layout of `templates/pdf.typ` (A4, title page, contents, footer
with the version label and "Page X of Y", the draft mark), and the `typst` package compiles
the whole to PDF in a child process (typst_process.py). Everything that varies reaches Typst
as `sys.inputs` strings.

The PDF is PDF/UA-1, the accessible PDF: Typst writes its title, language, structure tags
and identification, and refuses what a screen reader could not read (an image without alt
text, a heading that skips a level, no title); templates/pdf.lua gives pandoc's images their
descriptions and keeps heading levels consecutive, and both keep the text layer free of
added soft hyphens and word joiners.

The same rendering gives the same bytes: only Typst's embedded fonts are used (never the
machine's), and the PDF's dates are the rendering's build date.

A failure is named where its author can correct it: Typst's line in the layout as
`templates/pdf.typ:LINE:COLUMN`, a line of the body pandoc wrote by its section's file and
words, a Lua error as `templates/pdf.lua:LINE`.
"""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from datetime import date, datetime, time, timezone
from pathlib import Path

from .. import review_types
from ..render import PACKAGED, Rendered, template_file
from . import WriterError, pandoc


# the standards Typst checks the PDF against and declares in it
STANDARDS = ["ua-1"]
# how Typst's messages for what PDF/UA-1 refuses begin
UA_ERROR = "PDF/UA-1 error"


class PdfError(WriterError):
    """pandoc or Typst failed; the message says which and why."""


def write(rendered: Rendered, stage: Path) -> list[Path]:
    target = stage / "dist" / f"{rendered.name}.pdf"
    target.parent.mkdir(parents=True, exist_ok=True)
    # Typst's folder inside the staging folder: out of what is published, and removed with it
    # however the build ends (a killed build's by the next build); one for each PDF, as the
    # executive summary's is typeset beside the report's
    folder = stage / f"typst-{rendered.name}"
    try:
        pdf, _warnings = typeset(rendered, folder)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    target.write_bytes(pdf)
    return [target]


def typeset(rendered: Rendered, folder: Path | None = None) -> tuple[bytes, list[str]]:
    """The PDF's bytes, and Typst's warnings (none expected: the tests hold it to that).
    Typst runs in a child process, which returns all its memory when it ends
    (see typst_process.py), and reads no file but the rendering's re-encoded images, put in
    `folder` (else in a temporary folder)."""
    if folder is None:
        with tempfile.TemporaryDirectory(prefix="casereview-media-") as temporary:
            return typeset(rendered, Path(temporary))
    folder.mkdir(parents=True, exist_ok=True)
    _place_media(rendered.media, folder)
    return _typeset(rendered, str(folder))


def _place_media(media: dict[str, bytes], root: Path) -> None:
    """The images, under the names the rendering gives them (`media/<hash>.png`)."""
    for name, data in media.items():
        target = (root / name).resolve()
        if not target.is_relative_to(root.resolve()):       # names are made, never written
            raise PdfError(f"the image name {name!r} would leave the PDF's folder: a bug in "
                           "casereview, please report it")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)


def _typeset(rendered: Rendered, root: str) -> tuple[bytes, list[str]]:
    layout_file = template_file(rendered.workspace, "pdf.typ")
    # started first, the child loads Typst while pandoc converts the Markdown
    with subprocess.Popen([sys.executable, "-m", "casereview.writers.typst_process"],
                          stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, env=_child_env()) as child:
        try:
            layout = layout_file.read_text(encoding="utf-8")
            body = to_typst(rendered.markdown, template_file(rendered.workspace, "pdf.lua"))
            request = {"source": layout + "\n" + body, "inputs": inputs(rendered),
                       "timestamp": timestamp(rendered.build_date), "standards": STANDARDS,
                       "root": root}
        except BaseException:
            child.kill()
            raise
        pdf, errors = child.communicate(json.dumps(request).encode("utf-8"))
    report = _last_json_line(errors.decode("utf-8", "replace"))
    if child.returncode or "warnings" not in report:
        raise PdfError(_placed(report, rendered, layout_file, layout, body)
                       or _unplaced(report, errors, rendered, layout_file))
    return pdf, report["warnings"]


def _unplaced(report: dict, errors: bytes, rendered: Rendered, layout_file: Path) -> str:
    """Typst's error when it names no line of the source (or the child itself failed).
    PDF/UA-1's document-wide requirements (a title) are the layout's to meet: it is named."""
    why = "; ".join([report.get("error") or errors.decode("utf-8", "replace").strip(),
                     *report.get("hints", [])])
    if why.startswith(UA_ERROR):
        return f"{shown(layout_file)}: typst: {why}{override_hint(layout_file)}"
    return (f"typst could not typeset {rendered.name}.pdf: {why}"
            f"{override_hint(layout_file)}")


def override_hint(used: Path) -> str:
    """What to do when the failing layout or filter is the workspace's own."""
    if used == PACKAGED / used.name:
        return ""
    return f"; the workspace's templates/{used.name} is used: correct it, or delete it to use " \
           "the packaged one"


def shown(used: Path) -> str:
    """A template as its author knows it: the workspace's templates/NAME, or the packaged one."""
    if used == PACKAGED / used.name:
        return f"casereview/templates/{used.name}"
    return f"templates/{used.name}"


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


# before the workspace's pdf.lua, as before every format's own filter: the review's text
# is text (raw markup shown as words), then the layout's page breaks
FIRST_FILTERS = [Path(__file__).with_name("text_only.lua"), Path(__file__).with_name("layout.lua")]


def to_typst(markdown: str, lua_filter: Path = PACKAGED / "pdf.lua") -> str:
    """The Markdown rendering's body as Typst markup (its metadata block is not used)."""
    filters = [f"--lua-filter={f}" for f in (*FIRST_FILTERS, lua_filter)]
    try:
        # citations are resolved into footnotes by the rendering: an `@word` left in the text
        # is words, not a reference to a bibliography Typst would look for
        typst = pandoc.convert(markdown, ["--sandbox", "--from=markdown-auto_identifiers-citations",
                                          "--to=typst-smart", "--wrap=none", *filters],
                               "convert the Markdown to Typst")
    except pandoc.PandocError as failed:
        raise PdfError(_pandoc_failure(failed, lua_filter)) from None
    return typst.decode("utf-8")


def _pandoc_failure(failed: pandoc.PandocError, lua_filter: Path) -> str:
    """The Lua filter's error at its line, or pandoc's own (reading the rendering, rarely)."""
    in_filter = pandoc.filter_error(failed.stderr, lua_filter, shown(lua_filter))
    if in_filter:
        return in_filter + override_hint(lua_filter)
    return (f"pandoc could not convert the Markdown rendering to Typst: "
            f"{' '.join(failed.stderr.split())}; `casereview build --format md` writes the "
            "rendering to dist/: look for an overridden template in templates/, else report it")


# the newlines by which Typst counts the lines it names
NEWLINE = re.compile(r"\r\n|[\n\x0b\x0c\r\x85\u2028\u2029]")
LABEL = re.compile(r"^<(.+)>$")
# labels, calls with their arguments (not their [content]), brackets, escapes, emphasis
MARKUP = re.compile(r"<[^<>\s]*>|#[\w.-]+(\([^()]*\))?|[][(){}\\*_]")


@dataclass
class _Source:
    """What Typst was given, the layout's lines then the body's, to say a line Typst names
    as its author knows it."""

    rendered: Rendered
    layout_file: Path
    first_body_line: int
    body: list[str]

    def in_layout(self, at: dict) -> bool:
        return at["line"] < self.first_body_line

    def place(self, at: dict) -> str:
        """`templates/pdf.typ:LINE:COLUMN`, or the section and the words of a body line."""
        if self.in_layout(at):
            return f"{shown(self.layout_file)}:{at['line']}:{at['column']}"
        _, file = self.section(at)
        return f'{file or "the PDF body"}, near "{_near(self.line(at))}"'

    def line(self, at: dict) -> str:
        return self.body[at["line"] - self.first_body_line]

    def section(self, at: dict) -> tuple[str, str | None]:
        """The title of the top-level heading a body line falls under, and its section's file
        (pandoc writes `= Title` then the `<label>` line)."""
        files = {s.anchor: s.section.file for s in self.rendered.outline}
        body = self.body
        for i in range(at["line"] - self.first_body_line, -1, -1):
            if body[i].startswith("= "):
                label = LABEL.match(body[i + 1]) if i + 1 < len(body) else None
                return body[i][2:].strip(), files.get(label[1]) if label else None
        return "", None


def _placed(report: dict, rendered: Rendered, layout_file: Path, layout: str,
            body: str) -> str | None:
    """Typst's error at its line: in the layout (`templates/pdf.typ:12:3`), or in the body
    pandoc wrote, named by the section it came from and the words nearby."""
    at = report.get("at")
    if not at or at["file"]:
        return None
    source = _Source(rendered, layout_file, len(NEWLINE.findall(layout + "\n")) + 1,
                     NEWLINE.split(body))
    why = "; ".join([report["error"], *report.get("hints", []),
                     *(f"{step['message']} ({source.place(step)})"
                       for step in report.get("trace", []) if not step["file"])])
    if source.in_layout(at):
        return f"{source.place(at)}: typst: {why}{override_hint(layout_file)}"
    return _in_body(why, at, source)


def _in_body(why: str, at: dict, source: _Source) -> str:
    """An error in what pandoc wrote: the author knows the section and its words, not the
    Typst, which pandoc made from their text through templates/pdf.lua."""
    heading, file = source.section(at)
    lua_filter = template_file(source.rendered.workspace, "pdf.lua")
    cause = ("probably the workspace's templates/pdf.lua: correct it, or delete it to use the "
             "packaged one" if override_hint(lua_filter)
             else "probably a bug in casereview: please report it")
    within = f'in "{heading}", ' if heading else ""
    line = at["line"] - source.first_body_line + 1
    return (f"{file or 'the PDF body'}: typst: {why}; {within}near \"{_near(source.line(at))}\" "
            f"(line {line} of the Typst pandoc wrote for the body): {cause}")


def _near(line: str) -> str:
    """The line's first words without their markup, or the markup when it has no words."""
    words = MARKUP.sub(" ", line).split()
    return " ".join(words[:8]) if words else line.strip()[:60]


def inputs(rendered: Rendered) -> dict[str, str]:
    """What the layout prints, as plain strings (`sys.inputs` in templates/pdf.typ)."""
    info = rendered.info
    return {
        "title": rendered.title,
        "subtitle": review_types.subtitle(info, rendered.document),
        "also": review_types.second_label(info),
        "reference": info.case_code or "",
        "partnership": info.partnership,
        "version": info.version,
        "status": info.status.capitalize(),
        "publication": str(info.dates.publication) if info.dates.publication else "",
        "mark": rendered.mark,
        "watermark": "DRAFT" if rendered.draft else "",
        "contents": "yes" if rendered.contents else "",
    }


def timestamp(day: date) -> int:
    """The PDF's creation date: midnight UTC of the build date."""
    return int(datetime.combine(day, time(), tzinfo=timezone.utc).timestamp())
