"""The one normal form in which the register and every scanned text are compared.

A name reaches a file in many guises that a reader sees as the same name: escaped for a URL,
a web page, a style sheet or a script; split by markup (`Ja<wbr>ne`); with invisible
characters pasted in from Word or e-mail; with look-alike letters of another script; in
another case or without its accents. Each is undone here, in this order: percent-encoding,
HTML entities, JS and CSS escapes, markup between letters, then character by character NFKC,
case folding, default-ignorable and format characters, diacritics and the TR39 confusable
skeleton, then words broken across lines joined again.

`fold` can also say, for each character of the normal form, where in the original text it
came from, so that a hit reports its original line; that costs a pass in Python, so it is
only done for texts holding a hit.
"""
from __future__ import annotations

import html
import json
import re
import unicodedata
from functools import lru_cache
from importlib import resources

_TAG_REST = r"(?:!--.*?-->|/?[A-Za-z][A-Za-z0-9:-]*(?:\s[^<>]*)?/?>)"
_TAG = rf"<{_TAG_REST}"
# markup between two letters vanishes (`Ja<wbr>ne`); elsewhere it separates words. Each
# pattern starts with a plain character so that the engine can skip ahead to candidates.
_INNER_TAGS = re.compile(rf"<(?<=[^\W\d_]<){_TAG_REST}(?:{_TAG})*(?=[^\W\d_])", re.S)
_TAGS = re.compile(_TAG, re.S)
# written to start with its plain "%", as `(?:...)+` would not: the engine then skips to
# each "%" rather than trying every position (30 ms of the output scan of the example)
_PERCENT = re.compile(r"%[0-9A-Fa-f]{2}(?:%[0-9A-Fa-f]{2})*")
_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});?")
_JS = re.compile(r"\\u\{([0-9A-Fa-f]{1,6})\}|\\u([0-9A-Fa-f]{4})|\\x([0-9A-Fa-f]{2})")
_CSS = re.compile(r"\\([0-9A-Fa-f]{1,6})[ \t\f]?(?:\r?\n)?")
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_NON_ASCII_RUNS = re.compile(r"([^\x00-\x7f]+)")
# typesetters' breaks (U+FFFE from PDF text), and a hyphen that ends a line or is followed
# by a space inside a word ("Fenwh- istle", "Fenwh-\nistle"): joined again
BROKEN = re.compile(r"\ufffe\s*|-(?<=[a-z]-)[ \t]*(?:\r?\n)?\s+(?=[a-z])")
# what a match of BROKEN's second branch starts with, found fast (the engine skips to each
# "-"), where BROKEN itself is tried at every position of a text full of hyphens (20 ms)
_HYPHEN_SPACE = re.compile(r"-\s")
# letters that neither NFKD nor the confusables table bring to a Latin base letter
FOLD_MAP = {"ł": "l", "ø": "o", "đ": "d", "ß": "ss", "æ": "ae", "œ": "oe", "þ": "th",
            "ð": "d", "ı": "i", "ŀ": "l", "ħ": "h", "\u2019": "'", "\u2018": "'"}


@lru_cache(maxsize=1)
def _unicode_classes():
    """Invisible characters and combining marks, derived from Unicode's own properties (the
    regex module's tables), not a hand list. Compiled when a first non-ASCII character is
    folded: a check without a register folds none, and importing regex costs it 8 ms."""
    import regex
    return regex.compile(r"[\p{Default_Ignorable_Code_Point}\p{Cf}]"), regex.compile(r"\p{M}")


@lru_cache(maxsize=1)
def _skeletons() -> dict[str, str]:
    """Each non-ASCII character that Unicode's confusables table (TR39, as shipped by
    confusable-homoglyphs) gives an ASCII letter or digit as prototype, with that prototype.
    ASCII itself is left alone: TR39 also joins l/I and 0/O, which would merge real words."""
    data = resources.files("confusable_homoglyphs").joinpath("confusables.json").read_text()
    out = {}
    for char, entries in json.loads(data).items():
        if len(char) != 1 or char.isascii():
            continue
        ascii_ = [e["c"] for e in entries if len(e["c"]) == 1 and e["c"].isascii()
                  and e["c"].isalnum()]
        if ascii_:
            out[char] = sorted(ascii_, key=str.isdigit)[0]      # a letter before a digit
    return out


def _base(char: str) -> str:
    """One case-folded character without its marks, as its Latin look-alike if it has one."""
    if char in FOLD_MAP:
        return FOLD_MAP[char]
    bare = _unicode_classes()[1].sub("", unicodedata.normalize("NFD", char))
    skeleton = _skeletons()
    return "".join(skeleton.get(c, c) for c in bare).casefold()


@lru_cache(maxsize=65536)
def fold_char(char: str) -> str:
    """The normal form of one character (of any case); '' for an invisible one."""
    if char.isascii():
        return char.lower()
    ignorable = _unicode_classes()[0]
    if ignorable.match(char):
        return ""
    skeleton = _skeletons()
    out = []
    for c in unicodedata.normalize("NFKC", char):
        folded = c.casefold()
        # a capital whose lower case has no look-alike may have one itself (Cyrillic Н)
        c = folded if folded in skeleton or c not in skeleton else c
        out.append(_base(_base(c)))   # twice: a prototype may carry a mark (ø -> o + U+0338)
    return ignorable.sub("", "".join(out))


class _Table(dict):
    """str.translate's table, filled in as characters are first met."""

    def __missing__(self, code: int) -> str:
        self[code] = value = fold_char(chr(code))
        return value


_TABLE = _Table({c: chr(c).lower() for c in range(128)})


def _percent(m: re.Match) -> str:
    try:
        return bytes.fromhex(m[0].replace("%", "")).decode("utf-8")
    except UnicodeDecodeError:
        return m[0]


def _code_point(value: str, fallback: str) -> str:
    code = int(value, 16)
    if code > 0x10FFFF or 0xD800 <= code <= 0xDFFF:
        return fallback
    return chr(code)


def _js(m: re.Match) -> str:
    return _code_point(m[1] or m[2] or m[3], m[0])


def _css(m: re.Match) -> str:
    return _code_point(m[1], m[0])


# (a character that must be present for the step to matter, pattern, replacement)
# markup last: a page shows `Ja&lt;wbr&gt;ne` as markup written in the text
STEPS = [("%", _PERCENT, _percent), ("&", _ENTITY, lambda m: html.unescape(m[0])),
         ("\\", _JS, _js), ("\\", _CSS, _css), ("<", _INNER_TAGS, ""), ("<", _TAGS, " ")]


def _sub(pattern: re.Pattern, repl, text: str, where: list[int] | None):
    """pattern.sub(repl, text), and where each character of the result came from."""
    if where is None:
        return pattern.sub(repl, text), None
    parts, places, pos = [], [], 0
    for m in pattern.finditer(text):
        new = repl(m) if callable(repl) else repl
        parts += [text[pos:m.start()], new]
        places += [where[pos:m.start()], [where[m.start()]] * len(new)]
        pos = m.end()
    parts.append(text[pos:])
    places.append(where[pos:])
    return "".join(parts), [i for chunk in places for i in chunk]


def fold(text: str, mapped: bool = False) -> tuple[str, list[int] | None]:
    """The normal form of `text`, and (when `mapped`) the offset in `text` of each of its
    characters."""
    where = list(range(len(text))) if mapped else None
    for needed, pattern, repl in STEPS:
        if needed in text:
            text, where = _sub(pattern, repl, text, where)
    if where is None:
        text = _folded_chars(text)
    else:
        text, where = _sub(_NON_ASCII, lambda m: fold_char(m[0]), text, where)
        text = text.lower()            # ASCII only by now: one character for one
    if "\ufffe" in text or _HYPHEN_SPACE.search(text):
        text, where = _sub(BROKEN, "", text, where)
    return text, where


def _folded_chars(text: str) -> str:
    """`text.translate(_TABLE)`, ASCII runs lowered at C speed: translate goes a character at
    a time through the table from the first non-ASCII character on (90 ms of the output scan
    of the example, where a curly quote comes early in most pages)."""
    if text.isascii():
        return text.lower()
    parts = _NON_ASCII_RUNS.split(text)        # ASCII, non-ASCII, ASCII ...
    parts[::2] = [part.lower() for part in parts[::2]]
    parts[1::2] = [part.translate(_TABLE) for part in parts[1::2]]
    return "".join(parts)


def normalise(text: str) -> str:
    return fold(text)[0]
