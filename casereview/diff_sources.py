"""The versions `diff` compares: a workspace folder, a built DOCX, or a workspace as it was at a
git revision (its tree taken out with `git archive` into a temporary folder: the user's
working tree is never touched). A workspace is checked and rendered as a build would; what a
reader sees is read from the rendered Markdown through pandoc's JSON, so that table cells and
footnotes are plain text as published."""
from __future__ import annotations

import io
import json
import shutil
import subprocess
import tarfile
import tempfile
from contextlib import ExitStack
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from .changes import Paragraph
from .diff_text import Cell, Reading


class VersionError(Exception):
    """A version cannot be compared; the message says which and why."""


@dataclass
class Version:
    label: str                        # how the report names it
    paragraphs: list[Paragraph]
    built: date                       # the build date of its outputs
    docx: Path | None = None          # the DOCX given as this version
    checked: object | None = None     # a workspace's: commands.check.Checked
    rendered: object | None = None    # a workspace's: render.Rendered


def read(path: Path, label: str | None = None) -> Version:
    """A workspace folder or a built DOCX file."""
    label = label or str(path)
    if is_workspace(path, label):
        return read_workspace(path, label)
    from .diff_docx import read_docx
    return read_docx(path, label)


def is_workspace(path: Path, label: str | None = None) -> bool:
    """Whether the version at `path` is a workspace (else it is a DOCX file); what is
    neither is refused."""
    label = label or str(path)
    if path.is_dir() and (path / "review").is_dir():
        return True
    if path.is_file() and path.suffix.lower() == ".docx":
        return False
    if not path.exists():
        raise VersionError(f"casereview: {label}: no such file or folder")
    raise VersionError(f"casereview: {label}: neither a casereview workspace (no review/ "
                       "folder) nor a .docx file; give a workspace folder or a built DOCX")


def read_workspace(root: Path, label: str) -> Version:
    from . import render
    from .commands.check import check
    from .pipeline import build_date, output_name
    checked = check(root)
    if checked.report.errors:
        lines = [str(d) for d in checked.report.errors]
        raise VersionError("\n".join(lines + [
            f"casereview: {label}: {len(lines)} error(s); a version that fails check cannot "
            "be compared (run `casereview check` on it)"]))
    rendered = render.render(checked.review, root, build_date(checked.sources.newest),
                             output_name(checked.review))
    return Version(label, rendered_paragraphs(rendered), rendered.build_date,
                   checked=checked, rendered=rendered)


def rendered_paragraphs(rendered) -> list[Paragraph]:
    from .writers import pandoc
    ast = json.loads(pandoc.convert(rendered.markdown, ["--from=markdown", "--to=json"],
                                    "read the rendered Markdown"))
    walk = AstWalk(rendered.outline)
    walk.blocks(ast["blocks"])
    return walk.reading.paragraphs


# ---------------------------------------------------------------- git revisions

def revisions(workspace: Path, spec: str, stack: ExitStack) -> tuple[Version, Version]:
    """`A..B`: the workspace at A and at B; `A..`: at A and as it is on disk now."""
    old, dots, new = spec.partition("..")
    if not dots or not old or new.startswith("."):
        raise VersionError(f"casereview: --rev {spec}: give two revisions as A..B, e.g. "
                           "--rev HEAD~1..HEAD (A.. compares A with the folder as it is now)")
    if not workspace.is_dir():
        raise VersionError(f"casereview: {workspace}: no such folder")
    top = _git(workspace, "rev-parse", "--show-toplevel", error=f"casereview: --rev: "
               f"{workspace} is not in a git repository").strip()
    prefix = _git(workspace, "rev-parse", "--show-prefix").strip()
    versions = [_at(workspace, Path(top), prefix, rev, stack) for rev in (old, new) if rev]
    if not new:
        versions.append(read(workspace, f"{workspace} (as it is now)"))
    return versions[0], versions[1]


def _at(workspace: Path, top: Path, prefix: str, rev: str, stack: ExitStack) -> Version:
    commit = _git(top, "rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}",
                  error=f"casereview: --rev: `{rev}` is not a revision of {top}").strip()
    label = f"{workspace} at {rev}"
    archive = subprocess.run(["git", "-C", str(top), "archive", "--format=tar", commit,
                              *(["--", prefix] if prefix else [])], capture_output=True)
    if archive.returncode:
        raise VersionError(f"casereview: --rev: {workspace} is not in revision {rev}")
    folder = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="casereview-diff-")))
    with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
        tar.extractall(folder, filter="data")
    root = folder / prefix
    if not (root / "review").is_dir():
        raise VersionError(f"casereview: {label}: not a casereview workspace at that revision "
                           "(no review/ folder)")
    if (workspace / "private").is_dir():      # git-ignored: the identity register and its key
        shutil.copytree(workspace / "private", root / "private")
    return read_workspace(root, label)


def _git(folder: Path, *args: str, error: str = "") -> str:
    try:
        proc = subprocess.run(["git", "-C", str(folder), *args], capture_output=True,
                              text=True)
    except FileNotFoundError:
        raise VersionError("casereview: --rev needs git, which is not installed") from None
    if proc.returncode:
        raise VersionError(error or f"casereview: git {' '.join(args)}: {proc.stderr.strip()}")
    return proc.stdout


# ---------------------------------------------------------------- pandoc's AST

QUOTES = {"DoubleQuote": ("“", "”"), "SingleQuote": ("‘", "’")}
WRAPPERS = {"Emph", "Strong", "Strikeout", "Superscript", "Subscript", "SmallCaps", "Underline"}


class AstWalk:
    """The rendered document's blocks told to a Reading, in order. Numbers, anchors and keys of
    numbered paragraphs come from the outline, by the anchor pandoc keeps on the number."""

    def __init__(self, outline):
        blocks = [b for s in outline for b in s.blocks if b.kind == "paragraph"]
        self.keys = {b.anchor: b.key for b in blocks}
        self.chronology = {b.anchor for b in blocks if b.entry}
        # the numbers typed in headings: the body's sections, the subsection scheme's `##`
        self.sections = {s.anchor: str(s.number) for s in outline if s.section.part == "body"}
        self.sections.update({b.anchor: b.number for s in outline for b in s.blocks
                              if b.kind == "heading" and b.number})
        self.reading = Reading()
        self.started = False               # what comes before the first section is not read

    def blocks(self, blocks: list) -> None:
        for block in blocks:
            kind, c = block["t"], block.get("c")
            if kind == "Header":
                self.header(*c)
            elif not self.started:
                continue
            elif kind in ("Para", "Plain"):
                self.para(c)
            elif kind in ("BulletList", "OrderedList"):
                for item in (c if kind == "BulletList" else c[1]):
                    self.blocks(item)
            elif kind in ("BlockQuote", "Div", "Figure"):
                self.blocks(c if kind == "BlockQuote" else c[-1])
            elif kind == "Table":
                self.table(c)
            elif kind == "LineBlock":
                notes: list[str] = []
                self.reading.paragraph("\n".join(inline_text(line, notes) for line in c), notes)
            elif kind == "DefinitionList":
                for term, definitions in c:
                    self.para(term)
                    for definition in definitions:
                        self.blocks(definition)
            elif kind == "CodeBlock":
                self.reading.paragraph(c[1])

    def header(self, level: int, attr: list, inlines: list) -> None:
        ident, notes = attr[0], []
        text, number = inline_text(inlines, notes), self.sections.get(attr[0])
        self.started = self.started or level == 1
        if number:                         # the typed number: Word's numbering shows it
            text = text.removeprefix(f"{number}." if level == 1 else number).strip()
        if self.started:
            self.reading.heading(level, text, ident or None, number)

    def para(self, inlines: list) -> None:
        number = anchor = None
        first = inlines[0] if inlines else {}
        if first.get("t") == "Span" and "para-no" in first["c"][0][1]:
            number, anchor = inline_text(first["c"][1], []), first["c"][0][0]
            inlines = inlines[1:]
        notes: list[str] = []
        part = "chronology" if anchor in self.chronology else "body"
        self.reading.paragraph(inline_text(inlines, notes), notes, number, anchor,
                               self.keys.get(anchor), part)

    def table(self, c: list) -> None:
        _attr, caption, _columns, head, bodies, foot = c
        notes: list[str] = []
        self.reading.paragraph(blocks_text(caption[1], notes), notes)
        rows = head[1] + [row for body in bodies for row in body[2] + body[3]] + foot[1]
        self.reading.table([[_cell(cell) for cell in row[1]] for row in rows])


def _cell(cell: list) -> Cell:
    notes: list[str] = []
    return blocks_text(cell[4], notes), notes


def blocks_text(blocks: list, notes: list[str]) -> str:
    """Blocks as plain text, a line for each paragraph (a table cell, a footnote)."""
    lines = []
    for block in blocks:
        kind, c = block["t"], block.get("c")
        if kind in ("Para", "Plain"):
            lines.append(inline_text(c, notes))
        elif kind == "LineBlock":
            lines += [inline_text(line, notes) for line in c]
        elif kind in ("BulletList", "OrderedList"):
            lines += [blocks_text(item, notes) for item in (c if kind == "BulletList" else c[1])]
        elif kind in ("BlockQuote", "Div", "Figure"):
            lines.append(blocks_text(c if kind == "BlockQuote" else c[-1], notes))
        elif kind == "Header":
            lines.append(inline_text(c[2], notes))
        elif kind == "CodeBlock":
            lines.append(c[1])
    return "\n".join(line.strip() for line in lines if line.strip())


def inline_text(inlines: list, notes: list[str]) -> str:
    """The words as published; a footnote's text goes to `notes`, its call leaves none."""
    out = []
    for inline in inlines:
        kind, c = inline["t"], inline.get("c")
        if kind == "Str":
            out.append(c)
        elif kind in ("Space", "SoftBreak"):
            out.append(" ")
        elif kind == "LineBreak":
            out.append("\n")
        elif kind in WRAPPERS:
            out.append(inline_text(c, notes))
        elif kind in ("Span", "Cite", "Link"):
            out.append(inline_text(c[1], notes))
        elif kind == "Quoted":
            left, right = QUOTES[c[0]["t"]]
            out.append(left + inline_text(c[1], notes) + right)
        elif kind in ("Code", "Math"):
            out.append(c[-1])
        elif kind == "Note":
            notes.append(blocks_text(c, notes))
    return "".join(out)
