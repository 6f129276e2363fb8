"""Save to updated page with `casereview serve`: `python benchmarks/serve.py [--saves 11]`
rewrites the "Live preview" section of benchmarks/RESULTS.md (run.py writes the same section,
through section(), when it rewrites the file).

The example is copied and served on a free port; one of its sections is saved again and again
with a word changed. Each figure runs from the moment the file is written to the moment the
server answers the page's request with the new word: the page is asked for when the server's
event stream says the build number moved, as the reload script in the page does. The server's
own account of each build (check, render, pandoc on the sections changed, the pages built
again) is given beside it; the rest is noticing the save and answering."""
from __future__ import annotations

import argparse
import http.client
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
WORK = HERE / "work"
RESULTS = HERE / "RESULTS.md"
TITLE = "## Live preview"
TARGET = 0.5            # seconds, save to updated page
SECTION = "review/sections/05-confidentiality.md"
PAGE = "/05-confidentiality.html"
WORDS = ("In summary", "In brief")
PAUSE = 1.5             # seconds between saves: an author's pace, and the search index rebuilt


def measure(saves: int) -> dict:
    ws = _workspace(WORK / "serve")
    proc = subprocess.Popen([sys.executable, "-m", "casereview.cli", "serve", str(ws), "--port",
                             "0"], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
                            env={**os.environ, "PYTHONPATH": str(ROOT)})
    try:
        said = list(_until_serving(proc))
        port = int(re.search(r"127\.0\.0\.1:(\d+)/", said[-1])[1])
        whole = float(re.search(r"built in ([\d.]+) s", "".join(said))[1])
        times = [_save_once(ws / SECTION, port, i) for i in range(saves)]
    finally:
        proc.send_signal(signal.SIGINT)
        out = proc.communicate(timeout=30)[0]
    builds = [float(s) for s in re.findall(r"built again in ([\d.]+) s", out)]
    return {"saves": times, "builds": builds, "whole": whole, "wholes": out.count("whole site"),
            "load": os.getloadavg()[0]}


def _workspace(target: Path) -> Path:
    sys.path.insert(0, str(ROOT / "tests"))
    from conftest import copy_workspace
    shutil.rmtree(target, ignore_errors=True)
    return copy_workspace(ROOT, target)


def _until_serving(proc):
    for line in proc.stdout:
        yield line
        if line.startswith("serving "):
            return
    raise SystemExit("casereview serve did not start")


def _save_once(section: Path, port: int, i: int) -> float:
    """Seconds from writing the section to the page answered with its new word."""
    old, new = WORDS[i % 2], WORDS[(i + 1) % 2]
    text = section.read_text(encoding="utf-8")
    events = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    events.request("GET", "/__casereview__/events")
    stream = events.getresponse()
    shown = _next_build(stream)
    start = time.perf_counter()
    section.write_text(text.replace(f"{old}, every review", f"{new}, every review", 1),
                       encoding="utf-8")
    while True:
        _next_build(stream, shown)
        if f"{new}, every review" in _page(port):
            seconds = time.perf_counter() - start
            break
    events.close()
    time.sleep(PAUSE)
    return seconds


def _next_build(stream, after: int | None = None) -> int:
    """The next build number the event stream gives other than `after`."""
    while True:
        line = stream.fp.readline().decode()
        if line.startswith("data: ") and int(line[6:]) != after:
            return int(line[6:])


def _page(port: int) -> str:
    page = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    page.request("GET", PAGE)
    body = page.getresponse().read().decode("utf-8")
    page.close()
    return body


def section(result: dict) -> str:
    saves, builds = result["saves"], result["builds"]
    median = statistics.median(saves)
    return "\n".join([
        TITLE, "",
        f"`python benchmarks/serve.py`: `casereview serve` on a copy of the example, "
        f"{len(saves)} saves of one section ({SECTION}, a word changed each time, "
        f"{PAUSE} s apart), each timed from writing the file to the server answering the "
        "page's request with the new word, the page asked for when the server's event stream "
        "says the build number moved (as the reload script in the page does). The load "
        f"average of this shared machine was {result['load']:.1f} when it ended.", "",
        "| what | median s | fastest s | slowest s |", "|---|---:|---:|---:|",
        f"| save to updated page | {median:.3f} | {min(saves):.3f} | {max(saves):.3f} |",
        f"| of which the build (check, render, pandoc on the changed section, its page) | "
        f"{statistics.median(builds):.3f} | {min(builds):.3f} | {max(builds):.3f} |",
        f"| the whole site, when `serve` starts | {result['whole']:.3f} | | |", "",
        f"Target save to updated page ≤ {TARGET} s: {median:.3f} s, "
        f"{'met' if median <= TARGET else '**not met**'}"
        f" ({result['wholes']} of the saves needed the whole site built again).", ""])


def target_row(result: dict) -> tuple[str, str, bool]:
    """The row of run.py's table of targets: (target, this run, met)."""
    median = statistics.median(result["saves"])
    return (ROW, f"{median:.3f} s (median of {len(result['saves'])} saves)", median <= TARGET)


ROW = f"`serve`: save to updated page ≤ {TARGET} s (one section of the example)"


def with_target(text: str, result: dict) -> str:
    """RESULTS.md with this run's row in the table of targets (replaced, or added last)."""
    name, figure, met = target_row(result)
    row = f"| {name} | {figure} | {'met' if met else '**not met**'} |"
    lines = text.split("\n")
    at = next((i for i, line in enumerate(lines) if line.startswith(f"| {ROW} |")), None)
    if at is not None:
        lines[at] = row
    elif "## Against the targets" in lines:
        table = lines.index("## Against the targets") + 4      # heading, blank, head, rule
        while table < len(lines) and lines[table].startswith("|"):
            table += 1
        lines.insert(table, row)
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--saves", type=int, default=11)
    args = parser.parse_args()
    from detectors import replace_section
    result = measure(args.saves)
    new = section(result)
    text = replace_section(RESULTS.read_text(encoding="utf-8"), new, TITLE)
    RESULTS.write_text(with_target(text, result), encoding="utf-8")
    print(new)


if __name__ == "__main__":
    main()
