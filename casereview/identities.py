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
_BROKEN = re.compile(r"[\u00ad\u200b]\s*|(?<=[a-z])-[ \t]*\r?\n\s*(?=[a-z])", re.I)
MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august",
          "september", "october", "november", "december"]


class Identity(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")
    real: str = Field(min_length=1, description="The real identifier, as it might be written")
    use: str = Field(min_length=1, description="The pseudonym or wording to use instead")
    kind: Kind = "name"
    also: list[str] = Field(default=[], description="Other spellings, nicknames, aliases")


class HashedIdentity(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")
    hashes: list[str] = Field(min_length=1, description="Salted hashes of every variant")
    use: str
    kind: Kind = "name"


class Register(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")
    salt: str | None = None
    identities: list[Identity] = []
    hashed: list[HashedIdentity] = []


def normalise(text: str) -> str:
    """Lower case, no diacritics, words broken across lines joined again."""
    text = unicodedata.normalize("NFKD", text.replace("\u2019", "'"))
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    return _BROKEN.sub("", text)


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
        if identity.kind == "name" and len(w) > 1:
            first, last = w[0], w[-1]
            out |= {(first, last), (first[0], last), tuple(x[0] for x in w[:-1]) + (last,)}
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


def digest(salt: str, key: str) -> str:
    return hashlib.blake2b(f"{salt}\x00{key}".encode(), digest_size=16).hexdigest()


def hash_register(register: Register, salt: str) -> Register:
    """The same register with every plain identity replaced by the hashes of its variants."""
    hashed = [HashedIdentity(hashes=sorted(digest(salt, " ".join(v)) for v in variants(i)),
                             use=i.use, kind=i.kind) for i in register.identities]
    return Register(salt=salt, hashed=[*register.hashed, *hashed])


@dataclass(frozen=True)
class Hit:
    entry: int          # 1-based number of the register entry
    kind: str
    use: str
    line: int           # 1-based line of the scanned text where it starts


class Matcher:
    """Finds register identifiers in text, plain or hashed alike: every run of up to
    `longest` words is looked up (hashed first when the register is)."""

    def __init__(self, register: Register):
        self.salt = register.salt or ""
        self.hashed = bool(register.hashed)
        self.keys: dict[str, tuple[int, str, str]] = {}
        self.longest = 6 if self.hashed else 1      # a hash does not tell its word count
        for n, identity in enumerate(register.identities, start=1):
            for v in variants(identity):
                self.keys[self._key(" ".join(v))] = (n, identity.kind, identity.use)
                self.longest = max(self.longest, len(v))
        for n, entry in enumerate(register.hashed, start=len(register.identities) + 1):
            self.keys.update({h: (n, entry.kind, entry.use) for h in entry.hashes})
        self.first = {k.split(" ")[0] for k in self.keys} if not self.hashed else None

    def _key(self, key: str) -> str:
        return digest(self.salt, key) if self.hashed else key

    def __bool__(self) -> bool:
        return bool(self.keys)

    def find(self, text: str) -> list[Hit]:
        norm = normalise(text)
        spans = [(m.group(), m.start()) for m in _WORD.finditer(norm)]
        words_ = [w for w, _ in spans]
        hits, i = [], 0
        while i < len(words_):
            size = self._match(words_, i)
            if size:
                found = self.keys[self._key(" ".join(words_[i:i + size]))]
                hits.append(Hit(*found, _line(text, norm, spans[i][1])))
                i += size
            else:
                i += 1
        return hits

    def _match(self, words_: list[str], i: int) -> int:
        """The length of the longest register key starting at word i, or 0."""
        if self.first is not None and words_[i] not in self.first:
            return 0
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
