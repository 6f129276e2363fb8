"""What the output scan reads inside a DOCX, a PDF and an image.

Each reader yields `(place, channel, text)` for every part it can read and an `Unreadable`
for every part it cannot: an embedded object, a font, an attachment, a script or a damaged
image is a finding, never a silent pass. An `Unreadable` says what the part is and what to
do; it never quotes the part, which may itself hold an identifier.
"""
from __future__ import annotations

import html
import io
import re
import struct
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Iterator

# WordprocessingML: runs split words anywhere; only these tags separate them
DOCX_SEPARATORS = {"w:p", "w:tc", "w:tr", "w:br", "w:tab", "w:cr", "w:ptab"}
XML_PARTS = (".xml", ".rels", ".vml", ".svg")
_TAG = re.compile(r"<(/?)([\w:.-]*)[^>]*>")
_ATTR = re.compile(r'=\s*"([^"]*)"')
_PNG = b"\x89PNG\r\n\x1a\n"
_PIXELS = {b"IDAT", b"fdAT"}        # image data: the only PNG chunks that hold no text
_IMAGES = (_PNG, b"\xff\xd8\xff", b"GIF87a", b"GIF89a", b"II*\x00", b"MM\x00*",
           b"\x00\x00\x01\x00")
_EMBEDDED = (b"PK\x03\x04", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")    # zip (docx, xlsx), OLE
_COMMENT_CODES = (b"ASCII\x00\x00\x00", b"UNICODE\x00", b"JIS\x00\x00\x00\x00\x00", bytes(8))
_METAFILE = (b"\xd7\xcd\xc6\x9a", b"\x01\x00\x09\x00", b"\x02\x00\x09\x00")   # WMF

AGAIN = "and build again"
IMAGE = ("an image the output scan cannot open ({error}); replace it with a PNG or JPEG that "
         f"opens in an image viewer {AGAIN}")
METAFILE = ("a Windows metafile drawing, whose text the output scan cannot read; replace it "
            f"with a PNG {AGAIN}")
EMBEDDED = ("an embedded object (a spreadsheet, a document or an OLE object) the output scan "
            "cannot search; remove it from templates/reference.docx or the template that "
            f"added it {AGAIN}")
FONT = ("an embedded font the output scan cannot search; save templates/reference.docx with "
        f"\"Embed fonts in the file\" turned off (Word: File > Options > Save) {AGAIN}")
UNKNOWN = ("a part of a kind the output scan cannot search; remove it from "
           f"templates/reference.docx or the template that added it {AGAIN}")
ATTACHMENT = ("a file attached to the PDF, which the output scan cannot search; remove the "
              f"attachment from the template that added it {AGAIN}")
JAVASCRIPT = ("JavaScript, which the output scan cannot search and a published PDF must not "
              f"run; remove it from the template that added it {AGAIN}")
XFA = ("an XFA form the output scan cannot search; remove it from the template that added it "
       + AGAIN)


@dataclass(frozen=True)
class Unreadable:
    place: str
    problem: str        # what the part is and what to do


def markup_text(markup: str, separates) -> str:
    """The text of HTML or XML as a reader sees it, on the same lines: tags that
    `separates(name)` become spaces, the others vanish (a word split across spans or runs
    is whole again)."""
    return _TAG.sub(lambda m: " " if separates(m[2].lower()) else "", markup)


def attributes(markup: str) -> str:
    """Attribute values (alt text, titles, descriptions), one a line."""
    return "\n".join(_ATTR.findall(markup))


def text_of(data: bytes) -> str | None:
    """The bytes as text when they are text (UTF-8, or UTF-16 with its mark), else None."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            return None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None


def is_image(data: bytes) -> bool:
    """By its first bytes, whatever its name (a BMP's "BM" only with its reserved zeros: a
    text may start with BM too)."""
    return data.startswith(_IMAGES) or data[:4] == b"RIFF" and data[8:12] == b"WEBP" \
        or data[:2] == b"BM" and data[6:10] == bytes(4)


def is_metafile(data: bytes) -> bool:
    return data.startswith(_METAFILE) or data[40:44] == b" EMF"


# --- images -----------------------------------------------------------------------------

def image_texts(place: str, channel: str, data: bytes) -> Iterator[tuple | Unreadable]:
    """Every piece of metadata an image carries: PNG text chunks (tEXt, zTXt, iTXt) and any
    other chunk, EXIF (XPAuthor, ImageDescription, UserComment, Artist ...), JPEG comments
    and APP segments (XMP, IPTC), GIF comments, TIFF tags."""
    try:
        blobs = list(_png_chunks(data)) if data.startswith(_PNG) else _pillow_blobs(data)
    except Exception as error:      # noqa: BLE001 - an image it cannot open is a finding
        yield Unreadable(place, IMAGE.format(error=type(error).__name__))
        return
    text = "\n".join(decoded(b) for b in blobs)
    if text.strip():
        yield place, channel, text


def decoded(blob) -> str:
    """A metadata value as text, whatever it was written in: UTF-8 or Latin-1, UTF-16 (EXIF's
    XP tags, Unicode user comments) at either byte alignment, XML character references."""
    if isinstance(blob, str):
        text = blob
    elif isinstance(blob, (bytes, bytearray)):
        blob = bytes(blob)
        if blob[:8] in _COMMENT_CODES:       # EXIF UserComment: an 8-byte character code
            return decoded(blob[8:]) + "\n" + blob[8:].decode("utf-16-be", "replace")
        text = blob.decode("utf-8", "replace")
        if b"\x00" in blob:
            text += "\n" + "\n".join(blob[i:].decode("utf-16-le", "replace")
                                     .replace("\x00", " ") for i in (0, 1))
    elif isinstance(blob, (tuple, list)):
        text = "\n".join(decoded(b) for b in blob)
    elif isinstance(blob, dict):
        text = "\n".join(f"{k}\n{decoded(v)}" for k, v in blob.items())
    else:
        text = str(blob)
    return html.unescape(text) if "&" in text else text


def _png_chunks(data: bytes) -> Iterator[bytes]:
    """Every chunk but the pixels, decompressed where the chunk is, and anything after IEND:
    read here rather than by Pillow, which skips the chunks it does not know."""
    pos = len(_PNG)
    while pos < len(data):
        if pos + 8 > len(data):
            raise ValueError("truncated PNG")
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if len(body) < length:
            raise ValueError("truncated PNG")
        pos += 12 + length
        if kind not in _PIXELS:
            yield kind + b"\n" + _png_chunk(kind, body)
        if kind == b"IEND":
            yield data[pos:]
            return
    raise ValueError("PNG without IEND")


def _png_chunk(kind: bytes, body: bytes) -> bytes:
    if kind in (b"zTXt", b"iCCP"):                  # keyword NUL method compressed
        keyword, _, rest = body.partition(b"\x00")
        return keyword + b"\n" + zlib.decompress(rest[1:])
    if kind == b"iTXt":     # keyword NUL flag method language NUL translated NUL text
        keyword, _, rest = body.partition(b"\x00")
        compressed, rest = rest[:1] == b"\x01", rest[2:]
        language, _, rest = rest.partition(b"\x00")
        translated, _, text = rest.partition(b"\x00")
        return b"\n".join([keyword, language, translated,
                           zlib.decompress(text) if compressed else text])
    if kind == b"eXIf":
        return body + b"\n" + "\n".join(_exif_values(body)).encode("utf-8")
    return body


def _pillow_blobs(data: bytes) -> list:
    from PIL import Image

    blobs = []
    with Image.open(io.BytesIO(data)) as image:
        for frame in range(getattr(image, "n_frames", 1)):     # GIF comments come per frame
            image.seek(frame)
            blobs += [*image.info.items(), *getattr(image, "applist", [])]
            blobs += list(getattr(image, "tag_v2", {}).values())       # TIFF tags
        blobs += _exif_values(image.getexif())
    return blobs


def _exif_values(exif) -> list[str]:
    """EXIF tags, those of its sub-directories (Exif, GPS, ...) included, as text."""
    from PIL import ExifTags, Image

    if isinstance(exif, bytes):
        exif, raw = Image.Exif(), exif
        exif.load(raw)
    values = list(exif.values())
    for ifd in ExifTags.IFD:
        try:
            values += list(exif.get_ifd(ifd).values())
        except Exception:       # noqa: BLE001 - a maker's note Pillow cannot parse: its raw
            continue            # bytes are read with the rest of the segment
    return [decoded(v) for v in values]


# --- DOCX -------------------------------------------------------------------------------

def docx_texts(path) -> Iterator[tuple | Unreadable]:
    """Every member of the package: XML as text and attributes, images' metadata; anything
    else it cannot read as text (embedded objects, fonts) is a finding."""
    with zipfile.ZipFile(path) as package:
        names = sorted(package.namelist())
        yield "part names", "docx", "\n".join(names)
        for name in names:
            if not name.endswith("/"):
                yield from _docx_part(name, package.read(name))


def _docx_part(name: str, data: bytes) -> Iterator[tuple | Unreadable]:
    suffix = PurePosixPath(name).suffix.lower()
    if suffix in XML_PARTS or not (is_image(data) or is_metafile(data)):
        xml = None if data.startswith(_EMBEDDED) else text_of(data)
        if xml is not None:
            yield name, "docx", html.unescape(markup_text(xml, DOCX_SEPARATORS.__contains__))
            yield name, "docx", html.unescape(attributes(xml))
            return
    if is_image(data):
        yield from image_texts(name, "docx image metadata", data)
    elif is_metafile(data) or suffix in (".emf", ".wmf", ".emz", ".wmz"):
        yield Unreadable(name, METAFILE)
    elif suffix in (".odttf", ".ttf", ".otf", ".fntdata") or name.startswith("word/fonts/"):
        yield Unreadable(name, FONT)
    elif data.startswith(_EMBEDDED) or suffix == ".bin" or "embeddings/" in name:
        yield Unreadable(name, EMBEDDED)
    else:
        yield Unreadable(name, UNKNOWN)


# --- PDF --------------------------------------------------------------------------------

def pdf_texts(path) -> Iterator[tuple | Unreadable]:
    """The text of every page (PDFium); metadata, bookmarks, annotations, form fields and
    the metadata of images (pypdf); attachments and JavaScript are findings."""
    import pypdf
    import pypdfium2

    document = pypdfium2.PdfDocument(str(path))
    try:
        for i in range(len(document)):
            yield f"page {i + 1}", "pdf text", document[i].get_textpage().get_text_range()
    finally:
        document.close()
    reader = pypdf.PdfReader(str(path))
    root = reader.trailer["/Root"]
    info = reader.metadata or {}
    yield "document information", "pdf metadata", "\n".join(f"{v}" for v in info.values())
    xmp = _get(root, "/Metadata")
    if xmp is not None:
        yield "XMP metadata", "pdf metadata", xmp.get_data().decode("utf-8", "replace")
    yield "bookmarks", "pdf bookmarks", "\n".join(_outline(reader.outline))
    yield from _document_scripts(root)
    yield from _attachments(root)
    yield from _form(root)
    seen: set = set()
    for number, page in enumerate(reader.pages, start=1):
        yield from _annotations(page, number)
        yield from _xobjects(page, f"page {number}", seen)


def _get(dictionary, key):
    """A value with its indirect reference followed (pypdf's `get` does not follow it)."""
    value = dictionary.get(key) if dictionary is not None else None
    return value.get_object() if value is not None else None


def _outline(items) -> Iterator[str]:
    for item in items:
        if isinstance(item, list):
            yield from _outline(item)
        else:
            yield str(item.title)


def _runs_script(action, depth: int = 0) -> bool:
    """Whether an action (or one it chains to with /Next) is JavaScript."""
    if action is None or depth > 20 or not hasattr(action, "get"):
        return False
    if _get(action, "/S") == "/JavaScript" or "/JS" in action:
        return True
    chained = _get(action, "/Next")
    chained = chained if isinstance(chained, list) else [chained]
    return any(_runs_script(a.get_object() if a is not None else None, depth + 1)
               for a in chained)


def _scripts(holder, place: str) -> Iterator[Unreadable]:
    """JavaScript in an object's /A or /OpenAction action or its /AA triggers."""
    triggers = _get(holder, "/AA") or {}
    actions = [_get(holder, "/A"), _get(holder, "/OpenAction"),
               *(_get(triggers, key) for key in triggers)]
    if any(_runs_script(a) for a in actions):
        yield Unreadable(place, JAVASCRIPT)


def _document_scripts(root) -> Iterator[Unreadable]:
    yield from _scripts(root, "open action")
    if _leaves(_get(_get(root, "/Names"), "/JavaScript")):
        yield Unreadable("document JavaScript", JAVASCRIPT)


def _attachments(root) -> Iterator[Unreadable]:
    for n in range(_leaves(_get(_get(root, "/Names"), "/EmbeddedFiles"))):
        yield Unreadable(f"embedded file {n + 1}", ATTACHMENT)


def _leaves(tree, depth: int = 0) -> int:
    """How many entries a name tree holds."""
    if tree is None or depth > 20:
        return 0
    names = _get(tree, "/Names") or []
    return len(names) // 2 + sum(_leaves(kid.get_object(), depth + 1)
                                 for kid in _get(tree, "/Kids") or [])


def _form(root) -> Iterator[tuple | Unreadable]:
    form = _get(root, "/AcroForm")
    if form is None:
        return
    if "/XFA" in form:
        yield Unreadable("XFA form", XFA)
    fields = list(_fields(_get(form, "/Fields") or [], set()))
    values = [str(v) for f in fields for k in ("/T", "/TU", "/TM", "/V", "/DV", "/Opt")
              for v in _flat(_get(f, k))]
    if values:
        yield "form fields", "pdf form fields", "\n".join(values)
    for n, field in enumerate(fields, start=1):
        yield from _scripts(field, f"form field {n}")


def _fields(kids, seen: set) -> Iterator:
    for kid in kids:
        field = kid.get_object()
        if id(field) in seen:
            continue
        seen.add(id(field))
        yield field
        yield from _fields(_get(field, "/Kids") or [], seen)


def _flat(value) -> Iterator:
    if value is None:
        return
    if isinstance(value, list):
        for v in value:
            yield from _flat(v.get_object())
    elif hasattr(value, "get_data"):
        yield value.get_data().decode("utf-8", "replace")       # rich text values
    else:
        yield value


def _annotations(page, number: int) -> Iterator[tuple | Unreadable]:
    for annotation in _get(page, "/Annots") or []:
        a = annotation.get_object()
        place = f"page {number} annotation"
        if _get(a, "/Subtype") == "/FileAttachment":
            yield Unreadable(f"page {number} attachment", ATTACHMENT)
        yield from _scripts(a, place)
        values = [str(v) for k in ("/Contents", "/T", "/TU", "/Subj", "/RC")
                  for v in _flat(_get(a, k))]
        values.append(str(_get(_get(a, "/A"), "/URI") or ""))
        yield place, "pdf annotations", "\n".join(values)
    yield from _scripts(page, f"page {number}")


def _xobjects(holder, place: str, seen: set) -> Iterator[tuple | Unreadable]:
    """Images drawn on a page or inside its forms: their XMP and, for JPEG and JPEG 2000
    streams (the only ones that carry their own metadata), what the image file holds."""
    objects = _get(_get(holder, "/Resources"), "/XObject") or {}
    for key in sorted(objects):
        reference = objects.get(key)
        number = getattr(reference, "idnum", None)      # None: a direct object, met once
        if number in seen:
            continue
        if number is not None:
            seen.add(number)
        xobject, where = reference.get_object(), f"{place} image {key.lstrip('/')}"
        metadata = _get(xobject, "/Metadata")
        if metadata is not None:
            yield where, "pdf image metadata", metadata.get_data().decode("utf-8", "replace")
        if _get(xobject, "/Subtype") == "/Form":
            yield from _xobjects(xobject, place, seen)
        elif {"/DCTDecode", "/JPXDecode"} & set(_flat(_get(xobject, "/Filter"))):
            yield from image_texts(where, "pdf image metadata", xobject.get_data())
