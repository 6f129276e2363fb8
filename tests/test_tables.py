"""Tables, charts, dates and names as a reader meets them: captions in every format, action
lists as lists, dates as people write them, agencies and recommendations by name or printed
number (never an internal id); on the site, tables that fit 375, 768 and 1280 px."""
import json
import re
import subprocess
import zipfile

import docx
import pytest

from browser import BROWSER, served
from casereview import pipeline
from casereview.commands.check import check
from casereview.dates import spoken
from casereview.render import Context, render
from casereview.tables import Column, grid_table
from casereview.tracker import joined, plain
from conftest import ROOT, copy_workspace, edit
from pandoc_tables import tables
from plans_workspace import outside_plan

ISO_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")
# attributes that hold an address or an element's id, not text a reader is shown
LINKING = re.compile(r'\s(?:id|href|src|for|aria-labelledby|aria-describedby|aria-controls)'
                     r'="[^"]*"')
KEYS = re.compile(r"\[[@^][^\]]*\]|\[\[[^\]]*\]\]")
CODE = re.compile(r"<(script|style)\b.*?</\1>|<(?:link|meta)\b[^>]*>", re.S)


@pytest.fixture(scope="module")
def example(tmp_path_factory):
    ws = copy_workspace(ROOT, tmp_path_factory.mktemp("tables") / "ws")
    pipeline.build(ws, formats=("html", "docx", "pdf"))
    return ws


@pytest.fixture(scope="module")
def published(example) -> dict[str, str]:
    """Every published text by where it is: each site page (less its scripts, styles and
    linking attributes), the search index, the DOCX's parts, the PDF's text."""
    out = {f"site/{p.name}": LINKING.sub("", CODE.sub("", p.read_text(encoding="utf-8")))
           for p in (example / "site").glob("*.html")}
    out["site/search"] = (example / "site" / "search" / "search_index.json").read_text()
    docx = next((example / "dist").glob("*.docx"))
    with zipfile.ZipFile(docx) as z:
        for name in z.namelist():
            if name.endswith(".xml"):
                xml = z.read(name).decode("utf-8")
                out[f"docx/{name}"] = " ".join(re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", xml))
    pdf = next((example / "dist").glob("*.pdf"))
    out["pdf"] = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                                text=True, check=True).stdout
    return out


def internal_ids(review) -> set[str]:
    """The example's agency, recommendation and action row ids, less those that are also
    words of its own prose as written (`police`, `legal`): those are published as words."""
    prose = " ".join([*(s.body for s in review.sections),
                      *(e.what for imr in review.imrs for e in imr.chronology),
                      *(r.text for imr in review.imrs for r in imr.recommendations),
                      *(r.text for r in review.recommendations.overview)])
    prose = KEYS.sub("", prose)             # citation keys and footnote labels are not words
    agencies = {a.id for a in review.panel.agencies if not re.search(rf"\b{a.id}\b", prose)}
    recs = {r.id for imr in review.imrs for r in imr.recommendations}
    recs |= {r.id for r in [*review.recommendations.overview, *review.recommendations.repeated]}
    rows = {row.id for plan in review.action_plans for row in plan.rows}
    return agencies | recs | rows


def test_no_internal_id_reaches_published_text(example, published):
    ids = internal_ids(check(example).review)
    assert {"ccg", "csc", "eyst", "lpt", "uhl", "lscb", "eyst-rec-i", "csc-4"} <= ids
    pattern = re.compile(r"(?<![\w-])(" + "|".join(map(re.escape, sorted(ids))) + r")(?![\w-])")
    found = {(where, m[1]) for where, text in published.items() for m in pattern.finditer(text)}
    assert found == set()


def test_dates_are_written_as_people_write_them(published):
    for where, text in published.items():
        assert not ISO_DATE.search(text), (where, ISO_DATE.search(text)[0])
    tracker = published["site/tracker.html"]
    assert '<td class="date">31 March 2015</td>' in tracker
    assert '<span class="date">September 2015</span>' in tracker
    for where in ("pdf", "docx/word/document.xml"):
        assert "13 June 2016" in published[where], where


def test_every_table_has_its_caption_in_every_format(example, published):
    captions = ["Action plan: Early Years Support Team", "Action plan: Children’s Social Care",
                "Action plan: Local Safeguarding Children Board", "Combined chronology"]
    site = published["site/24-action-plans.html"] + published["site/25-chronology.html"]
    docx = published["docx/word/document.xml"]
    for caption in captions:
        assert f"<caption>{caption}</caption>" in site
        assert caption in docx
        assert re.search(rf"Table \d+: {caption}", published["pdf"]), caption
    with zipfile.ZipFile(next((example / "dist").glob("*.docx"))) as z:
        xml = z.read("word/document.xml").decode("utf-8")
    assert xml.count('<w:pStyle w:val="TableCaption"/>') == 7        # six plans, the chronology
    assert "<caption>Action plan rows: Children’s Social Care</caption>" in published["site/tracker.html"]


def test_a_plan_caption_from_the_yaml_replaces_the_default(tmp_path):
    ws = copy_workspace(ROOT, tmp_path / "ws")
    plan = ws / "action_plans" / "uhl.yml"
    plan.write_text(plan.read_text().replace("agency: uhl\n", "agency: uhl\ncaption: UHL plan, "
                                              "agreed March 2015\n"), encoding="utf-8")
    info = ws / "review" / "review.yml"
    info.write_text(info.read_text() + "chronology_caption: Contacts of every agency\n")
    md = render(check(ws).review, ws).markdown
    assert tables(md)["action-plan-uhl"]["caption"] == "UHL plan, agreed March 2015"
    assert tables(md)["chronology-table"]["caption"] == "Contacts of every agency"


def test_actions_are_lists_each_with_its_lead_and_deadline(published, example):
    md = render(check(example).review, example).markdown
    lpt = tables(md)["action-plan-lpt"]
    actions = lpt["header"].index("Actions")
    assert lpt["blocks"][2][actions] == ["BulletList"]
    assert lpt["rows"][2][actions] == (
        "A reminder will go into the Safeguarding Children Briefing, which is circulated "
        "electronically throughout LPT. Lead: Named Nurses Safeguarding Children. Deadline: "
        "31.03.2015 Clinical Team Leaders of the health visiting and school nursing teams will "
        "raise it at team meetings. Lead: Clinical Team Leaders Deadline: 31.05.2015")
    assert "•" not in md
    assert re.search(r"<td[^>]*><ul>\s*<li>", published["site/24-action-plans.html"])


def test_in_the_pdf_a_caption_heads_its_table_and_an_action_keeps_its_indent(published):
    pdf = published["pdf"]
    assert re.search(r"Table \d+: Action plan: Leicestershire Partnership NHS Trust\n"
                     r"No\. +Recommendation", pdf)
    first = re.search(r"^(.*• LPT will look at the LSCB guidance to decide.*)\n(.*)$", pdf, re.M)
    # the item's second line starts under its first word, not under the bullet
    assert abs(first[2].index("whether") - first[1].index("LPT")) <= 1, first.groups()


def test_answered_recommendations_by_their_printed_numbers(example):
    review = check(example).review
    md = render(review, example).markdown
    eyst, lscb = tables(md)["action-plan-eyst"], tables(md)["action-plan-lscb"]
    assert eyst["rows"][2][1].endswith("Answers recommendations iii and iv.")
    assert lscb["rows"][0][1].endswith("Answers Social Care recommendation iii.")
    assert "-rec-" not in md


HOME_OFFICE = ["Recommendation", "Scope", "Action", "Lead agency", "Key milestones", "Target date",
               "Date of completion and outcome"]
HOME_OFFICE_ROWS = [
    ["1. Guidance will say how legal services take part in reviews.\nAnswers overview "
     "recommendation iv.", "National", "Consult on revised guidance.", "Safeguarding Policy Unit",
     "Consultation opened\nBy: 30 September 2016\nDone: 12 September 2016\nRevised guidance "
     "published\nBy: March 2017", "March 2017", "In progress"],
    ["2. Regional standards for training on failure to thrive.", "Regional", "Actions to be "
     "agreed: The regional safeguarding leads meet in November 2016 to agree them.",
     "Regional safeguarding leads", "", "", "Not started"],
    ["3. A protocol with legal services for the review of Child B1.", "Local", "Agree the "
     "protocol with legal services.", "Local authority solicitor", "", "30 April 2016",
     "15 April 2016\nThe protocol is agreed and in use."]]
THEMES = ["Legal", "Training", "Other"]


@pytest.fixture(scope="module")
def outside(tmp_path_factory):
    """The example with a plan in the Home Office template's columns, grouped by theme, from a
    body outside the partnership (tests/plans_workspace.py), built as DOCX and PDF."""
    ws = outside_plan(tmp_path_factory.mktemp("outside") / "ws")
    pipeline.build(ws, formats=("docx", "pdf"))
    return ws


def test_a_home_office_plan_in_the_docx_has_its_columns_milestones_and_themes(outside):
    doc = docx.Document(next((outside / "dist").glob("*.docx")))
    plans = [t for t in doc.tables if t.rows[0].cells[0].text == "Recommendation"]
    assert [[c.text for c in t.rows[0].cells] for t in plans] == [HOME_OFFICE] * 3
    assert [[c.text for c in t.rows[1].cells] for t in plans] == HOME_OFFICE_ROWS
    paragraphs = [(p.style.name, p.text) for p in doc.paragraphs]
    start = paragraphs.index(("Heading 2", "Department for Education"))
    assert paragraphs[start + 1:start + 7] == [
        x for theme in THEMES for x in (("Heading 3", theme), (
            "Table Caption", f"Response of the Department for Education: {theme}"))]
    assert ("Normal", "To: Department for Education\nOwner: Independent Chair of the "
            "Safeguarding Children Board") in paragraphs
    assert ("Normal", "To: Child Safeguarding Practice Review Panel") in paragraphs


def test_a_home_office_plan_in_the_pdf_has_its_columns_milestones_and_themes(outside):
    pdf = subprocess.run(["pdftotext", str(next((outside / "dist").glob("*.pdf"))), "-"],
                         capture_output=True, text=True, check=True).stdout
    text = " ".join(pdf.split())
    start = text.index("Response of the Department for Education: Legal")
    plan = text[start:text.index("Appendix 2:", start)]
    for theme in THEMES:
        assert re.search(rf"{theme} Table \d+: Response of the Department for Education: {theme}",
                         text), theme
    tables = re.split(r"Table \d+: ", plan)     # a table's header repeats on each page
    assert len(tables) == 3
    for header in HOME_OFFICE:
        assert all(re.search(rf"\b{header}\b", table) for table in tables), header
    # each milestone with its dates (a tall row may go on over the page between two of them)
    assert "• Consultation opened By: 30 September 2016 Done: 12 September 2016" in plan
    assert "• Revised guidance published By: March 2017" in plan
    assert "Actions to be agreed: The regional safeguarding leads meet in November 2016 to " \
        "agree them." in plan
    assert "30 April 2016 15 April 2016 The protocol is agreed and in use." in plan
    assert "iv. That statutory guidance says how a local authority’s legal services take part " \
        "in Serious Case Reviews. To: Department for Education Owner: Independent Chair of the " \
        "Safeguarding Children Board v. That the national panel gathers what reviews have " \
        "learnt of failure to thrive. To: Child Safeguarding Practice Review Panel" in text


def test_standard_columns_show_what_is_pending_milestones_scope_and_completion(tmp_path):
    ws = copy_workspace(ROOT, tmp_path / "ws")
    edit(ws, "action_plans/lscb.yml", "    deadline: December 2015\n",
         "    deadline: December 2015\n    scope: regional\n    milestones:\n"
         "      - text: Guidance tool drafted\n        date: 2015-09-30\n        done: 2015-09-21\n"
         "      - {text: Training delivered, date: November 2015}\n")
    edit(ws, "action_plans/lscb.yml", "    deadline: June 2015\n",
         "    deadline: June 2015\n    completed: 2015-06-12\n    status: complete\n")
    plan = ws / "action_plans" / "lscb.yml"
    plan.write_text(plan.read_text() + "\n  - recommendation: Audit the agencies' actions.\n"
                    "    pending: The board sets the audit programme in January.\n")
    md = render(check(ws).review, ws).markdown
    lscb = tables(md)["action-plan-lscb"]
    assert lscb["header"] == ["No.", "Recommendation", "Desired outcome", "Actions", "Lead",
                              "Deadline", "Outcome measure", "Status"]
    first, second, pending = lscb["rows"]
    assert first[1].endswith("Answers Social Care recommendation iii. Scope: regional")
    assert first[3] == ("Multi-agency groups of professionals will be given a guidance tool and "
                        "training. Key milestones: Guidance tool drafted By: 30 September 2015 "
                        "Done: 21 September 2015 Training delivered By: November 2015")
    assert second[7] == "Complete, 12 June 2015"
    assert pending == ["3", "Audit the agencies’ actions.", "", "Actions to be agreed: The board "
                       "sets the audit programme in January.", "", "", "", "Not started"]


def test_rows_grouped_by_their_first_theme_its_title_and_other_last():
    from casereview.model import ActionPlan
    from casereview.tables import plan_groups
    plan = ActionPlan(agency="x", group_by="theme", rows=[
        {"no": "1", "actions": ["a"], "themes": ["supervision"]}, {"no": "2", "actions": ["b"]},
        {"no": "3", "actions": ["c"], "themes": ["Training", "supervision"]},
        {"no": "4", "actions": ["d"], "themes": ["supervision"]}])
    groups = plan_groups(plan, {"supervision": "Supervision and its quality"})
    assert [(theme, [r.no for r in rows]) for theme, rows in groups] == [
        ("Supervision and its quality", ["1", "4"]), ("Training", ["3"]), ("Other", ["2"])]
    ungrouped = plan.model_copy(update={"group_by": "none"})
    assert [(t, len(rows)) for t, rows in plan_groups(ungrouped, {})] == [("", 4)]


def test_a_deadline_written_as_an_iso_date_is_shown_as_people_write_dates():
    from casereview.dates import Deadline
    assert Deadline.parse("2016-04-30").spoken == "30 April 2016"
    assert Deadline.parse("By 2016-04-30, then ongoing").spoken == "By 30 April 2016, then ongoing"
    assert Deadline.parse("September 2015").spoken == "September 2015"


def test_chronology_gives_the_text_the_room(example):
    md = render(check(example).review, example).markdown
    head = md[md.index("| Date"):].splitlines()[0]
    widths = [len(cell) for cell in head.strip("|").split("|")]
    assert widths[2] / sum(widths) > 0.55 and widths[3] / sum(widths) < 0.1


def test_grid_table_keeps_lists_widths_and_long_words():
    md = grid_table([Column("No.", 10), Column("Actions", 70), Column("Due", 20)],
                    [["1", "- First action, written at length so that it has to wrap across "
                           "several lines of its column\n- Second", "[31 March 2015]{.date}"],
                     ["2", "One " + "x" * 90, "See 8.5.1"]],
                    caption="Action plan: Somewhere", ident="action-plan-x")
    table = tables(md)["action-plan-x"]
    assert table["caption"] == "Action plan: Somewhere"
    assert table["blocks"][0][1] == ["BulletList"]
    assert table["rows"][0][1] == ("First action, written at length so that it has to wrap "
                                   "across several lines of its column Second")
    assert table["rows"][1][1] == "One " + "x" * 90
    rule = md.splitlines()[0].split("+")[1:-1]
    assert len(rule[1]) >= 94 and len(rule[0]) < len(rule[2]) < len(rule[1])


def test_several_leads_are_joined_without_their_full_stops():
    assert joined(("Named Nurses Safeguarding Children.", "Clinical Team Leaders")) == \
        "Named Nurses Safeguarding Children; Clinical Team Leaders"
    assert joined(("Team leader (see 8.5.1).",)) == "Team leader (see 8.5.1)."


def test_the_tracker_shows_recommendations_without_their_footnotes():
    assert plain("Follow the policy.[^why]\n\n[^why]: Recovered from row 1.") == \
        "Follow the policy."
    assert plain("As [[para:legal]] says [@wt2013].") == "As a paragraph of the report says ."


def test_spoken_dates_at_each_precision():
    from datetime import date
    from casereview.dates import PartialDate
    assert [spoken(date(2015, 3, 31)), spoken(PartialDate(2015, 3)), spoken(PartialDate(2015)),
            spoken(None, "—")] == ["31 March 2015", "March 2015", "2015", "—"]


@pytest.fixture(scope="module")
def measured(example):
    pages = ["24-action-plans.html", "25-chronology.html", "tracker.html"]
    with served(example / "site") as base:
        result = subprocess.run(["node", str(BROWSER / "tables.mjs"), base,
                                 "--widths=375,768,1280", *pages],
                                capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    return {(r["page"], r["width"]): r for r in json.loads(result.stdout)}


def test_no_page_is_wider_than_a_phone_tablet_or_desktop(measured):
    for (page, width), r in measured.items():
        assert r["body"] <= r["view"], (page, width, r["body"])


def test_no_cell_spills_over_the_next_column_at_any_width(measured):
    for (page, width), r in measured.items():
        for table in r["tables"]:
            assert table["spills"] == [], (page, width, table["caption"])


def test_at_1280_every_column_of_every_table_shows(measured):
    for page in ("24-action-plans.html", "tracker.html", "25-chronology.html"):
        for table in measured[(page, 1280)]["tables"]:
            hidden = [c["header"] for c in table["columns"] if not c["visible"]]
            assert hidden == [], (page, table["caption"])
    plan = measured[("24-action-plans.html", 1280)]["tables"][0]
    assert [c["header"] for c in plan["columns"]][-3:] == ["Deadline", "Outcome measure", "Status"]


def test_on_a_phone_rows_are_cards_and_the_chronology_text_has_room(measured):
    chronology = measured[("25-chronology.html", 375)]["tables"][0]
    assert chronology["cards"]
    what = next(c for c in chronology["columns"] if c["header"] == "What happened")
    assert what["width"] >= 250 and what["label"] == "What happened"
    for table in measured[("24-action-plans.html", 375)]["tables"]:
        assert table["cards"], table["caption"]
    at_768 = measured[("25-chronology.html", 768)]["tables"][0]
    assert not at_768["cards"]
    key = next(c for c in at_768["columns"] if c["header"] == "Key episode")
    assert key["width"] < 0.12 * at_768["width"]


def test_the_tracker_charts_name_agencies_with_a_legend_readable_on_a_phone(measured):
    phone = measured[("tracker.html", 375)]
    assert {c["id"] for c in phone["charts"]} == {"status-chart", "deadline-chart"}
    for chart in phone["charts"]:
        assert chart["smallest"] >= 12, chart["id"]
        assert chart["legend"]
    status = next(c for c in phone["charts"] if c["id"] == "status-chart")
    assert "Early Years Support Team" in status["labels"] and "eyst" not in status["labels"]
    assert status["legend"].startswith("Red: overdue or not implemented")


def test_the_tracker_heads_each_agency_by_its_name(published):
    assert re.findall(r"<h3>([^<]*)</h3>", published["site/tracker.html"]) == [
        "Children’s Social Care", "Early Years Support Team", "Leicester City CCG",
        "Leicestershire Partnership NHS Trust", "Local Safeguarding Children Board",
        "University Hospitals of Leicester NHS Trust"]
