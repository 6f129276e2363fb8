"""Rules on the people the review is about: each subject introduced (in the family's table or
with facts of their own), in a role that fits the type of review, and each chronology entry
saying which subject it concerns when there are several."""
from __future__ import annotations

from typing import Iterator

from . import prose, review_types
from .checks import FAMILY, WARN, Checker, _suggest
from .diagnostics import Diagnostic
from .subjects import CHARACTERISTICS, characteristic

REVIEW = "review/review.yml"
#: what a subject's own entry may say of them besides name, role and id: any one of these
#: introduces them as well as a row of the family's table would
FACTS = ("age", "sex", "ethnicity", "date_of_death", "inquest", "protected_characteristics",
         "facts")


def introduced(c: Checker) -> Iterator[Diagnostic]:
    """A review about one family introduces its subjects in family.yml; a thematic review of
    several people coded AA, BB ... introduces each in review.yml by their facts instead."""
    if not c.complete(REVIEW, FAMILY):
        return
    members = {m.pseudonym: (i, m) for i, m in enumerate(c.review.family.members)}
    for i, subject in enumerate(c.review.info.subjects):
        described = any(getattr(subject, fact) for fact in FACTS)
        if subject.name not in members and not described:
            yield c.at(REVIEW, ("subjects", i), f"subject `{subject.name}` is not in "
                       "review/family.yml", _suggest(subject.name, members) + " (or give their "
                       "facts here: `age:`, `sex:`, `facts:` ...)")
        elif subject.name in members and not members[subject.name][1].subject:
            yield c.at(FAMILY, ("members", members[subject.name][0]), f"`{subject.name}` is a subject of the review "
                       "but not marked so", f"add `subject: true` to {subject.name}", WARN)


def roles(c: Checker) -> Iterator[Diagnostic]:
    """Subject ids used once; the type's own subject (a DHR's victim) among them; and, with
    several subjects, each one's role said rather than left to the type's default."""
    if not c.complete(REVIEW):
        return
    info = c.review.info
    ids = [s.id for s in info.subjects]
    for i, sid in enumerate(ids):
        if ids.index(sid) != i:
            yield c.at(REVIEW, ("subjects", i), f"subject id `{sid}` is used twice",
                       "give the subject its own `id:`")
    kind = review_types.kind(info)
    default = kind.subject_role
    if default != "other" and not any((s.role or default) == default for s in info.subjects):
        yield c.at(REVIEW, ("subjects",), f"a {kind.name} is about a {_role(default)}, but no "
                   f"subject has role `{default}`", f"add `role: {default}` to the subject "
                   "the review is about")
    for i, subject in enumerate(info.subjects if len(info.subjects) > 1 else ()):
        if subject.role is None:
            yield c.at(REVIEW, ("subjects", i), f"subject `{subject.name}` has no role, so "
                       f"is taken for the {_role(default)} ({kind.name}s' default)",
                       "add `role:` (child, adult_at_risk, victim, perpetrator or other)", WARN)


def _role(role: str) -> str:
    return role.replace("_", " ")


def chronology_subjects(c: Checker) -> Iterator[Diagnostic]:
    """Each entry's `subjects:` declared; with several subjects, each entry names its own
    (the combined chronology shows them in a column of their own)."""
    if not c.complete(REVIEW):
        return
    ids = list(dict.fromkeys(s.id for s in c.review.info.subjects))
    for imr in c.review.imrs:
        file = f"agency_imrs/{imr.agency}.yml"
        for i, entry in enumerate(imr.chronology):
            for j, sid in enumerate(entry.subjects):
                if sid not in ids:
                    yield c.at(file, ("chronology", i, "subjects", j), f"subject `{sid}` is not "
                               "declared", f"{_suggest(sid, ids)} (subjects are declared in "
                               f"{REVIEW}, by `id:` or their name's slug)")
        unsaid = [i for i, entry in enumerate(imr.chronology) if not entry.subjects]
        # one warning a file, at its first such entry: a thematic review's chronologies may
        # hold hundreds of entries, and one list of them all helps no one
        if len(ids) > 1 and unsaid:
            said = "this entry does not say which subject it concerns" if len(unsaid) == 1 else \
                f"{len(unsaid)} entries of this chronology (this the first) do not say which " \
                "subject each concerns"
            yield c.at(file, ("chronology", unsaid[0]), said,
                       f"add `subjects: [{ids[0]}]` (or another of: {', '.join(ids)})", WARN)


def protected_characteristics(c: Checker) -> Iterator[Diagnostic]:
    """Each characteristic one of the Equality Act 2010's (a misspelt one would be a column
    of its own), and a table of them asked for only when some subject has any."""
    if not c.complete(REVIEW):
        return
    keys = [name.replace(" ", "_") for name in CHARACTERISTICS]
    for i, subject in enumerate(c.review.info.subjects):
        for key in subject.protected_characteristics:
            if characteristic(key) not in CHARACTERISTICS:
                close = _suggest(characteristic(key).replace(" ", "_"), keys)
                yield c.at(REVIEW, ("subjects", i, "protected_characteristics", key), f"`{key}` "
                           "is not a protected characteristic of the Equality Act 2010",
                           close.replace("declared ones", "they are") + " (or give it under "
                           "`facts:`)", WARN, key=True)
    if not any(s.protected_characteristics for s in c.review.info.subjects):
        yield from _no_characteristics(c)


def _no_characteristics(c: Checker) -> Iterator[Diagnostic]:
    """Each `[[protected-characteristics]]` directive, when there is nothing to tabulate."""
    for s in c.review.sections:
        for block in prose.blocks(s.body) if "[[protected-characteristics" in s.body else ():
            if block.kind == "directive" and block.id == "protected-characteristics":
                yield c.at(s.file, (), f"`{block.text}`: no subject has protected "
                           "characteristics, so the report shows no table here",
                           f"add `protected_characteristics:` to the subjects in {REVIEW} "
                           "(e.g. `sex: Female`), or remove the directive", WARN,
                           line=block.line)


#: registered with the rules `check` runs (checks.py imports this module once it is whole)
RULES = [introduced, roles, chronology_subjects, protected_characteristics]
