"""Identifiers with a shape of their own: phone numbers (phonenumbers), NHS numbers
(python-stdnum), hospital and case numbers, social media handles, vehicle registrations and
schools or nurseries by name. Each finder yields (kind, start, end).

The field libraries are imported only when a text holds a candidate: phonenumbers' metadata
and python-stdnum take longer to load than `check` takes to read the whole example.
"""
from __future__ import annotations

import re
from functools import lru_cache

from .detect_names import near, ordinary

# --- phone numbers -----------------------------------------------------------------------

# a run of nine or more digits (with spaces, dots, dashes, brackets) starting as a phone number
# does: only then is phonenumbers loaded and run, over that line alone
PHONE_HINT = re.compile(r"(?:\+|\(|0)(?<![\w+/.(-][+(0])[0-9( ]*[0-9](?:[ ().-]{0,3}[0-9]){7,}")


@lru_cache(maxsize=1)
def _phonenumbers():
    import phonenumbers
    return phonenumbers


def phones(text: str):
    done = -1
    for hint in PHONE_HINT.finditer(text):
        if hint.start() < done:
            continue
        start = text.rfind("\n", 0, hint.start()) + 1
        done = text.find("\n", hint.end())
        done = len(text) if done < 0 else done
        yield from _phones_in(text[start:done], start)


# ten digits a UK number has once its 0 is dropped ("7700 900589"), just after a word about a
# phone: only there, as ten digits alone are more often a reference or an NHS number
BARE_PHONE = re.compile(r"[127](?<![\w+/.(-][127])(?<![0-9][ -][127])(?:[ -]?[0-9]){9}"
                        r"(?![\w-]|[.,/][0-9])")
PHONE_CUE = re.compile(r"\b(?:phone|mobile|number|tel|landline|rang|ring|call(?:ed)?|text(?:ed)?"
                       r"|contact)\b(?:\s+[a-z]+){0,2}\s*[:,]?\s*$", re.I)


def bare_phones(text: str):
    for m in BARE_PHONE.finditer(text):
        if not PHONE_CUE.search(text, max(0, m.start() - 30), m.start()):
            continue
        pn = _phonenumbers()
        written = "0" + re.sub(r"\D", "", m.group())
        if _phone(pn, written, pn.parse(written, "GB")):
            yield "phone", m.start(), m.end()


def _phones_in(line: str, offset: int):
    pn = _phonenumbers()
    for m in pn.PhoneNumberMatcher(line, "GB", leniency=pn.Leniency.POSSIBLE):
        if _phone(pn, m.raw_string, m.number):
            yield "phone", offset + m.start, offset + m.end


def _phone(pn, raw: str, number) -> bool:
    """A number phonenumbers holds valid; or a UK one written as a phone number is (leading 0
    or +44) with a phone's length, which the fictional ranges Ofcom keeps for drama (07700
    900xxx, 01632 960xxx) are, though the library does not count them valid."""
    if raw[0] not in "0+(":     # 2013/04567, 943 476 5919: case and NHS numbers
        return False
    if pn.is_valid_number(number):
        return True
    national = str(number.national_number)
    return number.country_code == 44 and len(national) in (9, 10) and national[0] in "12378"


# --- NHS numbers ---------------------------------------------------------------------------

# ten digits grouped any way (3-3-4 on the card, 4-3-3 or 2-2-2-2-2 in letters), not part of a
# date, a decimal or a longer number (nor the end of one: "0044 7492 770464"); a leading 0 is
# a phone number's
NHS = re.compile(r"[1-9](?<![\w.,/-][1-9])(?<![0-9][ -][1-9])(?:[ -]?[0-9]){9}"
                 r"(?![\w-]|[.,/][0-9])")


def nhs_numbers(text: str):
    for m in NHS.finditer(text):
        from stdnum.gb import nhs      # only when ten digits stand together
        if nhs.is_valid(re.sub(r"\D", "", m.group())):
            yield "nhs_number", m.start(), m.end()


# --- hospital, case and reference numbers ----------------------------------------------------

_CUE = (r"(?:(?:hospital|patient|case|client|crime|police|incident|file|record|referral|court"
        r"|claim|unit|RiO|SystmOne|EMIS|Mosaic|Liquid\s?Logic|CAD|log|account|prison(?:er)?"
        r"(?:['’]s)?|MARAC|pupil)\s+"
        r"(?:number|no\.?|num\.?|ref(?:erence)?\.?|ID)|MRN|CRN|URN|PNC(?:\s+ID)?|hosp\.?\s+no\.?"
        r"|case\s+(?!number)(?=[0-9])|(?-i:ID|CID|PID|SRN|UPN|NHI|LAC)|ref(?:erence)?\.?:"
        r"|(?:file|occurrence|log|reference)(?=\s+[A-Z]{0,4}[/ -]?[0-9]))")
# the number itself: at least three digits, maybe letters and / - between ("CR/0456712/14"),
# or groups of digits after a space ("RX1 882 4471"); a clause may stand between the cue and
# it ("the reference for the inquest was ZE 4471/15")
CASE_NO = re.compile(rf"\b{_CUE}(?:\s+(?:for|of|in|on)(?:\s+[a-z’'-]+){{1,3}})?"
                     r"\s*,?\s*(?:is\s+|was\s+)?[:#]?\s*"
                     r"((?:[A-Za-z]{1,4}[/ -]?)?[0-9][A-Za-z0-9/-]{2,}[0-9A-Za-z]"
                     r"|[A-Za-z]{1,3}[0-9]{1,3}(?: [0-9]{3,4}){2}|[0-9]{3,4}(?: [0-9]{3,4}){2})"
                     r"(?![\w/-])", re.I)


# the end of a code with digits in it, which the cue's pattern then looks just before
# ("DV-2014-00871": its end starts after the letters' hyphen, not a digit's)
CODE_END = re.compile(r"[0-9](?<![0-9/][0-9])(?<![0-9]-[0-9])[A-Za-z0-9/-]*(?<=[0-9A-Za-z])"
                      r"(?![\w/-])")


YEAR = re.compile(r"(?:19|20)[0-9]{2}")
# references whatever stands before them: a unique pupil number (a letter, twelve digits), a
# prisoner number (A1234BC), and references with a slash and a long part ("44/1187/13",
# "2015/118827", "FH/2013/1184", "ZE 4471/15"); dates and "2015/16" have no long part
REF_SHAPE = re.compile(
    r"[A-Z0-9](?<![\w/.-].)(?:(?<=[A-Z])(?:[0-9]{12}|[0-9]{4}[A-Z]{2}"
    r"|[A-Z]{0,3}[/ ]?(?!(?:19|20)[0-9]{2}/[0-9]{2}(?![0-9/]))[0-9]{4,}(?:/[0-9]+)+)"
    r"|(?<=[0-9])[0-9]{1,3}/[0-9]{4,}/[0-9]{2,4}|(?<=[12])[0-9]{3}/[0-9]{5,})(?![\w/-])")


DIGIT_SPACE = {f"{d} " for d in "0123456789"}


def case_numbers(text: str):
    for end in CODE_END.finditer(text):
        code = end.group()
        grouped = text[max(0, end.start() - 2):end.start()] in DIGIT_SPACE  # "551 2093"
        if sum(c.isdigit() for c in code) < 4 or (YEAR.fullmatch(code) and not grouped):
            continue      # the years and short numbers a review is full of: no cue looked for
        for m in CASE_NO.finditer(text, max(0, end.start() - 45), end.end()):
            if m.end() == end.end():
                yield "case_number", m.start(1), m.end(1)
    for m in REF_SHAPE.finditer(text):
        yield "case_number", m.start(), m.end()


# --- social media handles ------------------------------------------------------------------

# "@name", but not a citation ("[@key]", "[see @key; @other]") nor an e-mail address
HANDLE = re.compile(r"@(?<![\w.@\[;-]@)(?<!; @)[A-Za-z0-9_](?:[A-Za-z0-9_.]{0,28}[A-Za-z0-9_])?"
                    r"(?![\w@])")
SITES = (r"(?:Facebook|Instagram|Snapchat|TikTok|Twitter|WhatsApp|YouTube|Kik|Discord|Tumblr"
         r"|Telegram|Roblox|Xbox|PlayStation|Twitch|Reddit|Yubo|Omegle)")
ON_SITE = re.compile(
    rf"\b(?i:{SITES})(?:\s+(?:account|profile|page))?(?:\s+(?:as|under(?:\s+the\s+name)?|named"
    r"|called|(?:user)?\s?name|handle|account|profile)\s+|\s*:\s*)"
    r"(?:[\"“‘']([^\"”’'\n]{2,40})[\"”’']|(\w+(?:[._]\w+)+|[A-Za-z_]*[0-9]\w*)\b"
    r"|([A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+){0,2}))")
# a word shaped like a handle, not like a word: a dot or underscore inside it ("bossman.t"),
# a capital after a small letter ("xXwolfXx") or a digit after a letter ("Niamh14")
SHAPE = (r"(?-i:(?=[\w.]*(?:[A-Za-z0-9][._][A-Za-z0-9_]|[a-z][A-Z]|[A-Za-z][0-9]))"
         r"[A-Za-z0-9_][\w.]{2,28}\w(?![\w@]))")
# ... after a word for an account ("the user bossman.t", "known online as x_y") or before a
# platform ("kayla_99 on Kik")
SHAPE_AFTER = re.compile(r"[upagho](?<!\w[upagho])(?:(?<=u)ser(?:name)?|(?<=p)rofile"
                         r"|(?<=a)ccount|(?<=g)amer\s?tag|(?<=h)andle|(?<=o)nline\s+as)\s+"
                         rf"(?:name\s+)?({SHAPE})", re.I)
SHAPE_BEFORE = re.compile(rf"(?<![\w@.])({SHAPE})\Z")
# found from the platform back: a search that starts with the handle's shape is slow
ON_A_SITE = re.compile(rf"n(?<=\w\son)\s+(?:the\s+)?{SITES}\b")
SITE = re.compile(SITES, re.I)


def handles(text: str):
    if "@" in text:
        for m in HANDLE.finditer(text):
            yield "handle", m.start(), m.end()
    for m in SHAPE_AFTER.finditer(text):
        yield "handle", m.start(1), m.end(1)
    lowered = text.lower()
    if not any(site.lower() in lowered for site in SITES[3:-1].split("|")):
        return
    for site in SITE.finditer(text):
        m = ON_SITE.match(text, site.start())
        if m:
            group = next(g for g in (1, 2, 3) if m.group(g))
            yield "handle", m.start(group), m.end(group)
    for on in ON_A_SITE.finditer(text):
        end = on.start() - 2   # before " on"
        m = SHAPE_BEFORE.search(text[max(0, end - 31):end])
        if m:
            yield "handle", end - len(m.group(1)), end


# --- vehicle registrations -----------------------------------------------------------------

# current style (2001 on): area letters, age identifier, three letters; no I, Q, Z up front
CURRENT_REG = re.compile(r"[A-HJ-PR-Y](?<!\w[A-HJ-PR-Y])[A-HJ-PR-Y]([0-7][0-9])[ -]?"
                         r"[A-HJ-PR-Z]{3}(?!\w)", re.I)
# prefix (1983-2001) "P123 ABC" and suffix (1963-83) "ABC 123D" styles, also any case: only
# near a word about a vehicle, as prose in capitals holds such shapes ("B1 FOR")
OLD_REG = re.compile(r"\b(?:[A-HJ-NPR-Y][0-9]{1,3} ?[A-HJ-PR-Y]{3}"
                     r"|[A-HJ-PR-Y][A-HJ-PR-Z]{2} ?[0-9]{1,3}[A-HJ-NPR-Y]"
                     r"|[A-HJ-PR-Y]{2}[0-7][0-9][ -]?[A-HJ-PR-Z]{3})\b", re.I)
# words about a vehicle, before or after the plate: kinds, common makes and models, driving
VEHICLE = re.compile(
    r"\b(?:cars?|vans?|vehicles?|motor\s?(?:bike|cycle)s?|taxis?|cabs?|reg(?:istration|\.)?"
    r"|number\s?plates?|plates?|index|lorry|truck|pick-?up|minibus|moped|scooter|jeep|4x4"
    r"|hatchback|saloon|transit|fiesta|corsa|astra|golf|polo|cortina|mini|clio"
    r"|micra|juke|qashqai|punto|sprinter|ford|vauxhall|volkswagen|vw|bmw|audi|mercedes|toyota"
    r"|nissan|honda|peugeot|renault|citro[eë]n|fiat|kia|hyundai|skoda|volvo|(?:land|range)"
    r"\s+rover|anpr|dvla|drove|driven|driving|parked)\b", re.I)


# how every style ends: digits and three letters, or digits and one
REG_END = re.compile(r"[0-9](?:[ -]?[A-Za-z]{3}|[A-Za-z])(?!\w)")


def vehicles(text: str):
    for m in near(OLD_REG, REG_END, text, 8):
        current = CURRENT_REG.fullmatch(m.group())
        year = current and int(current.group(1))
        dated = year and (2 <= year <= 30 or 51 <= year <= 80)
        # in capitals the current style is a plate whatever surrounds it; in other cases it
        # may be a typed word, and needs the vehicle word the old styles need
        if (dated and m.group().isupper()) or _vehicle_near(text, m):
            yield "vehicle", m.start(), m.end()


def _vehicle_near(text: str, m: re.Match) -> bool:
    return bool(VEHICLE.search(text, max(0, m.start() - 60), m.start())
                or VEHICLE.search(text, m.end(), m.end() + 40))


# --- schools and nurseries -----------------------------------------------------------------

KIND = (r"(?:(?:C\.?\s?of\s?E\.?|CofE|Church\s+of\s+England|R\.?C\.?|Roman\s+Catholic|Catholic"
        r"|Methodist|Community|Infants?|Juniors?|Primary|Secondary|High|Grammar|Free|Special"
        r"|Day|Pre-?\s?[Ss]chool|Nursery|Foundation)\s+)*"
        r"(?:Academy|School|Primary|Nursery|Pre-?\s?[Ss]chool|College|Infants|Juniors"
        r"|Kindergarten|Playgroup|Montessori)\b")
SCHOOL = re.compile(rf"(?:(?:[A-Z][\w’'.-]*|of|the|and|&)\s+){{1,5}}?{KIND}")
# words a school's name may start with though they are ordinary ("St Peter's", "Our Lady")
SCHOOL_START = {"st", "st.", "saint", "our", "holy", "little", "sacred", "all", "christ",
                "blessed", "the"}
SCHOOL_WORDS = re.compile(KIND.replace(r"\b", "") + "|C|of|E|CofE|RC|the|and|&", re.I)


SCHOOL_END = re.compile(r"(?:Academy|School|Primary|Nursery|Pre-?\s?[Ss]chool|College|Infants"
                        r"|Juniors|Kindergarten|Playgroup|Montessori)\b")


def schools(text: str):
    for m in near(SCHOOL, SCHOOL_END, text, 150):
        words = list(re.finditer(r"\S+", m.group()))
        while words and _not_a_name_start(words[0].group()):
            words.pop(0)
        named = [w.group() for w in words if not SCHOOL_WORDS.fullmatch(w.group())]
        if not named:
            continue
        special = words[0].group().lower() in SCHOOL_START - {"the"}
        if special or any(not ordinary(_bare(w)) for w in named):
            yield "school", m.start() + words[0].start(), m.end()


def _bare(word: str) -> str:
    return re.sub(r"[’']s?$", "", word)


def _not_a_name_start(word: str) -> bool:
    """Words before a school's name: "at", "When", "the" (but "St", "Our", "Little" begin one)."""
    return word in ("of", "the", "and", "&") or (
        ordinary(_bare(word)) and word.lower() not in SCHOOL_START)


FINDERS = (phones, bare_phones, nhs_numbers, case_numbers, handles, vehicles, schools)
