"""Every written form of a register entry, as word sequences in the normal form.

A name is written whole, in part, reordered, with initials or an added middle initial, and
transliterated (Müller as Mueller); an address without its number or street type or with the
type abbreviated; a school without its type word or apostrophe; an NHS number in any
grouping; a date of birth in every spelling people write. A single word that is also an
ordinary English word ("Hope", "Brown") is kept apart (`weak`): the matcher takes it alone
only where it cannot be the word.
"""
from __future__ import annotations

import itertools
import re
from datetime import date
from functools import lru_cache
from importlib import resources


from .normal_form import normalise

_WORD = re.compile(r"[a-z0-9]+")
MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august",
          "september", "october", "november", "december"]
# letters people write in two ways: the normal form keeps the first, a register may hold either
TRANSLITERATE = {"ü": ("u", "ue"), "ö": ("o", "oe"), "ä": ("a", "ae"), "ø": ("o", "oe"),
                 "å": ("a", "aa")}
STREET_TYPES = {"road": "rd", "street": "st", "avenue": "ave", "close": "cl", "lane": "ln",
                "drive": "dr", "court": "ct", "crescent": "cres", "gardens": "gdns",
                "place": "pl", "terrace": "terr", "square": "sq", "way": "", "grove": "gr"}
SCHOOL_WORDS = {"primary", "school", "infant", "infants", "junior", "academy", "nursery",
                "day", "c", "of", "e", "ce", "church", "england", "catholic", "rc", "pre",
                "preschool", "college", "high", "secondary", "community", "and", "children's",
                "centre", "ce", "voluntary", "aided", "trust"}
SCHOOL_TYPES = [(), ("school",), ("primary",), ("primary", "school"), ("academy",),
                ("nursery",), ("day", "nursery"), ("infant", "school"), ("junior", "school"),
                ("c", "of", "e", "primary", "school"), ("catholic", "primary", "school")]
PEOPLE = ("name", "nickname", "alias")


def words(text: str) -> tuple[str, ...]:
    return tuple(_WORD.findall(normalise(text)))


@lru_cache(maxsize=1)
def ordinary_words() -> frozenset[str]:
    text = resources.files("casereview").joinpath("data/ordinary_words.txt").read_text()
    return frozenset(w for w in text.split() if not w.startswith("#") and w.isalpha())


def _spellings(form: str) -> set[str]:
    """The form and its transliterations (Müller, Mueller); the normal form gives Muller."""
    lower = form.casefold()
    options = [TRANSLITERATE.get(c, (c,)) for c in lower]
    if len([o for o in options if len(o) > 1]) > 4:     # bounded: 2^4 spellings at most
        return {form}
    return {form} | {"".join(p) for p in itertools.product(*options)}


def variants(real: str, kind: str, also: list[str] = (),
             wording: frozenset[str] = frozenset()) -> tuple[set, set]:
    """(strong, weak): word sequences that stand for the identifier anywhere, and single
    ordinary words that stand for it only where they cannot be the word. A single word of
    the review's own `wording` (the roles and pseudonyms written instead: "A Reviewer" shown
    as "Independent Reviewer") is not taken alone."""
    strong: set[tuple[str, ...]] = set()
    for form in [real, *also]:
        for spelling in _spellings(form):
            strong |= _forms(spelling, kind)
    strong.discard(())
    # one letter alone is an initial, not a name ("A Reviewer")
    strong = {v for v in strong if len(v) > 1 or (v[0] not in wording and len(v[0]) > 1)}
    weak = {v for v in strong if len(v) == 1 and v[0] in ordinary_words()}
    return strong - weak, weak


def _forms(form: str, kind: str) -> set[tuple[str, ...]]:
    w = words(form)
    if not w:
        return set()
    out = {w, ("".join(w),)} if kind not in ("dob",) else {w}     # LE16ZG, SmithJones
    out |= {words(form.replace("'", "").replace("\u2019", ""))}      # St Marys
    out |= FORMS.get(kind, lambda _: set())(form)
    return out


def _person(form: str) -> set[tuple[str, ...]]:
    from nameparser import HumanName   # only registers with names pay for it (and its asyncio)
    name = HumanName(form)
    first, middle, last = words(name.first), words(name.middle), words(name.last)
    if not last:
        return {first} if first else set()
    out = {last, ("".join(last),)}
    if not first:
        return out
    initials = tuple(p[0] for p in first + middle)
    out |= {first, first + last, first + middle + last, last + first, last + first + middle,
            (first[0],) + last, initials + last, ("".join(initials),) + last,
            first + ("".join(last),), (first[0], "".join(last))}
    # an added middle initial: Lucía K. Okafor
    out |= {first + (c,) + last for c in "abcdefghijklmnopqrstuvwxyz"}
    return out


def _address(form: str) -> set[tuple[str, ...]]:
    street = words(form.split(",")[0])
    if street and street[0][0].isdigit():
        street = street[1:]                                  # the house number is optional
    out = {street}
    if len(street) > 1 and street[-1] in STREET_TYPES:
        name = street[:-1]
        out |= {name, name + (STREET_TYPES[street[-1]],)} if STREET_TYPES[street[-1]] else {name}
    return out


def _school(form: str) -> set[tuple[str, ...]]:
    w = words(form.replace("'", "").replace("\u2019", ""))
    base = w
    while len(base) > 1 and base[-1] in SCHOOL_WORDS:
        base = base[:-1]
    bases = {base}
    if base and base[0] in ("st", "saint"):
        bases |= {("st",) + base[1:], ("saint",) + base[1:]}
    if base and base[-1].endswith("s") and len(base) > 1:      # St Marys: St Mary s
        bases |= {b[:-1] + (b[-1][:-1], "s") for b in set(bases)}
    return {b + t for b in bases for t in SCHOOL_TYPES}


def _number(form: str) -> set[tuple[str, ...]]:
    """Digits in any grouping of up to four groups: 943 476 5919, 9434765919, 94-34-765919."""
    digits = "".join(words(form))
    if not digits.isdigit() or len(digits) > 12:
        return set()
    out = set()
    for cuts in range(4):
        for points in itertools.combinations(range(1, len(digits)), cuts):
            bounds = (0, *points, len(digits))
            out.add(tuple(digits[a:b] for a, b in zip(bounds, bounds[1:])))
    return out


def _date(form: str) -> set[tuple[str, ...]]:
    m = re.search(r"(\d{4})-(\d{2})-(\d{2})", form)
    if not m:
        return set()
    try:
        d = date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        return set()
    suffix = "th" if 11 <= d.day <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(d.day % 10, "th")
    days = {str(d.day), f"{d.day:02d}", f"{d.day}{suffix}"}
    month = MONTHS[d.month - 1]
    months = {month, month[:3], month[:4]}          # March, Mar, Sept
    years = {str(d.year), f"{d.year % 100:02d}"}
    out = {(dd, *of, mm, y) for dd in days for of in ((), ("of",)) for mm in months
           for y in years}
    out |= {(mm, dd, y) for dd in days for mm in months for y in years}
    out |= {(dd, mm, y) for dd in (str(d.day), f"{d.day:02d}")
            for mm in (str(d.month), f"{d.month:02d}") for y in years}
    out.add((str(d.year), f"{d.month:02d}", f"{d.day:02d}"))
    return out


FORMS = {"name": _person, "nickname": _person, "alias": _person, "address": _address,
         "school": _school, "nursery": _school, "dob": _date, "nhs_number": _number}
