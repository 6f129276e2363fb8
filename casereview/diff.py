"""What changed between two versions, paragraph by paragraph (the versions are read by
diff_sources and diff_docx; diff_report shows the changes).

Alignment: a paragraph whose key is in both versions is the same paragraph, then one whose
words are the same; the rest are paired by how alike their words are (at least half the
same, in the same kind of part), and what is left was added or removed. A pair out of the
order of the others (off the longest run of pairs in the same order in both) was moved.
Numbers are not compared: a paragraph renumbered because another came before it is
unchanged.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from difflib import SequenceMatcher

from .changes import Change, Paragraph, WordOp

ALIKE = 0.5                # the share of words two paragraphs must have in common to pair
TOKEN = re.compile(r"\s+|\S+")


def compare(old: list[Paragraph], new: list[Paragraph]) -> list[Change]:
    """Every change, in the new version's order (a removed paragraph where it was)."""
    pairs = _pair(old, new)                                     # new index -> old index
    kept = _in_order(sorted(pairs.items()))
    after = {i: j for j, i in pairs.items() if j in kept}       # old index -> new, in order
    placed: list[tuple[tuple, Change]] = []
    for j, p in enumerate(new):
        i = pairs.get(j)
        if i is None:
            placed.append(((j, 0, 0), Change("added", None, p, [("+", p.text)])))
        elif j not in kept or old[i].text != p.text:
            kind = "changed" if j in kept else "moved"
            placed.append(((j, 0, 0), Change(kind, old[i], p, words(old[i].text, p.text),
                                             _before(i, old, new, after) if kind == "moved" else None)))
    last, paired = -1, set(pairs.values())
    for i, p in enumerate(old):
        last = after.get(i, last)
        if i not in paired:
            placed.append(((last, 1, i), Change("removed", p, None, [("-", p.text)],
                                                _before(i, old, new, after))))
    return [change for _, change in sorted(placed, key=lambda x: x[0])]


def _before(i: int, old: list[Paragraph], new: list[Paragraph],
            after: dict[int, int]) -> Paragraph | None:
    """What stood just before old paragraph `i`, as the tracked DOCX finds it: the new version
    of a paragraph kept in order, else the old one (itself removed or moved); None: the first."""
    if i == 0:
        return None
    return new[after[i - 1]] if i - 1 in after else old[i - 1]


def summary(changes: list[Change]) -> str:
    if not changes:
        return "no changes"
    counts = {kind: sum(c.kind == kind for c in changes)
              for kind in ("changed", "added", "removed", "moved")}
    return ", ".join(f"{n} {kind}" for kind, n in counts.items())


# ---------------------------------------------------------------- pairing

def _group(p: Paragraph) -> str:
    """Paragraphs pair only with their own kind: numbered ones (chronology entries among
    them), headings, table cells, footnotes, other text."""
    return "numbered" if p.number and p.part in ("body", "chronology") else p.part


def _pair(old: list[Paragraph], new: list[Paragraph]) -> dict[int, int]:
    by_key = {p.key: i for i, p in enumerate(old)}
    pairs: dict[int, int] = {}
    for j, p in enumerate(new):
        i = by_key.get(p.key)
        if i is not None and _group(old[i]) == _group(p):
            pairs[j] = i
    _pair_same_words(old, new, pairs)
    _pair_alike(old, new, pairs)
    return pairs


def _pair_same_words(old, new, pairs: dict[int, int]) -> None:
    free: dict[tuple[str, str], list[int]] = {}
    taken = set(pairs.values())
    for i, p in enumerate(old):
        if i not in taken:
            free.setdefault((_group(p), p.text), []).append(i)
    for j, p in enumerate(new):
        same = free.get((_group(p), p.text))
        if j not in pairs and same:
            pairs[j] = same.pop(0)


def _pair_alike(old, new, pairs: dict[int, int]) -> None:
    """Pairs by likeness, the most alike first (the nearer of equals)."""
    taken = set(pairs.values())
    lonely_old = [i for i in range(len(old)) if i not in taken]
    candidates = []
    for j in (j for j in range(len(new)) if j not in pairs):
        matcher = SequenceMatcher(None, autojunk=False)
        matcher.set_seq2(new[j].text.split())
        for i in (i for i in lonely_old if _group(old[i]) == _group(new[j])):
            matcher.set_seq1(old[i].text.split())
            if matcher.real_quick_ratio() >= ALIKE and matcher.quick_ratio() >= ALIKE:
                ratio = matcher.ratio()
                if ratio >= ALIKE:
                    candidates.append((-ratio, abs(i - j), j, i))
    for _, _, j, i in sorted(candidates):
        if j not in pairs and i not in taken:
            pairs[j] = i
            taken.add(i)


def _in_order(pairs: list[tuple[int, int]]) -> set[int]:
    """The new indexes of the longest run of pairs whose old indexes rise with the new ones
    (the longest increasing subsequence): the pairs not in it moved."""
    tails: list[int] = []          # the smallest old index ending a run of each length
    ends: list[int] = []           # the pair (its place in `pairs`) that ends it
    back = [-1] * len(pairs)
    for n, (_, i) in enumerate(pairs):
        at = bisect_left(tails, i)
        back[n] = ends[at - 1] if at else -1
        tails[at:at + 1], ends[at:at + 1] = [i], [n]
    kept, n = set(), ends[-1] if ends else -1
    while n >= 0:
        kept.add(pairs[n][0])
        n = back[n]
    return kept


# ---------------------------------------------------------------- words

def words(old: str, new: str) -> list[tuple[WordOp, str]]:
    """The words of `old` against `new`, whitespace kept: runs of kept, deleted and added
    text. A space alone between two edits joins them, so an edit reads as one."""
    a, b = TOKEN.findall(old), TOKEN.findall(new)
    runs: list[tuple[WordOp, str]] = []
    for op, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            runs.append(("=", "".join(a[i1:i2])))
        else:
            runs += [("-", "".join(a[i1:i2])), ("+", "".join(b[j1:j2]))]
    return _joined(runs)


def _joined(runs: list[tuple[WordOp, str]]) -> list[tuple[WordOp, str]]:
    """Adjacent edits as one deletion then one addition; a kept run that is only whitespace
    between two edits becomes part of both."""
    out: list[tuple[WordOp, str]] = []
    gone = came = ""
    for n, (op, text) in enumerate(runs):
        between = 0 < n < len(runs) - 1 and not text.strip() and gone + came
        if op == "=" and not between:
            out += [r for r in (("-", gone), ("+", came)) if r[1]]
            gone = came = ""
            out.append(("=", text))
        else:
            gone += text if op in "-=" else ""
            came += text if op in "+=" else ""
    out += [r for r in (("-", gone), ("+", came)) if r[1]]
    return [r for r in out if r[1]]
