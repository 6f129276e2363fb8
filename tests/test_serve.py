"""`casereview serve`: the example served on a free port, changed by saving its files as an
editor would; the page shows each change, or the errors, by itself; Ctrl-C stops it cleanly.
The pages rebuilt one by one are byte for byte those of a full build."""
import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from html import escape
from pathlib import Path

import pytest

from casereview import pipeline, render
from casereview.commands.check import check
from casereview.writers import site, site_preview
from conftest import ROOT, copy_workspace, edit

SECTION = "review/sections/05-confidentiality.md"
PAGE = "05-confidentiality.html"
WAIT = 20           # seconds a change may take to show
ALL = -1            # pandoc converted the whole document at once


class Served:
    """`casereview serve` running on a copy of the example."""

    def __init__(self, ws: Path, *options: str):
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        self.ws = ws
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "casereview.cli", "serve", str(ws), "--port", "0", *options],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
        self.said: list[str] = []
        for line in self.proc.stdout:
            self.said.append(line)
            if line.startswith("serving "):
                break
        assert self.said and self.said[-1].startswith("serving "), self.stop()
        self.url = re.search(r"http://127\.0\.0\.1:\d+/", self.said[-1])[0]
        self.folder = Path(re.search(r"preview in (\S+)", self.said[0])[1])

    def get(self, path: str = PAGE) -> tuple[int, str]:
        try:
            with urllib.request.urlopen(self.url + path, timeout=10) as answer:
                return answer.status, answer.read().decode("utf-8")
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode("utf-8")

    def build(self) -> int:
        return json.loads(self.get("__casereview__/build")[1])["build"]

    def until(self, shown: str, path: str = PAGE) -> tuple[int, str]:
        """The page once it shows `shown` (the test fails after WAIT seconds)."""
        deadline = time.monotonic() + WAIT
        while time.monotonic() < deadline:
            status, page = self.get(path)
            if shown in page:
                return status, page
            time.sleep(0.05)
        pytest.fail(f"{path} did not show {shown!r} within {WAIT} s")

    def stop(self) -> tuple[int, str, str]:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGINT)
        out, err = self.proc.communicate(timeout=30)
        return self.proc.returncode, "".join(self.said) + out, err


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    ws = copy_workspace(ROOT, tmp_path_factory.mktemp("serve") / "ws")
    server = Served(ws)
    yield server
    server.stop()


def reword(ws: Path, opening: str) -> None:
    """The section's sentence opened with other words, whatever earlier tests made of it."""
    path = ws / SECTION
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r"In \w+, every review", f"{opening}, every review", text, count=1),
                    encoding="utf-8")


def test_a_saved_change_shows_in_the_page(served):
    status, before = served.get()
    assert status == 200 and "In summary, every review" in before
    build = served.build()
    reword(served.ws, "In short")
    _, after = served.until("In short, every review")
    assert "In summary, every review" not in after
    assert served.build() > build
    # the page is the built one, with its policy, plus the reload script of the same origin
    assert '<meta http-equiv="Content-Security-Policy"' in after
    assert re.search(r'<script src="/__casereview__/reload\.js" data-build="\d+"></script>'
                     r"</body>", after)


def test_an_error_is_shown_on_every_page_until_it_is_fixed(served):
    review = served.ws / "review" / "review.yml"
    good = review.read_text(encoding="utf-8")
    review.write_text(good.replace("subjects: [Child B1]", "subjects: [Child B1", 1),
                      encoding="utf-8")
    errors = [str(d) for d in check(served.ws).report.errors]
    assert errors and all(re.match(r"review/review\.yml:\d+:\d+: ", e) for e in errors)
    status, page = served.until(escape(errors[0]))
    assert status == 500
    assert re.findall(r"<li><code>(.*?)</code></li>", page) == [escape(e) for e in errors]
    assert served.get("index.html")[1] == page and served.get("no/such/page.html")[1] == page
    review.write_text(good, encoding="utf-8")
    status, page = served.until(", every review")
    assert status == 200 and "review/review.yml" not in page


def test_a_change_to_mkdocs_yml_builds_the_whole_site(served):
    edit(served.ws, "mkdocs.yml", "copyright: Leicester Safeguarding Children Board",
         "copyright: Safeguarding Board, newly named")
    _, page = served.until("Safeguarding Board, newly named", "index.html")
    assert "Safeguarding Board, newly named" in served.get()[1]


def test_the_server_gives_nothing_outside_the_site(served):
    status, page = served.get("../../etc/passwd")
    assert status == 404 and "root:" not in page
    assert served.get("%2e%2e/%2e%2e/etc/hostname")[0] == 404
    assert served.get("assets/javascripts/../../" + PAGE)[0] == 404


def test_the_open_page_reloads_itself_in_chromium(served):
    node = subprocess.Popen(["node", str(ROOT / "tests" / "browser" / "reload.mjs"),
                             served.url + PAGE, "In brief, every review"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert node.stdout.readline().strip() == "loaded", node.communicate()[1]
    reword(served.ws, "In brief")
    out, err = node.communicate(timeout=60)
    result = json.loads(out)
    assert result == {"shown": True, "loads": 2, "console": [], "csp": []}, err


def test_ctrl_c_stops_it_cleanly(tmp_path):
    server = Served(copy_workspace(ROOT, tmp_path / "ws"))
    assert server.folder.is_dir()
    code, out, err = server.stop()
    assert code == 130
    assert err == "stopped; the preview's temporary folder is removed\n"
    assert "Traceback" not in out + err
    assert not server.folder.exists()


def test_a_port_in_use_is_refused_with_what_to_do(tmp_path):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        proc = subprocess.run([sys.executable, "-m", "casereview.cli", "serve",
                               str(ROOT / "tests" / "fixtures" / "minimal"), "--port", str(port)],
                              capture_output=True, text=True, timeout=60,
                              env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert proc.returncode == 2
    assert proc.stderr == (f"port {port}: cannot serve on it: it is in use; give another with "
                           "--port N, or --port 0 for a free one\n")
    assert proc.stdout == ""


# --- the pages rebuilt one by one against a full build ---------------------------------------

def _rendered(ws: Path):
    checked = check(ws)
    assert not checked.report.errors, checked.report.errors
    return render.render(checked.review, ws, pipeline.build_date(checked.sources.newest),
                         pipeline.output_name(checked.review))


def _files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def live(tmp_path_factory):
    """The example's site built once, kept to be rebuilt page by page."""
    tmp = tmp_path_factory.mktemp("live")
    ws = copy_workspace(ROOT, tmp / "ws")
    kept = site_preview.LiveSite()
    site.write(_rendered(ws), tmp / "preview", live=kept)
    return ws, kept, tmp


IMR = "agency_imrs/police.yml"
EDITS = [   # (file, replacements, pages rebuilt, sections pandoc converted again)
    (SECTION, [("In summary, every review", "In summary, each review")],
     ["05-confidentiality.md"], 1),
    # an event of the chronology: in section 12 and in the appendix, whose headings' ids
    # ("september-2") and notes' numbers depend on what comes before them
    (IMR, [("officers attended the family home", "officers went to the family home")],
     ["12-significant-events.md", "25-chronology.md"], 2),
    # one more note: the number of every later note moves, so every later section changes
    (SECTION, [("twelve months,", "twelve months,[^more]"),
               ("\n\n[^wt-p71]:", "\n\n[^more]: A further note.\n\n[^wt-p71]:")], None, ALL),
    # a heading whose automatic id the chronology's first September has: the chronology's
    # Septembers become september-1, -2, ...
    (SECTION, [("\n\n[^wt-p71]:", "\n\n## September\n\nMore.\n\n[^wt-p71]:")], None, ALL),
]


@pytest.mark.parametrize("edited, replacements, pages, converted", EDITS)
def test_pages_rebuilt_one_by_one_are_those_of_a_full_build(live, edited, replacements, pages,
                                                            converted):
    ws, kept, tmp = live
    for old, new in replacements:
        edit(ws, edited, old, new)
    rendered = _rendered(ws)
    changed = kept.update(rendered)
    kept.refresh_search()
    assert changed is not None and (pages is None or changed == pages)
    assert kept.converted == converted
    full = tmp / f"full-{len(list(tmp.glob('full-*')))}"
    site.write(rendered, full)
    assert _files(Path(kept.config.site_dir)) == _files(full / "site")
