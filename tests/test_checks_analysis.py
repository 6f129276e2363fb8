"""The analysis organised by key questions, episodes, findings or themes: each unit analysed in
a section, each unit a section names declared, each finding leading somewhere. Exact messages."""
import pytest

from conftest import edit, messages, messages_after

FINDINGS = """organised_by: findings
findings:
  - id: sharing
    title: Information stays with the agency that holds it
    systemic_issue: Agencies share what they are asked for, not what they know.
    recommendations: [overview-i]
  - id: voice
    title: The child's voice
    board_questions:
      - Who speaks for the child?
"""


@pytest.fixture
def by_findings(minimal):
    """The small workspace with its two analysis sections analysing a finding each."""
    (minimal / "review" / "analysis.yml").write_text(FINDINGS, encoding="utf-8")
    edit(minimal, "review/sections/03-sharing.md", "question: q1", "finding: sharing")
    edit(minimal, "review/sections/04-voice.md", "question: voice", "finding: voice")
    return minimal


def test_a_review_organised_by_findings_is_clean(by_findings):
    assert messages(by_findings) == []


CASES = {
    "analysis section naming no finding": (
        [("review/sections/04-voice.md", "finding: voice\n", "")],
        ["review/analysis.yml:7:5: findings[1]: finding `voice` is not analysed in any section; "
         "add a section with `kind: analysis` and `finding: voice` in review/sections/",
         "review/sections/04-voice.md:2:7: warning: kind: this analysis section names no "
         "finding; add `finding: sharing` (or another id from review/analysis.yml)"]),
    "unknown finding": (
        [("review/sections/04-voice.md", "finding: voice", "finding: voise")],
        ["review/analysis.yml:7:5: findings[1]: finding `voice` is not analysed in any section; "
         "add a section with `kind: analysis` and `finding: voice` in review/sections/",
         "review/sections/04-voice.md:3:10: finding: finding `voise` does not exist; did you "
         "mean `voice`?"]),
    "finding with no recommendation and no board question": (
        [("review/analysis.yml", "    board_questions:\n      - Who speaks for the child?\n", "")],
        ["review/analysis.yml:7:5: warning: findings[1]: finding `voice` has no recommendation "
         "and no question for the board; add `board_questions:`, or `recommendations: [id]` "
         "(or `finding: voice` on a recommendation)"]),
    "finding with no recommendation, once the review is final": (
        [("review/analysis.yml", "    board_questions:\n      - Who speaks for the child?\n", ""),
         ("review/review.yml", "status: draft", "status: final")],
        ["review/analysis.yml:7:5: findings[1]: finding `voice` has no recommendation and no "
         "question for the board; add `board_questions:`, or `recommendations: [id]` (or "
         "`finding: voice` on a recommendation)"]),
    "finding answered by a recommendation that names it": (
        [("review/analysis.yml", "    board_questions:\n      - Who speaks for the child?\n", ""),
         ("agency_imrs/police.yml", "  - text: Review the handling of repeat calls.",
          "  - text: Review the handling of repeat calls.\n    finding: voice")],
        []),
    "unknown recommendation of a finding": (
        [("review/analysis.yml", "[overview-i]", "[overview-ii]")],
        ["review/analysis.yml:6:23: findings[0].recommendations[0]: recommendation "
         "`overview-ii` does not exist; did you mean `overview-i`?"]),
    "unknown finding of a recommendation": (
        [("review/recommendations.yml", "  - text: |", "  - finding: shareing\n    text: |")],
        ["review/recommendations.yml:2:14: overview[0].finding: finding `shareing` does not "
         "exist; did you mean `sharing`?"]),
    "recommendation listed by one finding and naming another": (
        [("review/recommendations.yml", "  - text: |", "  - finding: voice\n    text: |")],
        ["review/analysis.yml:6:23: findings[0].recommendations[0]: finding `sharing` lists "
         "recommendation `overview-i`, but that answers finding `voice`; list it under one "
         "finding only, the one its `finding:` names"]),
    "finding id used twice": (
        [("review/analysis.yml", "id: voice", "id: sharing"),
         ("review/sections/04-voice.md", "finding: voice", "finding: sharing")],
        ["review/analysis.yml:3:5: findings[0]: finding id `sharing` is used twice; give each "
         "finding its own id"]),
    "reference to an unknown finding": (
        [("review/sections/03-sharing.md", "[[para:about]]", "[[finding:voise]]")],
        ["review/sections/03-sharing.md:5:1: `[[finding:voise]]`: there is no finding `voise`; "
         "did you mean `voice`?"]),
    "organised by findings that are not declared": (
        [("review/analysis.yml", FINDINGS, "organised_by: findings\n")],
        ["review/analysis.yml:1:15: organised_by: the analysis is organised by findings but "
         "none is declared; add them under `findings:` in review/analysis.yml, or organise it "
         "by another unit",
         "review/sections/03-sharing.md:3:10: finding: finding `sharing` does not exist; "
         "review/analysis.yml declares none; add it under `findings:` there",
         "review/sections/04-voice.md:3:10: finding: finding `voice` does not exist; "
         "review/analysis.yml declares none; add it under `findings:` there"]),
}


@pytest.mark.parametrize("name", list(CASES))
def test_findings(by_findings, name):
    edits, expected = CASES[name]
    assert messages_after(by_findings, edits) == expected


EPISODES = """organised_by: episodes
episodes:
  - id: first-call
    title: The first call to the police
    start: 2020-06
    end: 2020-09
  - id: unseen
    title: The child unseen
"""


def test_every_episode_is_analysed(minimal):
    (minimal / "review" / "analysis.yml").write_text(EPISODES, encoding="utf-8")
    edit(minimal, "review/sections/03-sharing.md", "question: q1", "episode: first-call")
    assert messages(minimal) == [
        "review/analysis.yml:7:5: episodes[1]: episode `unseen` is not analysed in any section; "
        "add a section with `kind: analysis` and `episode: unseen` in review/sections/",
        "review/sections/04-voice.md:2:7: warning: kind: this analysis section names no episode; "
        "add `episode: first-call` (or another id from review/analysis.yml)"]


def test_a_section_may_name_a_unit_the_analysis_is_not_organised_by(minimal):
    """Organised by themes, a section still names its key question and an episode."""
    (minimal / "review" / "analysis.yml").write_text(
        EPISODES.replace("organised_by: episodes", "organised_by: themes")
        + "themes:\n  - id: voice\n    title: The voice of the child\n", encoding="utf-8")
    edit(minimal, "review/sections/04-voice.md", "question: voice",
         "question: voice\ntheme: voice\nepisode: unsen")
    assert messages(minimal) == [
        "review/sections/04-voice.md:5:10: episode: episode `unsen` does not exist; did you "
        "mean `unseen`?",
        "review/sections/03-sharing.md:2:7: warning: kind: this analysis section names no theme; "
        "add `theme: voice` (or another id from review/analysis.yml)"]


def test_organised_by_key_questions_that_terms_do_not_give(minimal):
    edit(minimal, "review/terms.yml", "questions:\n  - text: How well did agencies share "
         "information?\n  - id: voice\n    text: Was the child's voice heard?\n", "")
    for section, question in (("03-sharing", "q1"), ("04-voice", "voice")):
        edit(minimal, f"review/sections/{section}.md", f"question: {question}\n", "")
    assert messages(minimal) == [
        "review/terms.yml:1:1: questions: the analysis is organised by key questions but "
        "review/terms.yml has none; add them under `questions:`, or organise it by episodes, "
        "findings or themes "
        "(`organised_by:` in review/analysis.yml)",
        "review/sections/03-sharing.md:2:7: warning: kind: this analysis section names no key "
        "question; add `question: q1` (or another id from review/terms.yml)",
        "review/sections/04-voice.md:2:7: warning: kind: this analysis section names no key "
        "question; add `question: q1` (or another id from review/terms.yml)"]


def test_a_broken_analysis_file_hides_what_it_would_organise(minimal):
    """Whether sections must name findings is not known while analysis.yml is broken."""
    (minimal / "review" / "analysis.yml").write_text("organised_by: finding\n", encoding="utf-8")
    assert messages(minimal) == [
        "review/analysis.yml:1:15: organised_by: `finding` is not allowed; did you mean "
        "`findings`?"]


def test_a_theme_is_referred_to_by_its_id(minimal):
    (minimal / "review" / "analysis.yml").write_text(
        "themes:\n  - id: voice\n    title: The voice of the child\n", encoding="utf-8")
    edit(minimal, "review/sections/04-voice.md", "question: voice", "question: voice\ntheme: voice")
    edit(minimal, "review/sections/03-sharing.md", "[[para:about]]", "[[theme:voise]]")
    assert messages(minimal) == [
        "review/sections/03-sharing.md:5:1: `[[theme:voise]]`: there is no theme `voise`; "
        "did you mean `voice`?"]
