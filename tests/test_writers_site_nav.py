"""Finding the way round the site: the page contents on the right lists every sub-heading,
the menu on the left has short titles, the 404 page has a skip link, and search works when
the site is opened from disk."""
import re

import pytest
from selectolax.lexbor import LexborHTMLParser

from browser import audit
from casereview import pipeline
from casereview.assemble import menu_title
from conftest import edit


def tree(site, name):
    return LexborHTMLParser((site / name).read_text(encoding="utf-8"))


def page_contents(page):
    return [(a.attributes["href"], a.text(strip=True))
            for a in page.css(".md-sidebar--secondary nav.md-nav--secondary a.md-nav__link")]


def menu(page):
    return [a.text(strip=True) for a in page.css(".md-sidebar--primary nav > ul > li > a")]


def test_the_page_contents_lists_every_sub_heading_with_its_anchor(example_site):
    page = tree(example_site, "12-significant-events.html")
    headings = page.css("article h2, article h3")
    listed = page_contents(page)
    assert len(listed) == len(headings) == 22   # each year and month headed once
    assert listed[:3] == [("#section-2", "2010"), ("#november", "November"),
                          ("#section-3", "2011")]
    assert [text for _, text in listed] == [h.text(strip=True) for h in headings]
    for href, _ in listed:        # the anchor is the section the heading opens
        target = page.css_first(f'[id="{href[1:]}"]')
        assert target.css_first("h2, h3").text(strip=True) == dict(listed)[href]
    tracker = page_contents(tree(example_site, "tracker.html"))
    assert ("#by-agency", "By agency") in tracker and ("#by-lead", "By lead") in tracker


def test_a_page_without_sub_headings_has_empty_contents_and_the_skip_link_aims_at_its_title(
        example_site):
    page = tree(example_site, "17-escalation.html")
    assert page_contents(page) == []
    skip = page.css_first("a.md-skip").attributes["href"]
    assert page.css_first(f'article h1[id="{skip[1:]}"]') is not None
    busy = tree(example_site, "12-significant-events.html")
    assert busy.css_first("a.md-skip").attributes["href"] == \
        "#12-significant-events-october-2010-august-2014"


def test_the_menu_shows_short_titles_and_the_tab_the_whole_one(example_site):
    page = tree(example_site, "17-escalation.html")
    titles = menu(page)
    assert titles[14:18] == ["14. Analysis", "15. Question 2: What did partner agencies know about…",
                             "16. Question 3: How did partner agencies understand the…",
                             "17. Question 4: Once it was clear that professionals…"]
    assert max(len(t) for t in titles) <= len("NN. ") + 52 + 1
    assert "Appendix 1: Agency recommendations and action plans" in titles
    assert page.css_first("title").text() == (
        "17. Once it was clear that professionals differed over the children’s safety plan, how "
        "effective was the escalation policy? Was it followed, and if not, why not? - Serious "
        "Case Review – Child B1")
    assert page.css_first("article h1").text(strip=True).startswith("17. Once it was clear")


def test_the_default_menu_title_keeps_a_short_title_and_cuts_a_long_one_at_a_word():
    assert menu_title("Significant Events October 2010 – August 2014") == \
        "Significant Events October 2010 – August 2014"
    assert menu_title("Question 5: How legal advice related to social work practice: why") == \
        "Question 5: How legal advice related to social work…"
    assert menu_title("A " * 20 + "word,   unbreakablewordhere") == "A " * 20 + "word…"


def test_a_menu_title_of_the_authors_own_is_used_as_written(minimal):
    section = minimal / "review" / "sections" / "01-introduction.md"
    edit(minimal, section.relative_to(minimal).as_posix(), "---\n",
         "---\nmenu_title: Short <and> sweet\n")
    pipeline.build(minimal, formats=("html",))
    site = minimal / "site"
    page = tree(site, section.stem + ".html")
    assert menu(page)[1] == "1. Short <and> sweet"
    assert "Short &lt;and&gt; sweet" in (site / "index.html").read_text(encoding="utf-8")
    assert page.css_first("title").text().startswith("1. ")
    assert "sweet" not in page.css_first("title").text()


def test_the_404_page_has_a_skip_link_to_its_heading(example_site):
    page = tree(example_site, "404.html")
    skip = page.css_first("a.md-skip")
    assert skip.text(strip=True) == "Skip to content" and skip.attributes["href"] == "#not-found"
    assert page.css_first("h1#not-found").text() == "404 - Not found"


@pytest.fixture(scope="module")
def from_disk(example_site):
    return audit(example_site, ["index.html", "25-chronology.html"], search="escalation",
                 widths=(375, 1280), from_disk=True)


def test_search_finds_a_word_of_the_report_when_the_site_is_opened_from_disk(
        example_site, from_disk):
    assert (example_site / "search" / "search_index.js").read_text().startswith("var __index = {")
    base = example_site.resolve().as_uri() + "/"
    for page in from_disk:
        assert re.fullmatch(r"[1-9]\d* matching documents?", page["search"]["meta"]), \
            (page["page"], page["width"])
        assert base + "17-escalation.html?h=escalation" in page["search"]["results"]
        assert page["csp"] == [] and page["violations"] == [], (page["page"], page["width"])
        assert all(url.startswith(base) for url in page["requests"])


def test_links_between_pages_work_from_disk(example_site):
    page = tree(example_site, "17-escalation.html")
    targets = {a.attributes["href"].split("#")[0] for a in page.css("a[href]")
               if "://" not in a.attributes["href"] and not a.attributes["href"].startswith("#")}
    assert "16-attachment.html" in targets and "index.html" in targets
    assert all((example_site / t).is_file() for t in targets if t), targets
