"""pandoc, called directly by path: `pypandoc-binary` ships the binary off PATH and
`pypandoc.get_pandoc_path()` finds it, once per process.

Not through `pypandoc.convert_text`: it starts pandoc three more times per conversion to list
and check the formats. `start` runs a conversion in the background, so a writer can prepare
(import mkdocs, load the site's configuration) while pandoc works on the other core.
"""
from __future__ import annotations

import subprocess
import threading
from concurrent.futures import Future

from . import WriterError

_lock = threading.Lock()
_path: list[str] = []


def path() -> str:
    """The pandoc binary (the formats' threads ask at once: look it up once)."""
    with _lock:
        if not _path:
            import pypandoc
            _path.append(pypandoc.get_pandoc_path())
        return _path[0]


def convert(markdown: str, args: list[str], what: str) -> bytes:
    """pandoc's output for the Markdown on its standard input; `what` completes "pandoc could
    not ..." when it fails."""
    proc = subprocess.run([path(), *args], input=markdown.encode("utf-8"), capture_output=True,
                          check=False)
    if proc.returncode:
        raise WriterError(f"pandoc could not {what}: "
                          f"{proc.stderr.decode('utf-8', 'replace').strip()}")
    return proc.stdout


def start(markdown: str, args: list[str], what: str) -> Future:
    """`convert` in a thread of its own; `.result()` gives the bytes or raises its error."""
    future: Future = Future()

    def run() -> None:
        try:
            future.set_result(convert(markdown, args, what))
        except BaseException as exc:          # handed to whoever waits for the result
            future.set_exception(exc)

    threading.Thread(target=run, name="pandoc", daemon=True).start()
    return future
