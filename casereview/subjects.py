"""The subjects' table: who the review is about, with the facts the review gives of each.
Only the columns some subject fills are shown, so that a child's review is not a table of
empty `Date of death` and `Inquest` cells; each subject's own `facts:` add columns of theirs.

The protected characteristics' table (a DHR's equality and diversity section) likewise: a
row for each subject the review gives any, a column for each characteristic some subject has."""
from __future__ import annotations

from .dates import spoken
from .model import ReviewInfo, Subject
from .review_types import kind

ROLES = {"child": "Child", "adult_at_risk": "Adult at risk", "victim": "Victim",
         "perpetrator": "Perpetrator", "other": "Other"}
#: the fixed columns, in their order: header, and the cell of one subject
COLUMNS = [
    ("Role", lambda s: ROLES[s.role] if s.role else ""),
    ("Age", lambda s: s.age or ""),
    ("Sex", lambda s: s.sex or ""),
    ("Ethnicity", lambda s: s.ethnicity or ""),
    ("Date of death", lambda s: spoken(s.date_of_death)),
    ("Inquest", lambda s: s.inquest or ""),
    ("Pseudonym chosen by the family", lambda s: "Yes" if s.pseudonym_chosen_by_family else ""),
]


def table(info: ReviewInfo) -> tuple[list[str], list[list[str]]]:
    """Headers and one row a subject: name, then the filled columns, then the facts' keys
    in the order the subjects first give them."""
    facts = list(dict.fromkeys(key for s in info.subjects for key in s.facts))
    cells = [(header, [cell(s) for s in info.subjects]) for header, cell in COLUMNS]
    cells += [(key, [s.facts.get(key, "") for s in info.subjects]) for key in facts]
    shown = [(header, column) for header, column in cells if any(column)]
    headers = ["Subject", *(header for header, _ in shown)]
    rows = [[s.name, *(column[i] for _, column in shown)] for i, s in enumerate(info.subjects)]
    return headers, rows


#: the protected characteristics of the Equality Act 2010 (s4), in the Act's order
CHARACTERISTICS = ["age", "disability", "gender reassignment", "marriage and civil partnership",
                   "pregnancy and maternity", "race", "religion or belief", "sex",
                   "sexual orientation"]


def characteristic(key: str) -> str:
    """A characteristic as `protected_characteristics:` may write it (`religion_or_belief`,
    `Religion or belief`) in the Act's words."""
    return " ".join(key.replace("_", " ").replace("-", " ").split()).lower()


def characteristics_table(info: ReviewInfo) -> tuple[list[str], list[list[str]]]:
    """Headers and one row a subject that has any: name, role (the type's default when
    not said), then the characteristics some subject has in the Act's order, then any
    other the review names. No rows when no subject has any."""
    held = [s for s in info.subjects if s.protected_characteristics]
    named = [dict((characteristic(k), v) for k, v in s.protected_characteristics.items())
             for s in held]
    others = [c for c in dict.fromkeys(c for n in named for c in n) if c not in CHARACTERISTICS]
    shown = [c for c in CHARACTERISTICS if any(c in n for n in named)] + others
    default = kind(info).subject_role
    headers = ["Subject", "Role", *(c[0].upper() + c[1:] for c in shown)]
    rows = [[s.name, _role(s, default), *(n.get(c, "") for c in shown)]
            for s, n in zip(held, named)]
    return headers, rows


def _role(subject: Subject, default: str) -> str:
    return ROLES.get(subject.role or default, "")
