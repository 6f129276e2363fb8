"""Every byte casereview reads from a workspace is read here, and only here, so that no file
can make a check crash, hang or read outside the workspace.

A file is refused, with a diagnostic saying why and what to do, when it is:
- missing, a folder, a named pipe (opening one would wait for a writer for ever), a socket
  or a device;
- a symbolic link that leaves the workspace, points at nothing or loops (links inside the
  workspace are followed): a link to a private file must never reach the published report,
  and where it points is never printed;
- over its size limit (SOURCE_LIMIT, BINARY_LIMIT);
- text that is not UTF-8 (UTF-16 from Notepad is named as such; a UTF-8 byte order mark is
  accepted), or text holding a control character, which no review needs and which shifts
  what the YAML parser and an editor count as lines and columns.

YAML is built from libyaml's events, one at a time and without recursion (libyaml's own
composer recurses in C and crashes on a deep `[[[[...`), and refused at the first of:
- an explicit tag (`!!python/object/apply:...`, `!!int "3"`, `!custom`): nothing is ever
  constructed from a tag (mkdocs.yml may use mkdocs' own `!ENV` and `!relative`);
- nesting deeper than DEPTH_LIMIT levels;
- more than VALUE_LIMIT values in the file, counting every value an `*alias` repeats (a
  "billion laughs" file stops at the alias that crosses the limit), or an alias inside what
  it names, or one naming no anchor;
- a number longer than NUMBER_LIMIT characters (Python refuses, or takes minutes, to read
  one); a second document in the file.
"""
from __future__ import annotations

import codecs
import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from .diagnostics import Diagnostic

MB = 1024 * 1024
SOURCE_LIMIT = 5 * MB      # a YAML or Markdown source, mkdocs.yml, a text template, a register
BINARY_LIMIT = 20 * MB     # templates/reference.docx, an image or font under templates/
TEMPLATE_FILES = 1000      # files under templates/: a partnership overrides a handful
BINARY_SUFFIXES = (".docx", ".png", ".jpg", ".jpeg", ".gif", ".ico", ".woff", ".woff2",
                   ".ttf", ".otf")
JUNK = (".DS_Store", "Thumbs.db", "desktop.ini")   # written by file browsers, never read
Path_ = tuple[str | int, ...]
COPY_IN = "copy what it links to into the workspace instead of linking to it"


class Unreadable(Exception):
    """The file was not read; `diagnostic` says why and what to do."""

    def __init__(self, diagnostic: Diagnostic):
        super().__init__(str(diagnostic))
        self.diagnostic = diagnostic


class Missing(Unreadable):
    """There is no file at all (callers say what to create)."""


@dataclass(frozen=True)
class Read:
    data: bytes
    mtime: float


def _refuse(shown: str, message: str, hint: str, line: int = 1, col: int = 1) -> Unreadable:
    return Unreadable(Diagnostic(shown, line, col, "", message, hint))


def read_bytes(path: Path, shown: str, limit: int, root: Path | None = None,
               what: str = "a source file") -> Read:
    """The bytes of the regular file at `path` (named `shown` in diagnostics), refused when it
    is not a regular file, leaves `root` (None: may be anywhere, as a register named on the
    command line), or is over `limit` bytes (`what` it is, in the message)."""
    real = real_path(path, shown, root)
    try:
        info = os.stat(real)
    except OSError as exc:
        raise _refuse(shown, f"cannot be read: {exc.strerror}", "check its permissions") from None
    _regular(info, shown)
    _within(info.st_size, limit, shown, what)
    # O_NONBLOCK: a file swapped for a named pipe after the check still cannot hang the open
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOFOLLOW", 0) | \
        getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(real, flags)
    except OSError as exc:
        raise _refuse(shown, f"cannot be read: {exc.strerror}", "check its permissions") from None
    with open(fd, "rb", closefd=True) as file:
        opened = os.fstat(fd)
        _regular(opened, shown)
        data = file.read(limit + 1)
    _within(len(data), limit, shown, what)
    return Read(data, opened.st_mtime)


def read_text(path: Path, shown: str, root: Path | None = None,
              limit: int = SOURCE_LIMIT, what: str = "a source file") -> tuple[str, float]:
    """The text of a UTF-8 file and its modification time, refused as `read_bytes` refuses,
    and when it is not UTF-8 or holds a control character."""
    read = read_bytes(path, shown, limit, root, what)
    text = decode(read.data, shown)
    problem = bad_character(text, shown)
    if problem:
        raise Unreadable(problem)
    return text, read.mtime


def binary(rel: str) -> bool:
    """Whether a file under templates/ is read as bytes (the others are text)."""
    return rel.endswith(BINARY_SUFFIXES) or rel.rsplit("/", 1)[-1] in JUNK


def real_path(path: Path, shown: str, root: Path | None) -> Path:
    """Where `path` really is, refused when a link on the way points at nothing, loops or
    leaves `root` (where it points is never said: it may be a private place)."""
    try:
        link = stat.S_ISLNK(os.lstat(path).st_mode)
    except (FileNotFoundError, NotADirectoryError):
        raise Missing(Diagnostic(shown, 1, 1, "", "file not found", "create it")) from None
    except OSError as exc:
        raise _refuse(shown, f"cannot be read: {exc.strerror}", "check its permissions") from None
    try:
        real = path.resolve(strict=True)
    except FileNotFoundError:
        raise _refuse(shown, "is a symbolic link to a file that does not exist",
                      "replace the link with the file itself") from None
    except (RuntimeError, OSError):      # a loop: RuntimeError before Python 3.13
        raise _refuse(shown, "is a symbolic link that loops back on itself",
                      "replace the link with the file itself") from None
    if root is not None and not real.is_relative_to(Path(root).resolve()):
        where = "is a symbolic link that points" if link else "is in a folder that links"
        raise _refuse(shown, f"{where} outside the workspace", COPY_IN)
    return real


_KINDS = [(stat.S_ISDIR, "is a folder, not a file", "put the file itself here, or rename the "
           "folder"),
          (stat.S_ISFIFO, "is a named pipe (FIFO), not a file", "replace it with the file itself"),
          (stat.S_ISSOCK, "is a socket, not a file", "replace it with the file itself"),
          (stat.S_ISCHR, "is a device, not a file", "replace it with the file itself"),
          (stat.S_ISBLK, "is a device, not a file", "replace it with the file itself")]


def _regular(info: os.stat_result, shown: str) -> None:
    if stat.S_ISREG(info.st_mode):
        return
    for test, message, hint in _KINDS:
        if test(info.st_mode):
            raise _refuse(shown, message, hint)
    raise _refuse(shown, "is not a regular file", "replace it with the file itself")


def _within(size: int, limit: int, shown: str, what: str) -> None:
    if size > limit:
        raise _refuse(shown, f"is {size / MB:.1f} MB, over the {limit // MB} MB limit for {what}",
                      "check it is the right file: no file of a review comes near that size")


def decode(data: bytes, shown: str) -> str:
    """UTF-8 text, without its byte order mark when it has one."""
    data = data.removeprefix(codecs.BOM_UTF8)
    if _utf16(data):
        raise _refuse(shown, "the file looks like UTF-16 (as Notepad saves \"Unicode\" text), "
                      "not UTF-8", "save it as UTF-8")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        start = data.rfind(b"\n", 0, exc.start) + 1
        line = data.count(b"\n", 0, exc.start) + 1
        col = len(data[start:exc.start].decode("utf-8")) + 1
        raise _refuse(shown, f"byte 0x{data[exc.start]:02X} is not UTF-8 (the file may have been "
                      "saved as Windows-1252 or Latin-1)", "save it as UTF-8", line, col) from None


def _utf16(data: bytes) -> bool:
    """A byte order mark of UTF-16, or (without one) the zero bytes that every other byte of
    mostly-ASCII text is in UTF-16."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return True
    head = data[:4096]
    if len(head) < 2 or b"\x00" not in head:
        return False
    half = len(head) // 2
    return max(head[0::2].count(0), head[1::2].count(0)) >= 0.4 * half


# C0 but tab, line feed and carriage return; DEL; C1; and what YAML refuses to read
_BAD = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufeff\ufffe\uffff]")


def bad_character(text: str, shown: str) -> Diagnostic | None:
    """The first control (or invisible, unreadable) character of a text, with its place."""
    found = _BAD.search(text)
    if not found:
        return None
    at = found.start()
    line = text.count("\n", 0, at) + 1
    col = at - text.rfind("\n", 0, at)
    code = ord(found[0])
    kind = "control" if code <= 0x9F else "invisible"
    more = len(_BAD.findall(text)) - 1
    also = f" (and {more} more in this file)" if more else ""
    return Diagnostic(shown, line, col, "", f"{kind} character U+{code:04X}{also}",
                      "delete them" if more else "delete it")


# --- YAML ------------------------------------------------------------------------------

DEPTH_LIMIT = 50            # levels of nesting; a review file needs fewer than ten
DEEP_HINT = "flatten the structure: a review file needs far fewer levels"
VALUE_LIMIT = 100_000       # values in one file, counting each one an alias repeats
NUMBER_LIMIT = 100          # characters of a number

_Parser = getattr(yaml, "CSafeLoader", yaml.SafeLoader)   # libyaml's parser when present


class _Resolver(yaml.resolver.Resolver):
    """YAML 1.1's implicit types without timestamps: dates stay text and are parsed by the
    model, so that `2013-02-30` gets a message, not a crash."""


_Resolver.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_RESOLVER = _Resolver()
_SAFE = yaml.constructor.SafeConstructor()
_NUMBERS = {"tag:yaml.org,2002:int": _SAFE.construct_yaml_int,
            "tag:yaml.org,2002:float": _SAFE.construct_yaml_float}
_SCALARS = {"tag:yaml.org,2002:null": lambda node: None,
            "tag:yaml.org,2002:bool": _SAFE.construct_yaml_bool, **_NUMBERS}


def yaml_data(text: str, doc, offset: int = 0, tags: frozenset[str] = frozenset()) -> Any:
    """The data of a YAML text (NOTHING when it holds no document), with the place of every
    key and value and the duplicated keys recorded in `doc` (a load.SourceDoc); refused at
    its first problem of syntax or structure: what follows may be wrong only because of it.
    `offset`: lines before the text in its file; `tags`: the explicit tags allowed."""
    try:
        return _Builder(doc, offset, tags).run(yaml.parse(text, Loader=_Parser))
    except yaml.MarkedYAMLError as exc:
        raise Unreadable(_syntax(doc.path, exc, offset)) from None
    except yaml.YAMLError as exc:      # libyaml's reader: what read_text already refuses
        raise Unreadable(Diagnostic(doc.path, 1 + offset, 1, "", f"YAML: {exc}",
                                    "save the file as UTF-8 text")) from None
    except RecursionError:
        raise Unreadable(Diagnostic(doc.path, 1 + offset, 1, "", "nested too deeply to read",
                                    "flatten the structure")) from None


def _syntax(rel: str, exc: yaml.MarkedYAMLError, offset: int) -> Diagnostic:
    mark = exc.problem_mark or exc.context_mark
    line, col = (mark.line + 1 + offset, mark.column + 1) if mark else (1, 1)
    if "maximum nesting depth" in (exc.problem or ""):
        # newer libyaml's scanner, reading ahead of the events, stops a deep `[[[` first
        return Diagnostic(rel, line, col, "", f"nested more than {DEPTH_LIMIT} levels deep",
                          DEEP_HINT)
    problem = exc.problem or exc.context or "cannot be read"
    if exc.context and exc.context_mark and exc.problem:
        problem += f" ({exc.context} that starts at line {exc.context_mark.line + 1 + offset})"
    return Diagnostic(rel, line, col, "", f"YAML syntax: {problem}",
                      "check the indentation, colons and quotes on this line and the one before")


def short(value: Any) -> str:
    text = str(value)
    return text if len(text) <= 40 else text[:37] + "..."


NOTHING = object()    # no document at all (only comments, or nothing)
_NO_KEY = object()     # a mapping waiting for its next key


@dataclass
class _Open:
    """A mapping or list being built."""

    value: dict | list
    path: Path_
    anchor: str | None
    size: int = 1                  # values in it, itself included, aliases expanded
    key: Any = _NO_KEY


class _Builder:
    """A document's data from libyaml's events, with the place of every key and value.
    Aliases share the value they name (as PyYAML's constructor does); each counts its whole
    size against VALUE_LIMIT, so nothing downstream meets more than that."""

    def __init__(self, doc, offset: int, tags: frozenset[str]):
        self.doc, self.offset, self.tags = doc, offset, tags
        self.stack: list[_Open] = []
        self.anchors: dict[str, tuple[Any, int, str | None]] = {}   # value, size, key text
        self.values = 0
        self.documents = 0
        self.root: Any = NOTHING

    def run(self, events) -> Any:
        for event in events:
            handler = _HANDLERS.get(type(event))
            if handler:
                handler(self, event)
        return self.root

    def where(self, event) -> tuple[int, int]:
        return event.start_mark.line + 1 + self.offset, event.start_mark.column + 1

    def stop(self, event, message: str, hint: str) -> Unreadable:
        return Unreadable(Diagnostic(self.doc.path, *self.where(event), "", message, hint))

    def document(self, event) -> None:
        self.documents += 1
        if self.documents > 1:
            raise self.stop(event, "a second YAML document starts here",
                            "keep one document per file: remove this `---` line or what follows")

    def start(self, event) -> None:
        self.check_tag(event)
        if self.at_key():
            raise self.stop(event, "a key must be a name, not a list or mapping",
                            "write the key as a plain name followed by a colon")
        if len(self.stack) >= DEPTH_LIMIT:
            raise self.stop(event, f"nested more than {DEPTH_LIMIT} levels deep", DEEP_HINT)
        self.count(1, event)
        path = self.next_path()
        self.doc.values[path] = self.where(event)
        value = {} if isinstance(event, yaml.MappingStartEvent) else []
        self.stack.append(_Open(value, path, event.anchor))

    def end(self, event) -> None:
        done = self.stack.pop()
        if done.anchor:
            self.anchors[done.anchor] = (done.value, done.size, None)
        self.attach(done.value, done.size)

    def scalar(self, event) -> None:
        self.check_tag(event)
        if self.at_key():
            self.key(event.value, event)
            if event.anchor:
                self.anchors[event.anchor] = (self.construct(event), 1, event.value)
            return
        self.count(1, event)
        path = self.next_path()
        self.doc.values[path] = self.where(event)
        if event.style in ("|", ">"):
            self.doc.blocks.add(path)
        value = self.construct(event)
        if event.anchor:
            self.anchors[event.anchor] = (value, 1, event.value)
        self.attach(value, 1)

    def alias(self, event) -> None:
        name = event.anchor
        if any(frame.anchor == name for frame in self.stack):
            raise self.stop(event, f"`*{name}` is inside the `&{name}` it repeats, which would "
                            "never end", f"remove `*{name}`")
        if name not in self.anchors:
            raise self.stop(event, f"`*{name}` repeats nothing: no `&{name}` comes before it",
                            f"define `&{name}` first, or remove `*{name}`")
        value, size, text = self.anchors[name]
        if self.at_key():
            if text is None:
                raise self.stop(event, "a key must be a name, not a list or mapping",
                                "write the key as a plain name followed by a colon")
            self.key(text, event)
            return
        if self.values + size > VALUE_LIMIT:
            raise self.stop(event, f"`*{name}` repeats its values past the limit of "
                            f"{VALUE_LIMIT:,} values in a file",
                            "write the values out instead of repeating them with aliases")
        self.count(size, event)
        self.doc.values[self.next_path()] = self.where(event)
        self.attach(value, size)

    def check_tag(self, event) -> None:
        if event.tag is not None and event.tag not in self.tags:
            raise self.stop(event, "explicit YAML tags are not allowed",
                            f"remove `{_shorthand(event.tag)}`")

    def count(self, n: int, event) -> None:
        self.values += n
        if self.values > VALUE_LIMIT:
            raise self.stop(event, f"the file holds more than {VALUE_LIMIT:,} values",
                            "keep only the review's own content in it")

    def at_key(self) -> bool:
        return bool(self.stack) and isinstance(self.stack[-1].value, dict) \
            and self.stack[-1].key is _NO_KEY

    def next_path(self) -> Path_:
        if not self.stack:
            return ()
        top = self.stack[-1]
        return top.path + ((len(top.value),) if isinstance(top.value, list) else (top.key,))

    def key(self, key: str, event) -> None:
        # keys are names, never values: `no:` is the key "no", not YAML 1.1's false
        top = self.stack[-1]
        where = self.where(event)
        if key in top.value:
            self.doc.problems.append(Diagnostic(
                self.doc.path, *where, dotted(top.path + (key,)),
                f"`{key}` is given twice in this mapping", "keep one of them"))
        self.doc.keys[top.path + (key,)] = where
        top.key = key

    def attach(self, value: Any, size: int) -> None:
        if not self.stack:
            self.root = value
            return
        top = self.stack[-1]
        top.size += size
        if isinstance(top.value, list):
            top.value.append(value)
        else:
            top.value[top.key] = value
            top.key = _NO_KEY

    def construct(self, event) -> Any:
        if event.tag is not None:          # one of the tags allowed: its text, unconstructed
            return event.value
        tag = _RESOLVER.resolve(yaml.ScalarNode, event.value, event.implicit)
        construct = _SCALARS.get(tag)
        if construct is None:
            return event.value
        if tag in _NUMBERS and len(event.value) > NUMBER_LIMIT:
            raise self.stop(event, f"a number of more than {NUMBER_LIMIT} characters",
                            "put it in quotes if it is text")
        try:
            return construct(yaml.ScalarNode(tag, event.value))
        except (ValueError, ArithmeticError):
            raise self.stop(event, f"`{short(event.value)}` cannot be read as a number",
                            "put it in quotes if it is text") from None


_HANDLERS = {
    yaml.DocumentStartEvent: _Builder.document,
    yaml.MappingStartEvent: _Builder.start, yaml.SequenceStartEvent: _Builder.start,
    yaml.MappingEndEvent: _Builder.end, yaml.SequenceEndEvent: _Builder.end,
    yaml.ScalarEvent: _Builder.scalar, yaml.AliasEvent: _Builder.alias,
}


def _shorthand(tag: str) -> str:
    """A tag as written: `tag:yaml.org,2002:int` was `!!int`."""
    return "!!" + tag.removeprefix("tag:yaml.org,2002:") if tag.startswith("tag:yaml.org") \
        else tag


def dotted(path: Path_) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out

