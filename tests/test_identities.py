"""The identity register and its matcher: every written variant, plain or hashed."""
import subprocess
import sys

import pytest
import yaml

from casereview.identities import Identity, Matcher, Register, hash_register, normalise, variants
from conftest import edit, messages

KEY = b"k" * 32
REGISTER = Register(identities=[
    Identity(real="Jane Ann Smith", use="Mother"),
    Identity(real="LE1 6ZG", use="the family home", kind="postcode"),
    Identity(real="2011-10-20", use="(withheld)", kind="dob"),
    Identity(real="Zoë Brontë-Hale", use="Child T", also=["Zozo"]),
])


@pytest.mark.parametrize("text, entries", [
    ("JANE ANN SMITH", [1]), ("jane smith", [1]), ("J. Smith's", [1]), ("J A Smith", [1]),
    ("Jane Ann Smi-\nth", [1]), ("Jane   Ann\nSmith", [1]), ("Jane Ann Smith’s", [1]),
    ("at LE16ZG", [2]), ("le1 6zg", [2]), ("born 20th October 2011", [3]), ("20/10/11", [3]),
    ("Zoe Bronte-Hale", [4]), ("ZOË BRONTËHALE", [4]), ("Z. Brontë-Hale", [4]), ("Zozo", [4]),
    ("Janet Austen and Ann Smithson", []), ("6 ZG", []), ("Jane Austen", [1]),
    ("Mrs Smith", [1]), ("Smith, Jane", [1]), ("Jane K. Smith", [1]),
])
def test_every_written_variant_is_found(text, entries):
    assert [h.entry for h in Matcher(REGISTER).find(text)] == entries


def test_hashed_register_holds_no_plain_text_and_finds_the_same():
    hashed = hash_register(REGISTER, KEY)
    dumped = hashed.model_dump_json()
    assert "smith" not in dumped.lower() and "6zg" not in dumped.lower()
    text = "J. Smith visited Zoe Bronte-Hale at LE1 6ZG on 20/10/2011."
    assert [h.entry for h in Matcher(hashed.with_key(KEY)).find(text)] == [1, 4, 2, 3]
    assert [h.use for h in Matcher(hashed.with_key(KEY)).find(text)] == \
        [h.use for h in Matcher(REGISTER).find(text)]


def test_lines_of_hits_count_joined_words():
    text = "First line\nJane Ann Smi-\nth on the second\nand J Smith on the fourth"
    assert [h.line for h in Matcher(REGISTER).find(text)] == [2, 4]


def test_normalise_folds_case_diacritics_and_broken_words():
    assert normalise("Łukasz DVOŘÁK’s Fenwh-\n istle") == "lukasz dvorak's fenwhistle"
    assert ("j", "smith") in variants(Identity(real="Jane Smith", use="x"))


def test_source_scan_names_file_line_field_and_the_wording_to_use(minimal):
    (minimal / "private").mkdir()
    (minimal / "private" / "identities.yml").write_text(
        "identities:\n  - real: Hestia Larkspur\n    use: Mother\n", encoding="utf-8")
    edit(minimal, "agency_imrs/health.yml", "saw Child T at home", "saw Child T and H. LARKSPUR")
    assert messages(minimal) == [
        "agency_imrs/health.yml:4:46: chronology[0].what: a registered name (register entry 1) "
        "is written here; write `Mother` instead"]


def test_a_broken_register_is_reported(minimal):
    (minimal / "private").mkdir()
    (minimal / "private" / "identities.yml").write_text("identities:\n  - name: X\n")
    assert messages(minimal)[:1] == [
        f"{minimal}/private/identities.yml:2:5: identities[0].name: unknown field `name`; remove "
        "it; the fields here are: real, use, kind, also"]


def test_identities_hash_command_writes_a_register_without_plain_text(minimal, tmp_path):
    plain = minimal / "private" / "identities.yml"
    plain.parent.mkdir()
    plain.write_text("identities:\n  - real: Hestia Larkspur\n    use: Mother\n", encoding="utf-8")
    out = minimal / "identities.hashed.yml"
    result = subprocess.run([sys.executable, "-m", "casereview.cli", "identities", "hash",
                             str(plain), "--out", str(out)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    key = minimal / "private" / "identities.key"
    assert result.stdout.splitlines() == [
        f"made the key {key}: keep it out of the repository (private/ is git-ignored) and give "
        "it to whoever checks or builds, as that file or as $CASEREVIEW_IDENTITIES_KEY",
        f"wrote {out}: 1 identities as keyed hashes; keep {plain} and {key} out of the "
        "repository"]
    assert "larkspur" not in out.read_text().lower()
    assert "salt" not in yaml.safe_load(out.read_text())
    plain.unlink()
    edit(minimal, "review/sections/04-voice.md", "seldom seen", "seldom seen by Hestia Larkspur")
    assert messages(minimal) == [
        "review/sections/04-voice.md:5:28: a registered name (register entry 1) is written here; "
        "write `Mother` instead"]


def test_identities_hash_refuses_an_empty_register(tmp_path):
    empty = tmp_path / "identities.yml"
    empty.write_text("identities: []\n")
    result = subprocess.run([sys.executable, "-m", "casereview.cli", "identities", "hash",
                             str(empty), "--out", str(tmp_path / "h.yml")],
                            capture_output=True, text=True)
    assert result.returncode == 1
    assert result.stderr.splitlines()[0] == (
        f"{empty}:1:1: identities: the register lists no identities, so there is nothing to "
        "hash; list each real identifier under `identities:` with the wording to `use` instead "
        "(see the README)")
    assert not (tmp_path / "h.yml").exists()
