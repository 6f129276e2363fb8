"""The review's text is text, in every format: a corpus of script, markup and request vectors
planted in every free-text field of every YAML file and in every Markdown construct of a
section. `check` names each at its line; and even a build that skipped check publishes each
vector as the words written: no dialog, no outside request, no markup, in the site (Chromium),
the DOCX (its XML) and the PDF (poppler's text and pypdf's links)."""
import json
import re
import subprocess
import zipfile
from pathlib import Path

import pytest
import yaml

from casereview import pipeline
from casereview.commands.check import Checked, check
from casereview.diagnostics import Report
from casereview.load import dotted, yaml_doc
from tests.browser import BROWSER, served
from tests.payloads import MARKERS, VECTORS

CONSTRUCTS = ["{v}", "- a list item {v}", "> a quotation {v}", "| a | b |\n|---|---|\n| {v} | c |",
              "### {v}", "A note.[^n{i}]\n\n[^n{i}]: {v}", "*{v}*", "**{v}**"]
SAFE_SCHEMES = {"http", "https", "mailto", "tel"}


def _strings(value, path=()):
    if isinstance(value, str):
        yield path
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(item, path + (key,))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _strings(item, path + (i,))


def _set(data, path, value):
    for part in path[:-1]:
        data = data[part]
    data[path[-1]] = value


def _get(data, path):
    for part in path:
        data = data[part]
    return data


def plant(ws: Path) -> dict[str, dict]:
    """Every string of every YAML file gets a vector appended (cycling through the corpus),
    except those the schema refuses then (ids, dates, names of kinds); one section gets every
    vector in every construct. Returns the planted data by file."""
    files = sorted(p for p in ws.rglob("*.yml") if "site" not in p.parts)
    planted, n = {}, 0
    for file in files:
        data = yaml.safe_load(file.read_text(encoding="utf-8"))
        for path in _strings(data):
            if not _names_something(path):
                _set(data, path, f"{_get(data, path)} {VECTORS[n % len(VECTORS)]}")
                n += 1
        planted[file.relative_to(ws).as_posix()] = data
    for _ in range(6):                          # put back what the schema refuses
        _write(ws, planted)
        refused = [d for d in check(ws).report.errors if _is_schema_error(d)]
        if not refused:
            break
        for d in refused:
            _restore(ws, planted, d)
    body = "\n\n".join(["A [safe link](https://www.gov.uk/) stays a link.",
                        *(c.format(v=v, i=i) for i, v in enumerate(VECTORS) for c in CONSTRUCTS)])
    section = ws / "review" / "sections" / "04-voice.md"
    section.write_text(section.read_text(encoding="utf-8") + "\n" + body + "\n", encoding="utf-8")
    return planted


# fields that name something declared elsewhere or a kind, not free text
NAMES = {"id", "agency", "type", "status", "date", "subjects", "involved", "answers",
         "question", "kind", "pseudonym"}


def _names_something(path) -> bool:
    return any(part in NAMES for part in path if isinstance(part, str))


class _Dumper(yaml.SafeDumper):
    """Text over several lines as a `|` block, as authors write it."""


_Dumper.add_representer(str, lambda dumper, text: dumper.represent_scalar(
    "tag:yaml.org,2002:str", text, style="|" if "\n" in text else None))


def _write(ws, planted):
    for rel, data in planted.items():
        (ws / rel).write_text(yaml.dump(data, Dumper=_Dumper, allow_unicode=True,
                                        sort_keys=False, width=1000), encoding="utf-8")


TEXT_RULE_MESSAGES = ("raw ", "a `", "HTML is shown", "attribute `", "image ")


def _is_schema_error(d) -> bool:
    return d.field and not d.message.startswith(TEXT_RULE_MESSAGES)


def _restore(ws, planted, diagnostic):
    data = planted[diagnostic.file]
    original = yaml.safe_load((Path(__file__).parent / "fixtures" / "minimal" /
                               diagnostic.file).read_text(encoding="utf-8"))
    for path in _strings(data):
        field = dotted(path)
        if field == diagnostic.field or diagnostic.field.startswith(field + ".") or \
                diagnostic.field.startswith(field + "["):
            try:
                _set(data, path, _get(original, path))
            except (KeyError, IndexError, TypeError):
                pass


@pytest.fixture(scope="module")
def planted(tmp_path_factory):
    from tests.conftest import MINIMAL, copy_workspace
    ws = copy_workspace(MINIMAL, tmp_path_factory.mktemp("payloads") / "ws")
    fields = plant(ws)
    return ws, fields


def test_the_corpus_has_forty_vectors_or_more():
    assert len(VECTORS) >= 40 and len(set(MARKERS)) == len(VECTORS)


def test_vectors_are_planted_in_every_yaml_file_and_every_free_text_field(planted):
    ws, fields = planted
    texts = {rel: [_get(data, p) for p in _strings(data)] for rel, data in fields.items()}
    assert all(any("PLD" in t for t in values) for values in texts.values())
    free = [(rel, dotted(p)) for rel, data in fields.items() for p in _strings(data)
            if not _names_something(p)]
    bare = [(rel, dotted(p)) for rel, data in fields.items() for p in _strings(data)
            if not _names_something(p) and "PLD" not in _get(data, p)]
    assert len(free) >= 25 and bare == []


def test_check_names_every_markup_vector_at_its_line(planted):
    ws, _ = planted
    said = {(d.file, d.line) for d in _diagnostics(ws)}
    for rel in ["review/sections/04-voice.md", *sorted(f.relative_to(ws).as_posix()
                                                       for f in ws.rglob("*.yml"))]:
        lines = (ws / rel).read_text(encoding="utf-8").splitlines()
        for number, line in enumerate(lines, start=1):
            if re.search(r"<[a-z!/]|\{=|javascript|data:|vbscript:|file:|onclick=", line,
                         re.I) and "`<script>`" not in line and "PLD" in line:
                assert (rel, number) in said, f"{rel}:{number}: {line}"


def _diagnostics(ws):
    report = check(ws).report
    return report.errors + report.warnings


def test_check_refuses_raw_output_and_unsafe_addresses(planted):
    ws, _ = planted
    errors = {d.message for d in check(ws).report.errors}
    assert "raw html output (`{=html}`) is not allowed in the review's text" in errors
    assert "raw typst output (`{=typst}`) is not allowed in the review's text" in errors
    assert "raw openxml output (`{=openxml}`) is not allowed in the review's text" in errors
    for scheme in ("javascript", "data", "vbscript", "file"):
        assert f"a `{scheme}:` address is not allowed in the review's text" in errors


@pytest.fixture(scope="module")
def built(planted):
    """The planted workspace built in every format as if check had said nothing."""
    ws, _ = planted
    checked = check(ws)
    assert checked.review is not None
    pipeline.build(ws, checked=Checked(checked.review, Report(), checked.sources))
    return ws


def test_site_in_chromium_runs_nothing_loads_nothing_and_shows_every_vector(built):
    site = built / "site"
    pages = sorted(p.name for p in site.glob("*.html"))
    with served(site) as base:
        result = subprocess.run(["node", str(BROWSER / "payloads.mjs"), base, "quotation", *pages],
                                capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    visits = json.loads(result.stdout)
    assert [v["page"] for v in visits] == pages
    assert [d for v in visits for d in v["dialogs"]] == []
    outside = [r for v in visits for r in v["requests"] if not r.startswith(base)]
    assert outside == []
    seen = "\n".join(v["text"] for v in visits)
    assert [m for m in MARKERS if m not in seen] == []
    assert "PLD" in visits[0]["results"]        # the search shows the vectors as text too


def _docx_text(path: Path) -> tuple[str, str]:
    with zipfile.ZipFile(path) as package:
        xml = {n: package.read(n).decode("utf-8") for n in package.namelist()
               if n.endswith((".xml", ".rels"))}
    text = "".join(re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", "".join(
        v for n, v in xml.items() if n.startswith("word/"))))
    rels = "".join(v for n, v in xml.items() if n.endswith(".rels"))
    return text, rels


def test_docx_shows_every_vector_as_words_and_links_nowhere_unsafe(built):
    import html
    text, rels = _docx_text(next((built / "dist").glob("*.docx")))
    text = html.unescape(text)
    assert [m for m in MARKERS if m not in text] == []
    assert "<script>" in text                           # the characters, not markup
    targets = re.findall(r'Target="([^"]+)"[^>]*TargetMode="External"', rels)
    assert targets and {t.split(":")[0].lower() for t in targets} <= SAFE_SCHEMES
    assert not re.search(r"<w:t[^>]*>[^<]*</w:t>", "PLD25") and "PLD25" in text


def test_pdf_shows_every_vector_as_words_and_links_nowhere_unsafe(built):
    import pypdf
    pdf = next((built / "dist").glob("*.pdf"))
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout
    assert [m for m in MARKERS if m not in text] == []
    uris = [a.get_object().get("/A", {}).get("/URI") for page in pypdf.PdfReader(pdf).pages
            for a in page.get("/Annots") or []]
    schemes = {str(u).split(":")[0].lower() for u in uris if u}
    assert schemes <= SAFE_SCHEMES
