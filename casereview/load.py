"""Read a workspace's files into source documents that remember where every value stands.

Only reading happens here: no schema, no meaning. A YAML syntax error or a duplicated key
becomes a diagnostic with its line and column, never a traceback.
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .diagnostics import Diagnostic

Path_ = tuple[str | int, ...]

#: workspace folders read, and what each holds
YAML_FILES = ("review", "terms", "panel", "family", "references", "conclusions", "recommendations")
REFERENCE_DOCX = "templates/reference.docx"


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """Safe YAML (libyaml's parser when present) without implicit timestamps: dates stay
    text and are parsed by the model, so that `2013-02-30` gets a message, not a crash."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_CONSTRUCTOR = yaml.constructor.SafeConstructor()


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

    def get(self, path: str) -> SourceDoc | None:
        return self.docs.get(path)

    def under(self, folder: str) -> list[SourceDoc]:
        return [d for p, d in sorted(self.docs.items()) if p.startswith(folder + "/")]

    @property
    def problems(self) -> list[Diagnostic]:
        return [p for d in self.docs.values() for p in d.problems]


def workspace(root: Path, names=YAML_FILES, sections: bool = True,
              imr_keys: tuple[str, ...] | None = None) -> Sources:
    """Read the source files of the workspace at `root`: all of them, unless `names` lists
    the review/ files wanted, `sections` is false and `imr_keys` names the only top-level
    keys of the IMRs to read (the tracker needs their recommendations, not chronologies)."""
    root = Path(root)
    sources = Sources(root)
    files = [root / "review" / f"{name}.yml" for name in names]
    files += sorted((root / "review" / "sections").glob("*.md")) if sections else []
    files += sorted((root / "agency_imrs").glob("*.yml"))
    files += sorted((root / "action_plans").glob("*.yml"))
    for file in files:
        rel = file.relative_to(root).as_posix()
        if not file.exists():
            sources.docs[rel] = SourceDoc(rel, problems=[_missing(rel)])
            continue
        text = file.read_text(encoding="utf-8")
        sources.newest = max(sources.newest, file.stat().st_mtime)
        if imr_keys and rel.startswith("agency_imrs/"):
            text = top_level(text, imr_keys)
        doc = markdown_doc(rel, text) if file.suffix == ".md" else yaml_doc(rel, text)
        doc.text = text
        sources.docs[rel] = doc
    reference = root / REFERENCE_DOCX
    if reference.is_file():
        sources.reference_docx = reference.read_bytes()
        sources.newest = max(sources.newest, reference.stat().st_mtime)
    return sources


REGISTERS = (Path("private") / "identities.yml", Path("identities.hashed.yml"))
REGISTER_ENV = "CASEREVIEW_IDENTITIES"


def identity_register(root: Path, path: Path | None = None) -> SourceDoc | None:
    """The identity register: the path given, else $CASEREVIEW_IDENTITIES, else the
    workspace's private/identities.yml (git-ignored), else its identities.hashed.yml (safe to
    commit); None when there is none and none was named."""
    named = path or (Path(os.environ[REGISTER_ENV]) if os.environ.get(REGISTER_ENV) else None)
    file = named or next((Path(root) / p for p in REGISTERS if (Path(root) / p).exists()), None)
    if file is None:
        return None
    if not file.exists():
        return SourceDoc(str(file), problems=[Diagnostic(
            str(file), 1, 1, "", "identity register not found",
            "give the path of an existing register")]) if named else None
    doc = yaml_doc(str(file), file.read_text(encoding="utf-8"))
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


def yaml_doc(rel: str, text: str, line_offset: int = 0) -> SourceDoc:
    doc = SourceDoc(rel)
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1 + line_offset, mark.column + 1) if mark else (1, 1)
        problem = exc.problem or exc.context or "cannot be read"
        if exc.context and exc.context_mark and exc.problem:
            problem += f" ({exc.context} that starts at line {exc.context_mark.line + 1 + line_offset})"
        doc.problems.append(Diagnostic(rel, line, col, "", f"YAML syntax: {problem}",
                                       "check the indentation, colons and quotes on this line "
                                       "and the one before"))
        return doc
    doc.data = {} if node is None else _build(node, (), doc, line_offset)
    return doc


def markdown_doc(rel: str, text: str) -> SourceDoc:
    """A Markdown file with YAML front matter between `---` lines."""
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].strip() != "---":
        doc = SourceDoc(rel, data={}, body=text, body_line=1)
        return doc
    end = next((i for i in range(1, len(lines)) if lines[i].strip() == "---"), None)
    if end is None:
        return SourceDoc(rel, problems=[Diagnostic(
            rel, 1, 1, "", "front matter is not closed",
            "end the front matter with a line holding only ---")])
    doc = yaml_doc(rel, "".join(lines[1:end]), line_offset=1)
    if doc.data is not None and not isinstance(doc.data, dict):
        doc.problems.append(Diagnostic(rel, 2, 1, "", "front matter must be a mapping",
                                       "write `title: ...` and other fields as `key: value`"))
        doc.data = {}
    doc.body = "".join(lines[end + 1:])
    doc.body_line = end + 2
    return doc


def _build(node: yaml.Node, path: Path_, doc: SourceDoc, offset: int) -> Any:
    doc.values[path] = (node.start_mark.line + 1 + offset, node.start_mark.column + 1)
    if isinstance(node, yaml.MappingNode):
        out: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            # keys are names, never values: `no:` is the key "no", not YAML 1.1's false
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else str(key_node.start_mark)
            where = (key_node.start_mark.line + 1 + offset, key_node.start_mark.column + 1)
            if key in out:
                doc.problems.append(Diagnostic(
                    doc.path, *where, _dotted(path + (key,)),
                    f"`{key}` is given twice in this mapping", "keep one of them"))
            doc.keys[path + (key,)] = where
            out[key] = _build(value_node, path + (key,), doc, offset)
        return out
    if isinstance(node, yaml.ScalarNode) and node.style in ("|", ">"):
        doc.blocks.add(path)
    if isinstance(node, yaml.SequenceNode):
        return [_build(item, path + (i,), doc, offset) for i, item in enumerate(node.value)]
    return _scalar(node)


def _scalar(node: yaml.Node) -> Any:
    if not isinstance(node, yaml.ScalarNode):
        return None
    return _CONSTRUCTOR.construct_object(node)


def _dotted(path: Path_) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


dotted = _dotted
