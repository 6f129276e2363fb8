import shutil
from pathlib import Path

import pytest

from casereview.commands.check import check

ROOT = Path(__file__).resolve().parents[1]
MINIMAL = ROOT / "tests" / "fixtures" / "minimal"


@pytest.fixture
def minimal(tmp_path) -> Path:
    """A fresh copy of the small test workspace, safe to break."""
    target = tmp_path / "ws"
    shutil.copytree(MINIMAL, target, ignore=shutil.ignore_patterns("site", "dist"))
    return target


def edit(ws: Path, rel: str, old: str, new: str) -> None:
    path = ws / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {rel}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def messages(ws: Path) -> list[str]:
    report = check(ws).report
    return [str(d) for d in report.errors + report.warnings]
