"""The identity register: real identifiers (names, addresses, postcodes, schools, dates of
birth, case numbers) with the pseudonym or wording to use instead, and the matcher that finds
them in any text however they are written (normal_form.py says how a text is brought to one
form, name_forms.py which forms an entry takes).

The register can be kept hashed: every form of every identifier is put through a keyed hash
(BLAKE2b) whose key lives outside the repository, and text is scanned by hashing its word
sequences the same way. Without the key nobody can test a guess against the hashes, so a
committed workspace gives away no identifier, however few the candidates (a date of birth).
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr

from .name_forms import PEOPLE, variants as forms
from .normal_form import fold, normalise

Kind = Literal["name", "nickname", "alias", "address", "postcode", "school", "nursery", "dob",
               "hospital_number", "case_number", "nhs_number", "other"]
_WORD = re.compile(r"[a-z0-9]+")
# words that make the next one a name whatever its case: "Mrs hope", "Baby Brown"
TITLES = {"mr", "mrs", "ms", "miss", "mx", "dr", "baby", "master", "sir", "lady", "dame",
          "auntie", "aunty", "uncle", "nan", "grandma", "grandad"}
# what may end a sentence or start a line before a word: a capital after it may be the word's
_SENTENCE = set(".!?:;\n\"'(#>*|-_[\u201c\u2018") | {""}
KEY_CHECK = "casereview identity register key check"


class Identity(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)
    real: str = Field(min_length=1, description="The real identifier, as it might be written")
    use: str = Field(min_length=1, description="The pseudonym or wording to use instead")
    kind: Kind = "name"
    also: list[str] = Field(default=[], description="Other spellings, nicknames, aliases")


class HashedIdentity(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)
    hashes: list[str] = Field(min_length=1, description="Keyed hashes of every written form")
    weak: list[str] = Field(default=[], description="Keyed hashes of its parts that are also "
                            "ordinary words: matched alone only where they cannot be the word")
    anchors: list[str] = Field(default=[], description="Keyed hashes of each form's longest "
                               "word: a text holding none of them is passed over quickly")
    longest: int = Field(default=6, ge=1, description="Words in its longest form")
    use: str
    kind: Kind = "name"


class Register(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)
    salt: str | None = Field(default=None, description="Registers made before keyed hashing "
                             "only: refused, as anyone can reverse them")
    key_check: str | None = Field(default=None, description="A keyed hash that tells whether "
                                  "the key given is the one the register was made with")
    identities: list[Identity] = []
    hashed: list[HashedIdentity] = []
    _key: bytes | None = PrivateAttr(default=None)     # never read from or written to a file

    def with_key(self, key: bytes | None) -> "Register":
        out = self.model_copy()
        out._key = key
        return out


def words(text: str) -> list[str]:
    return _WORD.findall(normalise(text))


def variants(identity: Identity) -> set[tuple[str, ...]]:
    """Every word sequence that stands for the identifier (ordinary-word parts included)."""
    strong, weak = forms(identity.real, identity.kind, identity.also)
    return strong | weak


def anchor(words_: tuple[str, ...]) -> str:
    """The word of a key least likely to be common: its longest."""
    return max(words_, key=len)


def key_material(secret: str) -> bytes:
    """A BLAKE2b key (at most 64 bytes) from a secret of any length."""
    return hashlib.sha256(secret.strip().encode()).digest()


def digest(key: bytes, text: str) -> str:
    return hashlib.blake2b(text.encode(), key=key, digest_size=16).hexdigest()


def hash_register(register: Register, key: bytes) -> Register:
    """The same register with every plain identity replaced by the keyed hashes of its
    forms, and a check value telling a wrong key from the right one."""
    hashed = []
    for i in register.identities:
        strong, weak = forms(i.real, i.kind, i.also)
        every = strong | weak
        hashed.append(HashedIdentity(
            hashes=sorted(digest(key, " ".join(v)) for v in strong),
            weak=sorted(digest(key, v[0]) for v in weak),
            anchors=sorted({digest(key, anchor(v)) for v in every}),
            longest=max(map(len, every)), use=i.use, kind=i.kind))
    return Register(key_check=digest(key, KEY_CHECK), hashed=[*register.hashed, *hashed])


@dataclass(frozen=True)
class Hit:
    entry: int          # 1-based number of the register entry
    kind: str
    use: str
    line: int           # 1-based line of the scanned text where it starts
    col: int = 1        # 1-based column in the original line
    ambiguous: str = ""  # an ordinary word where it may be the word: as written


class Matcher:
    """Finds register identifiers in text, plain or hashed alike: every run of up to
    `longest` words is looked up (hashed first when the register is). A part of a name that
    is also an ordinary word is a hit where it is a name (after a title, or capitalised
    mid-sentence), and an ambiguous hit elsewhere unless `allowed` lists it."""

    def __init__(self, register: Register, allowed: frozenset[str] = frozenset()):
        self.key = register._key
        self.hashed = bool(register.hashed)
        self.allowed = {normalise(a).strip() for a in allowed}
        # a key may stand for several entries: "A. Zouch" is Anaïs Zouch and Aldric Zouch
        self.keys: dict[str, list[tuple[int, str, str]]] = {}
        self.weak: dict[str, list[tuple[int, str, str]]] = {}
        self.anchors: set[str] = set()
        self.longest = 1
        self._digests: dict[str, str] = {}
        # the words written instead of identifiers are the review's own, never one alone
        self.wording = frozenset(w for i in register.identities for w in words(i.use))
        if self.hashed and self.key is None:
            return              # nothing can match: check says the key is missing
        for n, identity in enumerate(register.identities, start=1):
            self._add_plain(n, identity)
        for n, entry in enumerate(register.hashed, start=len(register.identities) + 1):
            found = (n, entry.kind, entry.use)
            for h in entry.hashes:
                self.keys.setdefault(h, []).append(found)
            for h in entry.weak:
                self.weak.setdefault(h, []).append(found)
            self.anchors |= set(entry.anchors)
            self.longest = max(self.longest, entry.longest)

    def _add_plain(self, n: int, identity: Identity) -> None:
        strong, weak = forms(identity.real, identity.kind, identity.also, self.wording)
        found = (n, identity.kind, identity.use)
        for v in strong:
            self.keys.setdefault(self._key(" ".join(v)), []).append(found)
        for v in weak:
            self.weak.setdefault(self._key(v[0]), []).append(found)
        self.anchors |= {self._key(anchor(v)) for v in strong | weak}
        self.longest = max([self.longest, *map(len, strong | weak)])

    def _key(self, key: str) -> str:
        if not self.hashed:
            return key
        if key not in self._digests:     # a review repeats its words: each hashed once
            self._digests[key] = digest(self.key, key)
        return self._digests[key]

    def __bool__(self) -> bool:
        return bool(self.keys or self.weak)

    def find(self, text: str) -> list[Hit]:
        if not self:
            return []
        norm, _ = fold(text)
        anchored = {w for w in set(_WORD.findall(norm)) if self._key(w) in self.anchors}
        if not anchored:
            return []       # most texts hold no word any key needs
        spans = [(m.group(), m.start(), m.end()) for m in _WORD.finditer(norm)]
        found = list(self._found([w for w, _, _ in spans], anchored))
        if not found:
            return []
        where = fold(text, mapped=True)[1]
        hits = []
        for i, size, entries, weak in found:
            start, end = where[spans[i][1]], where[spans[i][2] - 1] + 1
            written = self._ambiguous(text[start], norm, spans, i) if weak else ""
            if written is None:
                continue
            line, col = text.count("\n", 0, start) + 1, start - text.rfind("\n", 0, start)
            hits += [Hit(*e, line, col, written and text[start:end]) for e in entries]
        return hits

    def _found(self, words_: list[str], anchored: set[str]):
        """(first word, words, entries, weak) of each key found, longest first, no overlap."""
        # a key holds its anchor, so it starts at most `longest - 1` words before one
        starts = sorted({s for p, w in enumerate(words_) if w in anchored
                         for s in range(max(0, p - self.longest + 1), p + 1)})
        free = 0
        for i in starts:
            if i < free:
                continue
            size = self._match(words_, i)
            if size:
                free = i + size
                yield i, size, self.keys[self._key(" ".join(words_[i:i + size]))], False
            elif self._key(words_[i]) in self.weak:
                free = i + 1
                yield i, 1, self.weak[self._key(words_[i])], True

    def _match(self, words_: list[str], i: int) -> int:
        """The length of the longest register key starting at word i, or 0."""
        for n in range(min(self.longest, len(words_) - i), 0, -1):
            if self._key(" ".join(words_[i:i + n])) in self.keys:
                return n
        return 0

    def _ambiguous(self, first: str, norm: str, spans, i: int) -> str | None:
        """An ordinary word that is a name part: "" where it is the name (after a title, or
        capitalised mid-sentence), None where it may be the word and is allowed, else "?"."""
        if i and spans[i - 1][0] in TITLES:
            return ""
        before = norm[:spans[i][1]].rstrip(" \t")[-1:]
        if first.isupper() and before not in _SENTENCE:
            return ""
        return None if spans[i][0] in self.allowed else "?"

