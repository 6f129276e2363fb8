"""Write benchmarks/detector_corpus.yml: fictional sentences of review prose, each planting one
unregistered identifier of a known kind, and ordinary prose that holds none.

`python benchmarks/detector_corpus.py` rewrites it; the seed is fixed, so the file only changes
when this script does. Every name, number, school and street here is made up from the lists
below; the sentence frames were written for this corpus. The name lists overlap the detectors'
own list of given names only in part, on purpose: a benchmark drawn from the detectors' lists
would measure nothing.
"""
from __future__ import annotations

import random
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
OUT = HERE / "detector_corpus.yml"

FIRST = ("Kelsey Jordan Tamsin Darnell Leanne Aurelia Marek Kofi Nadia Imogen Rhys Shauna "
         "Tyrone Keeley Bogdan Farah Ellis Kayden Ruby Chantelle Dariusz Amira Callum Shelby "
         "Lacey Jermaine Oluwaseun Tomasz Keira Reuben").split()
LAST = ("Marsh Okonkwo Pritchard Haldane Nowak Fairbrother Quist Ellwood Rahman Tennant "
        "Kowalczyk Brereton Obi Standish Whitlock Mensah Garside Pilkington Dunmore Achterberg "
        "Thistlewood Lisowski Carrow Aldred Bhatti Kettering Osei Vauxford Pendry Lumb").split()
WORD_NAMES = "Precious Grace Hope Blessing Faith Joy Destiny Patience Mercy Promise".split()
SCHOOL_STEMS = ("Westfield Oakmere Brackenhurst Thornbury Millgate Ashdown Fernleigh Hollybank "
                "Riverside Kingsmead Elmcroft Hazelwood Castlemere Larkfield Stonebridge").split()
SCHOOL_TYPES = ("Academy", "Primary School", "Primary", "Junior School", "Infant School",
                "Community College", "Nursery", "Day Nursery", "Pre-School",
                "C of E Primary School", "High School")
SAINTS = "Peter’s Anne’s Bartholomew’s Margaret’s Cuthbert’s Joseph’s".split()
STREETS = "Mulberry Tanners Coppice Gorse Fennel Ravensworth Lindale Harcourt".split()
STREET_TYPES = "Road Street Avenue Close Crescent Lane Drive Way".split()
POST_AREAS = "LE LE LE NG DE CV B M S NN PE".split()
INWARD = "ABDEFGHJLNPQRSTUWXYZ"

IDENTIFIER_FRAMES = {
    "postcode": ["The family moved to a flat in {x} shortly before the referral.",
                 "Mother gave her new address as being in {x} when she registered.",
                 "The health visitor's notes record the postcode {x} against the household.",
                 "A neighbour living near {x} contacted the police about the noise."],
    "phone": ["Father left a contact number, {x}, with the ward staff.",
              "The school rang mother on {x} but there was no answer.",
              "The referral form gave the maternal grandmother's number as {x}.",
              "Staff were asked to call {x} if the child did not attend."],
    "email": ["The social worker sent the plan to {x} on the same day.",
              "Mother asked that letters be sent to {x} instead of the house."],
    "nhs_number": ["The discharge summary quoted NHS number {x} for the baby.",
                   "The GP letter gave the child's NHS number as {x}.",
                   "A second record was opened under {x} by mistake."],
    "ni_number": ["Father's benefit claim was made under NI number {x}.",
                  "The housing form listed mother's National Insurance number, {x}."],
    "case_number": ["The matter was logged as case ref {x} by the duty team.",
                    "Hospital number {x} was written on the body map.",
                    "The police crime number {x} was shared with the school.",
                    "The child's MRN {x} appears on every page of the notes.",
                    "Probation held the file under CRN {x}."],
    "handle": ["The young person posted photographs as {x} late at night.",
               "Father messaged her from the account {x} after the order was made.",
               "Staff later found that she was on Instagram as {x}.",
               "Mother was on Facebook as {x} and had accepted him as a friend."],
    "vehicle": ["A neighbour noted a silver car, registration {x}, outside the house.",
                "The police stopped the van {x} on the ring road.",
                "He was seen driving a car with the number plate {x}."],
    "school": ["Child C started at {x} in the September.",
               "The designated safeguarding lead at {x} made a referral.",
               "Her older brother attended {x} until the move.",
               "Attendance at {x} fell to sixty per cent in the spring term."],
    "date_of_birth": ["Child D was born on {x} at the maternity unit.",
                      "The referral gave the baby's date of birth as {x}."],
    "street_address": ["The family lived at {x} at the time of the incident.",
                       "Police attended {x} following a call from a neighbour."],
    "person_name": ["The health visitor spoke to {x} about the bruising.",
                    "A friend of the family, {x}, offered to care for the children.",
                    "The referral was made by {x}, who lived next door.",
                    "Mother's new partner, {x}, was not known to services."],
}


def _postcode(rng: random.Random) -> str:
    code = f"{rng.choice(POST_AREAS)}{rng.randint(1, 19)} {rng.randint(1, 9)}" \
           f"{rng.choice(INWARD)}{rng.choice(INWARD)}"
    form = rng.randrange(4)
    return [code, code.lower(), code.replace(" ", ""), code.title()][form]


def _phone(rng: random.Random) -> str:
    local = f"{rng.randint(200, 999)} {rng.randint(1000, 9999)}"
    mobile = f"7{rng.randint(400, 999)} {rng.randint(100000, 999999)}"
    return rng.choice([f"0116 {local}", f"0116.{local.replace(' ', '.')}", f"0{mobile}",
                       f"0{mobile.replace(' ', '-')}", f"+44 {mobile}", f"+44 (0) {mobile}",
                       f"0044 {mobile}", f"0044 116 {local}", f"(0115) {local}",
                       f"020 7{rng.randint(100, 999)} {rng.randint(1000, 9999)}",
                       f"+48 {rng.randint(500, 799)} {rng.randint(100, 999)} "
                       f"{rng.randint(100, 999)}"])


def _nhs(rng: random.Random) -> str:
    while True:
        digits = [rng.randint(4, 7)] + [rng.randint(0, 9) for _ in range(8)]
        check = 11 - sum(d * w for d, w in zip(digits, range(10, 1, -1))) % 11
        check = 0 if check == 11 else check
        if check != 10:
            s = "".join(map(str, digits + [check]))
            return rng.choice([f"{s[:3]} {s[3:6]} {s[6:]}", s, f"{s[:3]}-{s[3:6]}-{s[6:]}",
                               f"{s[:4]} {s[4:7]} {s[7:]}", f"{s[:3]} {s[3:]}"])


def _ni(rng: random.Random) -> str:
    prefix = rng.choice("AB CE JT KL MR NP PH SW TZ WR".split())
    digits = f"{rng.randint(10, 99)}{rng.randint(10, 99)}{rng.randint(10, 99)}"
    code = f"{prefix}{digits}{rng.choice('ABCD')}"
    spaced = f"{prefix} {digits[:2]} {digits[2:4]} {digits[4:]} {code[-1]}"
    return rng.choice([code, code.lower(), spaced, spaced.lower()])


def _case(rng: random.Random) -> str:
    return rng.choice([f"{rng.randint(2010, 2016)}/{rng.randint(10000, 99999):05d}",
                       f"{rng.choice('KRJ')}{rng.randint(100000, 999999)}",
                       f"{rng.randint(1000000, 9999999)}",
                       f"{rng.randint(10, 99)}/{rng.randint(10000, 99999)}/{rng.randint(10, 16)}",
                       f"{rng.choice('ABX')}{rng.randint(10000, 99999)}{rng.choice('KLM')}"])


def _handle(rng: random.Random, frame: str) -> str:
    first, last = rng.choice(FIRST), rng.choice(LAST)
    word = rng.choice([f"{first.lower()}_{rng.randint(1, 99)}", f"{first.lower()}.{last.lower()}",
                       f"{first[:3].lower()}{last.lower()}x",
                       f"{first.lower()}{rng.randint(1, 9)}"])
    if "Facebook as" in frame or "Instagram as" in frame:
        return rng.choice([word, f"{first} {last}"])
    return f"@{word}"


def _vehicle(rng: random.Random) -> str:
    letters = "ABCDEFGHJKLMNOPRSTUVWXY"

    def pick(n):
        return "".join(rng.choice(letters) for _ in range(n))
    return rng.choice([f"{pick(2)}{rng.choice([5, 8, 11, 14, 61, 63, 64, 65]):02d} {pick(3)}",
                       f"{pick(2)}{rng.choice([12, 15, 62])}{pick(3)}",
                       f"{rng.choice('MNPRST')}{rng.randint(1, 999)} {pick(3)}",
                       f"{pick(3)} {rng.randint(1, 999)}{rng.choice('STVWXY')}"])


def _school(rng: random.Random) -> str:
    if rng.random() < 0.25:
        return rng.choice([f"St {rng.choice(SAINTS)} {rng.choice(SCHOOL_TYPES)}",
                           f"Our Lady of {rng.choice(['Lourdes', 'Walsingham', 'Victories'])} "
                           f"Catholic Primary",
                           f"Little {rng.choice(['Acorns', 'Sprouts', 'Owls'])} Nursery"])
    return f"{rng.choice(SCHOOL_STEMS)} {rng.choice(SCHOOL_TYPES)}"


def _dob(rng: random.Random) -> str:
    day, month, year = rng.randint(1, 28), rng.randint(1, 12), rng.randint(2008, 2015)
    names = "January February March April May June July August September October November " \
            "December".split()
    return rng.choice([f"{day} {names[month - 1]} {year}", f"{day:02d}/{month:02d}/{year}",
                       f"{day}.{month}.{year}", f"{names[month - 1]} {day}, {year}"])


def _street(rng: random.Random) -> str:
    return rng.choice([f"{rng.randint(1, 180)} {rng.choice(STREETS)} {rng.choice(STREET_TYPES)}",
                       f"Flat {rng.randint(1, 20)}, {rng.randint(1, 90)} {rng.choice(STREETS)} "
                       f"{rng.choice(STREET_TYPES)}"])


def _name(rng: random.Random) -> str:
    first, last = rng.choice(FIRST), rng.choice(LAST)
    return rng.choice([f"{first} {last}", f"{first} {last}", f"{first.upper()} {last.upper()}",
                       f"{first.lower()} {last.lower()}", f"{first[0]}. {last}",
                       f"Mrs {last}", f"Mr {last}", f"Baby {last}"])


# single first names and word-names: the context is the sentence, so each has its own frames
NAME_IN_CONTEXT = ["The youngest, a girl called {f}, was not seen by anyone for six weeks.",
                   "Mother named the baby {f} after her own grandmother.",
                   "{f}, aged 4, told her teacher that she was hungry.",
                   "The older sibling, known as {f}, was often late for school.",
                   "At the visit {f} said that she did not want to go home.",
                   "Nursery staff noted that {f} was wearing the same clothes again.",
                   "The foster carer reported that {f} had settled well."]

MAKERS = {"postcode": _postcode, "phone": _phone, "nhs_number": _nhs, "ni_number": _ni,
          "case_number": _case, "vehicle": _vehicle, "school": _school, "date_of_birth": _dob,
          "street_address": _street, "person_name": _name}
COUNTS = {"postcode": 30, "phone": 33, "email": 12, "nhs_number": 25, "ni_number": 20,
          "case_number": 25, "handle": 24, "vehicle": 24, "school": 30, "date_of_birth": 14,
          "street_address": 14, "person_name": 40}


def planted(rng: random.Random) -> list[dict]:
    out = []
    for kind, count in COUNTS.items():
        for i in range(count):
            frame = IDENTIFIER_FRAMES[kind][i % len(IDENTIFIER_FRAMES[kind])]
            if kind == "email":
                first, last = rng.choice(FIRST), rng.choice(LAST)
                x = rng.choice([f"{first.lower()}.{last.lower()}{rng.randint(1, 99)}@gmail.com",
                                f"{first[0].lower()}{last.lower()}@hotmail.co.uk"])
            elif kind == "handle":
                x = _handle(rng, frame)
            else:
                x = MAKERS[kind](rng)
            written = f"“{x}”" if kind == "handle" and " " in x and i % 2 else x
            out.append({"kind": kind, "value": x, "text": frame.format(x=written)})
    words = WORD_NAMES + FIRST
    for i in range(35):
        f = words[i % len(WORD_NAMES)] if i % 2 else rng.choice(FIRST)
        frame = NAME_IN_CONTEXT[i % len(NAME_IN_CONTEXT)]
        out.append({"kind": "person_name", "value": f, "text": frame.format(f=f)})
    return out


def main() -> None:
    from detector_prose import ORDINARY
    rng = random.Random(11)
    data = {"identifiers": planted(rng), "ordinary": ORDINARY}
    header = ("# Generated by benchmarks/detector_corpus.py (seeded): fictional identifiers in\n"
              "# sentences of review prose, and ordinary prose holding none. Do not edit.\n")
    OUT.write_text(header + yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100),
                   encoding="utf-8")
    print(f"{len(data['identifiers'])} identifiers, {len(data['ordinary'])} ordinary sentences")


if __name__ == "__main__":
    main()
