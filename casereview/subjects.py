"""The subjects' table: who the review is about, with the facts the review gives of each.
Only the columns some subject fills are shown, so that a child's review is not a table of
empty `Date of death` and `Inquest` cells; each subject's own `facts:` add columns of theirs."""
from __future__ import annotations

from .dates import spoken
from .model import ReviewInfo

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

