"""The web site asks no other host for anything: requests found, links left alone, and a
build that would add one stopped with what to change."""
import subprocess
import sys

from casereview.writers.site_privacy import outside_requests, requests

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
