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


@pytest.mark.parametrize("text, expected", [
    ("Ja\u200cne Sm\u200dith", "jane smith"), ("Ja\u2060ne\ufeff", "jane"),
    ("\u200eJa\u200fne\u2066x\u2069", "janex"), ("Ja\u2062ne Sm\u00adith", "jane smith"),
    ("J\u0430n\u0435 \u0455mith", "jane smith"), ("J\u03b1ne", "jane"), ("P\u03bfx", "pox"),
    ("Luc%C3%ADa%20Okafor.png", "lucia okafor.png"), ("J&#97;ne &eacute;", "jane e"),
    ("\\4A ane \\000044 x", "jane dx"), ("\\u0041 \\x41 \\u{41}", "a a a"),
    ("Ja<wbr>ne Ja<!-- x -->ne Ja<span>ne</span>", "jane jane jane "),
    ("Ja&lt;wbr&gt;ne", "jane"), ("ＪＡＮＥ", "jane"), ("Müller Ærø straße", "muller aero strasse"),
])
def test_the_normal_form_undoes_every_disguise(text, expected):
    assert normalise(text) == expected


def test_a_disguised_hit_reports_its_original_line_and_column():
    text = "<p>\nNothing</p>\n<!-- a\ncomment -->\nby J&#97;ne Sm\u200bith"
    assert [(h.line, h.col) for h in Matcher(REGISTER).find(text)] == [(5, 4)]


PARTS = Register(identities=[Identity(real="Hope Quenby", use="Child Q"),
                             Identity(real="Lüdger Maria van der Berg", use="Adult 2")])


@pytest.mark.parametrize("text, found", [
    ("Mrs Quenby came", [(1, "")]), ("Quenby, Hope", [(1, "")]), ("and Hope said", [(1, "")]),
    ("Hope said", [(1, "Hope")]), ("we hope so", [(1, "hope")]), ("Mrs hope", [(1, "")]),
    ("L. M. van der Berg", [(2, "")]), ("Luedger K. van der Berg", [(2, "")]),
    ("Ludger", [(2, "")]), ("Janet", []),
])
def test_name_parts_alone_and_ordinary_words_only_where_they_cannot_be_the_word(text, found):
    assert [(h.entry, h.ambiguous) for h in Matcher(PARTS).find(text)] == found


def test_an_allowed_ordinary_word_is_let_through_only_where_it_may_be_the_word():
    allowed = Matcher(PARTS, frozenset({"hope"}))
    assert allowed.find("We hope so. Hope is ours.") == []
    assert [h.entry for h in allowed.find("and Hope said")] == [1]


def test_a_hashed_register_matches_nothing_without_its_key_and_long_entries_with_it():
    long = Register(identities=[Identity(real="The Old Mill House at Lower Quenby Green",
                                         use="a village", kind="other")])
    hashed = hash_register(long, KEY)
    text = "at the old mill house at lower quenby green"
    assert Matcher(hashed).find(text) == []
    assert Matcher(hashed.with_key(b"another key")).find(text) == []
    assert [h.entry for h in Matcher(hashed.with_key(KEY)).find(text)] == [1]


def test_check_says_the_key_is_missing_or_wrong(minimal, monkeypatch):
    from casereview.identities import key_material
    register = hash_register(Register(identities=[Identity(real="Hestia Larkspur",
                                                           use="Mother")]), key_material("k1"))
    (minimal / "identities.hashed.yml").write_text(
        yaml.safe_dump(register.model_dump(mode="json", exclude_defaults=True)))
    how = ("put the key the register was made with in private/identities.key (made by "
           "`casereview identities hash`) or in $CASEREVIEW_IDENTITIES_KEY")
    monkeypatch.delenv("CASEREVIEW_IDENTITIES_KEY", raising=False)
    assert messages(minimal) == [f"{minimal}/identities.hashed.yml:1:1: the hashed identity "
                                 f"register needs its key, which is not given; {how}"]
    monkeypatch.setenv("CASEREVIEW_IDENTITIES_KEY", "k2")
    assert messages(minimal) == [f"{minimal}/identities.hashed.yml:1:1: the key given is not "
                                 f"the one the hashed identity register was made with; {how}"]
    monkeypatch.setenv("CASEREVIEW_IDENTITIES_KEY", "k1")
    edit(minimal, "review/sections/04-voice.md", "seldom seen", "seldom seen by H. Larkspur")
    assert messages(minimal) == [
        "review/sections/04-voice.md:5:28: a registered name (register entry 1) is written here; "
        "write `Mother` instead"]


def test_a_register_hashed_with_a_stored_salt_is_refused(minimal):
    (minimal / "identities.hashed.yml").write_text(
        "salt: s\nhashed:\n  - hashes: [abc]\n    use: Mother\n")
    assert messages(minimal) == [
        f"{minimal}/identities.hashed.yml:1:1: this hashed register was made with a salt stored "
        "in it, so anyone reading the repository can recover its identifiers by trying "
        "candidates; make it again from the plain register with `casereview identities hash`"]


def test_check_asks_for_an_allow_entry_for_an_ambiguous_name_part(minimal):
    (minimal / "private").mkdir()
    (minimal / "private" / "identities.yml").write_text(
        "identities:\n  - real: Hope Quenby\n    use: Child Q\n", encoding="utf-8")
    edit(minimal, "review/sections/04-voice.md", "seldom seen", "seldom seen. Hope was")
    assert messages(minimal) == [
        "review/sections/04-voice.md:5:26: `Hope` is an ordinary word and also part of a "
        "registered name (register entry 1); if it is the name, write `Child Q` instead; if it "
        "is the word, add `Hope` to `allow:` in review/review.yml with a `reason:`"]
