"""`casereview publish`: every refusal reason, and a publication with its manifest."""
import hashlib
import json
from datetime import date
import subprocess
import sys

import pytest

from casereview.commands.publish import PublishRefused, publish, refusals
from conftest import MINIMAL, ROOT, copy_workspace, edit

SIGN_OFF = "sign_off:\n  role: Chair of the review panel\n  date: 2021-09-30\n"
REGISTER = ("identities:\n  - real: Hestia Larkspur\n    use: Mother\n"
            "  - real: 14 Quarry Bank Road\n    use: the family home\n    kind: address\n")


def sources(ws):
    return {p.relative_to(ws).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(ws.rglob("*")) if p.is_file()
            and not p.relative_to(ws).as_posix().startswith(("site/", "dist/"))}


@pytest.fixture
def final(tmp_path):
    ws = copy_workspace(MINIMAL, tmp_path / "ws")
    edit(ws, "review/review.yml", "status: draft", "status: final")
    edit(ws, "review/review.yml", "version: LCSPR T DRAFT 0.1", "version: LCSPR T FINAL 1.0")
    (ws / "review" / "review.yml").write_text(
        (ws / "review" / "review.yml").read_text() + SIGN_OFF, encoding="utf-8")
    (ws / "private").mkdir()
    (ws / "private" / "identities.yml").write_text(REGISTER, encoding="utf-8")
    return ws


def refused(ws):
    before = sources(ws)
    with pytest.raises(PublishRefused) as exc:
        publish(ws)
    assert sources(ws) == before
    assert not (ws / "site").exists() and not (ws / "dist").exists()
    return exc.value.reasons


def test_refused_while_not_final(final):
    edit(final, "review/review.yml", "status: final", "status: panel")
    assert refused(final) == [
        "review/review.yml: status is `panel`; publish only a final report: set `status: final` "
        "once the panel has agreed it"]


def test_refused_without_a_panel_sign_off(final):
    edit(final, "review/review.yml", SIGN_OFF, "")
    assert refused(final) == [
        "review/review.yml: no panel sign-off is recorded; add `sign_off:` with the `role` (and "
        "`name`) of who signed it off for the panel and the `date`"]


def test_refused_on_any_check_error_or_warning(final):
    edit(final, "agency_imrs/police.yml", "date: 2020-06-14", "date: 2013-02-30")
    edit(final, "action_plans/police.yml", "31.07.2021", "when funded")
    assert refused(final) == [
        "agency_imrs/police.yml:3:11: chronology[0].date: `2013-02-30` is not a date: February "
        "2013 has 28 days; correct the day",
        "action_plans/police.yml:3:5: warning: rows[0]: row `police-1`: deadline `when funded` "
        "needs a date; give a date or month, e.g. `September 2015`, so it can be tracked"]


def test_refused_without_an_identity_register(final):
    (final / "private" / "identities.yml").unlink()
    assert refused(final) == [
        "no identity register: the output scan would have nothing to search for; list the real "
        "identifiers in private/identities.yml (or give one with --identities) before publishing"]


def test_refused_when_the_output_scan_finds_an_identifier(final):
    (final / "templates").mkdir()
    # built by the template as it runs: check, which reads the template's text, cannot see it
    (final / "templates" / "references.md.j2").write_text(
        '# Thanks\n\nTo {{ "Hest" ~ "ia Lark" ~ "spur" }}.\n')
    reasons = refused(final)
    assert "dist/lcspr-t-final-1-0.pdf: page 5: a registered name (register entry 1) is in the " \
           "pdf text; write `Mother` instead" in reasons
    assert all("register entry 1" in r for r in reasons)


def test_refused_with_every_reason_at_once(final):
    edit(final, "review/review.yml", "status: final", "status: draft")
    edit(final, "review/review.yml", SIGN_OFF, "")
    edit(final, "review/review.yml", "status: draft", "status: drafted")
    assert len(refused(final)) == 1   # the file does not validate: its own error says why
    edit(final, "review/review.yml", "status: drafted", "status: draft")
    assert len(refusals(final)) == 2


def test_published_with_a_manifest_and_the_sources_untouched(final):
    before = sources(final)
    result = publish(final)
    assert sources(final) == before
    manifest_path = final / "dist" / "publication-manifest.json"
    assert manifest_path in result.outputs
    manifest = json.loads(manifest_path.read_text())
    assert manifest["version"] == "LCSPR T FINAL 1.0"
    # no `title` in review.yml: the title every output shows
    assert manifest["title"] == "Local Child Safeguarding Practice Review – Child T"
    assert manifest["status"] == "final"
    assert manifest["panel_sign_off"] == {"role": "Chair of the review panel", "name": None,
                                          "date": "2021-09-30"}
    published = date.fromisoformat(manifest["published"])
    assert manifest["retention"] == {
        "online_from": published.isoformat(),
        "online_until_at_least": published.replace(year=published.year + 1).isoformat(),
        "thereafter": "available on request"}
    artefacts = manifest["artefacts"]
    assert {"site/index.html", "dist/lcspr-t-final-1-0.docx", "dist/lcspr-t-final-1-0.pdf"} <= set(artefacts)
    on_disk = {p.relative_to(final).as_posix() for top in ("site", "dist")
               for p in (final / top).rglob("*") if p.is_file()} - {"dist/publication-manifest.json"}
    assert set(artefacts) == on_disk
    for rel, digest in artefacts.items():
        assert hashlib.sha256((final / rel).read_bytes()).hexdigest() == digest, rel
    scanned = manifest["scan"]
    assert scanned["register_entries"] == 2 and scanned["findings"] == 0
    assert scanned["files_scanned"] + scanned["theme_files_verified_unchanged"] == len(on_disk)
    assert scanned["theme_files_verified_unchanged"] > 10


def test_the_published_example_is_not_published_again():
    reasons = refusals(ROOT)
    assert "review/review.yml: status is `published`; publish only a final report: set " \
           "`status: final` once the panel has agreed it" in reasons


def test_the_example_made_final_passes_every_check_of_publish(tmp_path):
    """Its plans print no lead or deadline in places; marked as published, they do not block."""
    ws = copy_workspace(ROOT, tmp_path / "ws")
    edit(ws, "review/review.yml", "status: published", "status: final")
    (ws / "review" / "review.yml").write_text(
        (ws / "review" / "review.yml").read_text() + SIGN_OFF, encoding="utf-8")
    (ws / "private").mkdir()
    (ws / "private" / "identities.yml").write_text(REGISTER, encoding="utf-8")
    assert refusals(ws) == []


def test_publish_on_the_command_line_lists_reasons_and_exits_1(final):
    edit(final, "review/review.yml", "status: final", "status: panel")
    result = subprocess.run([sys.executable, "-m", "casereview.cli", "publish", str(final)],
                            capture_output=True, text=True)
    assert result.returncode == 1
    assert result.stderr.splitlines()[-2:] == [
        "not published: 1 reason(s)", "nothing was written; the previous outputs are unchanged"]


def by_role(ws, name="A Reviewer"):
    """Professionals shown by role, and the lead reviewer signing off for the panel."""
    edit(ws, "review/review.yml", "status: final", "status: final\nprofessionals: role")
    edit(ws, "review/review.yml", "  role: Chair of the review panel\n",
         f"  role: Chair of the review panel\n  name: {name}\n")


def test_the_manifest_gives_the_sign_off_by_role_when_professionals_are(final):
    by_role(final)
    publish(final)
    text = (final / "dist" / "publication-manifest.json").read_text()
    assert json.loads(text)["panel_sign_off"] == {"role": "Chair of the review panel",
                                                  "date": "2021-09-30"}
    assert "Reviewer" not in text.replace("Independent Reviewer", "")


def test_the_manifest_is_scanned_before_it_is_published(final, monkeypatch):
    """Were the manifest to name who signed off, the output scan would refuse it: it is
    written before the scan and read with everything else."""
    from casereview.writers import manifest
    by_role(final)
    monkeypatch.setattr(manifest, "_sign_off",
                        lambda info: info.sign_off.model_dump(mode="json"))
    assert refused(final) == [
        "dist/publication-manifest.json: decoded JSON: a registered name (register entry 3) is "
        "in the publication manifest; write `Independent Reviewer` instead",
        "dist/publication-manifest.json: line 13: a registered name (register entry 3) is in "
        "the publication manifest; write `Independent Reviewer` instead"]
