"""Each type's wording from data/review_types.yml: its title, the report's name under it, the
second label of a review finished under another type, the case code, the guidance cited; and
the title page of every format printing them."""
import re
import subprocess

import docx
import pytest

from casereview import pipeline, review_types
from casereview.model import ReviewInfo
from conftest import MINIMAL, copy_workspace, edit


def info(**fields) -> ReviewInfo:
    base = {"type": "dhr", "subjects": ["Ann"], "partnership": "Testshire Community Safety "
            "Partnership", "version": "DHR 1 draft", "lead_reviewer": {"role": "Chair"}}
    return ReviewInfo.model_validate(base | fields)


def test_every_type_has_its_wording_and_a_known_section_kind_for_each_requirement():
    assert list(review_types.kinds()) == ["scr", "lcspr", "rapid_review", "sar", "dhr", "dardr",
                                          "susr", "other"]
    assert review_types.kinds()["dardr"].requires == review_types.kinds()["dhr"].requires


def test_a_dhr_is_titled_by_its_victims_only():
    subjects = ["Ann", {"name": "Bob", "role": "perpetrator"}]
    assert review_types.title(info(subjects=subjects)) == \
        "Domestic Homicide Review into the death of Ann"
    assert review_types.title(info(type="sar", subjects=["Adult C", "Adult D", "Adult E"])) == \
        "Safeguarding Adults Review – Adult C, Adult D, Adult E"
    assert review_types.title(info(type="other", type_label="Learning Review")) == \
        "Learning Review – Ann"


def test_the_report_is_named_as_its_type_names_it():
    assert review_types.subtitle(info()) == "Overview report – Testshire Community Safety Partnership"
    assert review_types.subtitle(info(type="rapid_review")) == \
        "Rapid review report – Testshire Community Safety Partnership"


def test_the_second_label_names_both_types():
    assert review_types.second_label(info()) == ""
    assert review_types.second_label(info(type="scr", also="lcspr")) == \
        "Serious Case Review, completed as a Local Child Safeguarding Practice Review"
    assert review_types.second_label(info(type="other", type_label="Learning Review", also="sar")) \
        == "Learning Review, completed as a Safeguarding Adults Review"


def test_the_guidance_is_the_reviews_own_else_its_types():
    assert review_types.guidance(info()) == ("Multi-agency Statutory Guidance for the Conduct of "
                                             "Domestic Homicide Reviews 2016")
    assert review_types.guidance(info(statutory_guidance="Draft DHR guidance 2024")) == \
        "Draft DHR guidance 2024"


# ------------------------------------------------------------------ the title pages

SECOND = "Serious Case Review, completed as a Local Child Safeguarding Practice Review"


@pytest.fixture(scope="module")
def scr_as_lcspr(tmp_path_factory):
    """The minimal review as an SCR finished as an LCSPR, with a case code."""
    ws = copy_workspace(MINIMAL, tmp_path_factory.mktemp("also") / "ws")
    edit(ws, "review/review.yml", "type: lcspr", "type: scr\nalso: lcspr\ncase_code: CSPR-2021-04")
    pipeline.build(ws)
    return ws


WATERMARK = {"D", "R", "A", "FT"}       # the DRAFT across the page, as pdftotext splits it


def words(text: str) -> str:
    return " ".join(text.split())


def test_the_pdf_title_page_gives_the_second_label_and_the_reference(scr_as_lcspr):
    text = subprocess.run(["pdftotext", str(scr_as_lcspr / "dist" / "lcspr-t-draft-0-1.pdf"),
                           "-"], capture_output=True, text=True, check=True).stdout
    title_page = words(" ".join(line for line in text.split("\f")[0].splitlines()
                                if line not in WATERMARK))
    assert ("Serious Case Review – Child T Overview report – Testshire Safeguarding Children "
            f"Partnership {SECOND}") in title_page
    assert re.search(r"Reference Version Status CSPR-2021-04 LCSPR T DRAFT 0\.1 Draft", title_page)


def test_the_docx_title_page_gives_the_second_label_and_the_reference(scr_as_lcspr):
    document = docx.Document(scr_as_lcspr / "dist" / "lcspr-t-draft-0-1.docx")
    assert [p.text for p in document.paragraphs[:5]] == [
        "Serious Case Review – Child T", "Overview report – Testshire Safeguarding Children "
        "Partnership", SECOND, "Reference: CSPR-2021-04", "LCSPR T DRAFT 0.1"]
    assert document.core_properties.subject == \
        "Overview report – Testshire Safeguarding Children Partnership"


def test_the_site_title_page_gives_the_second_label_and_the_reference(scr_as_lcspr):
    html = (scr_as_lcspr / "site" / "index.html").read_text(encoding="utf-8")
    block = re.search(r'<div class="casereview-title">(.*?)</div>', html, re.S)[1]
    assert re.findall(r"<p[^>]*>(.*?)</p>", block)[:4] == [
        "Overview report – Testshire Safeguarding Children Partnership", SECOND,
        "Reference: CSPR-2021-04", "LCSPR T DRAFT 0.1"]
