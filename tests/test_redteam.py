"""Red team: 210 invented identifiers seeded through every field type, in every written
variant; the source scan and the output scan (every channel of all three formats) must
report each one. Everything seeded is fictional."""
from collections import defaultdict
from datetime import date

import pytest
import yaml

from casereview import anonymise, pipeline, scan
from casereview.commands.check import check
from casereview.identities import Register, hash_register
from casereview.render import render
from casereview.writers import docx, pdf, site
from conftest import MINIMAL, ROOT, copy_workspace
from redteam.seed import SINGLE, SINKS, VARIANTS, register, seed

CHANNELS = {"page", "search-index", "docx", "pdf text"}
EXTRA = {"review title": {"pdf metadata"}, "section title": {"pdf bookmarks"},
         "version label": {"file-name"}}


@pytest.fixture(scope="module")
def seeded(tmp_path_factory):
    ws = copy_workspace(MINIMAL, tmp_path_factory.mktemp("redteam") / "ws")
    planted = seed(ws)
    (ws / "private").mkdir()
    (ws / "private" / "identities.yml").write_text(
        yaml.safe_dump(register([s for s, _ in planted]), allow_unicode=True), encoding="utf-8")
    return ws, planted


@pytest.fixture(scope="module")
def outputs(seeded, tmp_path_factory):
    """All three formats written from the seeded sources, past the check that would stop
    them, so that the output scan is tested on its own."""
    ws, _ = seeded
    checked = check(ws)
    assert checked.review is not None
    rendered = render(checked.review, ws, date(2021, 3, 2), pipeline.output_name(checked.review))
    stage = tmp_path_factory.mktemp("stage")
    for writer in (site.write, docx.write, pdf.write):
        writer(rendered, stage)
    return stage, checked


def test_the_seed_covers_every_field_type_and_variant(seeded):
    ws, planted = seeded
    assert len(planted) >= 200
    assert {field for _, field in planted} == set(SINKS) | set(SINGLE)
    assert {s.variant for s, _ in planted} == set(VARIANTS)
    assert {s.kind for s, _ in planted} >= {"name", "nickname", "address", "postcode", "school",
                                             "nursery", "dob", "hospital_number", "case_number",
                                             "nhs_number"}


def test_the_source_scan_reports_every_identifier_where_it_is_written(seeded):
    ws, planted = seeded
    report = check(ws).report
    hits = [d for d in report.errors if "a registered" in d.message]
    assert {int(d.message.split("register entry ")[1].split(")")[0]) for d in hits} == \
        set(range(1, len(planted) + 1))
    assert all(d.hint.startswith("write `") for d in hits)


def _channels(findings):
    by_entry = defaultdict(set)
    for f in findings:
        by_entry[f.entry].add(f.channel)
    return by_entry


def test_the_output_scan_reports_every_identifier_in_every_channel(seeded, outputs):
    _, planted = seeded
    stage, checked = outputs
    found = _channels(scan.scan(stage, anonymise.matcher(checked.review, checked.register)))
    missing = {}
    for entry, (s, field) in enumerate(planted, start=1):
        expected = CHANNELS | EXTRA.get(field, set())
        if expected - found[entry]:
            missing[f"{entry} {field} / {s.variant}: {s.written!r}"] = sorted(expected - found[entry])
    assert missing == {}, "\n".join(f"{k}: {v}" for k, v in missing.items())


def test_a_hashed_register_finds_exactly_the_same(seeded, outputs):
    stage, checked = outputs
    plain = scan.scan(stage, anonymise.matcher(checked.review, checked.register))
    hashed_register = hash_register(checked.register, b"a-key" * 6).with_key(b"a-key" * 6)
    assert "Fenwhistle" not in hashed_register.model_dump_json()
    hashed = scan.scan(stage, anonymise.matcher(checked.review, hashed_register))
    assert hashed == plain


def test_a_leak_from_outside_the_sources_stops_the_build(tmp_path):
    """A name a template override makes as it runs reaches no file check reads: the output
    scan stops it."""
    ws = copy_workspace(MINIMAL, tmp_path / "ws")
    (ws / "private").mkdir()
    (ws / "private" / "identities.yml").write_text(
        "identities:\n  - real: Hestia Larkspur\n    use: Mother\n", encoding="utf-8")
    pipeline.build(ws)
    before = {p: p.read_bytes() for p in (ws / "dist").iterdir()}
    (ws / "templates").mkdir()
    (ws / "templates" / "references.md.j2").write_text(
        '# Thanks\n\nWith thanks to {{ "HES" ~ "TIA LARK" ~ "SPUR" }}.\n')
    with pytest.raises(pipeline.LeakFound) as leak:
        pipeline.build(ws)
    channels = {f.channel for f in leak.value.findings}
    assert CHANNELS <= channels
    assert {p: p.read_bytes() for p in (ws / "dist").iterdir()} == before
    assert str(leak.value.findings[0]).endswith("(register entry 1) is in the "
                                                f"{leak.value.findings[0].channel}; write `Mother` instead")


def test_check_names_a_registered_name_in_mkdocs_yml_and_a_template(minimal):
    (minimal / "private").mkdir()
    (minimal / "private" / "identities.yml").write_text(
        "identities:\n  - real: Hestia Larkspur\n    use: Mother\n", encoding="utf-8")
    (minimal / "templates").mkdir()
    (minimal / "templates" / "references.md.j2").write_text("# Thanks\n\nTo H. Larkspur.\n")
    (minimal / "mkdocs.yml").write_text("site_name: x\ncopyright: Hestia Larkspur\n")
    assert [str(d) for d in check(minimal).report.errors] == [
        "mkdocs.yml:2:12: a registered name (register entry 1) is written here; write `Mother` "
        "instead",
        "templates/references.md.j2:3:4: a registered name (register entry 1) is written here; "
        "write `Mother` instead"]


def test_the_example_with_a_fictional_register_scans_clean(tmp_path):
    ws = copy_workspace(ROOT, tmp_path / "ws")
    from redteam.seed import identifiers
    fictional = [{"real": r, "kind": k, "use": u} for r, k, u in identifiers(60, seed=11)]
    (ws / "private").mkdir()
    (ws / "private" / "identities.yml").write_text(
        yaml.safe_dump({"identities": fictional}, allow_unicode=True), encoding="utf-8")
    checked = check(ws)
    assert checked.report.errors == []
    result = pipeline.build(ws)
    assert result.scanned["register_entries"] == 60
    assert result.scanned["findings"] == 0
    assert isinstance(checked.register, Register)


def test_every_part_of_the_real_outputs_can_be_read(outputs):
    """The scan refuses what it cannot read: nothing the writers make is refused."""
    stage, checked = outputs
    findings = scan.scan(stage, anonymise.matcher(checked.review, checked.register))
    assert [str(f) for f in findings if f.problem] == []
    assert {f.channel for f in findings} >= {"docx", "pdf text", "page"}
