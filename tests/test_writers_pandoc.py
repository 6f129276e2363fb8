"""pandoc called by path: its output, its errors as messages, conversions in the background."""
import pytest

from casereview.writers import WriterError, pandoc


def test_convert_gives_pandocs_output():
    assert pandoc.convert("Some *text*.", ["--to=html5"], "convert") == b"<p>Some <em>text</em>.</p>\n"


def test_a_failing_conversion_says_what_failed_and_why():
    with pytest.raises(WriterError) as failed:
        pandoc.convert("x", ["--to=nosuchformat"], "write the report")
    assert str(failed.value) == "pandoc could not write the report: Unknown output format nosuchformat"


def test_start_hands_over_the_output_or_the_error():
    running = pandoc.start("# Title", ["--to=plain"], "convert")
    failing = pandoc.start("x", ["--to=nosuchformat"], "write the report")
    assert running.result() == b"Title\n"
    with pytest.raises(WriterError):
        failing.result()
