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


def messages_after(ws: Path, edits) -> list[str]:
    """The check's messages once each (file, old, new) edit is made."""
    for rel, old, new in edits:
        edit(ws, rel, old, new)
    return messages(ws)


WORKSPACE_PARTS = ("review", "agency_imrs", "action_plans", "templates", "mkdocs.yml")


def copy_workspace(source: Path, target: Path) -> Path:
    """The source files of a workspace, without its outputs."""
    target.mkdir(parents=True)
    for part in WORKSPACE_PARTS:
        if (source / part).is_dir():
            shutil.copytree(source / part, target / part)
        elif (source / part).exists():
            shutil.copy2(source / part, target / part)
    return target


@pytest.fixture(scope="session")
def example_site(tmp_path_factory) -> Path:
    """The Child B1 example's web site, built once for the session."""
    from casereview import pipeline
    ws = copy_workspace(ROOT, tmp_path_factory.mktemp("example") / "ws")
    pipeline.build(ws, formats=("html",))
    return ws / "site"


@pytest.fixture(scope="session")
def draft_site(tmp_path_factory) -> Path:
    from casereview import pipeline
    ws = copy_workspace(MINIMAL, tmp_path_factory.mktemp("draft") / "ws")
    pipeline.build(ws, formats=("html",))
    return ws / "site"


FUZZ = {"runs": 0, "tracebacks": 0, "slowest": 0.0}   # filled by test_fuzz.py


def pytest_terminal_summary(terminalreporter):
    """How much the fuzz test tried, so that CI shows it ran in full."""
    if FUZZ["runs"] or FUZZ["tracebacks"]:
        terminalreporter.write_line(
            f"fuzz: {FUZZ['runs']} mutated workspaces checked, {FUZZ['tracebacks']} tracebacks, "
            f"slowest {FUZZ['slowest']:.1f} s")
