"""Benchmarks: `python benchmarks/run.py [--runs 5] [--sizes 1,10]` writes benchmarks/RESULTS.md.

Each figure is the median wall time of N runs of a fresh process, with the peak resident
memory of that process tree's largest process (wait4's ru_maxrss). Bare pandoc and bare
mkdocs run on the same Markdown casereview renders, in the same run, for the ratios.
"""
from __future__ import annotations

import argparse
import os
import platform
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path

import pypandoc

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
for name, register in (("plain", checked.register), ("hashed", hash_register(checked.register, "s"))):
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


def measure(command: list[str], runs: int, cwd: Path | None = None) -> tuple[float, float, str]:
    """(median seconds, peak MB, last stdout) of `runs` fresh runs of `command`."""
    times, peaks, out = [], [], ""
    for _ in range(runs):
        start = time.perf_counter()
        proc = subprocess.Popen(command, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        _, status, usage = os.wait4(proc.pid, 0)
        times.append(time.perf_counter() - start)
        out = proc.stdout.read().decode()
        proc.stdout.close()
        if os.waitstatus_to_exitcode(status) not in (0,):
            raise SystemExit(f"failed: {' '.join(command)}")
        peaks.append(usage.ru_maxrss / 1024)
    return statistics.median(times), max(peaks), out


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


def size(factor: int, runs: int) -> dict[str, tuple[float, float]]:
    ws = synthesise(WORK / f"x{factor}", factor)
    cli = [PY, "-m", "casereview.cli"]
    rows = {}
    rows["check (CLI)"] = measure(cli + ["check", str(ws)], runs)[:2]
    inproc = [float(measure([PY, "-c", IN_PROCESS_CHECK, str(ws)], 1)[2]) for _ in range(runs)]
    rows["check (in process)"] = (statistics.median(inproc), float("nan"))
    for fmt in ("html", "docx", "pdf", "md"):
        rows[f"build {fmt}"] = measure(cli + ["build", str(ws), "--format", fmt], runs)[:2]
    rows["build html,docx,pdf"] = measure(cli + ["build", str(ws)], runs)[:2]
    md = next((ws / "dist").glob("*.md"))
    rows["bare pandoc md→docx"] = measure([PANDOC, str(md), "-o", str(WORK / "bare.docx")], runs)[:2]
    typst = (f"import subprocess, typst; subprocess.run([{PANDOC!r}, {str(md)!r}, '-t', 'typst', "
             f"'-s', '-o', {str(WORK / 'bare.typ')!r}], check=True); "
             f"typst.compile({str(WORK / 'bare.typ')!r}, output={str(WORK / 'bare.pdf')!r})")
    rows["bare pandoc md→typst→pdf"] = measure([PY, "-c", typst], runs)[:2]
    (ws / "private").mkdir(exist_ok=True)
    (ws / "private" / "identities.yml").write_text(FICTIONAL, encoding="utf-8")
    lines = measure([PY, "-c", SCAN, str(ws), str(runs)], 1)[2].split("\n")
    for line in filter(None, lines):
        name, seconds = line.split()
        rows[f"output scan, html+docx+pdf ({name} register of 60)"] = (float(seconds), float("nan"))
    project = bare_mkdocs_project(md.read_text(encoding="utf-8"), WORK / f"bare-mkdocs-x{factor}")
    rows["bare mkdocs build"] = measure([PY, "-m", "mkdocs", "build", "-q"], runs, cwd=project)[:2]
    return rows


def tracker_rows(runs: int) -> dict[str, tuple[float, float]]:
    reviews = tracker_reviews(WORK / "tracker", 200, 25)
    command = [PY, "-m", "casereview.cli", "tracker", *map(str, reviews), "--as-of", "2015-10-01"]
    seconds, peak, _ = measure_any_exit(command, runs)
    return {"tracker over 200 reviews, 5,000 action rows (CLI)": (seconds, peak)}


def measure_any_exit(command: list[str], runs: int) -> tuple[float, float, str]:
    """As measure(), for commands whose exit status is information (tracker: 3 = overdue)."""
    times, peaks = [], []
    for _ in range(runs):
        start = time.perf_counter()
        proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        _, status, usage = os.wait4(proc.pid, 0)
        times.append(time.perf_counter() - start)
        if os.waitstatus_to_exitcode(status) not in (0, 3):
            raise SystemExit(f"failed: {' '.join(command[:5])} ...")
        peaks.append(usage.ru_maxrss / 1024)
    return statistics.median(times), max(peaks), ""


def report(results: dict[int, dict], runs: int) -> str:
    lines = ["# Benchmark results", "",
             f"`python benchmarks/run.py` on {platform.node() and 'this machine'}: "
             f"{os.cpu_count()} cores, Python {platform.python_version()}, pandoc "
             f"{pypandoc.get_pandoc_version()}. Median of {runs} runs of a fresh process; "
             "peak memory is the largest process's maximum resident set.", ""]
    for factor, rows in results.items():
        if factor == "tracker":
            continue
        bare = sum(rows[k][0] for k in ("bare pandoc md→docx", "bare pandoc md→typst→pdf",
                                        "bare mkdocs build"))
        lines += [f"## {factor}× the Child B1 example", "",
                  "| what | median s | peak MB |", "|---|---:|---:|"]
        lines += [f"| {name} | {t:.3f} | {'' if m != m else f'{m:.0f}'} |" for name, (t, m) in rows.items()]
        whole = rows["build html,docx,pdf"][0]
        lines += ["", f"Whole build against bare pandoc (docx) + bare pandoc/typst (pdf) + bare "
                  f"mkdocs one after the other ({bare:.2f} s): **{whole / bare:.2f}×**.", ""]
    if "tracker" in results:
        lines += ["## Tracker", "", "| what | median s | peak MB |", "|---|---:|---:|"]
        lines += [f"| {name} | {t:.3f} | {m:.0f} |" for name, (t, m) in results["tracker"].items()]
        lines.append("")
    if 1 in results and 10 in results:
        ratio = results[10]["build html,docx,pdf"][0] / results[1]["build html,docx,pdf"][0]
        lines += [f"The 10× review builds in **{ratio:.1f}×** the 1× time.", ""]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--sizes", default="1,10")
    args = parser.parse_args()
    results: dict = {int(f): size(int(f), args.runs) for f in args.sizes.split(",")}
    results["tracker"] = tracker_rows(args.runs)
    text = report(results, args.runs)
    (HERE / "RESULTS.md").write_text(text, encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
