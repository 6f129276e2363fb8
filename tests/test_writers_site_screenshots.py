"""The README's screenshots: taken in Chromium from the built site, the four kinds of page a
reader meets at a phone's and a laptop's width, each referenced from the README."""
import re

from PIL import Image, ImageStat

from browser import screenshots
from conftest import ROOT

KINDS = {"report": "12-significant-events.html", "chronology": "25-chronology.html",
         "action-plans": "24-action-plans.html", "tracker": "tracker.html"}
SIZES = {375: 740, 1280: 800}
NAMES = sorted(f"{kind}-{width}.png" for kind in KINDS for width in SIZES)


def test_screenshots_of_each_kind_of_page_at_375_and_1280_px(example_site, tmp_path):
    shots = screenshots(example_site, tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == NAMES
    assert {(s["page"], s["width"]) for s in shots} == {
        (page, width) for page in KINDS.values() for width in SIZES}
    for shot in shots:
        with Image.open(shot["path"]) as image:
            assert image.size == (shot["width"], SIZES[shot["width"]]), shot["path"]
            # a page, not a blank or an error screen: dark text on a light page, some colour
            grey = image.convert("L")
            assert ImageStat.Stat(grey).mean[0] > 180 and grey.getextrema()[0] < 60
            assert len(image.convert("RGB").getcolors(1 << 16) or []) > 16


def test_the_committed_screenshots_are_these_and_the_readme_shows_each():
    committed = ROOT / "docs" / "screenshots"
    assert sorted(p.name for p in committed.iterdir()) == NAMES
    for name in NAMES:
        with Image.open(committed / name) as image:
            width = int(re.search(r"-(\d+)\.png", name)[1])
            assert image.size == (width, SIZES[width])
        assert (committed / name).stat().st_size < 100_000, name    # the repository stays small
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    shown = re.findall(r"!\[[^\]]+\]\(docs/screenshots/([^)]+)\)", readme)
    assert sorted(shown) == NAMES
