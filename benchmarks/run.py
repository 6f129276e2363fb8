"""Benchmarks: `python benchmarks/run.py [--runs 5] [--sizes 1,10]` writes benchmarks/RESULTS.md,
with save to updated page under `casereview serve` (serve.py), and ending with the detectors'
recall and false alarms (detectors.py); both can also run alone.

Each figure is the median wall time of N runs of a fresh process, with its peak memory. The
commands compared are run in turn, round after round (check, each build, bare pandoc, bare
mkdocs, then again), so that a machine slowing down for a while slows all of them alike
rather than whichever ran then. Bare pandoc and bare mkdocs run on the same Markdown
casereview renders, in the same run, for the ratios.

casereview's modules are compiled to bytecode first, as pip does for any installed package:
an editable install under PYTHONDONTWRITEBYTECODE (set on the machines here) would otherwise
compile them from source on every run, which no user's second run does.
"""
from __future__ import annotations

import argparse
import os
import platform
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import pypandoc

import detectors
import serve
from synth import synthesise, tracker_reviews

HERE = Path(__file__).resolve().parent
WORK = HERE / "work"
PY = sys.executable
PANDOC = pypandoc.get_pandoc_path()
SCAN = """
import statistics, sys, time
from pathlib import Path
from casereview import anonymise, scan
from casereview.commands.check import check
from casereview.identities import hash_register
from casereview.writers import site
ws = Path(sys.argv[1])
checked = check(ws)
key = b"benchmark key" * 2
hashed = hash_register(checked.register, key).with_key(key)
for name, register in (("plain", checked.register), ("hashed", hashed)):
    times = []
    for _ in range(int(sys.argv[2])):
        t = time.perf_counter()
        matcher = anonymise.matcher(checked.review, register)
        found = scan.scan(ws, matcher, site.theme_copies(ws / "site"))
        times.append(time.perf_counter() - t)
    assert not found
    print(name, statistics.median(times))
"""
IN_PROCESS_CHECK = ("import sys, time; from casereview.commands.check import check; "
                    "t = time.perf_counter(); check(sys.argv[1]); print(time.perf_counter() - t)")


def run_once(command: list[str], cwd: Path | None = None, ok=(0,)):
    """(seconds, largest process's peak MB, peak MB of all its processes at once, stdout)."""
    start = time.perf_counter()
    with tempfile.TemporaryFile() as stdout:   # a pipe could fill up and stall it
        proc = subprocess.Popen(command, cwd=cwd, stdout=stdout, stderr=subprocess.DEVNULL)
        sampler = TreeSampler(proc.pid)
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
        tree = sampler.stop()
        stdout.seek(0)
        out = stdout.read().decode()
    if os.waitstatus_to_exitcode(status) not in ok:
        raise SystemExit(f"failed: {' '.join(command)[:200]}")
    return seconds, usage.ru_maxrss / 1024, tree, out


def interleaved(commands: dict[str, tuple], runs: int) -> dict[str, tuple[float, float, float]]:
    """name -> (median s, largest process's peak MB, all processes' peak MB), running each
    command once per round after a first round that only warms up (the machines here evict
    idle files from memory, pandoc's 150 MB binary among them); a command printing a number
    reports that instead of its time."""
    samples: dict[str, list] = {name: [] for name in commands}
    for round_ in range(runs + 1):        # round 0 warms the disk cache and is not counted
        for name, (command, cwd, ok, printed) in commands.items():
            seconds, peak, tree, out = run_once(command, cwd, ok)
            if round_:
                samples[name].append((float(out) if printed else seconds, peak, tree))
    return {name: (statistics.median(s[0] for s in got),
                   NAN if commands[name][3] else max(s[1] for s in got),
                   NAN if commands[name][3] else max(s[2] for s in got))
            for name, got in samples.items()}


def command(argv: list[str], cwd: Path | None = None, ok=(0,), printed: bool = False) -> tuple:
    return argv, cwd, ok, printed


class TreeSampler(threading.Thread):
    """Every 10 ms, the memory of a process and all its descendants, summed: what the
    machine needs at once, which the largest process alone does not show."""

    def __init__(self, pid: int):
        super().__init__(daemon=True)
        self.pid, self.peak, self.running = pid, 0.0, True
        self.start()

    def run(self) -> None:
        while self.running:
            self.peak = max(self.peak, sum(map(_resident_mb, _tree(self.pid))))
            time.sleep(0.01)

    def stop(self) -> float:
        self.running = False
        self.join()
        return self.peak


def _tree(pid: int) -> list[int]:
    pids = [pid]
    try:                  # a process can end between two looks at /proc
        children = list(Path(f"/proc/{pid}/task").glob("*/children"))
    except OSError:
        return pids
    for tasks in children:
        try:
            pids += [p for child in tasks.read_text().split() for p in _tree(int(child))]
        except OSError:
            pass
    return pids


def _resident_mb(pid: int) -> float:
    """The proportional set size: pages shared with other processes (three pandoc processes
    map the same 150 MB binary) are divided among them, not counted once per process."""
    try:
        rollup = Path(f"/proc/{pid}/smaps_rollup").read_text()
    except OSError:
        return 0.0
    found = re.search(r"^Pss:\s+(\d+) kB", rollup, re.M)
    return int(found[1]) / 1024 if found else 0.0


FICTIONAL = "identities:\n" + "".join(
    f"  - real: {first} {last}\n    use: Adult 1\n"
    for first in ("Aldric", "Brisa", "Corwen", "Delphine", "Eamon", "Fenella")
    for last in ("Fenwhistle", "Grimsdyke", "Hollowell", "Inchbold", "Kettleby", "Larkspur",
                 "Mottram", "Nettlefold", "Oakeshott", "Pennycook"))


def bare_mkdocs_project(markdown: str, target: Path) -> Path:
    """The same Markdown, split at each top-level heading into pages of a plain
    mkdocs-material site (font: false, search on)."""
    docs = target / "docs"
    docs.mkdir(parents=True, exist_ok=True)
    body = markdown.split("\n---\n", 1)[1] if markdown.startswith("---\n") else markdown
    pages = re.split(r"\n(?=# )", "\n" + body)
    for i, page in enumerate(p for p in pages if p.strip()):
        (docs / f"{i:02d}.md").write_text(page, encoding="utf-8")
    (target / "mkdocs.yml").write_text(
        "site_name: bare\nuse_directory_urls: false\ntheme:\n  name: material\n  font: false\n"
        "plugins:\n  - search\nmarkdown_extensions:\n  - attr_list\n  - footnotes\n  - tables\n",
        encoding="utf-8")
    return target


NAN = float("nan")
FLOOR = "from pydantic import BaseModel, Field; import yaml"


def size(factor: int, runs: int) -> dict[str, tuple[float, float, float]]:
    """Each row: (median s, largest process's peak MB, all processes' peak MB)."""
    ws = synthesise(WORK / f"x{factor}", factor)
    cli = [PY, "-m", "casereview.cli"]
    run_once(cli + ["build", str(ws), "--format", "md"])     # the Markdown the bare tools take
    md = next((ws / "dist").glob("*.md"))
    project = bare_mkdocs_project(md.read_text(encoding="utf-8"), WORK / f"bare-mkdocs-x{factor}")
    typst = (f"import subprocess, typst; subprocess.run([{PANDOC!r}, {str(md)!r}, '-t', 'typst', "
             f"'-s', '-o', {str(WORK / 'bare.typ')!r}], check=True); "
             f"typst.compile({str(WORK / 'bare.typ')!r}, output={str(WORK / 'bare.pdf')!r})")
    rows = interleaved({
        "check (CLI)": command(cli + ["check", str(ws)]),
        "check (in process)": command([PY, "-c", IN_PROCESS_CHECK, str(ws)], printed=True),
        "python start + pydantic and PyYAML imports (no work)": command([PY, "-c", FLOOR]),
        **{f"build {fmt}": command(cli + ["build", str(ws), "--format", fmt])
           for fmt in ("html", "docx", "pdf", "md")},
        "build html,docx,pdf": command(cli + ["build", str(ws)]),
        "bare pandoc md→docx": command([PANDOC, str(md), "-o", str(WORK / "bare.docx")]),
        "bare pandoc md→typst→pdf": command([PY, "-c", typst]),
        "bare mkdocs build": command([PY, "-m", "mkdocs", "build", "-q"], cwd=project),
    }, runs)
    (ws / "private").mkdir(exist_ok=True)
    (ws / "private" / "identities.yml").write_text(FICTIONAL, encoding="utf-8")
    lines = run_once([PY, "-c", SCAN, str(ws), str(runs)])[3].split("\n")
    (ws / "private" / "identities.yml").unlink()   # check and build above ran without one
    for line in filter(None, lines):
        name, seconds = line.split()
        rows[f"output scan, html+docx+pdf ({name} register of 60)"] = (float(seconds), NAN, NAN)
    return rows


def tracker_rows(runs: int) -> dict[str, tuple[float, float, float]]:
    reviews = tracker_reviews(WORK / "tracker", 200, 25)
    argv = [PY, "-m", "casereview.cli", "tracker", *map(str, reviews), "--as-of", "2015-10-01"]
    return interleaved({"tracker over 200 reviews, 5,000 action rows (CLI)":
                        command(argv, ok=(0, 3))}, runs)      # 3: something is overdue


def _mb(value: float) -> str:
    return "" if value != value else f"{value:.0f}"


def report(results: dict, runs: int) -> str:
    lines = ["# Benchmark results", "",
             f"`python benchmarks/run.py` on {platform.node() and 'this machine'}: "
             f"{os.cpu_count()} cores, Python {platform.python_version()}, pandoc "
             f"{pypandoc.get_pandoc_version()}. Median of {runs} rounds, each running every "
             "command once, in turn, as a fresh process, after one round to warm up. "
             "*Peak MB* is the largest process's maximum resident set (what GNU time reports); "
             "*all processes MB* is the highest sum, sampled every 10 ms, of the proportional "
             "set sizes (shared pages divided among the processes sharing them) of the command "
             "and every process it started (pandoc, the Typst child).", ""]
    header = ["| what | median s | peak MB | all processes MB |", "|---|---:|---:|---:|"]
    for factor, rows in results.items():
        if factor in ("tracker", "serve"):
            continue
        lines += [f"## {factor}× the Child B1 example", "", *header]
        lines += [f"| {name} | {t:.3f} | {_mb(m)} | {_mb(tree)} |"
                  for name, (t, m, tree) in rows.items()]
        lines += ["", f"Whole build against bare pandoc (docx) + bare pandoc/typst (pdf) + bare "
                  f"mkdocs one after the other ({_bare(rows):.2f} s): "
                  f"**{rows['build html,docx,pdf'][0] / _bare(rows):.2f}×**.", ""]
    if "tracker" in results:
        lines += ["## Tracker", "", *header]
        lines += [f"| {name} | {t:.3f} | {_mb(m)} | {_mb(tree)} |"
                  for name, (t, m, tree) in results["tracker"].items()]
        lines.append("")
    return "\n".join(lines + targets(results))


def _bare(rows) -> float:
    return sum(rows[k][0] for k in ("bare pandoc md→docx", "bare pandoc md→typst→pdf",
                                    "bare mkdocs build"))


def targets(results: dict) -> list[str]:
    """The issues' targets against this run's figures."""
    out = ["## Against the targets", "", "| target | this run | |", "|---|---|---|"]

    def row(name: str, figure: str, met: bool) -> None:
        out.append(f"| {name} | {figure} | {'met' if met else '**not met**'} |")
    if 1 in results:
        one = results[1]
        ratio = one["build html,docx,pdf"][0] / _bare(one)
        row("whole build of the example ≤ bare pandoc docx + pandoc/typst pdf + mkdocs",
            f"{ratio:.2f}×", ratio <= 1)
        cli = one["check (CLI)"][0]
        floor = one["python start + pydantic and PyYAML imports (no work)"][0]
        row("`check` ≤ 0.3 s on the example", f"{cli:.3f} s as a fresh CLI process, of which "
            f"{floor:.3f} s is starting Python and importing pydantic and PyYAML; "
            f"{one['check (in process)'][0]:.3f} s of work in a running process", cli <= 0.3)
        peak, tree = one["build html,docx,pdf"][1:]
        row("peak memory ≤ 300 MB on the example",
            f"{peak:.0f} MB largest process; {tree:.0f} MB all processes at once", peak <= 300)
    if 1 in results and 10 in results:
        ratio = results[10]["build html,docx,pdf"][0] / results[1]["build html,docx,pdf"][0]
        row("10× review ≤ 12× the 1× time", f"{ratio:.1f}×", ratio <= 12)
        peak, tree = results[10]["build html,docx,pdf"][1:]
        row("peak memory ≤ 700 MB on the 10× review",
            f"{peak:.0f} MB largest process; {tree:.0f} MB all processes at once", peak <= 700)
    if 1 in results:
        scan = max(v[0] for k, v in results[1].items() if k.startswith("output scan"))
        row("output scan of all three formats ≤ 0.5 s", f"{scan:.3f} s", scan <= 0.5)
    if "serve" in results:
        row(*serve.target_row(results["serve"]))
    if "tracker" in results:
        seconds, peak, _ = next(iter(results["tracker"].values()))
        row("tracker, 200 reviews / 5,000 rows ≤ 2 s, ≤ 300 MB",
            f"{seconds:.2f} s, {peak:.0f} MB",
            seconds <= 2 and peak <= 300)
    return out + [""]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--sizes", default="1,10")
    parser.add_argument("--saves", type=int, default=11, help="saves timed under serve")
    args = parser.parse_args()
    subprocess.run([PY, "-m", "compileall", "-q", str(HERE.parent / "casereview")], check=True)
    results: dict = {int(f): size(int(f), args.runs) for f in args.sizes.split(",")}
    results["tracker"] = tracker_rows(args.runs)
    results["serve"] = serve.measure(args.saves)
    text = report(results, args.runs) + "\n" + serve.section(results["serve"]) + "\n" + \
        detectors.section()
    (HERE / "RESULTS.md").write_text(text, encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
