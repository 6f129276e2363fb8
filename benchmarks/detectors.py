"""Detector recall and false alarms: `python benchmarks/detectors.py` measures them on
benchmarks/detector_corpus.yml, on benchmarks/detector_holdout.yml (held out when first
measured, since used to tune the detectors), on the second held-out set
benchmarks/detector_heldout2.yml (written apart from the detectors, never seen by whoever tuned
them) and on the Child B1 example, and rewrites the "Detectors" section of benchmarks/RESULTS.md
(run.py writes the same section, through section(), when it rewrites the file).

An identifier counts as found when a detection overlaps it: any detection stops publication,
whatever kind it names; the table also shows how many were named as their own kind. A false
alarm is any detection in a sentence of ordinary prose, or any detector finding `check`
reports on the example.
"""
from __future__ import annotations

import re
import sys
from collections import Counter
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))

from casereview import anonymise, detect  # noqa: E402
from casereview.commands.check import check  # noqa: E402

CORPUS = HERE / "detector_corpus.yml"
HOLDOUT = HERE / "detector_holdout.yml"
HELDOUT2 = HERE / "detector_heldout2.yml"
RESULTS = HERE / "RESULTS.md"
TITLE = "## Detectors"


def recall(identifiers: list[dict]) -> tuple[dict, list[dict]]:
    """kind -> (planted, found, found as its kind); and the identifiers missed."""
    counts: dict[str, list[int]] = {}
    missed = []
    for item in identifiers:
        start = item["text"].index(item["value"])
        end = start + len(item["value"])
        hits = [d for d in detect.detect(item["text"]) if d.start < end and start < d.end]
        row = counts.setdefault(item["kind"], [0, 0, 0])
        row[0] += 1
        row[1] += bool(hits)
        row[2] += any(d.kind == item["kind"] for d in hits)
        if not hits:
            missed.append(item)
    return counts, missed


def prose_alarms(sentences: list[str]) -> list[tuple[str, str, str]]:
    return [(s, d.kind, d.text) for s in sentences for d in detect.detect(s)]


def example_alarms() -> list[str]:
    checked = check(ROOT)
    return [str(d) for d in anonymise.likely_identifiers(checked.review, checked.sources)] \
        if checked.review is not None else ["the example does not load"]


def section() -> str:
    corpus = yaml.safe_load(CORPUS.read_text(encoding="utf-8"))
    counts, _ = recall(corpus["identifiers"])
    prose = prose_alarms(corpus["ordinary"])
    example = example_alarms()
    planted = sum(c[0] for c in counts.values())
    lines = [TITLE, "",
             f"`python benchmarks/detectors.py`: the detectors of `check` on "
             f"benchmarks/detector_corpus.yml ({planted} fictional unregistered identifiers, "
             f"each in a sentence of review prose, and {len(corpus['ordinary'])} sentences of "
             "ordinary review prose holding none), and on the Child B1 example. *Found*: a "
             "detection overlaps the identifier (any detection stops publication); *as its "
             "kind*: the detection names the right kind. The corpus and the detectors were "
             "written by the same hand, so these figures flatter them: the first measurement, "
             "before the detectors were tuned on this corpus, found 308 of 326 (94.5 %; "
             "names 59 of 75, as lower-case and capitalised names and single first names with "
             "no cue were missed) with 2 false alarms in the prose. The second held-out "
             "measurement below is the honest one.", "",
             *table(counts), "",
             f"False alarms: **{len(prose)}** in {len(corpus['ordinary'])} sentences of "
              f"ordinary prose; **{len(example)}** detector findings on the example (its "
              "sources, mkdocs.yml and templates/).", ""]
    lines += [f"- prose: `{text}` read as a {detect.LABELS[kind]} in “{s}”"
              for s, kind, text in prose]
    lines += [f"- example: {e}" for e in example]
    lines += ["", *holdout_lines(), "", *heldout2_lines()]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).rstrip() + "\n"


def table(counts: dict) -> list[str]:
    planted = sum(c[0] for c in counts.values())
    total = sum(c[1] for c in counts.values())
    lines = ["| kind | planted | found | as its kind | recall |", "|---|---:|---:|---:|---:|"]
    for kind, (n, found, own) in sorted(counts.items()):
        lines.append(f"| {detect.LABELS[kind]} | {n} | {found} | {own} | {found / n:.0%} |")
    return lines + [f"| **all** | {planted} | {total} | {sum(c[2] for c in counts.values())} | "
                    f"{total / planted:.1%} |"]


def holdout_lines(shown: int = 10) -> list[str]:
    """The first held-out set, since used to tune the detectors: a tuning set now."""
    return measured_lines(
        HOLDOUT, "Tuning set 2: held out when first measured (77.6 %), since used to improve "
        "the detectors",
        "benchmarks/detector_holdout.yml ({planted} fictional unregistered identifiers and "
        "{ordinary} sentences of ordinary review prose, written by hand apart from the detectors; "
        "see benchmarks/detector_holdout.py). When first measured, before the detectors were "
        "changed, they found 242 of 312 (77.6 %) with 0 false alarms in 108 sentences; its "
        "misses have since been used to improve the detectors, so the figures below flatter "
        "them. The second held-out set below is the figure to quote.", shown)


def heldout2_lines(shown: int = 10) -> list[str]:
    """The second held-out set: written apart from the detectors, never used to tune them."""
    return measured_lines(
        HELDOUT2, "Held out (second): written apart from the detectors, never seen by whoever "
        "tuned them",
        "benchmarks/detector_heldout2.yml ({planted} fictional unregistered identifiers and "
        "{ordinary} sentences of ordinary review prose, written by hand for this benchmark by "
        "someone who had read neither the detectors' rules nor the other two corpora; see "
        "benchmarks/detector_heldout2.py). Nobody tuning the detectors has seen it: this is the "
        "figure to quote. Once the detectors are tuned on it, it flatters them too, and a new "
        "held-out set must be written.", shown)


def measured_lines(path: Path, title: str, intro: str, shown: int = 10) -> list[str]:
    """A corpus's table, its false alarms and the first missed identifiers."""
    corpus = yaml.safe_load(path.read_text(encoding="utf-8"))
    counts, missed = recall(corpus["identifiers"])
    prose = prose_alarms(corpus["ordinary"])
    planted = sum(c[0] for c in counts.values())
    lines = [f"### {title}", "",
             intro.format(planted=planted, ordinary=len(corpus["ordinary"])), "",
             *table(counts), "",
             f"False alarms: **{len(prose)}** in {len(corpus['ordinary'])} sentences of ordinary "
             "prose.", ""]
    lines += [f"- prose: `{text}` read as a {detect.LABELS[kind]} in “{s}”"
              for s, kind, text in prose]
    if missed:
        lines += ["", f"Missed: **{len(missed)}**; the first {min(shown, len(missed))}, one of "
                  "each kind in turn:", ""]
        lines += [f"- {detect.LABELS[i['kind']]}: `{i['value']}` in “{i['text']}”"
                  for i in spread(missed)[:shown]]
    return lines


def spread(items: list[dict]) -> list[dict]:
    """The items reordered to take one of each kind in turn, so a short list shows every kind."""
    by_kind: dict[str, list[dict]] = {}
    for item in items:
        by_kind.setdefault(item["kind"], []).append(item)
    out = []
    while any(by_kind.values()):
        for kind in sorted(by_kind):
            if by_kind[kind]:
                out.append(by_kind[kind].pop(0))
    return out


def replace_section(text: str, new: str, title: str = TITLE) -> str:
    """The file with its Detectors section (or the one titled `title`) replaced (or added
    at the end)."""
    if title not in text:
        return text.rstrip() + "\n\n" + new
    before, rest = text.split(title, 1)
    after = rest.split("\n## ", 1)
    return before + new + ("\n## " + after[1] if len(after) > 1 else "")


def main() -> None:
    corpus = yaml.safe_load(CORPUS.read_text(encoding="utf-8"))
    if "-v" in sys.argv:
        for item in recall(corpus["identifiers"])[1]:
            print("missed", item["kind"], repr(item["value"]), "in", item["text"])
        for alarm in prose_alarms(corpus["ordinary"]):
            print("alarm", alarm)
        holdout = yaml.safe_load(HOLDOUT.read_text(encoding="utf-8"))
        for item in recall(holdout["identifiers"])[1]:
            print("held out: missed", item["kind"], repr(item["value"]), "in", item["text"])
        for alarm in prose_alarms(holdout["ordinary"]):
            print("held out: alarm", alarm)
        # the second held-out set is not printed here: its misses are not for tuning
    new = section()
    RESULTS.write_text(replace_section(RESULTS.read_text(encoding="utf-8"), new),
                       encoding="utf-8")
    print(new)


if __name__ == "__main__":
    main()
