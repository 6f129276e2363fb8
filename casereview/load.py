"""Read a workspace's files into source documents that remember where every value stands.

Only reading happens here: no schema, no meaning. Every byte is read through safe_read.py,
which refuses what could crash, hang or leave the workspace, and builds YAML without ever
constructing a tag; each refusal, YAML syntax error or duplicated key is a diagnostic with
its line and column, never a traceback. A file, or a section's front matter, that holds
nothing or not `key: value` fields is an error too: a `null` action plan would otherwise
drop out of the report and the tracker unnoticed.
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import safe_read
from .diagnostics import Diagnostic

Path_ = safe_read.Path_

#: workspace folders read, and what each holds
YAML_FILES = ("review", "terms", "panel", "family", "references", "conclusions", "recommendations")
#: read when present: a review organised by questions needs no analysis.yml, and a type that
#: asks for no executive summary of its own needs no executive_summary.md
OPTIONAL_FILES = ("review/analysis.yml", "review/executive_summary.md")
#: the report's parts, in their order: unnumbered front matter, sections, appendices
REPORT_FOLDERS = ("review/front", "review/sections", "review/appendices")
REFERENCE_DOCX = "templates/reference.docx"
COMMENT_LOG = "review/comments.yml"   # `casereview comments` writes it; optional, never published
MKDOCS_TAGS = frozenset({"!ENV", "!relative"})   # mkdocs' own; it constructs any other tag


@dataclass
class SourceDoc:
    """One file of the workspace: its data, and the line and column of every value and key."""

    path: str
    text: str = ""
    data: Any = None
    values: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    keys: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    blocks: set[Path_] = field(default_factory=set)   # values written as | or > block scalars
    body: str | None = None
    body_line: int = 1
    problems: list[Diagnostic] = field(default_factory=list)

    def text_line(self, path: Path_, line: int) -> tuple[int, int]:
        """Line and column of the 0-based `line` inside the text value at `path`
        (or inside the Markdown body when `path` is empty)."""
        if not path:
            return self.body_line + line, 1
        start, col = self.where(path)
        return (start + 1 + line, 1) if path in self.blocks else (start + line, col if not line else 1)

    def where(self, path: Path_, key: bool = False) -> tuple[int, int]:
        """The nearest known position of a path: its key or value, else its parent's."""
        path = tuple(path)
        while path:
            table = self.keys if key and path in self.keys else self.values
            if path in table:
                return table[path]
            path = path[:-1]
        return self.values.get((), (1, 1))


@dataclass
class Sources:
    """Everything read from one workspace."""

    root: Path
    docs: dict[str, SourceDoc] = field(default_factory=dict)
    newest: float = 0.0          # modification time of the newest source file
    reference_docx: bytes | None = None   # the workspace's own Word styles, when it has them
    others: list[Diagnostic] = field(default_factory=list)   # of mkdocs.yml, templates/
    # mkdocs.yml and the text templates by path: the site and documents carry what they say,
    # so the identifier detectors read them too
    site_texts: dict[str, str] = field(default_factory=dict)
    # the panel's comments: read and checked, but apart from the sources, for no output
    # carries them (and their names are panel members', not the family's)
    comments: SourceDoc | None = None

    def get(self, path: str) -> SourceDoc | None:
        return self.docs.get(path)

    def under(self, folder: str) -> list[SourceDoc]:
        return [d for p, d in sorted(self.docs.items()) if p.startswith(folder + "/")]

    @property
    def problems(self) -> list[Diagnostic]:
        return [p for d in self.docs.values() for p in d.problems] + self.others + \
            (self.comments.problems if self.comments else [])


def workspace(root: Path, names=YAML_FILES, sections: bool = True,
              imr_keys: tuple[str, ...] | None = None, site: bool = True) -> Sources:
    """Read the source files of the workspace at `root`: all of them, unless `names` lists
    the review/ files wanted, `sections` is false and `imr_keys` names the only top-level
    keys of the IMRs to read (the tracker needs their recommendations, not chronologies).
    `site`: also read what the build reads beside the sources (mkdocs.yml, templates/)."""
    root = Path(root)
    sources = Sources(root)
    files = [root / "review" / f"{name}.yml" for name in names]
    if sections:
        files += [root / f for f in OPTIONAL_FILES if os.path.lexists(root / f)]
        files += [f for folder in REPORT_FOLDERS for f in sorted((root / folder).glob("*.md"))]
    files += sorted((root / "agency_imrs").glob("*.yml"))
    files += sorted((root / "action_plans").glob("*.yml"))
    for file in files:
        rel = file.relative_to(root).as_posix()
        sources.docs[rel] = _source(root, file, rel, imr_keys, sources)
    if sections:
        sources.comments = comment_log(root)
    if site:
        sources.others += _mkdocs(root, sources.site_texts)
        problems, binary = _templates(root, sources.site_texts)
        sources.others += problems
        if REFERENCE_DOCX in binary:
            sources.reference_docx = binary[REFERENCE_DOCX].data
            sources.newest = max(sources.newest, binary[REFERENCE_DOCX].mtime)
    return sources


def _source(root: Path, file: Path, rel: str, imr_keys, sources: Sources) -> SourceDoc:
    try:
        text, mtime = safe_read.read_text(file, rel, root)
    except safe_read.Missing:
        return SourceDoc(rel, problems=[_missing(rel)])
    except safe_read.Unreadable as refused:
        return SourceDoc(rel, problems=[refused.diagnostic])
    sources.newest = max(sources.newest, mtime)
    if imr_keys and rel.startswith("agency_imrs/"):
        text = top_level(text, imr_keys)
    if file.suffix == ".md":
        doc = markdown_doc(rel, text)
    else:
        doc = yaml_doc(rel, text, empty=_FILL if rel.startswith("review/") else _FILL_OR_DELETE)
    doc.text = text
    return doc


def comment_log(root: Path) -> SourceDoc | None:
    """review/comments.yml, when there is one."""
    file = Path(root) / COMMENT_LOG
    if not os.path.lexists(file):
        return None
    try:
        text, _ = safe_read.read_text(file, COMMENT_LOG, Path(root))
    except safe_read.Unreadable as refused:
        return SourceDoc(COMMENT_LOG, problems=[refused.diagnostic])
    doc = yaml_doc(COMMENT_LOG, text, empty="delete it: `casereview comments` writes it anew")
    doc.text = text
    return doc


_FILL = "write its fields as docs/authoring.md shows"
_FILL_OR_DELETE = _FILL + ", or delete the file"


def _mkdocs(root: Path, texts: dict[str, str]) -> list[Diagnostic]:
    """mkdocs.yml read as casereview reads YAML before mkdocs reads it: mkdocs' loader
    constructs `!!python/...` tags, that is, runs what the file names."""
    file = root / "mkdocs.yml"
    if not os.path.lexists(file):
        return []
    try:
        text, _ = safe_read.read_text(file, "mkdocs.yml", root)
    except safe_read.Unreadable as refused:
        return [refused.diagnostic]
    texts["mkdocs.yml"] = text
    doc = yaml_doc("mkdocs.yml", text, tags=MKDOCS_TAGS, empty="write the site's settings, "
                   "or delete mkdocs.yml to use casereview's site defaults")
    if doc.data is None:
        return doc.problems
    from .writers import site_settings          # what the site may ask of a build
    return doc.problems + site_settings.refusals(doc.data, lambda p: doc.where(p, key=True), root)


def _templates(root: Path, texts: dict[str, str]
               ) -> tuple[list[Diagnostic], dict[str, safe_read.Read]]:
    """Every file under the workspace's templates/ read as the build will read it (each a
    regular file inside the workspace, under its limit, text in UTF-8): the problems, and the
    bytes of the binary ones by their path (templates/reference.docx)."""
    folder = Path(root) / "templates"
    if not os.path.lexists(folder):
        return [], {}
    problems, binary = [], {}
    try:
        real = safe_read.real_path(folder, "templates", root)
    except safe_read.Unreadable as refused:
        return [refused.diagnostic], {}
    if not real.is_dir():
        return [Diagnostic("templates", 1, 1, "", "is a file, not a folder",
                           "make templates/ a folder of overrides, or delete the file")], {}
    for rel, path in _files(real, root, problems):
        try:
            if safe_read.binary(rel):
                binary[rel] = safe_read.read_bytes(path, rel, safe_read.BINARY_LIMIT, root,
                                                  "a binary template")
            else:
                texts[rel] = safe_read.read_text(path, rel, root, what="a template")[0]
        except safe_read.Unreadable as refused:
            problems.append(refused.diagnostic)
    return problems, binary


def _files(real: Path, root: Path, problems: list[Diagnostic]) -> list[tuple[str, Path]]:
    """(path shown, path) of every file under templates/, links to folders followed once
    when they stay in the workspace."""
    out: list[tuple[str, Path]] = []
    todo, seen = [("templates", real)], {real}
    while todo:
        shown, folder = todo.pop()
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError as exc:
            problems.append(Diagnostic(shown, 1, 1, "", f"cannot be read: {exc.strerror}",
                                       "check its permissions"))
            continue
        for entry in entries:
            rel = f"{shown}/{entry.name}"
            if _is_folder(entry):
                try:
                    inner = safe_read.real_path(Path(entry.path), rel, root)
                except safe_read.Unreadable as refused:
                    problems.append(refused.diagnostic)
                    continue
                if inner not in seen:
                    seen.add(inner)
                    todo.append((rel, inner))
                continue
            out.append((rel, Path(entry.path)))
            if len(out) > safe_read.TEMPLATE_FILES:
                problems.append(Diagnostic("templates", 1, 1, "", f"holds more than "
                                           f"{safe_read.TEMPLATE_FILES} files",
                                           "keep only the templates you override"))
                return []
    return sorted(out)


def _is_folder(entry: os.DirEntry) -> bool:
    try:
        return entry.is_dir()
    except OSError:          # a link that loops: read as a file, and refused as one
        return False


REGISTERS = (Path("private") / "identities.yml", Path("identities.hashed.yml"))
REGISTER_ENV = "CASEREVIEW_IDENTITIES"


def identity_register(root: Path, path: Path | None = None) -> SourceDoc | None:
    """The identity register: the path given, else $CASEREVIEW_IDENTITIES, else the
    workspace's private/identities.yml (git-ignored), else its identities.hashed.yml (safe to
    commit); None when there is none and none was named. A register named may lie anywhere;
    the workspace's own must be inside it."""
    named = path or (Path(os.environ[REGISTER_ENV]) if os.environ.get(REGISTER_ENV) else None)
    found = next((Path(root) / p for p in REGISTERS if os.path.lexists(Path(root) / p)), None)
    file = named or found
    if file is None:
        return None
    try:
        text, _ = safe_read.read_text(file, str(file), None if named else Path(root))
    except safe_read.Missing:
        return SourceDoc(str(file), problems=[Diagnostic(
            str(file), 1, 1, "", "identity register not found",
            "give the path of an existing register")])
    except safe_read.Unreadable as refused:
        return SourceDoc(str(file), problems=[refused.diagnostic])
    doc = yaml_doc(str(file), text, empty="list the real identifiers under `identities:` (see "
                   "the README), or delete the file")
    doc.text = ""   # never scanned as a source: it is the list of what must not appear
    return doc


_TOP_KEY = re.compile(r"^([A-Za-z_][\w-]*)\s*:", re.M)


def top_level(text: str, keys: tuple[str, ...]) -> str:
    """Only the given top-level keys of a block-style YAML mapping, on their own lines (the
    others become blank lines, so line numbers stay true). Flow-style or unusual files are
    returned whole."""
    starts = [(m.start(), m[1]) for m in _TOP_KEY.finditer(text)]
    if not starts or text.lstrip().startswith("{"):
        return text
    out, ends = [text[:starts[0][0]]], [s for s, _ in starts[1:]] + [len(text)]
    for (start, key), end in zip(starts, ends):
        chunk = text[start:end]
        out.append(chunk if key in keys else "\n" * chunk.count("\n"))
    return "".join(out)


def _missing(rel: str) -> Diagnostic:
    return Diagnostic(rel, 1, 1, "", "file not found", f"create {rel} (see docs/authoring.md)")


def yaml_doc(rel: str, text: str, line_offset: int = 0, tags: frozenset[str] = frozenset(),
             empty: str = _FILL, whole: str = "the file") -> SourceDoc:
    """A YAML text that must hold `key: value` fields (`whole` names it in messages, `empty`
    says what to do when it holds nothing); `tags` are the explicit tags allowed."""
    doc = SourceDoc(rel)
    try:
        data = safe_read.yaml_data(text, doc, line_offset, tags)
    except safe_read.Unreadable as refused:
        doc.problems.append(refused.diagnostic)
        return doc
    if data is None or data is safe_read.NOTHING:
        doc.problems.append(Diagnostic(rel, 1 + line_offset, 1, "", f"{whole} is empty", empty))
    elif not isinstance(data, dict):
        what = "a list" if isinstance(data, list) else \
            f"a single value (`{safe_read.short(data)}`)"
        doc.problems.append(Diagnostic(
            rel, *doc.where(()), "", f"{whole} holds {what}, not fields (`key: value` lines)",
            "write its fields as `key: value` lines, as docs/authoring.md shows"))
    else:
        doc.data = data
    return doc


def markdown_doc(rel: str, text: str) -> SourceDoc:
    """A Markdown file with YAML front matter between `---` lines."""
    if not text.strip():
        return SourceDoc(rel, problems=[Diagnostic(
            rel, 1, 1, "", "the file is empty", "write the section's text, or delete the file")])
    lines = text.splitlines(keepends=True)
    if lines[0].strip() != "---":
        doc = SourceDoc(rel, data={}, body=text, body_line=1)
        return doc
    end = next((i for i in range(1, len(lines)) if lines[i].strip() == "---"), None)
    if end is None:
        return SourceDoc(rel, problems=[Diagnostic(
            rel, 1, 1, "", "front matter is not closed",
            "end the front matter with a line holding only ---")])
    doc = yaml_doc(rel, "".join(lines[1:end]), line_offset=1, whole="the front matter",
                   empty="write `title: ...` and other fields as `key: value`, or remove the "
                   "--- lines")
    doc.body = "".join(lines[end + 1:])
    doc.body_line = end + 2
    return doc


dotted = _dotted = safe_read.dotted
