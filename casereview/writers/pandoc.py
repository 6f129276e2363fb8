"""pandoc, called directly by path: `pypandoc-binary` ships the binary off PATH and
`pypandoc.get_pandoc_path()` finds it, once per process.

Not through `pypandoc.convert_text`: it starts pandoc three more times per conversion to list
and check the formats. Conversions run in the background, so a writer can prepare (import
mkdocs, load the site's configuration) while pandoc works on the other core; `write` gives
several formats from one reading of the Markdown (reading is half of pandoc's work on HTML).
"""
from __future__ import annotations

import json
import os
import re
import subprocess
import tempfile
import threading
from concurrent.futures import Future
from dataclasses import asdict, dataclass, field
from pathlib import Path

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


class PandocError(WriterError):
    """pandoc failed; `stderr` keeps its words for a caller that can say more (which filter)."""

    def __init__(self, message: str, stderr: str):
        super().__init__(message)
        self.stderr = stderr


def convert(markdown: str, args: list[str], what: str) -> bytes:
    """pandoc's output for the Markdown on its standard input; `what` completes "pandoc could
    not ..." when it fails."""
    proc = subprocess.run([path(), *args], input=markdown.encode("utf-8"), capture_output=True,
                          check=False)
    if proc.returncode:
        stderr = proc.stderr.decode("utf-8", "replace").strip()
        raise PandocError(f"pandoc could not {what}: {stderr}", stderr)
    return proc.stdout


def filter_error(stderr: str, lua_filter: Path, shown: str) -> str | None:
    """`SHOWN:LINE: message` when the Lua filter failed, else None. pandoc names the filter by
    the path it was given (Lua cuts a long one to "...its/end") and adds a stack traceback
    that no author needs."""
    lines = _without_traceback(stderr.strip().split("\n"))
    frame = f"Error running filter {lua_filter}:"
    if frame not in lines:
        return None
    message = " ".join(line.strip() for line in lines[lines.index(frame) + 1:] if line.strip())
    at = re.match(r"(.+?):(\d+): ", message)
    if at and _names(at[1], str(lua_filter)):
        return f"{shown}:{at[2]}: {message[at.end():]}"
    return f"{shown}: {message}"


def _names(chunk: str, path: str) -> bool:
    """Whether Lua's name for a chunk is this path (whole, or its end after "...")."""
    return chunk == path or chunk.startswith("...") and path.endswith(chunk[3:])


def _without_traceback(lines: list[str]) -> list[str]:
    return lines[:lines.index("stack traceback:")] if "stack traceback:" in lines else lines


@dataclass(frozen=True)
class Output:
    """One format written from a shared reading: pandoc's writer options by their Lua names
    (`section_divs`, `reference_doc`, ...), and metadata for this format alone."""

    format: str
    options: dict = field(default_factory=dict)
    meta: dict = field(default_factory=dict)


OUTPUTS_LUA = Path(__file__).with_name("pandoc_outputs.lua")


def write(markdown: str, outputs: dict[str, Output], media: dict[str, bytes] | None = None
          ) -> Future:
    """One pandoc process reads the Markdown once and writes every output, in the background;
    `.result()` gives {name: bytes} or raises a WriterError naming the formats. `media`: the
    review's images (re-encoded copies, by the relative name the Markdown gives them)."""
    return _background(_write, markdown, outputs, media or {})


def _write(markdown: str, outputs: dict[str, Output], media: dict[str, bytes]) -> dict[str, bytes]:
    formats = " and ".join(o.format.upper().replace("5", "") for o in outputs.values())
    with tempfile.TemporaryDirectory(prefix="casereview-pandoc-") as folder:
        files = {name: Path(folder) / name for name in outputs}
        spec = [{**asdict(o), "file": str(files[name])} for name, o in outputs.items()]
        _lay_out(Path(folder), media)
        # sandboxed, in a folder holding nothing but the images' copies: the only files the
        # writers can embed (text_only.lua lets through no other image)
        proc = subprocess.run(
            [path(), "--sandbox", "--from=markdown", "--to=plain", f"--lua-filter={OUTPUTS_LUA}"],
            input=markdown.encode("utf-8"), capture_output=True, check=False, cwd=folder,
            env={**os.environ, "CASEREVIEW_OUTPUTS": json.dumps(spec)})
        if proc.returncode:
            raise WriterError(f"pandoc could not write the {formats}: {_reason(proc.stderr)}")
        return {name: file.read_bytes() for name, file in files.items()}


def _lay_out(folder: Path, media: dict[str, bytes]) -> None:
    for name, data in media.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(data)


def _reason(stderr: bytes) -> str:
    """pandoc's message without the frame of the Lua script that asked for the output."""
    lines = stderr.decode("utf-8", "replace").strip().split("\n")
    if lines[0].startswith(f"Error running filter {OUTPUTS_LUA}"):
        lines = lines[1:]
    return "\n".join(_without_traceback(lines)).strip()


def _background(function, *args) -> Future:
    future: Future = Future()

    def run() -> None:
        try:
            future.set_result(function(*args))
        except BaseException as exc:          # handed to whoever waits for the result
            future.set_exception(exc)

    threading.Thread(target=run, name="pandoc", daemon=True).start()
    return future
