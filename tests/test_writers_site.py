"""The web site: pages, search index, no outside requests, accessibility, draft marks."""
import json
import re

import pytest

from browser import audit

OUTSIDE = re.compile(r"""(?:src|href|action|poster)\s*=\s*["']?(?:https?:)?//""", re.I)


def pages(site):
    return sorted(p.name for p in site.glob("*.html") if p.name != "404.html")


def test_one_page_per_section_and_appendix_plus_overview_tracker_and_print(example_site):
    names = pages(example_site)
    assert len(names) == 23 + 3 + 3
    assert {"index.html", "print.html", "18-legal-advice.html", "24-action-plans.html",
            "25-chronology.html", "26-references.html", "tracker.html"} <= set(names)


def test_the_tracker_page_has_its_tables_and_charts_with_text_alternatives(example_site):
    html = (example_site / "tracker.html").read_text(encoding="utf-8")
    assert html.count('role="img"') == 2
    assert '<title id="status-chart-title">Action plan rows by agency and RAG rating</title>' in html
    assert '<h2 id="by-agency">By agency</h2>' in html and '<h2 id="by-lead">By lead</h2>' in html
    assert html.index('id="overdue"') < html.index('id="by-agency"')


def test_search_index_holds_the_text_but_not_the_print_page(example_site):
    index = json.loads((example_site / "search" / "search_index.json").read_text())
    locations = [d["location"] for d in index["docs"]]
    assert "18-legal-advice.html" in locations
    assert not any(loc.startswith("print.html") for loc in locations)
    text = " ".join(d["text"] for d in index["docs"])
    assert "emergency legal planning meeting" in text


def test_no_page_or_stylesheet_points_outside(example_site):
    for file in [*example_site.glob("*.html"), *example_site.glob("*.css")]:
        assert not OUTSIDE.search(file.read_text(encoding="utf-8")), file.name
    assert "fonts.googleapis" not in (example_site / "index.html").read_text()


def test_cross_references_link_across_pages(example_site):
    html = (example_site / "17-escalation.html").read_text(encoding="utf-8")
    assert 'href="16-attachment.html#sec-attachment"' in html


WIDTHS = (375, 768, 1280)       # a phone, a tablet, a laptop


@pytest.fixture(scope="module")
def at_widths(example_site):
    """Every page of the site, the 404 page too, at each width."""
    return audit(example_site, pages(example_site) + ["404.html"], widths=WIDTHS)


@pytest.fixture(scope="module")
def loaded(at_widths):
    return {p["page"]: p for p in at_widths if p["width"] == 1280 and p["page"] != "404.html"}


def test_every_page_loads_in_chromium_from_localhost_only(loaded):
    for page in loaded.values():
        hosts = {re.match(r"https?://([^/:]+)", url)[1] for url in page["requests"]
                 if url.startswith("http")}
        assert hosts == {"127.0.0.1"}, page["page"]


def test_every_page_passes_axe_at_every_width(example_site, at_widths):
    assert [(p["page"], p["width"]) for p in at_widths] == [
        (name, width) for name in pages(example_site) + ["404.html"] for width in WIDTHS]
    assert len(at_widths) == 30 * 3
    assert {(p["page"], p["width"]): p["violations"] for p in at_widths if p["violations"]} == {}


def test_no_page_is_wider_than_the_viewport_at_any_width(at_widths):
    # a wide table may scroll inside its own box; nothing may make the page scroll sideways
    wider = {(p["page"], p["width"]): p["overflow"] for p in at_widths
             if p["overflow"]["page"] > p["overflow"]["viewport"] or p["overflow"]["count"]}
    assert wider == {}


def test_numbered_paragraphs_in_the_browser(loaded):
    paragraphs = loaded["18-legal-advice.html"]["paragraphs"]
    assert [n for n, _ in paragraphs] == [f"18.{i}" for i in range(1, 16)]
    assert len(loaded["print.html"]["paragraphs"]) == sum(
        len(p["paragraphs"]) for name, p in loaded.items() if name != "print.html")


def test_a_published_review_carries_no_draft_mark(loaded):
    assert all(p["mark"] == [] for p in loaded.values())


@pytest.fixture(scope="module")
def draft_loaded(draft_site):
    return audit(draft_site, pages(draft_site))


def test_every_page_of_a_draft_says_so(draft_loaded):
    for page in draft_loaded:
        assert len(page["mark"]) == 1, page["page"]
        assert page["mark"][0].startswith("DRAFT — NOT FOR PUBLICATION · LCSPR T DRAFT 0.1 · built ")


def test_a_workspace_without_mkdocs_yml_gets_casereviews_private_defaults(draft_site,
                                                                          draft_loaded):
    # built with the repository's own mkdocs.yml in the current folder: it must not be read
    index = (draft_site / "index.html").read_text(encoding="utf-8")
    assert "<title>Local Child Safeguarding Practice Review – Child T</title>" in index
    assert "Child B1" not in index and "fonts.googleapis" not in index
    for page in draft_loaded:
        assert page["violations"] == [], page["page"]
        assert {re.match(r"https?://([^/:]+)", url)[1] for url in page["requests"]
                if url.startswith("http")} == {"127.0.0.1"}, page["page"]
