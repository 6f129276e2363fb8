"""The numbers Word shows beside the report's headings and paragraphs, counted from a DOCX's
numbering definitions as Word counts a multilevel list: a paragraph's numPr (its own, else
its style's, through basedOn), the level its style is bound to, one counter per level that
starts again when a higher level counts (`w:lvlRestart` may say otherwise), and the level's
text (`%1.%2`, `A.%1`) with the counters put in.

Only the report's own lists are counted (writers/docx_numbering.py names them "Report ...",
and Heading 1's list is one), not pandoc's numbered lists: the DOCX writer checks with it that
Word will show the outline's numbers, and `diff` and `comments` read a returned DOCX by it.
"""
from __future__ import annotations

from docx.oxml import parse_xml
from docx.oxml.ns import qn

from .assemble import roman

REPORT_LISTS = "Report "        # how the names of the report's own lists begin


def _letters(n: int) -> str:
    return "abcdefghijklmnopqrstuvwxyz"[(n - 1) % 26] * ((n - 1) // 26 + 1)


_FORMATS = {"decimal": str, "lowerLetter": _letters, "upperLetter": lambda n: _letters(n).upper(),
            "lowerRoman": roman, "upperRoman": lambda n: roman(n).upper()}


class Level:
    def __init__(self, lvl):
        self.start = int(_val(lvl, "w:start") or 1)
        self.format = _val(lvl, "w:numFmt") or "decimal"
        self.text = _val(lvl, "w:lvlText") or ""
        self.style = _val(lvl, "w:pStyle")
        restart = _val(lvl, "w:lvlRestart")
        self.restart = None if restart is None else int(restart)   # 0: never restarts


class WordNumbers:
    """Feed it the body's paragraphs in order (`number`): each gets the number Word shows
    beside it ("4.", "4.2", "A.1"), or None."""

    def __init__(self, numbering, styles):
        """`numbering`: numbering.xml's root element or None; `styles`: styles.xml's."""
        self.styles = {s.get(qn("w:styleId")): s for s in styles.iterchildren(qn("w:style"))} \
            if styles is not None else {}
        self.lists: dict[str, tuple[str, list[Level]]] = {}
        if numbering is not None:
            abstracts = {a.get(qn("w:abstractNumId")): a
                         for a in numbering.iterchildren(qn("w:abstractNum"))}
            ours = {key for key, a in abstracts.items()
                    if (_val(a, "w:name") or "").startswith(REPORT_LISTS)}
            heading = self.numbering(self.styles.get("Heading1"))[0]
            for num in numbering.iterchildren(qn("w:num")):
                key = _val(num, "w:abstractNumId")
                if key in abstracts and (key in ours or num.get(qn("w:numId")) == heading):
                    self.lists[num.get(qn("w:numId"))] = (
                        key, [Level(lvl) for lvl in abstracts[key].iterchildren(qn("w:lvl"))])
        self.counts: dict[str, dict[int, int]] = {}

    @classmethod
    def of(cls, document) -> "WordNumbers":
        """From a python-docx Document, without adding a numbering part it lacks."""
        part = next((r.target_part for r in document.part.rels.values()
                     if not r.is_external and r.reltype.endswith("/numbering")), None)
        return cls(parse_xml(part.blob) if part is not None else None,
                   document.styles.element)

    def number(self, p) -> str | None:
        num_id, ilvl = self.numbering(p)
        if num_id not in self.lists:
            return None
        key, levels = self.lists[num_id]
        if ilvl is None:
            style = _val(p, "w:pPr/w:pStyle")
            ilvl = next((i for i, lvl in enumerate(levels) if lvl.style == style), 0)
        if ilvl >= len(levels):
            return None
        counts = self.counts.setdefault(key, {})
        counts[ilvl] = counts.get(ilvl, levels[ilvl].start - 1) + 1
        for deeper in [k for k in counts if k > ilvl]:
            restart = levels[deeper].restart
            if restart is None or (restart and restart > ilvl):
                del counts[deeper]
        text = levels[ilvl].text
        for i, lvl in enumerate(levels[:ilvl + 1]):
            shown = _FORMATS.get(lvl.format, str)(counts.get(i, lvl.start))
            text = text.replace(f"%{i + 1}", shown)
        return text

    def numbering(self, el) -> tuple[str | None, int | None]:
        """(numId, level) of a paragraph or style, following its styles; numId "0" (the
        numbering switched off) stops the search."""
        num_id = level = None
        seen: set = set()
        while el is not None and id(el) not in seen:
            seen.add(id(el))
            num_id = num_id or _val(el, "w:pPr/w:numPr/w:numId")
            found = _val(el, "w:pPr/w:numPr/w:ilvl")
            level = level if level is not None else (int(found) if found else None)
            if num_id is not None:
                break
            el = self.styles.get(_val(el, "w:pPr/w:pStyle") or _val(el, "w:basedOn"))
        return num_id, level


def bare(number: str | None) -> str | None:
    """A number as the outline writes it: a section's "4." is 4."""
    return number.rstrip(".") if number else number


def _val(el, path: str) -> str | None:
    found = el.find("/".join(qn(step) for step in path.split("/")))
    return found.get(qn("w:val")) if found is not None else None
