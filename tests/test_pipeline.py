"""The whole build: all three formats, reproducible bytes, staged outputs, progress."""
import hashlib

import pytest

from casereview import pipeline
from casereview.diagnostics import CheckFailed
from conftest import MINIMAL, copy_workspace, edit


def digests(ws):
    return {p.relative_to(ws).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for folder in ("site", "dist") for p in sorted((ws / folder).rglob("*")) if p.is_file()}


@pytest.fixture
def draft(tmp_path):
    return copy_workspace(MINIMAL, tmp_path / "ws")


def test_build_writes_the_three_formats_and_reports_each_stage(draft):
    seen = []
    result = pipeline.build(draft, progress=lambda stage, seconds: seen.append(stage))
    assert [p.relative_to(draft).as_posix() for p in result.outputs] == [
        "site/index.html", "dist/lcspr-t-draft-0-1.docx", "dist/lcspr-t-draft-0-1.pdf"]
    assert seen == ["load", "validate", "model", "anonymise", "render", "html", "docx", "pdf", "scan"]


def test_the_same_sources_give_the_same_bytes(draft, tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    pipeline.build(draft)
    first = digests(draft)
    other = copy_workspace(MINIMAL, tmp_path / "again")
    pipeline.build(other)
    assert digests(other) == first
    assert len(first) > 30


def test_a_build_failing_in_one_format_leaves_the_previous_outputs(draft):
    pipeline.build(draft)
    before = digests(draft)
    (draft / "mkdocs.yml").write_text("site_name: x\ntheme:\n  name: no-such-theme\n")
    edit(draft, "review/sections/04-voice.md", "seldom", "rarely")
    with pytest.raises(Exception):
        pipeline.build(draft)
    assert digests(draft) == before
    assert not list(draft.glob(".casereview-build-*"))


def test_a_check_failure_writes_nothing(draft):
    edit(draft, "review/review.yml", "status: draft", "status: drafted")
    with pytest.raises(CheckFailed):
        pipeline.build(draft)
    assert not (draft / "site").exists() and not (draft / "dist").exists()


def test_build_date_honours_source_date_epoch(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1465776000")
    assert str(pipeline.build_date(0)) == "2016-06-13"
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    assert str(pipeline.build_date(1465776000.5)) == "2016-06-13"


def test_professionals_by_role_leaves_no_name_in_any_output(tmp_path):
    """The output scan holds every declared professional's name back in role mode: the
    report, the action plans and the tracker page all show roles."""
    from conftest import ROOT
    ws = copy_workspace(ROOT, tmp_path / "ws")
    edit(ws, "review/review.yml", "status: published", "status: published\nprofessionals: role")
    result = pipeline.build(ws)
    assert result.scanned["findings"] == 0 and result.scanned["files_scanned"] > 30
    assert "Sarah Mounsey" not in (ws / "site" / "tracker.html").read_text()


def test_a_long_version_label_is_cut_between_words():
    from types import SimpleNamespace
    label = "SAR Adult K Overview Report Final Version for Publication Approved by the Board"
    review = SimpleNamespace(info=SimpleNamespace(version=label))
    assert pipeline.output_name(review) == \
        "sar-adult-k-overview-report-final-version-for-publication"
    assert pipeline.output_name(review, panel=True) == \
        "sar-adult-k-overview-report-final-version-for-publication-panel"
    review.info.version = "X" * 70                  # one word longer than the limit
    assert pipeline.output_name(review) == "x" * 60
