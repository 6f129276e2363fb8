"""The web site asks no other host for anything: requests found, links left alone, and a
build that would add one stopped with what to change."""
import gzip
import subprocess
import sys

import pytest

from casereview import pipeline
from casereview.writers.site import SiteError
from casereview.writers.site_privacy import absolute, outside_requests, requests

PAGE = """<html><head>
<link rel="canonical" href="https://partnership.example/review/">
<link rel="stylesheet" href="https://cdn.example/style.css">
<script src="//cdn.example/app.js"></script>
<style>@import "https://fonts.example/face.css";</style>
</head><body>
<p>See <a href="https://www.gov.uk/guidance">the guidance</a>.</p>
<img alt="" src="images/chart.svg"><img alt="" src="https://tracker.example/pixel.gif">
<img alt="" src="a.png" srcset="a.png 1x, https://img.example/a2.png 2x">
</body></html>
"""


def test_resources_from_other_hosts_are_found_and_links_are_not():
    assert [url for _, url in requests(PAGE)] == [
        "https://cdn.example/style.css", "//cdn.example/app.js", "https://fonts.example/face.css",
        "https://tracker.example/pixel.gif", "https://img.example/a2.png"]


def test_each_address_is_named_once_with_its_first_place(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    for name in ("a.html", "b.html"):
        (site / name).write_text('<head>\n<script src="https://cdn.example/x.js"></script>')
    assert outside_requests(site) == [
        "site/a.html:2: the page loads https://cdn.example/x.js (and in 1 other file(s)): every "
        "reader's browser would tell cdn.example who reads the review; remove it from "
        "mkdocs.yml, or from the template that adds it"]
    assert outside_requests(site, {site / "a.html", site / "b.html"}) == []


# (file of the site, what it holds, the address refused): each alone in a site
VECTORS = [
    ("p.html", '<img alt="" src="https://x.example/img">', "https://x.example/img"),
    ("p.html", '<img src="a.png" srcset="a.png 1x, https://x.example/b,c.png 2x">',
     "https://x.example/b,c.png"),
    ("p.html", '<picture><source srcset="//x.example/webp 1x"></picture>', "//x.example/webp"),
    ("p.html", '<link rel="preload" as="font" href="https://x.example/preload">',
     "https://x.example/preload"),
    ("p.html", '<link rel=prefetch href=//x.example/prefetch>', "//x.example/prefetch"),
    ("p.html", '<link rel="preconnect" href="https://x.example">', "https://x.example"),
    ("p.html", '<link rel="dns-prefetch" href="//x.example">', "//x.example"),
    ("p.html", '<link rel="shortcut icon" href="https://x.example/icon">',
     "https://x.example/icon"),
    ("p.html", '<link rel="modulepreload" href="https://x.example/module">',
     "https://x.example/module"),
    ("p.html", '<link rel="manifest" href="https://x.example/manifest">',
     "https://x.example/manifest"),
    ("p.html", '<link rel="alternate stylesheet" href="https://x.example/css">',
     "https://x.example/css"),
    ("p.html", '<link rel="search" href="https://x.example/opensearch.xml">',
     "https://x.example/opensearch.xml"),
    ("p.html", '<body background="https://x.example/background">',
     "https://x.example/background"),
    ("p.html", '<video poster="https://x.example/poster"></video>', "https://x.example/poster"),
    ("p.html", '<video src="https://x.example/video"></video>', "https://x.example/video"),
    ("p.html", '<audio src="//x.example/audio"></audio>', "//x.example/audio"),
    ("p.html", '<video><track src="https://x.example/track"></video>', "https://x.example/track"),
    ("p.html", '<object data="https://x.example/object"></object>', "https://x.example/object"),
    ("p.html", '<embed src="https://x.example/embed">', "https://x.example/embed"),
    ("p.html", '<iframe src="https://x.example/iframe"></iframe>', "https://x.example/iframe"),
    ("p.html", '<frameset><frame src="https://x.example/frame"></frameset>',
     "https://x.example/frame"),
    ("p.html", '<form action="https://x.example/form"><input name="q"></form>',
     "https://x.example/form"),
    ("p.html", '<form><button formaction="https://x.example/formaction">Go</button></form>',
     "https://x.example/formaction"),
    ("p.html", '<input type="image" alt="" src="https://x.example/input">',
     "https://x.example/input"),
    ("p.html", '<meta http-equiv="refresh" content="0;url=https://x.example/refresh">',
     "https://x.example/refresh"),
    ("p.html", "<meta http-equiv=Refresh content=\"5; URL='//x.example/refresh2'\">",
     "//x.example/refresh2"),
    ("p.html", '<base href="https://x.example/">', "https://x.example/"),
    ("p.html", '<svg><image xlink:href="https://x.example/svg-image"/></svg>',
     "https://x.example/svg-image"),
    ("p.html", '<svg><use href="https://x.example/sprite.svg#i"/></svg>',
     "https://x.example/sprite.svg#i"),
    ("p.html", '<svg><filter><feImage href="//x.example/feimage"/></filter></svg>',
     "//x.example/feimage"),
    ("p.html", '<svg><rect fill="url(https://x.example/paint#g)"/></svg>',
     "https://x.example/paint#g"),
    ("p.html", '<a href="next.html" ping="https://x.example/ping">next</a>',
     "https://x.example/ping"),
    ("p.html", '<p style="background:url(https://x.example/style-attribute)">x</p>',
     "https://x.example/style-attribute"),
    ("p.html", '<style>p{background:url("//x.example/style-element")}</style>',
     "//x.example/style-element"),
    ("p.html", r"<style>p{background:url(\68ttps://x.example/css-escape)}</style>",
     "https://x.example/css-escape"),
    ("p.html", "<style>@import url(//x.example/import.css);</style>",
     "//x.example/import.css"),
    ("p.html", "<style>@import 'https://x.example/import-string.css';</style>",
     "https://x.example/import-string.css"),
    ("p.html", """<p style="background-image:image-set('https://x.example/set' 1x)">x</p>""",
     "https://x.example/set"),
    ("p.html", '<img alt="" src="&#x68;ttps://x.example/hex-entity">',
     "https://x.example/hex-entity"),
    ("p.html", '<img alt="" src="&#104;ttps://x.example/entity">', "https://x.example/entity"),
    ("p.html", '<img alt="" src="https:\\\\x.example/backslash">',
     "https:\\\\x.example/backslash"),
    ("p.html", '<img alt="" src="\\\\x.example/unc">', "\\\\x.example/unc"),
    ("p.html", '<img alt="" src="http:/\\x.example/mixed">', "http:/\\x.example/mixed"),
    ("p.html", '<img alt="" src="https:x.example/no-slashes">', "https:x.example/no-slashes"),
    ("p.html", '<img alt="" src="HtTpS://x.example/case">', "HtTpS://x.example/case"),
    ("p.html", '<img alt="" src=" \x01\t https://x.example/spaces \n">',
     "https://x.example/spaces"),
    ("p.html", '<img alt="" src="ht&#9;tps://x.example/tab">', "https://x.example/tab"),
    ("p.html", '<template><img alt="" src="https://x.example/template"></template>',
     "https://x.example/template"),
    ("p.html", '<iframe srcdoc="<img src=https://x.example/srcdoc>"></iframe>',
     "https://x.example/srcdoc"),
    ("p.html", '<script>fetch("https://x.example/inline-fetch")</script>',
     "https://x.example/inline-fetch"),
    ("p.html", '<script>new Image().src = "\\x68ttps://x.example/inline-escape"</script>',
     "https://x.example/inline-escape"),
    ("p.html", """<script>el.innerHTML = '<img src="&#104;ttps://x.example/markup">'</script>""",
     "https://x.example/markup"),
    ("p.html", '<script src="//x.example/script.js"></script>', "//x.example/script.js"),
    ("p.htm", '<img alt="" src="https://x.example/htm">', "https://x.example/htm"),
    ("i.svg", '<svg xmlns="http://www.w3.org/2000/svg"><image href="https://x.example/svg"/>'
     "</svg>", "https://x.example/svg"),
    ("f.xml", '<?xml-stylesheet type="text/xsl" href="https://x.example/xsl"?><feed/>',
     "https://x.example/xsl"),
    ("s.css", r"p { background: url(\68ttps://x.example/sheet-escape) }",
     "https://x.example/sheet-escape"),
    ("s.css", "@import url(//x.example/sheet-import.css);", "//x.example/sheet-import.css"),
    ("s.css", '@font-face { font-family: f; src: url("https://x.example/font.woff2") }',
     "https://x.example/font.woff2"),
    ("s.css", "p{} /*# sourceMappingURL=https://x.example/s.css.map */",
     "https://x.example/s.css.map"),
    ("a.js", 'fetch("https://x.example/beacon")', "https://x.example/beacon"),
    ("a.js", 'var u = "\\x68ttps://x.example/x-escape";', "https://x.example/x-escape"),
    ("a.js", "var u = '\\u0068ttps://x.example/u-escape';", "https://x.example/u-escape"),
    ("a.js", 'var u = "\\u{68}ttps://x.example/u-brace";', "https://x.example/u-brace"),
    ("a.js", 'navigator.sendBeacon("//x.example/send-beacon", data)',
     "//x.example/send-beacon"),
    ("a.js", 'new WebSocket("wss://x.example/socket")', "wss://x.example/socket"),
    ("a.js", 'new EventSource("https://x.example/events")', "https://x.example/events"),
    ("a.js", "var r = new XMLHttpRequest(); r.open('GET', 'https://x.example/xhr')",
     "https://x.example/xhr"),
    ("a.js", 'importScripts("https://x.example/import-scripts.js")',
     "https://x.example/import-scripts.js"),
    ("a.js", 'import("https://x.example/dynamic.js")', "https://x.example/dynamic.js"),
    ("a.js", 'new Worker("//x.example/worker.js")', "//x.example/worker.js"),
    ("a.js", 'fetch("https:" + "//x.example/joined")', "https://x.example/joined"),
    ("a.js", "fetch(`https://x.example/template/${id}`)", "https://x.example/template/${id}"),
    ("a.js", 'var quote = /"/; fetch("https://x.example/after-regex")',
     "https://x.example/after-regex"),
    ("a.js", "el.style.background = 'url(\"//x.example/style-string\")'",
     "//x.example/style-string"),
    ("d.json", '{"icons": [{"src": "https://x.example/json"}]}', "https://x.example/json"),
    ("d.json", '{"docs": [{"text": "<p>x</p><img src=\\"//x.example/index\\">"}]}',
     "//x.example/index"),
]


@pytest.mark.parametrize("file, text, url", VECTORS, ids=[v[2] for v in VECTORS])
def test_every_kind_of_hidden_request_is_refused(tmp_path, file, text, url):
    site = tmp_path / "site"
    site.mkdir()
    (site / file).write_text(f"\n{text}\n", encoding="utf-8")
    refused = outside_requests(site)
    assert len(refused) == 1
    assert refused[0].startswith(f"site/{file}:2: the page loads {url}: ")


def test_the_corpus_covers_each_kind_of_file_and_many_vectors():
    assert len({url for _, _, url in VECTORS}) == len(VECTORS) >= 75
    assert {file.rsplit(".")[-1] for file, _, _ in VECTORS} == {
        "html", "htm", "svg", "xml", "css", "js", "json"}


def test_a_refusal_names_the_file_line_address_host_and_fix(tmp_path):
    site = tmp_path / "site"
    (site / "assets").mkdir(parents=True)
    (site / "02-x.html").write_text(
        '<!doctype html>\n<html><head>\n<title>x</title>\n</head>\n<body>\n<p>Text</p>\n'
        '<p><img alt=""\n    src="&#x68;ttps://Tracker.Example/p.gif"></p>\n'
        '<div\n  style="color: red;\n  background: url(\\\\\\\\tracker.example/b.png)"></div>\n'
        '<meta http-equiv="refresh" content="0; url=https://fonts.gstatic.com/x">\n</body>')
    (site / "assets" / "extra.css").write_text('p {}\n\n@import url(//x.example/a.css);\n')
    (site / "extra.js").write_text('// casereview\nnavigator.sendBeacon(\n  "\\x68ttps:'
                                   '\\u002f/x.example/b", "")\n')
    gzip_svg = gzip.compress(b'<svg><image href="//x.example/i.png"/></svg>', mtime=0)
    (site / "i.svgz").write_bytes(gzip_svg)
    fix = "remove it from mkdocs.yml, or from the template that adds it"
    assert outside_requests(site) == [
        "site/02-x.html:8: the page loads https://Tracker.Example/p.gif: every reader's "
        f"browser would tell tracker.example who reads the review; {fix}",
        "site/02-x.html:11: the page loads \\\\tracker.example/b.png: every reader's browser "
        f"would tell tracker.example who reads the review; {fix}",
        "site/02-x.html:12: the page loads https://fonts.gstatic.com/x: every reader's browser "
        "would tell fonts.gstatic.com who reads the review; set `font: false` under `theme:` "
        "in mkdocs.yml",
        "site/assets/extra.css:3: the page loads //x.example/a.css: every reader's browser "
        f"would tell x.example who reads the review; {fix}",
        "site/extra.js:3: the page loads https://x.example/b: every reader's browser would "
        f"tell x.example who reads the review; {fix}",
        "site/i.svgz:1: the page loads //x.example/i.png: every reader's browser would tell "
        f"x.example who reads the review; {fix}"]


SAFE = [
    ("p.html", '<img alt="" src="images/a.png"><img alt="" src="/b.png"><img src="./c.png">'),
    ("p.html", '<link rel="stylesheet" href="assets/s.css"><script src="a.js"></script>'),
    ("p.html", '<img alt="" src="data:image/png;base64,iVBORw0KGgo=">'),
    ("p.html", '<p style="mask:url(\'data:image/svg+xml;utf8,<svg/>\')">x</p>'),
    ("p.html", '<a href="https://www.gov.uk/guidance">guidance</a><area href="//x.example">'),
    ("p.html", '<link rel="canonical" href="https://p.example/"><link rel="alternate" '
               'hreflang="cy" href="https://p.example/cy/"><link rel="next" href="2.html">'),
    ("p.html", '<a href="mailto:board@example.org">mail</a> <a href="tel:+441234">call</a>'),
    ("p.html", "<p>Published at https://x.example/report and //x.example too.</p>"),
    ("p.html", '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/'
               'xlink"><use href="#icon"/></svg>'),
    ("p.html", '<script id="__config" type="application/json">{"base": "."}</script>'),
    ("p.html", '<!-- <img src="https://x.example/commented-out"> -->'),
    ("p.html", '<form action="search.html"><input name="q"></form>'),
    ("s.css", 'p { background: url(img/a.png) } @import "local.css"; q { mask: url(#m) }'),
    ("a.js", '// see https://x.example/docs\n/* https://x.example */ fetch("search/index.json")'),
    ("a.js", 'document.createElementNS("http://www.w3.org/2000/svg", "svg"); x = a / 2 / b'),
    ("d.json", '{"docs": [{"text": "<p>see <a href=\\"https://www.gov.uk/\\">it</a></p>"}]}'),
    ("d.json", '{"docs": [{"title": "&lt;img src=\\"https://x.example/escaped\\"&gt;",'
               ' "text": "<p>&lt;base href=\\"https://x.example/\\"&gt;</p>"}]}'),
    ("a.js", 'alert("The report is at https://x.example/report");'),
    ("notes.txt", "https://x.example/plain-text"),
    ("s.css.map", '{"sources": ["https://x.example/source.scss"]}'),
]


@pytest.mark.parametrize("file, text", SAFE)
def test_what_stays_on_the_site_or_is_a_link_is_not_refused(tmp_path, file, text):
    site = tmp_path / "site"
    site.mkdir()
    (site / file).write_text(text, encoding="utf-8")
    assert outside_requests(site) == []


def test_an_address_is_read_as_a_browser_reads_it():
    assert [absolute(u) for u in ("//x", "\\\\x", "/\\x", "https:x", " \x00HTTP://x\t",
                                  "wss://x", "ftp://x", "gopher://x")] == [
        "//x", "\\\\x", "/\\x", "https:x", "HTTP://x", "wss://x", "ftp://x", "gopher://x"]
    assert [absolute(u) for u in ("/x", "x", "data:,x", "mailto:a@b", "javascript:x", "c:/x",
                                  "about:blank", "#top", "https:", "")] == [None] * 10


def test_a_mkdocs_yml_that_turns_google_fonts_on_stops_the_build(minimal):
    (minimal / "mkdocs.yml").write_text("site_name: x\nuse_directory_urls: false\ntheme:\n"
                                        "  name: material\n  font:\n    text: Roboto\n")
    result = subprocess.run([sys.executable, "-m", "casereview.cli", "build", str(minimal),
                             "--format", "html"], capture_output=True, text=True)
    assert result.returncode == 1
    said = result.stderr.splitlines()
    assert said[-1] == "nothing was written; the previous outputs are unchanged"
    assert said[-3:-1] == [
        "site/01-introduction.html:43: the page loads https://fonts.gstatic.com (and in 10 other "
        "file(s)): every reader's browser would tell fonts.gstatic.com who reads the review; set "
        "`font: false` under `theme:` in mkdocs.yml",
        "site/01-introduction.html:44: the page loads https://fonts.googleapis.com/css?family="
        "Roboto:300,300i,400,400i,700,700i%7CRoboto+Mono:400,400i,700,700i&display=fallback (and "
        "in 10 other file(s)): every reader's browser would tell fonts.googleapis.com who reads "
        "the review; set `font: false` under `theme:` in mkdocs.yml"]
    assert not (minimal / "site").exists()


def test_a_script_template_that_calls_another_host_stops_the_build(minimal):
    (minimal / "templates" / "site").mkdir(parents=True)
    (minimal / "templates" / "site" / "casereview.js").write_text(
        '// a partnership\'s own script\nfetch("https://x.example/beacon", {method: "POST"});\n')
    result = subprocess.run([sys.executable, "-m", "casereview.cli", "build", str(minimal),
                             "--format", "html"], capture_output=True, text=True)
    assert result.returncode == 1
    assert result.stderr.splitlines()[-2:] == [
        "site/casereview.js:2: the page loads https://x.example/beacon: every reader's browser "
        "would tell x.example who reads the review; remove it from mkdocs.yml, or from the "
        "template that adds it",
        "nothing was written; the previous outputs are unchanged"]
    assert not (minimal / "site").exists()


MKDOCS = "site_name: x\nuse_directory_urls: false\ntheme:\n  name: material\n  font: false\n"


def test_a_remote_script_in_mkdocs_yml_stops_the_build(minimal):
    (minimal / "mkdocs.yml").write_text(MKDOCS + "extra_javascript:\n"
                                        "  - https://cdn.example/a.js\n")
    with pytest.raises(SiteError) as refused:
        pipeline.build(minimal, formats=("html",))
    assert str(refused.value).splitlines() == [
        "site/01-introduction.html:584: the page loads https://cdn.example/a.js (and in 10 other "
        "file(s)): every reader's browser would tell cdn.example who reads the review; remove "
        "it from mkdocs.yml, or from the template that adds it"]
    assert not (minimal / "site").exists()


def test_a_theme_override_that_adds_a_remote_image_stops_the_build(minimal):
    (minimal / "mkdocs.yml").write_text(MKDOCS + "  custom_dir: overrides\n")
    (minimal / "overrides").mkdir()
    (minimal / "overrides" / "main.html").write_text(
        '{% extends "base.html" %}\n{% block footer %}\n{{ super() }}\n'
        '<img alt="" srcset="logo.png 1x, &#104;ttps://img.example/logo@2x.png 2x">\n'
        "{% endblock %}\n")
    with pytest.raises(SiteError) as refused:
        pipeline.build(minimal, formats=("html",))
    assert str(refused.value).splitlines() == [
        "site/01-introduction.html:571: the page loads https://img.example/logo@2x.png (and in "
        "10 other file(s)): every reader's browser would tell img.example who reads the review; "
        "remove it from mkdocs.yml, or from the template that adds it"]
