"""Serve a built site on localhost and load its pages in Debian's Chromium (tests/browser/)."""
import contextlib
import functools
import json
import shutil
import subprocess
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

BROWSER = Path(__file__).parent / "browser"


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def audit(site: Path, pages: list[str], search: str | None = None) -> list[dict]:
    """For each page: requests made, axe-core violations, numbered paragraphs, draft marks,
    console errors, CSP violations, dialogs, the theme's scripts run; what `search` finds."""
    assert shutil.which("node"), "node is needed (tests/setup.sh installs it)"
    assert (BROWSER / "node_modules" / "playwright-core").exists(), \
        "run tests/setup.sh: it installs playwright-core and axe-core in tests/browser"
    with served(site) as base:
        options = [f"--search={search}"] if search else []
        result = subprocess.run(["node", str(BROWSER / "audit.mjs"), base, *options, *pages],
                                capture_output=True, text=True, timeout=300)
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
