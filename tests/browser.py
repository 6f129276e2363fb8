"""Serve a built site on localhost and load its pages in Debian's Chromium (tests/browser/).

Run as a script, it takes the README's screenshots of a built site:
    python3 tests/browser.py site docs/screenshots
"""
import contextlib
import functools
import json
import shutil
import subprocess
import sys
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

BROWSER = Path(__file__).parent / "browser"


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def audit(site: Path, pages: list[str], search: str | None = None,
          widths: tuple[int, ...] = (1280,), from_disk: bool = False) -> list[dict]:
    """For each page at each viewport width (in that order): requests made, axe-core
    violations, what is wider than the viewport, numbered paragraphs, draft marks, console
    errors, CSP violations, dialogs, the theme's scripts run; what `search` finds. The site is
    served on localhost, or opened from disk (file:) with `from_disk`."""
    options = [f"--widths={','.join(map(str, widths))}"] + ([f"--search={search}"] if search else [])
    if from_disk:
        return _node("audit.mjs", site.resolve().as_uri() + "/", *options, *pages)
    with served(site) as base:
        return _node("audit.mjs", base, *options, *pages)


def screenshots(site: Path, out: Path) -> list[dict]:
    """The README's pictures of the site, opened from disk: a section of the report, the
    chronology, the action plans and the tracker at 375 and 1280 px, each as much as the
    screen shows, in 128 colours (a tenth of the size, the text as sharp)."""
    from PIL import Image

    shots = _node("screenshots.mjs", site.resolve().as_uri() + "/", str(out))
    for shot in shots:
        with Image.open(shot["path"]) as image:
            small = image.convert("RGB").quantize(colors=128)
        small.save(shot["path"], optimize=True)
    return shots


def _node(script: str, *args: str) -> list[dict]:
    assert shutil.which("node"), "node is needed (tests/setup.sh installs it)"
    assert (BROWSER / "node_modules" / "playwright-core").exists(), \
        "run tests/setup.sh: it installs playwright-core and axe-core in tests/browser"
    result = subprocess.run(["node", str(BROWSER / script), *args],
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


@contextlib.contextmanager
def served(site: Path):
    """The site on a free port of the loopback address, for as long as the block runs: its
    base address."""
    handler = functools.partial(_Quiet, directory=str(site))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


if __name__ == "__main__":
    for written in screenshots(Path(sys.argv[1]), Path(sys.argv[2])):
        print(f"wrote {written['path']}")
