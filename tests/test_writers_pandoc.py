"""pandoc called by path: its output, its errors as messages, several formats from one reading."""
import io

import docx
import pytest

from casereview.writers import WriterError, pandoc


def test_convert_gives_pandocs_output():
    assert pandoc.convert("Some *text*.", ["--to=html5"], "convert") == b"<p>Some <em>text</em>.</p>\n"


def test_a_failing_conversion_says_what_failed_and_why():
    with pytest.raises(WriterError) as failed:
        pandoc.convert("x", ["--to=nosuchformat"], "write the report")
    assert str(failed.value) == "pandoc could not write the report: Unknown output format nosuchformat"


def test_one_reading_writes_several_formats_each_with_its_options_and_metadata():
    outputs = {"html": pandoc.Output("html5", {"section_divs": True}),
               "docx": pandoc.Output("docx", {"table_of_contents": True}, {"toc-title": "Inhalt"})}
    written = pandoc.write("# Title\n\nText.", outputs).result()
    assert written["html"] == b'<section id="title" class="level1">\n<h1>Title</h1>\n<p>Text.</p>\n</section>'
    body = docx.Document(io.BytesIO(written["docx"])).element.body
    assert "Inhalt" in body.xml and "Title" in body.xml


def test_a_failing_reading_names_the_formats():
    failing = pandoc.write("x", {"html": pandoc.Output("html5"), "pdf": pandoc.Output("nosuchformat")})
    with pytest.raises(WriterError) as failed:
        failing.result()
    assert str(failed.value) == ("pandoc could not write the HTML and NOSUCHFORMAT: Unknown "
                                 "output format nosuchformat")
