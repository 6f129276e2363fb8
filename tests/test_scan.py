"""The output scan reads every part of every published file, or refuses it: images'
metadata in the DOCX, the PDF and the site; embedded objects, fonts, attachments, scripts
and files it cannot read are findings, never a pass. Every fixture is made here, in code."""
import io
import zipfile

import docx
import pypdf
import pytest
import yaml
from PIL import Image, PngImagePlugin
from pypdf.generic import (ArrayObject, DictionaryObject, FloatObject, NameObject,
                           NumberObject, StreamObject, TextStringObject)

from casereview import scan
from casereview.identities import Matcher, Register

REGISTER = ("identities:\n  - real: Hestia Larkspur\n    use: Mother\n"
            "  - real: 14 Quarry Bank Road\n    use: the family home\n    kind: address\n")
NAME = "Hestia Larkspur"
HIT = "a registered name (register entry 1) is in the {}; write `Mother` instead"


@pytest.fixture
def matcher():
    return Matcher(Register.model_validate(yaml.safe_load(REGISTER)))


def found(folder, matcher):
    findings = scan.scan(folder, matcher)
    assert not any(NAME.lower() in str(f).lower() for f in findings), "a finding repeats it"
    return [str(f) for f in findings]


# --- images -----------------------------------------------------------------------------

def png(**text) -> bytes:
    info = PngImagePlugin.PngInfo()
    for key, (value, how) in text.items():
        if how == "tEXt":
            info.add_text(key, value)
        else:
            info.add_text(key, value, zip=how == "zTXt") if how == "zTXt" \
                else info.add_itxt(key, value, zip=True)
    out = io.BytesIO()
    Image.new("RGB", (4, 4), "white").save(out, "PNG", pnginfo=info)
    return out.getvalue()


def jpeg(exif=None, comment=None) -> bytes:
    out = io.BytesIO()
    options = {"exif": exif} if exif is not None else {}
    if comment:
        options["comment"] = comment
    Image.new("RGB", (4, 4), "white").save(out, "JPEG", **options)
    return out.getvalue()


def exif(**tags) -> Image.Exif:
    data = Image.Exif()
    for tag, value in tags.items():
        data[getattr(Image.ExifTags.Base, tag)] = value
    return data


def exif_user_comment(text: str) -> Image.Exif:
    data = Image.Exif()
    data.get_ifd(Image.ExifTags.IFD.Exif)[Image.ExifTags.Base.UserComment] = \
        b"UNICODE\x00" + text.encode("utf-16-le")
    return data


def gif(comment: str) -> bytes:
    out = io.BytesIO()
    Image.new("P", (4, 4)).save(out, "GIF", comment=comment.encode())
    return out.getvalue()


IMAGES = {
    "png tEXt": lambda: png(Author=(NAME, "tEXt")),
    "png zTXt": lambda: png(Description=(NAME, "zTXt")),
    "png iTXt, compressed": lambda: png(Title=(NAME, "iTXt")),
    "jpeg EXIF Artist": lambda: jpeg(exif(Artist=NAME)),
    "jpeg EXIF ImageDescription": lambda: jpeg(exif(ImageDescription=NAME)),
    "jpeg EXIF XPAuthor (UTF-16)": lambda: jpeg(exif(XPAuthor=NAME.encode("utf-16-le") + b"\0\0")),
    "jpeg EXIF UserComment (Unicode)": lambda: jpeg(exif_user_comment(NAME)),
    "jpeg comment": lambda: jpeg(comment=NAME.encode()),
    "jpeg XMP": lambda: jpeg_with_xmp(NAME),
    "gif comment": lambda: gif(NAME),
}


def jpeg_with_xmp(text: str) -> bytes:
    """A JPEG with an XMP packet (APP1, Adobe's namespace), inserted after SOI."""
    packet = (b"http://ns.adobe.com/xap/1.0/\x00<x:xmpmeta><dc:creator>"
              + text.encode() + b"</dc:creator></x:xmpmeta>")
    segment = b"\xff\xe1" + (len(packet) + 2).to_bytes(2, "big") + packet
    data = jpeg()
    after_jfif = 4 + int.from_bytes(data[4:6], "big")        # SOI, then APP0 (JFIF)
    return data[:after_jfif] + segment + data[after_jfif:]


def docx_with(parts: dict[str, bytes], picture: bytes | None = None) -> bytes:
    document = docx.Document()
    document.add_paragraph("A report.")
    if picture:
        document.add_picture(io.BytesIO(picture))
    out = io.BytesIO()
    document.save(out)
    if not parts:
        return out.getvalue()
    with zipfile.ZipFile(out, "a") as package:
        for name, data in parts.items():
            package.writestr(name, data)
    return out.getvalue()


@pytest.mark.parametrize("image", sorted(IMAGES))
def test_a_name_in_an_image_of_the_docx_is_found(tmp_path, matcher, image):
    (tmp_path / "dist").mkdir()
    (tmp_path / "dist" / "r.docx").write_bytes(docx_with({}, IMAGES[image]()))
    findings = found(tmp_path, matcher)
    assert len(findings) == 1, findings
    assert findings[0].startswith("dist/r.docx: word/media/image1.")
    assert findings[0].endswith(": " + HIT.format("docx image metadata"))


def test_an_image_of_the_site_is_read_whatever_its_name(tmp_path, matcher):
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "logo.png").write_bytes(IMAGES["png tEXt"]())
    (tmp_path / "site" / "banner").write_bytes(IMAGES["jpeg EXIF XPAuthor (UTF-16)"]())
    (tmp_path / "site" / "plain.png").write_bytes(png())
    assert found(tmp_path, matcher) == [
        "site/banner: metadata: " + HIT.format("image metadata"),
        "site/logo.png: metadata: " + HIT.format("image metadata")]


def test_a_damaged_image_cannot_be_read(tmp_path, matcher):
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "cut.png").write_bytes(png()[:30])
    assert found(tmp_path, matcher) == [
        "site/cut.png: metadata: cannot be read: an image the output scan cannot open "
        "(ValueError); replace it with a PNG or JPEG that opens in an image viewer and build "
        "again"]


# --- DOCX parts it cannot read ----------------------------------------------------------

OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(range(256)) * 4


@pytest.mark.parametrize("name, data, problem", [
    ("word/embeddings/oleObject1.bin", OLE,
     "an embedded object (a spreadsheet, a document or an OLE object) the output scan cannot "
     "search; remove it from templates/reference.docx or the template that added it and build "
     "again"),
    ("word/embeddings/Microsoft_Excel_Worksheet.xlsx", docx_with({}),
     "an embedded object (a spreadsheet, a document or an OLE object) the output scan cannot "
     "search; remove it from templates/reference.docx or the template that added it and build "
     "again"),
    ("word/fonts/font1.odttf", bytes(range(256)),
     "an embedded font the output scan cannot search; save templates/reference.docx with "
     "\"Embed fonts in the file\" turned off (Word: File > Options > Save) and build again"),
    ("word/media/image2.emf", b"\x01\x00\x00\x00" + bytes(36) + b" EMF" + bytes(40),
     "a Windows metafile drawing, whose text the output scan cannot read; replace it with a "
     "PNG and build again"),
    ("word/unknown.dat", bytes(range(256)),
     "a part of a kind the output scan cannot search; remove it from templates/reference.docx "
     "or the template that added it and build again"),
])
def test_a_docx_part_it_cannot_read_is_a_finding(tmp_path, matcher, name, data, problem):
    (tmp_path / "dist").mkdir()
    (tmp_path / "dist" / "r.docx").write_bytes(docx_with({name: data}))
    assert found(tmp_path, matcher) == [f"dist/r.docx: {name}: cannot be read: {problem}"]


def test_a_text_part_of_any_name_is_searched(tmp_path, matcher):
    (tmp_path / "dist").mkdir()
    (tmp_path / "dist" / "r.docx").write_bytes(docx_with({"word/afchunk.mht": f"<p>{NAME}</p>"}))
    assert found(tmp_path, matcher) == ["dist/r.docx: word/afchunk.mht: " + HIT.format("docx")]


def test_a_part_named_after_someone_is_found_without_repeating_the_name(tmp_path, matcher):
    (tmp_path / "dist").mkdir()
    (tmp_path / "dist" / "r.docx").write_bytes(
        docx_with({"word/embeddings/Hestia Larkspur.bin": OLE}))
    findings = found(tmp_path, matcher)
    assert findings[0] == "dist/r.docx: a part whose name holds a registered identifier: " \
        "cannot be read: an embedded object (a spreadsheet, a document or an OLE object) the " \
        "output scan cannot search; remove it from templates/reference.docx or the template " \
        "that added it and build again"
    assert findings[1] == "dist/r.docx: part names: " + HIT.format("docx")


def test_a_docx_that_is_not_a_zip_cannot_be_read(tmp_path, matcher):
    (tmp_path / "dist").mkdir()
    (tmp_path / "dist" / "r.docx").write_bytes(b"not a zip")
    assert found(tmp_path, matcher) == [
        "dist/r.docx: whole file: cannot be read: the output scan cannot open it (BadZipFile): "
        "it may be damaged or not what its name says; remove it or make it again, and build "
        "again"]


# --- PDF --------------------------------------------------------------------------------

def pdf_bytes(writer: pypdf.PdfWriter) -> bytes:
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def blank_pdf() -> pypdf.PdfWriter:
    writer = pypdf.PdfWriter()
    writer.add_blank_page(200, 200)
    return writer


def write_pdf(folder, writer) -> None:
    (folder / "dist").mkdir()
    (folder / "dist" / "r.pdf").write_bytes(pdf_bytes(writer))


def test_a_pdf_attachment_is_a_finding(tmp_path, matcher):
    writer = blank_pdf()
    writer.add_attachment("notes.txt", b"nothing")
    write_pdf(tmp_path, writer)
    assert found(tmp_path, matcher) == [
        "dist/r.pdf: embedded file 1: cannot be read: a file attached to the PDF, which the "
        "output scan cannot search; remove the attachment from the template that added it and "
        "build again"]


def test_pdf_javascript_is_a_finding(tmp_path, matcher):
    writer = blank_pdf()
    script = DictionaryObject({NameObject("/S"): NameObject("/JavaScript"),
                               NameObject("/JS"): TextStringObject("app.alert('hello');")})
    writer._root_object[NameObject("/Names")] = DictionaryObject({
        NameObject("/JavaScript"): DictionaryObject({NameObject("/Names"): ArrayObject(
            [TextStringObject("hello"), writer._add_object(script)])})})
    write_pdf(tmp_path, writer)
    assert found(tmp_path, matcher) == [
        "dist/r.pdf: document JavaScript: cannot be read: JavaScript, which the output scan "
        "cannot search and a published PDF must not run; remove it from the template that "
        "added it and build again"]


def test_a_javascript_open_action_is_a_finding(tmp_path, matcher):
    writer = blank_pdf()
    writer._root_object[NameObject("/OpenAction")] = DictionaryObject({
        NameObject("/S"): NameObject("/JavaScript"), NameObject("/JS"): TextStringObject("1")})
    write_pdf(tmp_path, writer)
    assert found(tmp_path, matcher)[0].startswith("dist/r.pdf: open action: cannot be read: "
                                                  "JavaScript")


def test_pdf_form_fields_are_searched(tmp_path, matcher):
    writer = blank_pdf()
    field = DictionaryObject({
        NameObject("/Type"): NameObject("/Annot"), NameObject("/Subtype"): NameObject("/Widget"),
        NameObject("/FT"): NameObject("/Tx"), NameObject("/T"): TextStringObject("mother"),
        NameObject("/V"): TextStringObject(NAME),
        NameObject("/Rect"): ArrayObject([FloatObject(0)] * 2 + [FloatObject(50)] * 2)})
    reference = writer._add_object(field)
    writer.pages[0][NameObject("/Annots")] = ArrayObject([reference])
    writer._root_object[NameObject("/AcroForm")] = DictionaryObject(
        {NameObject("/Fields"): ArrayObject([reference])})
    write_pdf(tmp_path, writer)
    assert found(tmp_path, matcher) == [
        "dist/r.pdf: form fields: " + HIT.format("pdf form fields")]


def test_the_metadata_of_a_jpeg_drawn_in_a_pdf_is_searched(tmp_path, matcher):
    writer = blank_pdf()
    image = StreamObject()
    image._data = IMAGES["jpeg EXIF Artist"]()
    image.update({NameObject("/Type"): NameObject("/XObject"),
                  NameObject("/Subtype"): NameObject("/Image"),
                  NameObject("/Width"): NumberObject(4), NameObject("/Height"): NumberObject(4),
                  NameObject("/ColorSpace"): NameObject("/DeviceRGB"),
                  NameObject("/BitsPerComponent"): NumberObject(8),
                  NameObject("/Filter"): NameObject("/DCTDecode")})
    writer.pages[0][NameObject("/Resources")] = DictionaryObject({NameObject("/XObject"):
        DictionaryObject({NameObject("/Im1"): writer._add_object(image)})})
    write_pdf(tmp_path, writer)
    assert found(tmp_path, matcher) == [
        "dist/r.pdf: page 1 image Im1: " + HIT.format("pdf image metadata")]


def test_a_pdf_it_cannot_open_is_a_finding(tmp_path, matcher):
    (tmp_path / "dist").mkdir()
    (tmp_path / "dist" / "r.pdf").write_bytes(b"%PDF-1.7\nnothing else")
    assert found(tmp_path, matcher) == [
        "dist/r.pdf: whole file: cannot be read: the output scan cannot open it (PdfiumError): "
        "it may be damaged or not what its name says; remove it or make it again, and build "
        "again"]


# --- site files of any kind -------------------------------------------------------------

def test_a_text_file_of_any_suffix_in_the_site_is_searched(tmp_path, matcher):
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "x.vcf").write_text(f"BEGIN:VCARD\nFN:{NAME}\nEND:VCARD\n")
    (tmp_path / "site" / "old.htm").write_text(f"<p>{NAME}</p>")
    assert found(tmp_path, matcher) == [
        "site/old.htm: line 1: " + HIT.format("page"),
        "site/x.vcf: line 2: " + HIT.format("site-file")]


def test_a_binary_file_in_the_site_cannot_be_read(tmp_path, matcher):
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "x.dat").write_bytes(bytes(range(256)))
    assert found(tmp_path, matcher) == [
        "site/x.dat: whole file: cannot be read: a file of a kind the output scan cannot search "
        "(neither text nor an image); remove it from wherever it came from (a theme's "
        "custom_dir, a template) and build again"]


def test_a_register_hit_keeps_its_form(tmp_path, matcher):
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "index.html").write_text(f"<p>\n{NAME}</p>")
    assert found(tmp_path, matcher) == [
        "site/index.html: line 2: a registered name (register entry 1) is in the page; write "
        "`Mother` instead"]
