"""Unregistered identifiers in a review's prose: what the identity register does not know.

The register (`identities.py`) finds identifiers someone declared. These detectors look for the
shapes identifiers take — postcodes, phone numbers, e-mail and NHS / National Insurance
numbers, dates of birth, street addresses, person-like names, hospital and case numbers,
schools, handles and vehicle registrations — so that a lead reviewer sees,
before publication, anything nobody thought to register. Every detection is a warning to
resolve: remove or pseudonymise the text, register it, or allow-list it (`known`).

Pure functions over a string: no file access, no network.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from . import detect_ids, detect_names
from .detect_names import near

LABELS = {"postcode": "UK postcode", "phone": "phone number", "email": "e-mail address",
          "nhs_number": "NHS number", "ni_number": "National Insurance number",
          "date_of_birth": "date of birth", "street_address": "street address",
          "person_name": "person's name", "case_number": "hospital or case number",
          "school": "school or nursery", "handle": "social media handle",
          "vehicle": "vehicle registration"}
# an identifier matched by two detectors is reported once, as the more specific kind
PRIORITY = ["email", "handle", "nhs_number", "ni_number", "case_number", "postcode", "phone",
            "vehicle", "date_of_birth", "street_address", "school", "person_name"]


@dataclass(frozen=True)
class Detection:
    kind: str
    text: str
    start: int
    end: int

    @property
    def label(self) -> str:
        return LABELS[self.kind]


# --- shapes ------------------------------------------------------------------------------

# Each pattern starts with a plain character class and only then looks behind (two
# characters, the first one included): the regex engine can then skip ahead to candidate
# characters instead of testing the look-behind at every position, which makes scanning a
# whole review several times faster.

# the letters each position of a postcode may hold (Royal Mail's rules), in any case: people
# type "le2 7qh"; "b1 2nd" is an ordinal after a label, not a postcode (`_postcode`)
POSTCODE = re.compile(
    r"[A-PR-UWYZ](?<![A-Za-z0-9][A-PR-UWYZ])(?:[0-9]{1,2}|[0-9][A-HJKPSTUW]"
    r"|[A-HK-Y][0-9]{1,2}|[A-HK-Y][0-9][ABEHMNPRVWXY])"
    r" ?[0-9][ABD-HJLNP-UW-Z]{2}(?![A-Za-z0-9])", re.I)
EMAIL = re.compile(r"(?<![\w.+-])[\w.%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}\b")
# an address's "@" between word characters: its pattern (which cannot start with a plain class)
# runs only when this fast search finds one, so citations "[@key]" cost nothing
EMAIL_AT = re.compile(r"@(?<=[\w.%+-]@)[A-Za-z0-9-]")
# prefixes: no D F I Q U V, second letter not O, and none of the never-issued pairs
# in any case, spaced or hyphenated: "ab 12 34 56 c", "AB-123456-C"
NI = re.compile(r"[A-CEGHJ-PR-TW-Z](?<![A-Za-z0-9].)[A-CEGHJ-NPR-TW-Z](?<!BG|GB|NK|KN|TN|NT|ZZ)"
                r"[ -]?[0-9]{2}[ -]?[0-9]{2}[ -]?[0-9]{2}[ -]?[A-D](?![A-Za-z0-9])", re.I)

MONTH = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
         r"|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)")
FULL_DATE = re.compile(
    rf"(?<![\w./-])(?:[0-9]{{1,2}}[/.-][0-9]{{1,2}}[/.-](?:[0-9]{{4}}|[0-9]{{2}})"
    rf"|[0-9]{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{MONTH}\s*,?\s+[0-9]{{4}}"
    rf"|{MONTH}\s+[0-9]{{1,2}}(?:st|nd|rd|th)?,?\s+[0-9]{{4}}"
    rf"|[0-9]{{1,2}}-{MONTH}-(?:[0-9]{{4}}|[0-9]{{2}})"
    rf"|[0-9]{{4}}-[0-9]{{2}}-[0-9]{{2}})(?![\w/-]|[.][0-9])", re.I)
# "born", "birth date", "date of birth", "DOB", "d.o.b.", and "b." just before a date
DOB_CUE = re.compile(r"[bd](?<![\w.].)(?:(?<=[bB])(?:orn|irth\s+date)|(?-i:(?<=b))\.(?=\s?[0-9])"
                     r"|(?<=[dD])(?:ate\s+of\s+birth|\.\s?o\.\s?b\.?|ob))(?![\w])", re.I)
# what may stand between a cue and its date: no clause break ("born, until 27 August 2014"),
# unless a comma or colon is all that stands there ("DoB, 08.04.2001"); and no word that
# moves to another time ("born two years before 3 May 2012")
DOB_GAP = re.compile(r"\s*[,:(]\s*|(?:[^,;!?.]|\.(?!\s))*", re.S)
DOB_NOT = re.compile(r"\b(?:until|till|before|after|since|from|between|when|while|but|and|or"
                     r"|later|earlier|ago)\b", re.I)
DOB_REACH = 40

STREET_TYPES = ("Street St Road Rd Avenue Ave Lane Close Drive Way Crescent Court Place Gardens"
                " Terrace Grove Hill Row Walk Square Mews Parade Rise View").split()
STREET = re.compile(
    r"(?:(?:F(?<![\w.,/-].)lat|A(?<![\w.,/-].)partment|U(?<![\w.,/-].)nit) [0-9]+[A-Za-z]?, ?"
    r"[0-9]|[0-9](?<![\w.,/-].))[0-9]{0,2}[A-Za-z]?,? "
    r"(?:[A-Z][a-z]+(?:['’-][A-Za-z][a-z]*)? ){1,3}"
    rf"(?:{'|'.join(STREET_TYPES)})\b(?!-)")
# "Section 20 Children Act", "Child 4 Court": a number after a capitalised word is a label
LABEL_BEFORE = re.compile(r"\b(?:[A-Z][\w’'-]*|para(?:graph)?|pages?|p|no|items?|rows?|steps?"
                          r"|years?|aged?)\.? $")
BEFORE_ADDRESS = {"At", "On", "In", "From", "To", "Of", "Near", "Address", "Lived", "Lives"}
COURTS = {"family", "crown", "county", "magistrates", "magistrates’", "magistrates'", "youth",
          "high", "supreme", "appeal", "coroner's", "coroner’s", "district", "juvenile"}


# --- detectors ---------------------------------------------------------------------------

def nhs_number_valid(digits: str) -> bool:
    """NHS numbers carry a modulus 11 check digit (python-stdnum checks it)."""
    from stdnum.gb import nhs
    return len(digits) == 10 and digits.isdigit() and nhs.is_valid(digits)


ORDINAL = {"1": "st", "2": "nd", "3": "rd"}


def _postcode(written: str) -> bool:
    """Upper case, or an inward code that is not an ordinal ("b1 2nd visit")."""
    digit, end = written[-3], written[-2:]
    return written.isupper() or end.lower() != ORDINAL.get(digit, "th")


# Patterns in any case start with a class holding every letter, which the regex engine tries
# at each one: they are run only just before what ends them, found first by a pattern that
# starts with a digit (postcodes' inward code, NI numbers' digits and letter).
POSTCODE_END = re.compile(r"[0-9][A-Za-z]{2}(?![A-Za-z0-9])")
NI_END = re.compile(r"[0-9]{2}[ -]?[0-9]{2}[ -]?[0-9]{2}[ -]?[A-Da-d](?![A-Za-z0-9])")
SHAPES = {"postcode": (POSTCODE, _postcode, POSTCODE_END, 5), "email": (EMAIL, None, None, 0),
          "ni_number": (NI, None, NI_END, 3)}


def _shapes(text):
    for kind, (pattern, valid, end, reach) in SHAPES.items():
        if kind == "email" and not EMAIL_AT.search(text):
            continue
        for m in near(pattern, end, text, reach) if end else pattern.finditer(text):
            if valid is None or valid(m.group()):
                yield Detection(kind, m.group(), m.start(), m.end())


def _real_date(written: str) -> bool:
    """Day and month in range (the year is whatever it is); "31.02.2011" is not a date."""
    numbers = [int(n) for n in re.findall(r"[0-9]+", written)]
    if numbers[0] > 31:  # 2011-10-20
        numbers = numbers[::-1]
    return 1 <= numbers[0] <= 31 and (len(numbers) < 3 or 1 <= numbers[1] <= 12)


def _dates_of_birth(text):
    """A full date only counts when a cue ("born", "DOB") stands just before it, in the
    same clause: reports are full of event dates, which are not identifiers."""
    for cue in DOB_CUE.finditer(text):
        m = FULL_DATE.search(text, cue.end(), cue.end() + DOB_REACH + 25)
        if not m or m.start() - cue.end() > DOB_REACH:
            continue
        gap = text[cue.end():m.start()]
        if DOB_GAP.fullmatch(gap) and not DOB_NOT.search(gap) and _real_date(m.group()):
            yield Detection("date_of_birth", m.group(), m.start(), m.end())


def _street_addresses(text):
    for m in STREET.finditer(text):
        before = LABEL_BEFORE.search(text[max(0, m.start() - 30):m.start()])
        labelled = before and before.group().rstrip(". ") not in BEFORE_ADDRESS
        words = m.group().split()
        court = words[-1] == "Court" and words[-2].lower() in COURTS
        if not court and not (labelled and not m.group()[0].isalpha()):
            yield Detection("street_address", m.group(), m.start(), m.end())


def _ids(text):
    for finder in detect_ids.FINDERS:
        for kind, start, end in finder(text):
            yield Detection(kind, text[start:end], start, end)


def _names(text):
    for start, end in detect_names.names(text):
        yield Detection("person_name", text[start:end], start, end)


FINDERS = (_shapes, _ids, _dates_of_birth, _street_addresses, _names)


# --- the whole ---------------------------------------------------------------------------

def _norm(phrase: str) -> str:
    return " ".join(phrase.casefold().replace("’", "'").split())


def _words(phrase: str) -> set[str]:
    words = set()
    for w in re.findall(r"[^\W\d_][\w'-]*", _norm(phrase)):
        w = re.sub(r"'s?$", "", w)
        words |= {w, *w.split("-")}
    return words


@lru_cache(maxsize=8)
def _known(known: frozenset[str]) -> tuple[set[str], set[str]]:
    """The known phrases and their words, made once per set (check calls detect per file)."""
    phrases = {_norm(k) for k in known}
    return phrases, set().union(*map(_words, phrases))


# `casereview serve` checks the whole workspace after every save: a text not changed since is
# not read for identifiers again (two thirds of the time of a check)
@lru_cache(maxsize=1024)
def detect(text: str, known: frozenset[str] = frozenset()) -> tuple[Detection, ...]:
    """Every likely identifier in `text`, in order of position. `known` holds phrases that are
    allowed (declared pseudonyms such as "Child B1", "Father 2", agency and organisation names,
    role names, professionals' declared names, the workspace's allow-list), compared
    case-insensitively; a detection whose text equals a known phrase, or a person_name whose
    every word is part of a known phrase, is not reported."""
    phrases, known_words = _known(known)
    found = [d for finder in FINDERS for d in finder(text)
             if _norm(d.text) not in phrases
             and not (d.kind == "person_name" and _words(d.text) <= known_words)]
    # where two detections overlap, the more specific kind (PRIORITY order) is the one kept
    kept: list[Detection] = []
    for d in sorted(found, key=lambda d: (PRIORITY.index(d.kind), d.start, -d.end)):
        if all(d.end <= k.start or k.end <= d.start for k in kept):
            kept.append(d)
    return tuple(sorted(kept, key=lambda d: (d.start, d.end)))   # cached: not to be changed
