"""Synthetic reviews N times the size of the Child B1 example, for the benchmarks.

Every section body, chronology entry, recommendation and action plan row is repeated N
times, with ids, labels and footnote names made unique per copy, so the result passes
`casereview check` like the example does.
"""
from __future__ import annotations

import re
import shutil
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
PARTS = ("review", "agency_imrs", "action_plans", "templates", "mkdocs.yml")


def synthesise(target: Path, factor: int, source: Path = ROOT) -> Path:
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    for part in PARTS:
        src = source / part
        if src.is_dir():
            shutil.copytree(src, target / part)
        elif src.exists():
            shutil.copy2(src, target / part)
    if factor > 1:
        for section in sorted((target / "review" / "sections").glob("*.md")):
            _section(section, factor)
        for imr in sorted((target / "agency_imrs").glob("*.yml")):
            _imr(imr, factor)
        for plan in sorted((target / "action_plans").glob("*.yml")):
            _plan(plan, factor)
    return target


def _section(path: Path, factor: int) -> None:
    text = path.read_text(encoding="utf-8")
    _, front, body = text.split("---\n", 2)
    if "[[" in body and "[[para:" not in body and "[[section:" not in body:
        return  # sections made of directives grow with the chronology
    copies = [body] + [_rename(body, f"x{i}") for i in range(2, factor + 1)]
    path.write_text(f"---\n{front}---\n" + "\n\n".join(copies), encoding="utf-8")


def _rename(body: str, suffix: str) -> str:
    body = re.sub(r"\{#([\w-]+)\}", rf"{{#\1-{suffix}}}", body)
    body = re.sub(r"\[\[para:([\w-]+)\]\]", rf"[[para:\1-{suffix}]]", body)
    return re.sub(r"\[\^([\w-]+)\]", rf"[^\1-{suffix}]", body)


def _imr(path: Path, factor: int) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["chronology"] = [dict(e) for e in data.get("chronology", []) for _ in range(factor)]
    recs = []
    for rec in data.get("recommendations", []):
        for i in range(1, factor + 1):
            copy = dict(rec, id=_copy_id(rec["id"], i), label=f"{rec.get('label', '')}{'' if i == 1 else i}")
            recs.append(copy)
    data["recommendations"] = recs
    _dump(path, data)


def _plan(path: Path, factor: int) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    rows = []
    for row in data["rows"]:
        for i in range(1, factor + 1):
            rows.append(dict(row, no=f"{row['no']}{'' if i == 1 else f'-{i}'}",
                             answers=[_copy_id(a, i) for a in row.get("answers", [])]))
    data["rows"] = rows
    _dump(path, data)


def _copy_id(rec_id: str, i: int) -> str:
    return rec_id if i == 1 else f"{rec_id}{i}"


def _dump(path: Path, data) -> None:
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100),
                    encoding="utf-8")


if __name__ == "__main__":
    out = synthesise(Path(sys.argv[1]), int(sys.argv[2]))
    print(out)


def tracker_reviews(target: Path, count: int = 200, rows: int = 25) -> list[Path]:
    """`count` small reviews of `rows` action plan rows each, for the tracker's benchmark:
    each has the Child B1 review's own files with one IMR and one action plan rewritten."""
    if target.exists():
        shutil.rmtree(target)
    deadlines = ["31.07.2015", "September 2015", "Already in place March 2015", "ongoing",
                 "Dependent on release of report", "April 2016", "8/04/2015"]
    out = []
    for n in range(count):
        ws = target / f"review-{n:03d}"
        (ws / "review").mkdir(parents=True)
        (ws / "agency_imrs").mkdir()
        (ws / "action_plans").mkdir()
        for name in ("review.yml", "recommendations.yml"):
            shutil.copy2(ROOT / "review" / name, ws / "review" / name)
        recs = [{"text": f"Recommendation {i} of review {n} on supervision and assessment."}
                for i in range(rows)]
        _dump(ws / "agency_imrs" / "csc.yml", {"agency": "csc", "recommendations": recs})
        plan = [{"no": str(i + 1), "answers": [f"csc-rec-{_roman(i + 1)}"],
                 "actions": [f"Action {i}."], "lead": "Head of Service",
                 "deadline": deadlines[i % len(deadlines)],
                 "status": ("not_started", "in_progress", "complete")[i % 3]} for i in range(rows)]
        _dump(ws / "action_plans" / "csc.yml", {"agency": "csc", "rows": plan})
        out.append(ws)
    return out


def _roman(n: int) -> str:
    from casereview.assemble import roman
    return roman(n)
