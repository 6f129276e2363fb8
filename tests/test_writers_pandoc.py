"""pandoc called by path: its output, its errors as messages, several formats from one reading."""
import io
import re
from pathlib import Path

import docx
import pytest

from casereview.writers import WriterError, pandoc


def test_convert_gives_pandocs_output():
    assert pandoc.convert("Some *text*.", ["--to=html5"], "convert") == \
        b"<p>Some <em>text</em>.</p>\n"


def test_a_failing_conversion_says_what_failed_and_why():
    with pytest.raises(WriterError) as failed:
        pandoc.convert("x", ["--to=nosuchformat"], "write the report")
    assert str(failed.value) == ("pandoc could not write the report: Unknown output format "
                                 "nosuchformat")


def _filter_failure(lua_filter: Path, lua: str) -> pandoc.PandocError:
    lua_filter.parent.mkdir(parents=True, exist_ok=True)
    lua_filter.write_text(lua, encoding="utf-8")
    with pytest.raises(pandoc.PandocError) as failed:
        pandoc.convert("Text.", ["--to=typst", f"--lua-filter={lua_filter}"], "convert")
    return failed.value


def test_a_lua_error_is_named_at_its_line_without_the_path_or_a_traceback(tmp_path):
    lua_filter = tmp_path / "templates" / "pdf.lua"
    failed = _filter_failure(lua_filter, "-- mine\nfunction Para(p)\n  error('no paragraphs')\n"
                                         "end\n")
    assert failed.stderr.startswith(f"Error running filter {lua_filter}:\n")
    assert "pdf.lua:3: no paragraphs\nstack traceback:\n" in failed.stderr
    assert pandoc.filter_error(failed.stderr, lua_filter, "templates/pdf.lua") == \
        "templates/pdf.lua:3: no paragraphs"


def test_a_long_filter_path_that_lua_shortens_is_still_recognised(tmp_path):
    lua_filter = tmp_path.joinpath(*["a-long-folder-name"] * 4, "pdf.lua")
    failed = _filter_failure(lua_filter, "function Para(p)\n  return p.nothing.x\nend\n")
    shortened = re.search(r"\n\.\.\.(.+):2: attempt", failed.stderr)          # by Lua
    assert shortened and str(lua_filter).endswith(shortened[1]) and len(shortened[1]) < 60
    assert pandoc.filter_error(failed.stderr, lua_filter, "templates/pdf.lua") == \
        "templates/pdf.lua:2: attempt to index a nil value (field 'nothing')"


def test_a_filter_error_without_a_line_is_named_by_the_filter(tmp_path):
    lua_filter = tmp_path / "pdf.lua"
    failed = _filter_failure(lua_filter, "function Pandoc(doc)\n  return 5\nend\n")
    assert pandoc.filter_error(failed.stderr, lua_filter, "templates/pdf.lua") == \
        "templates/pdf.lua: Pandoc expected, got number while retrieving Pandoc"


def test_another_failure_is_not_the_filters(tmp_path):
    assert pandoc.filter_error("Unknown output format nosuchformat", tmp_path / "pdf.lua",
                               "templates/pdf.lua") is None


def test_one_reading_writes_several_formats_each_with_its_options_and_metadata():
    outputs = {"html": pandoc.Output("html5", {"section_divs": True}),
               "docx": pandoc.Output("docx", {"table_of_contents": True}, {"toc-title": "Inhalt"})}
    written = pandoc.write("# Title\n\nText.", outputs).result()
    assert written["html"] == (b'<section id="title" class="level1">\n<h1>Title</h1>\n'
                               b'<p>Text.</p>\n</section>')
    body = docx.Document(io.BytesIO(written["docx"])).element.body
    assert "Inhalt" in body.xml and "Title" in body.xml


def test_a_failing_reading_names_the_formats():
    failing = pandoc.write("x", {"html": pandoc.Output("html5"),
                                 "pdf": pandoc.Output("nosuchformat")})
    with pytest.raises(WriterError) as failed:
        failing.result()
    assert str(failed.value) == ("pandoc could not write the HTML and NOSUCHFORMAT: Unknown "
                                 "output format nosuchformat")
