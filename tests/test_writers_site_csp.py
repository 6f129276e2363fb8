"""Only the theme's own scripts run on the site: every page carries a Content-Security-Policy
allowing the theme's inline scripts by their hashes, the build refuses any other script,
frame or refresh a template or mkdocs.yml option adds, and in Chromium the policy blocks
nothing the site needs (search, palette, the theme's and casereview's scripts)."""
import base64
import hashlib
import re

import pytest
from selectolax.lexbor import LexborHTMLParser

from browser import audit
from casereview import pipeline
from casereview.writers.site import SiteError
from casereview.writers.site_csp import POLICY, scripts, secure, theme_scripts, with_policy
from casereview.writers.site_privacy import Document

CSP = "Content-Security-Policy"
THEIRS = ("the review's text is shown as text, so a template override or a mkdocs.yml option "
          "put it there: remove it")
OURS = ("the Content-Security-Policy lets only the theme's own scripts run: put a script in a "
        "file listed under `extra_javascript:` in mkdocs.yml, and remove anything else from the "
        "template override that adds it")


def html_pages(site):
    return sorted(site.glob("*.html"))


def policy_of(tree):
    return tree.css_first(f'meta[http-equiv="{CSP}"]').attributes["content"]


def sha256(text):
    return base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode()


def test_every_page_carries_the_policy_before_anything_but_its_charset(example_site):
    pages = html_pages(example_site)
    assert {"404.html", "print.html", "index.html", "tracker.html"} <= {p.name for p in pages}
    for page in pages:
        head = LexborHTMLParser(page.read_text(encoding="utf-8")).head
        children = [n for n in head.iter() if n.tag != "-text"]
        assert children[0].tag == "meta" and children[0].attributes == {"charset": "utf-8"}
        assert children[1].tag == "meta" and children[1].attributes["http-equiv"] == CSP, page
        assert page.read_bytes().index(b"<meta charset") < 1024


def test_the_policy_allows_exactly_the_themes_inline_scripts_by_hash(example_site):
    for page in html_pages(example_site):
        tree = LexborHTMLParser(page.read_text(encoding="utf-8"))
        content = tree.css_first("article.md-content__inner")
        assert content.css("script") == [], page
        inline = [s.text() for s in tree.css("script")
                  if "src" not in s.attributes and "type" not in s.attributes]
        assert len(inline) == 2 and inline[0].startswith("__md_scope=new URL(")
        assert all(any(p.fullmatch(text) for p in theme_scripts()) for text in inline)
        hashes = "".join(f" 'sha256-{sha256(text)}'" for text in sorted(inline, key=sha256))
        assert policy_of(tree) == POLICY.format(hashes=hashes), page.name


def test_the_policy_names_each_directive(example_site):
    policy = policy_of(LexborHTMLParser((example_site / "index.html").read_text()))
    assert re.sub(r" 'sha256-[^']+'", "", policy) == (
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
        "img-src 'self' data:; font-src 'self'; connect-src 'self'; worker-src 'self'; "
        "object-src 'none'; base-uri 'none'; form-action 'self'; frame-src 'none'")


@pytest.mark.parametrize("page, expected", [
    (b'<!doctype html>\n<html lang="en">\n  <head>\n    <meta charset="utf-8">\n'
     b"    <title>x</title>\n",
     b'<!doctype html>\n<html lang="en">\n  <head>\n    <meta charset="utf-8">%s\n'
     b"    <title>x</title>\n"),
    (b"<!DOCTYPE html><!-- <head> --><HEAD profile=x><script>a()</script>",
     b"<!DOCTYPE html><!-- <head> --><HEAD profile=x>%s<script>a()</script>"),
    (b"<!doctype html>\n<html><title>x</title>", b"<!doctype html>\n<html>%s<title>x</title>"),
    (b"<p>x</p>", b"%s<p>x</p>"),
])
def test_the_policy_is_inserted_and_nothing_else_changes(page, expected):
    meta = b'<meta http-equiv="Content-Security-Policy" content="default-src \'self\'">'
    assert with_policy(page, "default-src 'self'") == expected % meta
    assert with_policy(b"<html><head><title>x</title>", "a", xml=True) == \
        b'<html><head><meta http-equiv="Content-Security-Policy" content="a" /><title>x</title>'


THEME_SCRIPT = ('<script>__md_scope=new URL(".",location),__md_hash=e=>[...e].reduce(((e,_)=>'
                '(e<<5)-e+_.charCodeAt(0)),0),__md_get=(e,_=localStorage,t=__md_scope)=>JSON.'
                'parse(_.getItem(t.pathname+"."+e)),__md_set=(e,_,t=localStorage,a=__md_scope)'
                '=>{try{t.setItem(a.pathname+"."+e,JSON.stringify(_))}catch(e){}}</script>')
PAGE = f"""<!doctype html>
<html><head><meta charset="utf-8">
{THEME_SCRIPT}
<script>console.log("a partnership's own")</script>
<script id="__config" type="application/json">{{"base": "."}}</script>
<meta http-equiv="refresh" content="30">
</head><body>
<a href="javascript:void(0)" class="md-search__icon">share</a>
<form class="md-search__form" name="search"><input name="query"></form>
<button onclick="go()">Menu</button>
<article class="md-content__inner md-typeset">
<h1>1. Introduction</h1>
{THEME_SCRIPT}
<img alt="" src="x.png" onerror="alert(1)">
<a href=" java&#x09;script:alert(2)">x</a><a href="javascript:void(0)">y</a>
<svg><set attributeName="href" to="javascript:alert(3)"/><a xlink:href="vbscript:x">z</a></svg>
<iframe title="t" src="t.html"></iframe><object data="o.swf"></object><embed src="e.swf">
<form action="search.html"><input name="q"></form>
<base href="/">
<p>Only text: onerror=alert(4), javascript:alert(5) &lt;script&gt;</p>
</article>
<script src="assets/javascripts/bundle.min.js"></script>
<script src="data:text/javascript,alert(6)"></script>
</body></html>"""


def test_theme_scripts_are_hashed_and_everything_else_is_named_with_its_line():
    hashes, refused = scripts(Document(PAGE))
    assert hashes == [sha256(THEME_SCRIPT[8:-9])]
    assert refused == [
        (4, "an inline script in the page that is not the theme's own (`<script>` element); "
            + OURS),
        (6, "a refresh in the page (`<meta http-equiv=\"refresh\">`), which sends the reader "
            "elsewhere; " + OURS),
        (10, f"a script in the page (`onclick` attribute); {OURS}"),
        (13, f"a script in the page's content (`<script>` element); {THEIRS}"),
        (14, f"a script in the page's content (`onerror` attribute); {THEIRS}"),
        (15, f"a script in the page's content (`javascript:` address in `href`); {THEIRS}"),
        (15, f"a script in the page's content (`javascript:` address in `href`); {THEIRS}"),
        (16, f"a script in the page's content (`javascript:` address in `to`); {THEIRS}"),
        (16, f"a script in the page's content (`vbscript:` address in `xlink:href`); {THEIRS}"),
        (17, f"an embedded frame or object in the page's content (`<embed>` element); {THEIRS}"),
        (17, f"an embedded frame or object in the page's content (`<iframe>` element); {THEIRS}"),
        (17, f"an embedded frame or object in the page's content (`<object>` element); {THEIRS}"),
        (18, f"a form in the page's content (`<form>` element); {THEIRS}"),
        (19, "a `<base>` element in the page's content, which changes where every address "
             f"points; {THEIRS}"),
        (23, "a script in the page from a `data:` or `blob:` address; " + OURS)]


def test_an_svg_or_xml_file_may_hold_no_script_at_all(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    (site / "logo.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg" onload="x()">\n'
                                   "<script>y()</script></svg>")
    (site / "page.html").write_text("<html><head><title>x</title></head><body></body></html>")
    alone = "no Content-Security-Policy covers a file opened on its own: remove it"
    assert secure(site) == [f"site/logo.svg:1: a script in the file (`onload` attribute); {alone}",
                            f"site/logo.svg:2: a script in the file (`<script>` element); {alone}"]
    assert CSP not in (site / "page.html").read_text()     # nothing written when refused


def test_a_clean_site_gets_its_policy_and_a_refused_one_is_left_as_it_was(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    (site / "a.htm").write_text(f"<html><head>{THEME_SCRIPT}</head><body><p>x</p></body></html>")
    assert secure(site) == []
    tree = LexborHTMLParser((site / "a.htm").read_text())
    assert tree.head.child.attributes["http-equiv"] == CSP
    assert policy_of(tree) == POLICY.format(hashes=f" 'sha256-{sha256(THEME_SCRIPT[8:-9])}'")


MKDOCS = "site_name: x\nuse_directory_urls: false\ntheme:\n  name: material\n  font: false\n"


def test_a_template_override_putting_scripts_in_the_content_stops_the_build(minimal):
    (minimal / "mkdocs.yml").write_text(MKDOCS + "  custom_dir: overrides\n")
    (minimal / "overrides").mkdir()
    (minimal / "overrides" / "main.html").write_text(
        '{% extends "base.html" %}\n'
        '{% block extrahead %}<script>console.log("mine")</script>{% endblock %}\n'
        "{% block content %}\n{{ super() }}\n<script>alert(1)</script>\n"
        '<img alt="" src="x.png" onerror="alert(2)">\n'
        '<a href="java&#x09;script:alert(3)">x</a>\n{% endblock %}\n')
    with pytest.raises(SiteError) as refused:
        pipeline.build(minimal, formats=("html",))
    said = str(refused.value).splitlines()
    assert [line for line in said if line.startswith("site/01-introduction.html:")] == [
        "site/01-introduction.html:50: an inline script in the page that is not the theme's own "
        f"(`<script>` element); {OURS}",
        f"site/01-introduction.html:544: a script in the page's content (`<script>` element); "
        f"{THEIRS}",
        f"site/01-introduction.html:545: a script in the page's content (`onerror` attribute); "
        f"{THEIRS}",
        "site/01-introduction.html:546: a script in the page's content (`javascript:` address "
        f"in `href`); {THEIRS}"]
    # every page says the same, but 404.html, whose content is the theme's own
    assert len(said) == 4 * 10 + 1 and [line for line in said if "404" in line] == [
        "site/404.html:46: an inline script in the page that is not the theme's own (`<script>` "
        f"element); {OURS}"]
    assert not (minimal / "site").exists()


# a page of each kind (the hashes of every page are checked above, without a browser)
KINDS = ["index.html", "01-introduction.html", "18-legal-advice.html", "24-action-plans.html",
         "25-chronology.html", "tracker.html", "print.html", "404.html"]


@pytest.fixture(scope="module")
def loaded(example_site):
    return audit(example_site, KINDS, search="chronology")


def test_in_chromium_the_policy_blocks_nothing_and_no_dialog_opens(loaded):
    assert [page["page"] for page in loaded] == KINDS
    for page in loaded:
        assert (page["csp"], page["console"], page["dialogs"]) == ([], [], []), page["page"]
        # the theme's hashed inline script, its bundle, casereview.js: each ran
        assert page["theme"] == {"inline": True, "bundle": True, "extra": True,
                                 "scheme": "default"}, page["page"]


def test_search_works_under_the_policy(example_site, loaded):
    assert CSP in (example_site / "index.html").read_text()
    for page in loaded:
        assert re.fullmatch(r"\d+ matching documents", page["search"]["meta"]), page["page"]
        assert any(url.endswith("/25-chronology.html?h=chronology")
                   for url in page["search"]["results"])


def test_the_palette_toggle_and_search_share_run_under_the_policy(minimal):
    (minimal / "mkdocs.yml").write_text(
        MKDOCS + "  features: [search.share]\n  palette:\n"
        "    - scheme: default\n      toggle: {icon: material/brightness-7, name: Dark}\n"
        "    - scheme: slate\n      toggle: {icon: material/brightness-4, name: Light}\n")
    pipeline.build(minimal, formats=("html",))
    page = (minimal / "site" / "index.html").read_text()
    assert 'var palette=__md_get("__palette")' in page and "javascript:void(0)" in page
    assert policy_of(LexborHTMLParser(page)).count("'sha256-") == 3
    [result] = audit(minimal / "site", ["index.html"])
    assert (result["csp"], result["console"], result["dialogs"]) == ([], [], [])
    assert result["theme"] == {"inline": True, "bundle": True, "extra": True, "scheme": "default"}
