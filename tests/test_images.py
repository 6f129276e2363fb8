"""Images: files of the workspace only, and published as copies re-encoded from their pixels,
without the metadata that can name someone (EXIF, PNG text chunks, JPEG comments) or the
file's own name. Each boundary rule has its exact message; the copies are read back from the
site, the DOCX and the PDF."""
import os
import zipfile

import pytest
from PIL import Image, PngImagePlugin

from casereview import images, pipeline
from tests.conftest import edit, messages

SECRET = "Rosalind Quartermaine"
SECTION = "review/sections/04-voice.md"


def _photo(path, secret=SECRET):
    """A JPEG carrying a name in its EXIF (artist, description) and in a comment."""
    exif = Image.Exif()
    exif[0x013B] = secret
    exif[0x010E] = f"{secret} at home"
    Image.new("RGB", (64, 48), (200, 120, 40)).save(path, "JPEG", exif=exif,
                                                    comment=secret.encode())


def _chart(path, secret=SECRET):
    """A PNG carrying a name in text chunks."""
    info = PngImagePlugin.PngInfo()
    info.add_text("Author", secret)
    info.add_itxt("Description", f"drawn by {secret}")
    Image.new("RGBA", (80, 40), (10, 90, 200, 255)).save(path, "PNG", pnginfo=info)


def _with_images(ws, *refs: str) -> None:
    (ws / "images").mkdir(exist_ok=True)
    edit(ws, SECTION, "Child T was seldom seen alone.",
         "Child T was seldom seen alone.\n\n" + "\n\n".join(refs))


def _image_messages(ws) -> list[str]:
    return [m for m in messages(ws) if ": image " in m]


@pytest.mark.parametrize("src, message", [
    ("https://pictures.example/a.png",
     "image `https://pictures.example/a.png` is not a file of the workspace: an image from "
     "another place would be fetched by every reader; save it into the workspace's images/ "
     "folder and give its path, e.g. `images/chart.png`"),
    ("//pictures.example/a.png",
     "image `//pictures.example/a.png` is not a file of the workspace: an image from another "
     "place would be fetched by every reader; save it into the workspace's images/ folder and "
     "give its path, e.g. `images/chart.png`"),
    ("/etc/hostname", "image `/etc/hostname` is an absolute path; give the path from the "
     "workspace folder, e.g. `images/chart.png`"),
    ("images/../../outside.png", "image `images/../../outside.png` climbs out of its folder "
     "with `..`; give the path from the workspace folder, e.g. `images/chart.png`"),
    ("images/missing.png", "image `images/missing.png` does not exist in the workspace; check "
     "the path, which is read from the workspace folder"),
    ("images", "image `images` is not a file; give the path of an image file"),
])
def test_an_image_outside_the_workspace_is_refused_with_what_to_do(minimal, src, message):
    _with_images(minimal, f"![What it shows]({src})")
    assert _image_messages(minimal) == [f"{SECTION}:7:1: {message}"]


def test_a_symbolic_link_out_of_the_workspace_is_refused(minimal, tmp_path):
    _chart(tmp_path / "elsewhere.png")
    _with_images(minimal, "![A chart](images/link.png)")
    os.symlink(tmp_path / "elsewhere.png", minimal / "images" / "link.png")
    assert _image_messages(minimal) == [
        f"{SECTION}:7:1: image `images/link.png` is a link to a file outside the workspace; "
        "copy the file into the workspace instead"]


def test_svg_text_files_and_missing_descriptions_are_refused(minimal):
    _with_images(minimal, "![A diagram](images/d.svg)", "![A chart](images/fake.png)",
                 "![](images/chart.png)")
    (minimal / "images" / "d.svg").write_text('<svg onload="alert(1)"/>', encoding="utf-8")
    (minimal / "images" / "fake.png").write_text("not a picture", encoding="utf-8")
    _chart(minimal / "images" / "chart.png")
    assert _image_messages(minimal) == [
        f"{SECTION}:7:1: image `d.svg` is not an image casereview can read; save it as PNG (a "
        "chart, a diagram) or JPEG (a photograph): SVG can hold scripts and addresses",
        f"{SECTION}:9:1: image `fake.png` is not an image casereview can read; save it as PNG "
        "(a chart, a diagram) or JPEG (a photograph)",
        f"{SECTION}:11:1: image `images/chart.png` has no description; say what it shows "
        "between the brackets, `![what it shows](...)`: screen readers read it out"]


def test_an_image_of_too_many_pixels_is_refused_without_decoding_it(minimal):
    _with_images(minimal, "![A map](images/huge.png)")
    Image.new("1", (8000, 6000)).save(minimal / "images" / "huge.png")
    assert _image_messages(minimal) == [
        f"{SECTION}:7:1: image `huge.png` has over 40 million pixels; save a smaller copy"]


def test_published_copies_keep_the_pixels_and_nothing_else(tmp_path):
    _photo(tmp_path / "p.jpg")
    _chart(tmp_path / "c.png")
    photo, chart = images.publish(tmp_path / "p.jpg"), images.publish(tmp_path / "c.png")
    assert photo.name.startswith("media/") and photo.name.endswith(".jpg")
    assert chart.name.startswith("media/") and chart.name.endswith(".png")
    for copy in (photo, chart):
        assert SECRET.encode() not in copy.data and b"Exif" not in copy.data
        assert b"tEXt" not in copy.data and b"iTXt" not in copy.data
    (tmp_path / "out.png").write_bytes(chart.data)
    with Image.open(tmp_path / "out.png") as back:
        assert back.size == (80, 40) and back.getpixel((3, 3)) == (10, 90, 200, 255)
        assert not back.info.get("Author")


def test_every_format_publishes_the_clean_copy_under_its_content_name(minimal):
    _with_images(minimal, f"![A photograph of the street](<images/{SECRET}.jpg>)",
                 "![A chart of contacts](images/chart.png)")
    _photo(minimal / "images" / f"{SECRET}.jpg")
    _chart(minimal / "images" / "chart.png")
    assert _image_messages(minimal) == []
    pipeline.build(minimal)
    site_media = sorted(p.name for p in (minimal / "site" / "media").iterdir())
    assert len(site_media) == 2
    published = [p for p in (minimal / "site").rglob("*") if p.is_file()]
    published += list((minimal / "dist").iterdir())
    for path in published:
        assert SECRET.encode() not in path.read_bytes(), path
        assert SECRET not in path.name
    docx = next((minimal / "dist").glob("*.docx"))
    with zipfile.ZipFile(docx) as package:
        media = [n for n in package.namelist() if n.startswith("word/media/")]
        assert len(media) == 2
        for name in media:
            data = package.read(name)
            assert SECRET.encode() not in data and b"Exif" not in data
    pdf = next((minimal / "dist").glob("*.pdf")).read_bytes()
    assert pdf.count(b"/Subtype /Image") + pdf.count(b"/Subtype/Image") >= 2
