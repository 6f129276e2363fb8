"""Red team, second pass (issue 11): every spelling and place that once leaked, with
identifiers of its own. `check` must report each one in the sources, mkdocs.yml and
template overrides; with check bypassed, the output scan must refuse the build (files of a
theme's custom_dir included); and an independent reader of every output byte (its own decoding and
normal form, not the project's matcher) must find nothing published."""
import html
import io
import re
import shutil
import unicodedata
import urllib.parse
import zipfile
from pathlib import Path

import pypdf
import pytest
import yaml
from PIL import Image

from casereview import pipeline
from casereview.commands.check import Checked, check
from casereview.diagnostics import Report
from casereview.identities import Register, hash_register
from conftest import MINIMAL, ROOT, copy_workspace
from redteam.spellings import DISTINCT, IMAGE, COPYRIGHT, REGISTER, SPELLINGS, TEMPLATE

INTRO = "review/sections/01-introduction.md"
KEY = "a red-team key, not the project's"


def _plant(ws: Path) -> dict[int, str]:
    """Each spelling in its own paragraph; returns the line of each one's paragraph."""
    text = (ws / INTRO).read_text(encoding="utf-8").rstrip("\n")
    lines = {}
    for name, (spelling, _) in SPELLINGS.items():
        text += "\n\n"
        lines[text.count("\n") + 1] = name
        text += f"It was {spelling} then."
    text += f"\n\n{IMAGE}\n"
    (ws / INTRO).write_text(text, encoding="utf-8")
    (ws / "images").mkdir()
    Image.new("RGB", (40, 30), (20, 90, 160)).save(ws / "images" / "Jácinta Poxwell.png")
    mkdocs = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    mkdocs = re.sub(r"(?m)^copyright:.*\n", "", mkdocs) + COPYRIGHT
    (ws / "mkdocs.yml").write_text(mkdocs, encoding="utf-8")
    (ws / TEMPLATE[0]).parent.mkdir()
    (ws / TEMPLATE[0]).write_text(TEMPLATE[1], encoding="utf-8")
    return lines


@pytest.fixture(scope="module")
def planted(tmp_path_factory):
    """The seeded workspace with a hashed register whose key is outside it."""
    ws = copy_workspace(MINIMAL, tmp_path_factory.mktemp("spellings") / "ws")
    lines = _plant(ws)
    plain = Register(identities=[{"real": r, "kind": k, "use": u} for r, k, u in REGISTER])
    (ws / "private").mkdir()
    (ws / "private" / "identities.key").write_text(KEY)
    from casereview.identities import key_material
    hashed = hash_register(plain, key_material(KEY))
    (ws / "identities.hashed.yml").write_text(
        yaml.safe_dump(hashed.model_dump(mode="json", exclude_defaults=True)), encoding="utf-8")
    return ws, lines


def test_check_reports_every_spelling_at_its_line(planted):
    ws, lines = planted
    report = check(ws).report
    hits = {(d.file, d.line) for d in report.errors if "registered" in d.message}
    missing = [name for line, name in lines.items() if (INTRO, line) not in hits]
    assert missing == []
    image_line = (ws / INTRO).read_text(encoding="utf-8").count("\n")
    assert (INTRO, image_line) in hits
    copyright_line = next(i for i, line in enumerate(
        (ws / "mkdocs.yml").read_text(encoding="utf-8").splitlines(), 1) if "copyright" in line)
    assert {("mkdocs.yml", copyright_line), (TEMPLATE[0], 3)} <= hits


def test_files_a_theme_override_ships_are_read_whatever_their_type(planted, tmp_path):
    """A custom_dir can put any file into the site: an .htm page or a .vcf card is read."""
    ws = copy_workspace(planted[0], tmp_path / "ws")
    shutil.copytree(planted[0] / "private", ws / "private")
    shutil.copy(planted[0] / "identities.hashed.yml", ws)
    (ws / "overrides").mkdir()
    (ws / "overrides" / "contact.htm").write_text("<p>Ja<wbr>cinta Poxwell</p>\n")
    (ws / "overrides" / "card.vcf").write_text("BEGIN:VCARD\nFN:Jacinta Poxwell\nEND:VCARD\n")
    mkdocs = (ws / "mkdocs.yml").read_text(encoding="utf-8").replace("  name: material\n",
                                                                     "  name: material\n"
                                                                     "  custom_dir: overrides\n")
    (ws / "mkdocs.yml").write_text(mkdocs, encoding="utf-8")
    checked = check(ws)
    with pytest.raises(pipeline.LeakFound) as leak:
        pipeline.build(ws, formats=("html",), checked=Checked(
            checked.review, Report(), checked.sources, checked.register))
    assert {"site/contact.htm", "site/card.vcf"} <= {f.artefact for f in leak.value.findings}
    assert not (ws / "site").exists()


def _leaks(folder: Path) -> dict[str, list[str]]:
    """An independent reader: every file under the folder decoded its own way (ZIP members,
    PDF text and metadata, any other file as text), brought to bare letters and digits, and
    searched for the identifiers' distinctive sequences."""
    found = {}
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        stream = _letters(path.relative_to(folder).as_posix() + "\n" + _text(path))
        hits = [d for d in DISTINCT if d in stream]
        if hits:
            found[path.relative_to(folder).as_posix()] = hits
    return found


def _text(path: Path) -> str:
    data = path.read_bytes()
    if data[:2] == b"PK":
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            return "\n".join(z.read(n).decode("utf-8", "ignore") for n in z.namelist())
    if data[:5] == b"%PDF-":
        reader = pypdf.PdfReader(io.BytesIO(data))
        pages = [page.extract_text() or "" for page in reader.pages]
        return "\n".join(pages + [str(reader.metadata), data.decode("latin-1")])
    return data.decode("utf-8", "ignore")


LATIN = str.maketrans("аеорсхіјοαАЕОРСХІЈΟΑ", "aeopcxijoaAEOPCXIJOA")


def _letters(text: str) -> str:
    for _ in range(2):
        text = html.unescape(urllib.parse.unquote(text))
    text = re.sub(r"\\u\{([0-9a-fA-F]+)\}|\\u([0-9a-fA-F]{4})|\\x([0-9a-fA-F]{2})",
                  lambda m: chr(int(m[1] or m[2] or m[3], 16)), text)
    text = re.sub(r"\\([0-9a-fA-F]{1,6}) ?", lambda m: chr(min(int(m[1], 16), 0x10FFFF)), text)
    text = re.sub(r"<[^<>]*>", "", text)
    text = unicodedata.normalize("NFKD", text.translate(LATIN))
    text = "".join(c for c in text if not unicodedata.combining(c)
                   and unicodedata.category(c) != "Cf")
    text = text.casefold().replace("ø", "o").replace("\u00ad", "")
    return re.sub(r"[^a-z0-9]", "", text)


@pytest.fixture(scope="module")
def unchecked(planted, tmp_path_factory):
    """Every format built from a copy of the planted sources with no gate at all (neither
    check nor the output scan): the spellings reach the outputs, else the refusal below
    would prove nothing."""
    ws = copy_workspace(planted[0], tmp_path_factory.mktemp("unchecked") / "ws")
    checked = check(ws)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(pipeline, "_scan", lambda *args: None)
        pipeline.build(ws, checked=Checked(checked.review, Report(), checked.sources,
                                           checked.register))
    return ws


def test_the_independent_reader_sees_the_spellings_in_ungated_outputs(unchecked):
    leaks = _leaks(unchecked / "site") | _leaks(unchecked / "dist")
    assert {"poxwell", "soholm", "fuentes", "pellingham", "4010232137"} <= \
        {d for found in leaks.values() for d in found}


def test_with_check_bypassed_the_output_scan_refuses_every_entry_and_nothing_leaks(planted):
    ws, _ = planted
    checked = check(ws)
    assert checked.register.hashed and checked.register._key is not None
    with pytest.raises(pipeline.LeakFound) as leak:
        pipeline.build(ws, checked=Checked(checked.review, Report(), checked.sources,
                                           checked.register))
    entries = {f.entry for f in leak.value.findings}
    assert entries == set(range(1, len(REGISTER) + 1))
    # nothing was published: an independent read of what is there finds no identifier
    published = [ws / folder for folder in ("site", "dist") if (ws / folder).exists()]
    assert [_leaks(folder) for folder in published] == [{}] * len(published)
