"""Seed invented identifiers into a copy of the small workspace, through every field type and
in every written variant, for the red-team tests. Everything here is fictional."""
from __future__ import annotations

import itertools
import random
from dataclasses import dataclass
from pathlib import Path

import yaml

FIRST = ["Aldric", "Brisa", "Corwen", "Delphine", "Eamon", "Fenella", "Gideon", "Hestia",
         "Ignatius", "Jolene", "Kasimir", "Lorcan", "Mirela", "Nuala", "Osric", "Perpetua",
         "Quillon", "Rosalind", "Sefton", "Tamsin", "Ulric", "Verity", "Wystan", "Xanthe",
         "Yorick", "Zoë", "Renée", "Søren", "Łukasz", "Anaïs"]
LAST = ["Fenwhistle", "Grimsdyke", "Hollowell", "Inchbold", "Kettleby", "Larkspur", "Mottram",
        "Nettlefold", "Oakeshott", "Pennycook", "Quarrington", "Ravensworth", "Stillingfleet",
        "Thistlewood", "Underhay", "Vanstone", "Wetherall", "Zouch", "Brontë-Hale", "Dvořák"]
PLACES = ["Quarry Bank", "Elderflower", "Marlpit", "Gorsemoor", "Hazelwick", "Brackenfold",
          "Tansy", "Wrenlow", "Cobbleford", "Saltings"]


@dataclass(frozen=True)
class Seeded:
    real: str          # the register's form
    kind: str
    use: str
    written: str       # the form written into the sources
    variant: str


def _nhs(rng: random.Random) -> str:
    while True:
        digits = [rng.randint(0, 9) for _ in range(9)]
        check = 11 - sum(d * w for d, w in zip(digits, range(10, 1, -1))) % 11
        if check == 11:
            check = 0
        if check != 10:
            s = "".join(map(str, digits)) + str(check)
            return f"{s[:3]} {s[3:6]} {s[6:]}"


def identifiers(count: int = 210, seed: int = 7) -> list[tuple[str, str, str]]:
    """(real, kind, use), all distinct."""
    rng = random.Random(seed)
    names = [f"{f} {l}" for f, l in itertools.product(FIRST, LAST)]
    rng.shuffle(names)
    out = [(n, "name", "Adult 1") for n in names[:125]]
    out += [(f"{f}{'ie' if i % 2 else 'y'}", "nickname", "Child T")
            for i, f in enumerate(["Brisk", "Corm", "Fenn", "Gidd", "Hest", "Jols", "Kass",
                                   "Lorc", "Mirr", "Osr"])]
    out += [(f"{rng.randint(2, 199)} {p} {t}", "address", "the family home")
            for p, t in zip(PLACES, ["Road", "Lane", "Close", "Avenue", "Way", "Crescent",
                                     "Drive", "Grove", "Terrace", "Street"])]
    out += [(f"{rng.choice('BCDFGHKLMNPRSTW')}{rng.choice('ABDEHLMNPRSTUWY')}{rng.randint(1, 9)} "
             f"{rng.randint(1, 9)}{rng.choice('ABDEFGHJLNPQRSTUWXYZ')}{rng.choice('ABDEFGHJLNPQRSTUWXYZ')}",
             "postcode", "the area") for _ in range(15)]
    out += [(f"{p} Primary School", "school", "a primary school") for p in PLACES]
    out += [(f"{p} Day Nursery", "nursery", "the nursery") for p in PLACES[:8]]
    out += [(f"20{rng.randint(10, 14)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}", "dob",
             "(withheld)") for _ in range(10)]
    out += [(f"RX{rng.randint(1000000, 9999999)}", "hospital_number", "(withheld)") for _ in range(8)]
    out += [(f"CSC{rng.randint(100000, 999999)}", "case_number", "(withheld)") for _ in range(8)]
    out += [(_nhs(rng), "nhs_number", "(withheld)") for _ in range(9)]
    seen, unique = set(), []
    for real, kind, use in out:
        if real not in seen:
            seen.add(real)
            unique.append((real, kind, use))
    assert len(unique) >= count, len(unique)
    return unique[:count]


VARIANTS = ["as registered", "upper case", "lower case", "possessive 's", "possessive ’s",
            "without diacritics", "line break inside", "hyphenated across a line", "extra spaces",
            "initial and surname", "initial with stop and surname"]


def written(real: str, kind: str, n: int) -> tuple[str, str]:
    """The n-th variant that applies to this identifier, and its name."""
    import unicodedata
    plain = "".join(c for c in unicodedata.normalize("NFKD", real) if not unicodedata.combining(c))
    words = real.split()
    forms = {
        "as registered": real, "upper case": real.upper(), "lower case": real.lower(),
        "possessive 's": real + "'s", "possessive ’s": real + "’s",
        "without diacritics": plain.replace("Ł", "L").replace("ø", "o"),
        "extra spaces": "   ".join(words),
    }
    if kind in ("name", "school", "nursery", "address") and len(words) > 1:
        forms["line break inside"] = words[0] + "\n" + " ".join(words[1:])
    if kind == "name" and len(words[-1]) > 6 and "-" not in words[-1]:
        last = words[-1]
        forms["hyphenated across a line"] = f"{words[0]} {last[:4]}-\n{last[4:]}"
    if kind == "name":
        forms["initial and surname"] = f"{words[0][0]} {words[-1]}"
        forms["initial with stop and surname"] = f"{words[0][0]}. {words[-1]}"
    names = [v for v in VARIANTS if v in forms]
    name = names[n % len(names)]
    return forms[name], name


def register(seeded: list[Seeded]) -> dict:
    return {"identities": [{"real": s.real, "use": s.use, "kind": s.kind} for s in seeded]}


def dump(path: Path, data) -> None:
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10_000),
                    encoding="utf-8")


class Workspace:
    """A copy of the small fixture whose files the sinks below write into."""

    def __init__(self, root: Path):
        self.root = root
        self.data: dict[str, dict] = {}
        self.md: dict[str, str] = {}

    def yml(self, rel: str) -> dict:
        if rel not in self.data:
            self.data[rel] = yaml.safe_load((self.root / rel).read_text(encoding="utf-8"))
        return self.data[rel]

    def section(self, rel: str) -> str:
        return self.md.setdefault(rel, (self.root / rel).read_text(encoding="utf-8"))

    def add_md(self, rel: str, text: str) -> None:
        self.md[rel] = self.section(rel).rstrip("\n") + "\n\n" + text + "\n"

    def save(self) -> None:
        for rel, data in self.data.items():
            dump(self.root / rel, data)
        for rel, text in self.md.items():
            (self.root / rel).write_text(text, encoding="utf-8")


INTRO, EVENTS, SHARING = ("review/sections/01-introduction.md", "review/sections/02-events.md",
                          "review/sections/03-sharing.md")


def _title(ws, x):
    _, front, body = ws.section(EVENTS).split("---\n", 2)
    meta = yaml.safe_load(front)
    meta["title"] += f", {x}"
    ws.md[EVENTS] = f"---\n{yaml.safe_dump(meta, allow_unicode=True, width=10_000)}---\n{body}"


def _row(ws, **fields):
    plan = ws.yml("action_plans/police.yml")
    row = {"no": str(len(plan["rows"]) + 1), "answers": [], "actions": ["Brief the officers."],
           "lead": "Inspector", "deadline": "31.07.2021"}
    row.update(fields)
    plan["rows"].append(row)


def _member(ws, x):
    family = ws.yml("review/family.yml")
    family["members"].append({"pseudonym": f"Adult {len(family['members']) + 1}",
                              "relationship": f"Friend of {x}"})


def _repeated(ws, **fields):
    recs = ws.yml("review/recommendations.yml")
    recs.setdefault("repeated", []).append({"source": "Child Z", "text": "Repeat it.", **fields})


def _footnote(ws, x):
    n = ws.section(INTRO).count("[^seed")
    ws.add_md(INTRO, f"A further note.[^seed{n}]\n\n[^seed{n}]: Told by {x} at the time.")


def _append(ws, rel, keys, x):
    node = ws.yml(rel)
    for key in keys[:-1]:
        node = node[key]
    node[keys[-1]] = f"{node[keys[-1]].rstrip()} Also {x}."


SINKS = {
    "section paragraph": lambda ws, x: ws.add_md(INTRO, f"{x} was seen at home."),
    "section title": _title,
    "sub-heading": lambda ws, x: ws.add_md(SHARING, f"### About {x}\n\nMore on this."),
    "list item": lambda ws, x: ws.add_md(SHARING, f"The visit:\n\n- {x} attended"),
    "quotation": lambda ws, x: ws.add_md(SHARING, f"A worker wrote:\n\n> {x} was there."),
    "table cell": lambda ws, x: ws.add_md(SHARING, f"Seen:\n\n| Who | When |\n|---|---|\n| {x} | May |"),
    "footnote": _footnote,
    "chronology entry": lambda ws, x: ws.yml("agency_imrs/police.yml")["chronology"].append(
        {"date": "2020-07-01", "what": f"Officers spoke to {x}."}),
    "agency recommendation": lambda ws, x: _append(ws, "agency_imrs/police.yml",
                                                   ["recommendations", 0, "text"], x),
    "recommendation sub-item": lambda ws, x: ws.yml("agency_imrs/police.yml")["recommendations"][0]
    .setdefault("sub_items", []).append(f"Ask {x}."),
    "row recommendation": lambda ws, x: _row(ws, recommendation=f"Ask {x}."),
    "row outcome": lambda ws, x: _row(ws, outcome=f"{x} is safe."),
    "row action": lambda ws, x: _row(ws, actions=[f"Visit {x}."]),
    "row lead name": lambda ws, x: _row(ws, lead={"role": "Inspector", "name": x}),
    "row lead role": lambda ws, x: _row(ws, lead=f"Manager for {x}"),
    "row deadline": lambda ws, x: _row(ws, deadline=f"When {x} moves"),
    "row outcome measure": lambda ws, x: _row(ws, outcome_measure=f"{x} reports it."),
    "conclusion": lambda ws, x: _append(ws, "review/conclusions.yml", ["conclusions", 0, "text"], x),
    "key lesson": lambda ws, x: ws.yml("review/conclusions.yml")["conclusions"][0]["key_lessons"]
    .append(f"Listen to {x}."),
    "overview recommendation": lambda ws, x: ws.yml("review/recommendations.yml")["overview"]
    .append({"text": f"Support {x}."}),
    "repeated recommendation": lambda ws, x: _repeated(ws, text=f"Support {x}."),
    "repeated sub-item": lambda ws, x: _repeated(ws, sub_items=[f"Call {x}."]),
    "panel organisation": lambda ws, x: ws.yml("review/panel.yml")["panel"].append(
        {"organisation": f"{x} Trust", "position": "Lead"}),
    "panel position": lambda ws, x: ws.yml("review/panel.yml")["panel"].append(
        {"organisation": "Testshire Council", "position": f"Adviser to {x}"}),
    "agency name": lambda ws, x: ws.yml("review/panel.yml")["agencies"].append(
        {"id": f"seed{len(ws.yml('review/panel.yml')['agencies'])}", "name": f"{x} Service"}),
    "family relationship": _member,
    "question": lambda ws, x: _append(ws, "review/terms.yml", ["questions", 0, "text"], x),
    "reference": lambda ws, x: ws.yml("review/references.yml")["references"].append(
        {"id": f"seed{len(ws.yml('review/references.yml')['references'])}", "short": "Anon 2020",
         "text": f"Interview with {x} (2020)."}),
}
SINGLE = {   # fields with one value: one identifier each
    "review title": lambda ws, x: ws.yml("review/review.yml").__setitem__("title", f"Review of {x}"),
    "version label": lambda ws, x: ws.yml("review/review.yml").__setitem__("version", f"DRAFT {x}"),
    "partnership": lambda ws, x: ws.yml("review/review.yml").__setitem__("partnership", f"{x} Partnership"),
}
DIRECTIVES = ("[[questions]]\n\n[[panel]]\n\n[[agencies]]\n\n[[family]]\n\n[[conclusions]]\n\n"
              "[[recommendations]]")


def seed(root: Path, count: int = 210) -> list[tuple[Seeded, str]]:
    """Seed `count` identifiers into the workspace at `root`; (seeded, field) pairs."""
    ws = Workspace(root)
    ws.add_md(INTRO, DIRECTIVES)
    ws.yml("review/references.yml")   # listed in full in the references appendix
    out = []
    sinks = list(SINGLE.items()) + list(itertools.islice(itertools.cycle(SINKS.items()), count))
    for n, ((real, kind, use), (field, sink)) in enumerate(zip(identifiers(count), sinks)):
        text, variant = written(real, kind, n)
        if field in SINGLE or field.endswith(("title", "heading", "lead role", "deadline")) \
                or field in ("panel organisation", "agency name", "table cell", "list item"):
            text = text.replace("\n", " ")   # one-line fields
        sink(ws, text)
        out.append((Seeded(real, kind, use, text, variant), field))
    ws.save()
    return out
