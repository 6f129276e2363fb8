"""The Markdown conventions of casereview prose: blocks, paragraph ids, references,
footnotes, citations, directives and pseudonyms. Pure functions over text."""
from __future__ import annotations

import re
from dataclasses import dataclass

# a paragraph's attributes, first in it: its id, its mark for the executive summary, or both
# (`{#id}`, `{.summary}`, `{#id .summary}`); pandoc has no attributes for paragraphs
_ID = r"[A-Za-z0-9][\w-]*"
PARA_ID = re.compile(rf"^\{{(?:#(?P<id>{_ID})(?:\s+(?P<mark>\.summary))?"
                     rf"|(?P<first>\.summary)(?:\s+#(?P<later>{_ID}))?)\}}\s*")
XREF = re.compile(r"\[\[(para|section|question|finding|episode|theme):([^\]\s]+)\]\]")
FOOTNOTE_USE = re.compile(r"\[\^([^\]\s]+)\](?!:)")
FOOTNOTE_DEF = re.compile(r"^\[\^([^\]\s]+)\]:\s*", re.M)
CITATION = re.compile(r"\[@([\w:-]+)\]")
DIRECTIVE = re.compile(r"^\[\[([a-z-]+)(?: ([^\]]*))?\]\]$")
DIRECTIVES = ("panel", "agencies", "chronology-agencies", "questions", "family", "chronology",
              "conclusions", "recommendations", "subjects", "protected-characteristics")
PSEUDONYM = re.compile(r"\b(?:Child|Father|Mother|Sibling|Adult|Parent)\s+[A-Z]?\d{1,2}[A-Z]?\b")
_DEFINITION = re.compile(r"^ {0,3}\[\^[^\]\s]+\]:")   # up to 3 spaces in, as pandoc
_INDENTED = re.compile(r"^(?: {4}|\t)")
_LIST = re.compile(r"^\s*(?:[-*+]|\d+[.)]|[ivx]+[.)])\s+")


@dataclass(frozen=True)
class Block:
    kind: str      # paragraph | list | quote | heading | table | footnote | directive
    text: str
    line: int      # 0-based line of the block in the text
    id: str | None = None
    summary: bool = False   # a paragraph marked `{.summary}`: in the executive summary too


def blocks(text: str) -> list[Block]:
    """Split Markdown into blocks separated by blank lines. A footnote definition is read as
    pandoc reads it: the lines that follow it up to the next definition, and after a blank
    line those indented by four spaces (its further paragraphs)."""
    out: list[Block] = []
    current: list[str] = []
    start, gap = 0, False
    for i, line in enumerate(text.splitlines()):
        if not line.strip():
            gap = bool(current)
            continue
        if current and not _ends_block(current[0], line, gap):
            current.extend(["", line] if gap else [line])
        else:
            if current:
                out.append(_classify("\n".join(current), start))
            current, start = [line], i
        gap = False
    if current:
        out.append(_classify("\n".join(current), start))
    return out


def _ends_block(first: str, line: str, gap: bool) -> bool:
    """Whether `line` begins a new block after the block that began with `first`."""
    if not _DEFINITION.match(first):
        return gap
    return bool(_DEFINITION.match(line)) or (gap and not _INDENTED.match(line))


def _classify(text: str, line: int) -> Block:
    first = text.lstrip()
    if first.startswith("#"):
        return Block("heading", text, line)
    if FOOTNOTE_DEF.match(first):
        return Block("footnote", text, line)
    if m := DIRECTIVE.match(first.strip()):
        return Block("directive", first.strip(), line, m[1])
    if first.startswith(">"):
        return Block("quote", text, line)
    if first.startswith("|"):
        return Block("table", text, line)
    if _LIST.match(text.splitlines()[0]):
        return Block("list", text, line)
    m = PARA_ID.match(first)
    if not m:
        return Block("paragraph", text, line)
    return Block("paragraph", first[m.end():], line, m["id"] or m["later"],
                 bool(m["mark"] or m["first"]))


def line_of(text: str, offset: int) -> int:
    """0-based line of a character offset."""
    return text.count("\n", 0, offset)


def find(pattern: re.Pattern, text: str) -> list[tuple[str, int]]:
    """Every match's first group (or whole match) with its 0-based line."""
    return [(m[1] if m.groups() else m[0], line_of(text, m.start())) for m in pattern.finditer(text)]


def footnote_definitions(text: str) -> dict[str, str]:
    """Footnote name -> its text, from `[^name]: text` blocks."""
    out = {}
    if "[^" not in text:  # most texts have none: spare them the block split
        return out
    for block in blocks(text):
        if block.kind == "footnote":
            m = FOOTNOTE_DEF.match(block.text.lstrip())
            out[m[1]] = " ".join(block.text.lstrip()[m.end():].split())
    return out


def paragraph_ids(text: str) -> list[tuple[str, int]]:
    return [(b.id, b.line) for b in blocks(text) if b.kind == "paragraph" and b.id]


def directive_args(block: Block) -> str:
    m = DIRECTIVE.match(block.text)
    return (m[2] or "").strip() if m else ""
