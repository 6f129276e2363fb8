"""The people a review is about: introduced in the family's table or by their own facts, in a
role that fits the type of review, and named by the chronology entries that concern them."""
import pytest

from conftest import edit, messages, messages_after

TWO = """subjects:
  - name: Child T
    role: child
  - id: u
    name: Child U
    role: child
    age: 3 years
"""
SAID = ("    involved: [Mother, Adult 1]\n", "    involved: [Mother, Adult 1]\n    subjects: [child-t]\n")


@pytest.fixture
def two(minimal):
    """Two children, the second introduced by their facts rather than in family.yml; each
    chronology entry but one says which of them it concerns."""
    edit(minimal, "review/review.yml", "subjects: [Child T]\n", TWO)
    edit(minimal, "agency_imrs/police.yml", *SAID)
    edit(minimal, "agency_imrs/police.yml", "    what: Officers shared the incident with health.\n",
         "    what: Officers shared the incident with health.\n    subjects: [u, child-t]\n")
    return minimal


UNSAID = ("agency_imrs/health.yml:3:5: warning: chronology[0]: this entry does not say which "
          "subject it concerns; add `subjects: [child-t]` (or another of: child-t, u)")


def test_a_subject_introduced_by_their_facts_needs_no_family_entry(two):
    assert messages(two) == [UNSAID]


CASES = {
    "subject neither in the family nor described": (
        [("review/review.yml", "    age: 3 years\n", "")],
        ["review/review.yml:5:5: subjects[1]: subject `Child U` is not in review/family.yml; "
         "did you mean `Child T`? (or give their facts here: `age:`, `sex:`, `facts:` ...)"]),
    "subject in the family but not marked so": (
        [("review/family.yml", "    subject: true\n", "")],
        ["review/family.yml:2:5: warning: members[0]: `Child T` is a subject of the review but "
         "not marked so; add `subject: true` to Child T"]),
    "undeclared subject of an entry": (
        [("agency_imrs/police.yml", "subjects: [u, child-t]", "subjects: [v, child-tt]")],
        ["agency_imrs/police.yml:11:16: chronology[1].subjects[0]: subject `v` is not declared; "
         "declared ones: child-t, u (subjects are declared in review/review.yml, by `id:` or "
         "their name's slug)",
         "agency_imrs/police.yml:11:19: chronology[1].subjects[1]: subject `child-tt` is not "
         "declared; did you mean `child-t`? (subjects are declared in review/review.yml, by "
         "`id:` or their name's slug)"]),
    "entries that do not say which subject": (
        [("agency_imrs/police.yml", SAID[1], SAID[0]),
         ("agency_imrs/police.yml", "    subjects: [u, child-t]\n", "")],
        ["agency_imrs/police.yml:3:5: warning: chronology[0]: 2 entries of this chronology (this "
         "the first) do not say which subject each concerns; add `subjects: [child-t]` (or "
         "another of: child-t, u)"]),
    "subject with no role among several": (
        [("review/review.yml", "    role: child\n    age", "    age")],
        ["review/review.yml:5:5: warning: subjects[1]: subject `Child U` has no role, so is "
         "taken for the child (Local Child Safeguarding Practice Reviews' default); add `role:` "
         "(child, adult_at_risk, victim, perpetrator or other)"]),
    "subject id used twice": (
        [("review/review.yml", "  - id: u\n", "  - id: child-t\n"),
         ("agency_imrs/police.yml", "subjects: [u, child-t]", "subjects: [child-t]")],
        ["review/review.yml:5:5: subjects[1]: subject id `child-t` is used twice; give the "
         "subject its own `id:`"]),
    "a domestic homicide review with no victim": (
        [("review/review.yml", "type: lcspr", "type: dhr")],
        ["review/review.yml:3:3: subjects: a Domestic Homicide Review is about a victim, but no "
         "subject has role `victim`; add `role: victim` to the subject the review is about"]),
    "a characteristic the Equality Act does not name": (
        [("review/review.yml", "    age: 3 years\n", "    age: 3 years\n    protected_characteristics:"
          "\n      religion_or_belief: None\n      religion_or_beleif: None\n      class: Working\n")],
        ["review/review.yml:11:7: warning: subjects[1].protected_characteristics."
         "religion_or_beleif: `religion_or_beleif` is not a protected characteristic of the Equality Act 2010; did you mean "
         "`religion_or_belief`? (or give it under `facts:`)",
         "review/review.yml:12:7: warning: subjects[1].protected_characteristics.class: `class` "
         "is not a protected characteristic of the Equality Act 2010; they are: age, disability, "
         "gender_reassignment, marriage_and_civil_partnership, pregnancy_and_maternity, race, "
         "religion_or_belief, sex, sexual_orientation (or give it under `facts:`)"]),
    "a table of protected characteristics no subject has": (
        [("review/sections/01-introduction.md", "It was commissioned",
          "[[protected-characteristics]]\n\nIt was commissioned")],
        ["review/sections/01-introduction.md:7:1: warning: `[[protected-characteristics]]`: no "
         "subject has protected characteristics, so the report shows no table here; add "
         "`protected_characteristics:` to the subjects in review/review.yml (e.g. `sex: "
         "Female`), or remove the directive"]),
}


def about_subjects(said: list[str]) -> list[str]:
    """The messages of these rules: not what a DHR's type requires besides (checks_types)."""
    return [m for m in said if m != UNSAID and " requires " not in m]


@pytest.mark.parametrize("name", list(CASES))
def test_subjects(two, name):
    edits, expected = CASES[name]
    assert about_subjects(messages_after(two, edits)) == expected


def test_a_domestic_homicide_review_of_one_victim_by_default(minimal):
    """A DHR's subject is its victim unless said otherwise: one subject needs no role."""
    edit(minimal, "review/review.yml", "type: lcspr", "type: dhr")
    assert about_subjects(messages(minimal)) == []


def test_a_table_of_protected_characteristics_some_subject_has(two):
    assert messages_after(two, [
        ("review/review.yml", "    age: 3 years\n", "    age: 3 years\n    protected_characteristics:"
         "\n      Sexual orientation: Not applicable\n"),
        ("review/sections/01-introduction.md", "It was commissioned",
         "[[protected-characteristics]]\n\nIt was commissioned")]) == [UNSAID]
