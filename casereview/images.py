"""Images in the review's text: `![what it shows](images/chart.png)`.

The workspace is a boundary. An image is a file inside the workspace, named by a relative
path: no address of another host, no absolute path, no `..` that climbs out, no symbolic link
that leads out. It is published only as a copy re-encoded from its pixels (PNG, or JPEG for a
photograph), named by its content: no EXIF (camera, place, author), no PNG text chunks, no
JPEG comments, no ICC profile, no file name that could itself name someone.
"""
from __future__ import annotations

import functools
import hashlib
import io
import re
import warnings
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from urllib.parse import unquote

#: `![alt](src "title")`, the source bare or in <>; the alt may hold [brackets]
IMAGE = re.compile(r"!\[((?:[^\[\]\\]|\\.|\[[^\]]*\])*)\]\(\s*(<[^>\n]*>|[^\s)]+)"
                   r"(\s+(?:\"[^\"]*\"|'[^']*'))?\s*\)")
FORMATS = {"PNG": "png", "JPEG": "jpg", "GIF": "png", "BMP": "png", "TIFF": "png", "WEBP": "png"}
MAX_BYTES = 20 * 1024 * 1024
MAX_PIXELS = 40_000_000
MEDIA = "media"


@dataclass(frozen=True)
class Reference:
    offset: int          # where `![` stands in the text
    alt: str
    src: str


@dataclass(frozen=True)
class Published:
    name: str            # media/<sha256 prefix>.<png|jpg>
    data: bytes


def references(text: str) -> list[Reference]:
    if "![" not in text:
        return []
    return [Reference(m.start(), m[1], unquote(m[2].strip("<>"))) for m in IMAGE.finditer(text)]


class Refused(ValueError):
    """Why an image cannot be published, and what to do instead (the message)."""


def resolve(root: Path, src: str) -> Path:
    """The file an image source names inside the workspace at `root`, or Refused."""
    if re.match(r"[A-Za-z][A-Za-z0-9+.-]*:", src) or src.startswith(("//", "\\\\")):
        raise Refused(f"`{src}` is not a file of the workspace: an image from another place "
                      "would be fetched by every reader; save it into the workspace's images/ "
                      "folder and give its path, e.g. `images/chart.png`")
    if src.startswith(("/", "\\")) or re.match(r"[A-Za-z]:[\\/]", src):
        raise Refused(f"`{src}` is an absolute path; give the path from the workspace folder, "
                      "e.g. `images/chart.png`")
    parts = PurePosixPath(src.replace("\\", "/")).parts
    if ".." in parts:
        raise Refused(f"`{src}` climbs out of its folder with `..`; give the path from the "
                      "workspace folder, e.g. `images/chart.png`")
    root = root.resolve()
    path = root.joinpath(*parts)
    if not path.exists() and not path.is_symlink():
        raise Refused(f"`{src}` does not exist in the workspace; check the path, which is "
                      "read from the workspace folder")
    if not path.resolve().is_relative_to(root):
        raise Refused(f"`{src}` is a link to a file outside the workspace; copy the file into "
                      "the workspace instead")
    if not path.is_file():
        raise Refused(f"`{src}` is not a file; give the path of an image file")
    if path.stat().st_size > MAX_BYTES:
        raise Refused(f"`{src}` is over {MAX_BYTES // 2**20} MB; save a smaller copy")
    return path


def publish(path: Path) -> Published:
    """The image re-encoded from its pixels alone, or Refused when it is not one we read.
    Re-encoded once per version of the file: check and render both ask."""
    stat = path.stat()
    return _publish(path, stat.st_mtime_ns, stat.st_size)


@functools.lru_cache(maxsize=64)
def _publish(path: Path, _mtime: int, _size: int) -> Published:
    from PIL import Image, UnidentifiedImageError

    bombs = (Image.DecompressionBombWarning, Image.DecompressionBombError)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(path) as image:
                kind = image.format
                if kind not in FORMATS:
                    raise Refused(_not_an_image(path, kind))
                if image.width * image.height > MAX_PIXELS:
                    raise bombs[1]
                pixels = _pixels(image, FORMATS[kind])
    except bombs:
        raise Refused(f"`{path.name}` has over {MAX_PIXELS // 1_000_000} million pixels; save "
                      "a smaller copy") from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as exc:
        if isinstance(exc, Refused):
            raise
        raise Refused(_not_an_image(path, None)) from None
    return _encoded(pixels, FORMATS[kind])


def _not_an_image(path: Path, kind: str | None) -> str:
    what = f"a {kind} image" if kind else "not an image casereview can read"
    why = ": SVG can hold scripts and addresses" if path.suffix.lower() == ".svg" else ""
    return (f"`{path.name}` is {what}; save it as PNG (a chart, a diagram) or JPEG (a "
            f"photograph){why}")


def _pixels(image, ext: str):
    """A copy of the first frame's pixels, with nothing of the file's metadata."""
    from PIL import Image

    image.seek(0)
    alpha = ext == "png" and (image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info)
    mode = "RGBA" if alpha else "RGB"
    clean = Image.new(mode, image.size)
    clean.paste(image.convert(mode))
    return clean


def _encoded(pixels, ext: str) -> Published:
    out = io.BytesIO()
    if ext == "jpg":
        pixels.save(out, "JPEG", quality=90, optimize=True)
    else:
        pixels.save(out, "PNG", optimize=True)
    data = out.getvalue()
    return Published(f"{MEDIA}/{hashlib.sha256(data).hexdigest()[:16]}.{ext}", data)
