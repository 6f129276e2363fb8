"""The preview's web server, on the loopback address only: the site's files as built, each
page with one more script, or, while the workspace has errors, a page listing them whatever
the address asked.

The script reloads the page when the build number moves. It is a file of the server's own
origin (`/__casereview__/reload.js`), not an inline script, and it listens to
`/__casereview__/events` (server-sent events) on the same origin: the site's
Content-Security-Policy (`script-src 'self'`, `connect-src 'self'`) allows both as they are,
so the pages are served exactly as built, with their policy, plus one script element."""
from __future__ import annotations

import json
import mimetypes
from html import escape
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

from .serve import Preview

OWN = "/__casereview__/"
RELOAD_JS = """\
// casereview serve: reload this page when the site has been built again
(function () {
  var shown = document.currentScript.getAttribute("data-build");
  var events = new EventSource("/__casereview__/events");
  events.onmessage = function (event) {
    if (event.data !== shown) {
      events.close();
      location.reload();
    }
  };
})();
"""
# the error page's own policy: its script (the same file) and the events it listens to
ERROR_POLICY = "default-src 'none'; script-src 'self'; connect-src 'self'; " \
               "style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'"
KEEP_ALIVE = 15         # seconds between comments on a quiet event stream


class Server(ThreadingHTTPServer):
    """The preview on 127.0.0.1:`port` (0: a free port)."""

    daemon_threads = True       # an open page's event stream does not hold the exit up

    def __init__(self, preview: Preview, port: int):
        self.preview = preview
        super().__init__(("127.0.0.1", port), Handler)

    @property
    def address(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}/"

    def handle_error(self, request, client_address) -> None:
        """A browser that closes a page mid-answer is no error of the preview's."""


class Handler(BaseHTTPRequestHandler):
    server: Server

    def log_message(self, format, *args) -> None:       # noqa: A002 - the base's name
        """Requests are not logged: the terminal shows the builds."""

    def do_GET(self) -> None:   # noqa: N802 - the base class's name
        path = unquote(urlsplit(self.path).path)
        preview = self.server.preview
        if path == OWN + "reload.js":
            self._send(HTTPStatus.OK, "text/javascript", RELOAD_JS.encode())
        elif path == OWN + "events":
            self._events(preview)
        elif path == OWN + "build":
            body = json.dumps({"build": preview.build, "errors": preview.errors})
            self._send(HTTPStatus.OK, "application/json", body.encode())
        elif preview.errors:
            self._send(HTTPStatus.INTERNAL_SERVER_ERROR, "text/html",
                       error_page(preview.errors, preview.build))
        else:
            self._file(preview, path)

    def _file(self, preview: Preview, path: str) -> None:
        with preview.lock:                      # not while a rebuild is rewriting it
            site, build = preview.site, preview.build
            target = _inside(site, path) if site else None
            data = target.read_bytes() if target else None
            missing = _read(site / "404.html") if data is None and site else None
        if data is None:
            self._send(HTTPStatus.NOT_FOUND, "text/html", with_reload(missing, build)
                       if missing else b"not found")
            return
        kind = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
        if kind == "text/html":
            data = with_reload(data, build)
        self._send(HTTPStatus.OK, kind, data)

    def _send(self, status: HTTPStatus, kind: str, body: bytes) -> None:
        self.send_response(status)
        charset = "; charset=utf-8" if kind.startswith("text/") or kind.endswith("json") else ""
        self.send_header("Content-Type", kind + charset)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")      # a reload shows the new build
        self.end_headers()
        self.wfile.write(body)

    def _events(self, preview: Preview) -> None:
        """The build number now, then each time it moves, until the server stops or the
        page goes away."""
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        sent = None
        try:
            while True:
                with preview.moved:
                    if preview.build == sent:
                        preview.moved.wait(KEEP_ALIVE)
                    build = preview.build
                if build < 0:               # the preview has stopped
                    return
                message = f"retry: 500\ndata: {build}\n\n" if build != sent else ": quiet\n\n"
                self.wfile.write(message.encode())
                self.wfile.flush()
                sent = build
        except OSError:                 # the page was closed or reloaded
            return


def _inside(site: Path, path: str) -> Path | None:
    """The site's file an address names (a folder's index.html), never one outside it."""
    parts = [p for p in path.split("/") if p]
    if any(p in (".", "..") or "\\" in p or "\0" in p for p in parts):
        return None
    target = site.joinpath(*parts)
    if target.is_dir():
        target = target / "index.html"
    return target if target.is_file() else None


def _read(path: Path) -> bytes | None:
    return path.read_bytes() if path.is_file() else None


def with_reload(html: bytes, build: int) -> bytes:
    """The page with the reload script as the last element of its body."""
    tag = f'<script src="{OWN}reload.js" data-build="{build}"></script>'.encode()
    at = html.rfind(b"</body>")
    return html[:at] + tag + html[at:] if at >= 0 else html + tag


def error_page(errors: list[str], build: int) -> bytes:
    """Every error, as `file:line: message` lines; the page reloads once they are fixed."""
    lines = "\n".join(f"<li><code>{escape(line)}</code></li>" for line in errors)
    page = f"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{ERROR_POLICY}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{len(errors)} error(s) – casereview serve</title>
<style>
body {{ font-family: system-ui, sans-serif; margin: 2rem; line-height: 1.5; }}
li {{ margin-bottom: .5rem; }}
code {{ white-space: pre-wrap; overflow-wrap: anywhere; }}
</style>
</head>
<body>
<main>
<h1>The workspace has {len(errors)} error(s)</h1>
<p>Correct them and save: this page shows the site again by itself.</p>
<ol>
{lines}
</ol>
</main>
</body>
</html>
"""
    return with_reload(page.encode("utf-8"), build)
