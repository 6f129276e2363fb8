"""The identity register: real identifiers (names, addresses, postcodes, schools, dates of
birth, case numbers) with the pseudonym or wording to use instead, and the matcher that finds
them in any text however they are written: any case, possessive, diacritics, hyphenated or
broken across lines, spaced oddly, or as initials with surname.

The register can be kept as salted hashes: every variant of every identifier is normalised,
then hashed, and text is scanned by hashing its word sequences the same way, so a committed
workspace need never hold a real name in plain text.
"""
from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

Kind = Literal["name", "nickname", "alias", "address", "postcode", "school", "nursery", "dob",
               "hospital_number", "case_number", "nhs_number", "other"]
_WORD = re.compile(r"[a-z0-9]+")
# soft hyphens and typesetters' breaks (U+FFFE from PDF text), and a hyphen that ends a line
# or is followed by a space inside a word ("Fenwh- istle", "Fenwh-\nistle"): joined again
_BROKEN = re.compile(r"[\u00ad\u200b\ufffe]\s*|(?<=[a-z])-[ \t]*(?:\r?\n)?\s+(?=[a-z])", re.I)
_COMBINING = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")
# letters NFKD does not decompose into a base letter
_FOLD_MAP = ({"ł": "l", "ø": "o", "đ": "d", "ß": "ss", "æ": "ae", "œ": "oe",
                       "þ": "th", "ð": "d", "ı": "i", "ŀ": "l", "Ł": "l", "Ø": "o", "Đ": "d",
                       "Æ": "ae", "Œ": "oe", "Þ": "th", "Ð": "d", "\u2019": "'"})
_FOLD = re.compile("[" + "".join(_FOLD_MAP) + "]")
MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august",
          "september", "october", "november", "december"]


class Identity(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)
    real: str = Field(min_length=1, description="The real identifier, as it might be written")
    use: str = Field(min_length=1, description="The pseudonym or wording to use instead")
    kind: Kind = "name"
    also: list[str] = Field(default=[], description="Other spellings, nicknames, aliases")


class HashedIdentity(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)
    hashes: list[str] = Field(min_length=1, description="Salted hashes of every variant")
    anchors: list[str] = Field(default=[], description="Salted hashes of each variant's longest "
                               "word: a text holding none of them is passed over quickly")
    use: str
    kind: Kind = "name"


class Register(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)
    salt: str | None = None
    identities: list[Identity] = []
    hashed: list[HashedIdentity] = []


def normalise(text: str) -> str:
    """Lower case, no diacritics, words broken across lines joined again."""
    if not text.isascii():      # most of what the scan reads (scripts, styles) is ASCII
        text = _COMBINING.sub("", unicodedata.normalize("NFKD", text))
        text = _FOLD.sub(lambda m: _FOLD_MAP[m[0]], text)
    return _BROKEN.sub("", text.casefold())


def words(text: str) -> list[str]:
    return _WORD.findall(normalise(text))


def variants(identity: Identity) -> set[tuple[str, ...]]:
    """Every word sequence that stands for the identifier."""
    out: set[tuple[str, ...]] = set()
    for form in [identity.real, *identity.also]:
        w = tuple(words(form))
        if not w:
            continue
        out.add(w)
        if len(w) > 1:
            out.add(("".join(w),))                              # LE16ZG, SmithJones
        parts = [tuple(words(p)) for p in form.split() if words(p)]
        if identity.kind == "name" and len(parts) > 1:
            first, last = parts[0], parts[-1]      # a part may be several words: Brontë-Hale
            initials = tuple(p[0][0] for p in parts[:-1])
            out |= {first + last, (first[0][0],) + last, initials + last,
                    first + ("".join(last),), (first[0][0], "".join(last))}
        if identity.kind == "dob":
            out |= _date_forms(form)
    return out


def _date_forms(text: str) -> set[tuple[str, ...]]:
    m = re.search(r"(\d{4})-(\d{2})-(\d{2})", text) or None
    if not m:
        return set()
    d = date(int(m[1]), int(m[2]), int(m[3]))
    month, day = MONTHS[d.month - 1], str(d.day)
    suffix = "th" if 11 <= d.day <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(d.day % 10, "th")
    numeric = [(f"{d.day:02d}", f"{d.month:02d}"), (day, str(d.month))]
    out = {(dd, mm, str(d.year)) for dd, mm in numeric} | {(dd, mm, f"{d.year % 100:02d}") for dd, mm in numeric}
    out |= {(day, month, str(d.year)), (day + suffix, month, str(d.year)), (month, day, str(d.year)),
            (day, month[:3], str(d.year)), (str(d.year), f"{d.month:02d}", f"{d.day:02d}")}
    return out


def anchor(words_: tuple[str, ...]) -> str:
    """The word of a key least likely to be common: its longest."""
    return max(words_, key=len)


def digest(salt: str, key: str) -> str:
    return hashlib.blake2b(f"{salt}\x00{key}".encode(), digest_size=16).hexdigest()


def hash_register(register: Register, salt: str) -> Register:
    """The same register with every plain identity replaced by the hashes of its variants."""
    hashed = [HashedIdentity(hashes=sorted(digest(salt, " ".join(v)) for v in variants(i)),
                             anchors=sorted({digest(salt, anchor(v)) for v in variants(i)}),
                             use=i.use, kind=i.kind) for i in register.identities]
    return Register(salt=salt, hashed=[*register.hashed, *hashed])


@dataclass(frozen=True)
class Hit:
    entry: int          # 1-based number of the register entry
    kind: str
    use: str
    line: int           # 1-based line of the scanned text where it starts
    col: int = 1        # 1-based column (as in the normalised line)


class Matcher:
    """Finds register identifiers in text, plain or hashed alike: every run of up to
    `longest` words is looked up (hashed first when the register is)."""

    def __init__(self, register: Register):
        self.salt = register.salt or ""
        self.hashed = bool(register.hashed)
        # a key may stand for several entries: "A. Zouch" is Anaïs Zouch and Aldric Zouch
        self.keys: dict[str, list[tuple[int, str, str]]] = {}
        self.longest = 6 if self.hashed else 1      # a hash does not tell its word count
        for n, identity in enumerate(register.identities, start=1):
            for v in variants(identity):
                self.keys.setdefault(self._key(" ".join(v)), []).append((n, identity.kind, identity.use))
                self.longest = max(self.longest, len(v))
        plain_anchors = {anchor(v) for i in register.identities for v in variants(i)}
        self.anchors = {self._key(a) for a in plain_anchors}
        for n, entry in enumerate(register.hashed, start=len(register.identities) + 1):
            for h in entry.hashes:
                self.keys.setdefault(h, []).append((n, entry.kind, entry.use))
            self.anchors |= set(entry.anchors) if entry.anchors else {None}   # None: cannot tell

    def _key(self, key: str) -> str:
        return digest(self.salt, key) if self.hashed else key

    def __bool__(self) -> bool:
        return bool(self.keys)

    def _anchored(self, words_: set[str]) -> set[str]:
        """The words of a text that some key needs (all of them when an entry cannot tell)."""
        if None in self.anchors:
            return words_
        return {w for w in words_ if self._key(w) in self.anchors}

    def find(self, text: str) -> list[Hit]:
        if not self.keys:
            return []
        norm = normalise(text)
        anchored = self._anchored(set(_WORD.findall(norm)))
        if not anchored:
            return []       # most texts hold no word any key needs
        spans = [(m.group(), m.start()) for m in _WORD.finditer(norm)]
        words_ = [w for w, _ in spans]
        # a key holds its anchor, so it starts at most `longest - 1` words before one
        starts = sorted({s for p, w in enumerate(words_) if w in anchored
                         for s in range(max(0, p - self.longest + 1), p + 1)})
        hits, free = [], 0
        for i in starts:
            size = self._match(words_, i) if i >= free else 0
            if size:
                offset = spans[i][1]
                line, col = _line(text, norm, offset), offset - norm.rfind("\n", 0, offset)
                hits += [Hit(*found, line, col)
                         for found in self.keys[self._key(" ".join(words_[i:i + size]))]]
                free = i + size
        return hits

    def _match(self, words_: list[str], i: int) -> int:
        """The length of the longest register key starting at word i, or 0."""
        for n in range(min(self.longest, len(words_) - i), 0, -1):
            if self._key(" ".join(words_[i:i + n])) in self.keys:
                return n
        return 0


def _line(text: str, norm: str, offset: int) -> int:
    """The original line of an offset in the normalised text: newlines survive normalising,
    except where a word broken across lines was joined; those joins are counted back in."""
    line = norm.count("\n", 0, offset) + 1
    if "\n" not in text or text.count("\n") == norm.count("\n"):
        return line
    removed = 0
    for m in _BROKEN.finditer(text):
        if m.start() - removed > offset:
            break
        line += m.group().count("\n")
        removed += len(m.group())
    return line
