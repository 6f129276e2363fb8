"""`casereview serve`: the site on a local port, built again on every save, the open pages
reloading themselves; the workspace's errors in the page while it has any. Ctrl-C stops it:
the server closed, the temporary folder removed, exit status 130."""
from __future__ import annotations

import errno
import queue
import signal
import sys
import threading
from pathlib import Path

import watchfiles

from ..serve import Outcome, Preview, watched

EXIT_USAGE, EXIT_INTERRUPTED = 2, 130
QUIET = 30      # ms without another change before building: an editor's save is one event


def serve(workspace: Path, port: int, identities: Path | None = None,
          strict: bool = False) -> int:
    from ..serve_http import Server

    preview = server = None
    started: list[threading.Thread] = []          # the watch, then the server's thread
    try:
        preview = Preview(workspace, identities, strict)
        try:
            server = Server(preview, port)
        except OSError as refused:
            print(_port_refused(port, refused), file=sys.stderr)
            return EXIT_USAGE
        _run(preview, server, identities, started)
    except KeyboardInterrupt:
        _stop(preview, server, started)
        print("stopped; the preview's temporary folder is removed", file=sys.stderr, flush=True)
        return EXIT_INTERRUPTED
    finally:
        _stop(preview, server, started)
    return EXIT_INTERRUPTED        # the loop ends only when interrupted


def _run(preview: Preview, server, identities: Path | None, started: list) -> None:
    """Build, serve, then build again after every save, until Ctrl-C."""
    print(f"building the preview in {preview.folder} (removed when it stops)", flush=True)
    saves = Saves(preview.root, identities)       # a save during the first build counts
    started.append(saves)
    _say(preview.rebuild())
    saves.ready.wait()
    started.append(threading.Thread(target=server.serve_forever, name="serve", daemon=True))
    started[-1].start()
    print(f"serving {server.address} — the pages reload on every save; Ctrl-C to stop",
          flush=True)
    while True:
        names = saves.next()
        _say(preview.rebuild(names), names)
        preview.refresh_search()


class Saves(threading.Thread):
    """The workspace's files the build reads, watched (watchfiles) from before the first
    build on; `next()` gives the names of those saved since it was last asked."""

    TICK = 0.5      # seconds: how soon the watch is known to have started, and stops

    def __init__(self, root: Path, identities: Path | None):
        super().__init__(name="watch", daemon=True)
        self.root = root
        register = identities.resolve() if identities and identities.is_file() else None
        self.outside = {str(register)} if register and not register.is_relative_to(root) \
            else set()
        self.ready, self.stop = threading.Event(), threading.Event()
        self.saved: queue.Queue = queue.Queue()
        self.editors = watchfiles.DefaultFilter()
        self.start()

    def run(self) -> None:
        for changes in watchfiles.watch(self.root, *self.outside, watch_filter=self._read,
                                        step=QUIET, rust_timeout=int(self.TICK * 1000),
                                        yield_on_timeout=True, stop_event=self.stop,
                                        raise_interrupt=False):
            self.ready.set()            # the first tick: the watch is set up
            if changes:
                self.saved.put({path for _, path in changes})

    def _read(self, change, path: str) -> bool:
        if not self.editors(change, path):          # editors' swap and backup files
            return False
        return path in self.outside or Path(path).is_relative_to(self.root) and \
            watched(Path(path).relative_to(self.root).as_posix())

    def next(self) -> list[str]:
        """The files saved since last asked, waiting for one (Ctrl-C still stops it)."""
        while True:
            try:
                paths = self.saved.get(timeout=self.TICK)
                break
            except queue.Empty:
                continue
        while not self.saved.empty():       # saved while the last build ran: one build
            paths |= self.saved.get()
        return sorted({_shown(Path(path), self.root) for path in paths})


def _shown(path: Path, root: Path) -> str:
    return path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)


def _say(outcome: Outcome, names: list[str] = ()) -> None:
    """What a build did, on the terminal: the pages built again, or the errors."""
    saved = f"{', '.join(names)}: " if names else ""
    if outcome.errors:
        for line in outcome.errors:
            print(line, file=sys.stderr)
        print(f"{saved}{len(outcome.errors)} error(s), shown in the pages instead of the site",
              file=sys.stderr, flush=True)
        return
    what = "the whole site built" if outcome.whole else \
        f"{len(outcome.pages)} page(s) built again" if outcome.pages else "no page changed"
    again = "no error left, the site is shown again; " if outcome.corrected else ""
    print(f"{saved}{again}{what} in {outcome.seconds:.2f} s", flush=True)


def _port_refused(port: int, error: OSError) -> str:
    why = "it is in use" if error.errno == errno.EADDRINUSE else \
        (error.strerror or str(error)).lower()
    return (f"port {port}: cannot serve on it: {why}; give another with --port N, or "
            "--port 0 for a free one")


def _stop(preview: Preview | None, server, started: list) -> None:
    """Close the server and remove the temporary folder, once; a second Ctrl-C must not cut
    this short."""
    from ..interrupt import _stop_children

    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGINT, signal.SIG_IGN)
    if preview is None or preview.build < 0:
        return
    _stop_children()            # a pandoc conversion under way
    preview.close()             # also ends the open pages' event streams
    if started:
        started[0].stop.set()   # the watch
    if len(started) > 1 and started[1].is_alive():
        server.shutdown()
    if server is not None:
        server.server_close()
