"""Property: whatever one file of a workspace holds, `casereview check` ends, in seconds, with
exit status 0 or 1 and every problem at a place; when it passes, a Markdown build ends so
too. Neither changes a source, nor an earlier output unless the build succeeded.

Each example mutates one file of the minimal workspace (plus a mkdocs.yml, a template
override and an identity register): bytes flipped, the file cut short, hostile YAML
inserted (tags that would run code, aliases, "billion laughs", deep nesting), `null`, UTF-16,
control characters, huge numbers, tabs, duplicated keys, values of the wrong type. The seed
is fixed (derandomize), so CI runs the same examples every time; conftest.py prints how many.
"""
from __future__ import annotations

import io
import re
import shutil
import tempfile
import time
import traceback
import warnings
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from hypothesis.configuration import set_hypothesis_home_dir

from casereview import cli
from casereview.render import PACKAGED
from conftest import FUZZ, MINIMAL, ROOT

# hypothesis keeps its caches (and, on a failure, a patch) out of the repository
set_hypothesis_home_dir(Path(tempfile.gettempdir()) / "casereview-hypothesis")
with warnings.catch_warnings():
    # on a failure, hypothesis imports libcst to suggest a patch, and libcst's import warns:
    # with filterwarnings=error that would hide the failure behind an internal error
    warnings.simplefilter("ignore", DeprecationWarning)
    try:
        import hypothesis.extra._patching  # noqa: F401
    except ImportError:
        pass

EXAMPLES = 500
RUN_LIMIT = 10.0        # seconds, for one check or one build
TEMPLATE = "templates/blocks/paragraph.md.j2"
REGISTER = "private/identities.yml"
EXTRA = {
    "mkdocs.yml": (ROOT / "mkdocs.yml").read_bytes(),
    TEMPLATE: (PACKAGED / "blocks" / "paragraph.md.j2").read_bytes(),
    REGISTER: b"identities:\n  - real: Hestia Larkspur\n    use: Mother\n    also: [Hess]\n"
              b"  - real: LE1 6ZG\n    kind: postcode\n    use: the family's area\n",
}
ORIGINALS = {p.relative_to(MINIMAL).as_posix(): p.read_bytes()
             for p in sorted(MINIMAL.rglob("*")) if p.is_file()} | EXTRA
FILES = sorted(ORIGINALS)
EARLIER = {"site/index.html": b"<p>the previous site</p>\n", "dist/old.pdf": b"%PDF-1.7 old\n"}

LAUGHS = 'lol0: &lol0 ["lol"]\n' + "".join(
    f"lol{i}: &lol{i} [{', '.join([f'*lol{i - 1}'] * 9)}]\n" for i in range(1, 10))
HOSTILE = [
    "!!python/object/apply:os.system ['true']", "!!python/name:os.system", "!!int \"3\"",
    "!custom x", "! x", "&a [*a]", "*nowhere", "&x value", "? [a, b]\n: c", LAUGHS,
    "[" * 300 + "]" * 300, "{a: " * 300, "- " * 300 + "x", "null", "~", "", "- x\n- y",
    "{a: 1}", "[1, 2]", "1" + "0" * 5000, "1" + ":00" * 60, "0x" + "f" * 200, ".nan", "1e400",
    "\t", "\x07", "\x00", "\x1b[31m", "\x7f", "\x85", "\ufeff", "\u2028", "\U0001f600", "é",
    "\r\n", "\r", "---\n", "...\n", "%YAML 1.1\n", "\"unterminated", "'", "|", ">-", ": :",
    "{{ broken", "{% if %}", "{% for x in %}", "{{ 1/0 }}", "{{ nope.nothing }}", "{#", "{##",
    "<script>alert(1)</script>", "[^missing]", "[@nokey]", "[[para:nowhere]]", "[[panel]]",
    "[[chronology 2020-13..2021]]", "[[chronology]]", "date: 2013-02-30", "deadline: 31.02.2021",
    "status: drafted", "Hestia Larkspur", "LE1 6ZG", "x" * 100_000, "a: b: c", "- [", "]",
]
WRONG = ["[1, 2]", "{a: b}", "123", "true", "null", "''", "-1", "2013-02-30", "1e400", "[]",
         "{}", "\"\"", "0", "no", "2099-99-99", "|\n  text", "*x", "!!binary aGk="]
KINDS = ["flip", "byte", "truncate", "insert", "insert_line", "replace_all", "utf16", "tabs",
         "duplicate_line", "delete_line", "wrong_type", "splice"]


@st.composite
def mutations(draw) -> tuple[str, str, bytes]:
    """(file, what was done, its new bytes)."""
    rel = draw(st.sampled_from(FILES))
    data = ORIGINALS[rel]
    kind = draw(st.sampled_from(KINDS))
    at = draw(st.integers(0, max(len(data) - 1, 0)))
    if kind == "flip" and data:
        bit = draw(st.integers(0, 7))
        return rel, f"flip bit {bit} of byte {at}", \
            data[:at] + bytes([data[at] ^ (1 << bit)]) + data[at + 1:]
    if kind == "byte" and data:
        value = draw(st.integers(0, 255))
        return rel, f"byte {at} = {value:#x}", data[:at] + bytes([value]) + data[at + 1:]
    if kind == "truncate":
        return rel, f"cut at byte {at}", data[:at]
    lines = data.decode("utf-8").splitlines(keepends=True) or [""]
    line = draw(st.integers(0, len(lines) - 1))
    snippet = draw(st.sampled_from(HOSTILE))
    if kind == "insert":
        return rel, f"insert {snippet[:40]!r} at byte {at}", \
            data[:at] + snippet.encode("utf-8") + data[at:]
    if kind == "insert_line":
        indent = re.match(r"[ ]*", lines[line])[0]
        new = lines[:line] + [indent + snippet + "\n"] + lines[line:]
        return rel, f"insert line {line}: {snippet[:40]!r}", "".join(new).encode("utf-8")
    if kind == "replace_all":
        return rel, f"the whole file is {snippet[:40]!r}", snippet.encode("utf-8")
    if kind == "utf16":
        encoding = draw(st.sampled_from(["utf-16", "utf-16-le", "utf-16-be", "utf-32"]))
        return rel, f"saved as {encoding}", data.decode("utf-8").encode(encoding)
    if kind == "tabs":
        new = [re.sub(r"^( +)", lambda m: "\t" * len(m[1]), x) if i == line else x
               for i, x in enumerate(lines)]
        return rel, f"tabs on line {line}", "".join(new).encode("utf-8")
    if kind == "duplicate_line":
        return rel, f"line {line} twice", "".join(lines[:line + 1] + lines[line:]).encode("utf-8")
    if kind == "delete_line":
        return rel, f"line {line} deleted", \
            "".join(lines[:line] + lines[line + 1:]).encode("utf-8")
    if kind == "wrong_type":
        value = draw(st.sampled_from(WRONG))
        new = re.sub(r":[ \t]+\S.*$", ": " + value, lines[line].rstrip("\n")) + "\n"
        return rel, f"line {line} value -> {value!r}", \
            "".join(lines[:line] + [new] + lines[line + 1:]).encode("utf-8")
    other = ORIGINALS[draw(st.sampled_from(FILES))]
    cut = draw(st.integers(0, len(other)))
    return rel, f"splice {len(other) - cut} bytes of another file at {at}", \
        data[:at] + other[cut:] + data[at:]


@pytest.fixture(scope="module")
def workspace(tmp_path_factory) -> Path:
    ws = tmp_path_factory.mktemp("fuzz") / "ws"
    for rel, data in {**ORIGINALS, **EARLIER}.items():
        (ws / rel).parent.mkdir(parents=True, exist_ok=True)
        (ws / rel).write_bytes(data)
    return ws


def snapshot(ws: Path) -> dict[str, bytes]:
    return {p.relative_to(ws).as_posix(): p.read_bytes()
            for p in sorted(ws.rglob("*")) if p.is_file()}


LOCATED = re.compile(r"^[^\n]+?:\d+:\d+: \S")
WHOLE = re.compile(r"^(\d+ error\(s\), \d+ warning\(s\)( \(--strict: .*\))?"
                   r"|nothing was written; the previous outputs are unchanged"
                   r"|\d+ identifier\(s\) found in the outputs"
                   r"|✓ \w+ +\d+\.\d\d s|wrote \S+"
                   r"|moved to \S+: a file of an earlier version or status, out of dist/)$")


def run(argv: list[str], shown: str) -> tuple[int, list[str], float]:
    """`casereview ARGV` in this process: exit status, output lines, seconds."""
    out, err = io.StringIO(), io.StringIO()
    start = time.perf_counter()
    try:
        with redirect_stdout(out), redirect_stderr(err):
            code = cli.main(argv)
    except BaseException:                     # noqa: BLE001 - every escape is the finding
        FUZZ["tracebacks"] += 1
        pytest.fail(f"`casereview {' '.join(argv[:1])}` raised on {shown}\n"
                    f"{traceback.format_exc()}")
    seconds = time.perf_counter() - start
    FUZZ["slowest"] = max(FUZZ["slowest"], seconds)
    return code, (out.getvalue() + err.getvalue()).splitlines(), seconds


@settings(max_examples=EXAMPLES, derandomize=True, deadline=None, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(mutation=mutations())
@example(mutation=("agency_imrs/police.yml", "an agency not the file's (found by this test)",
                   ORIGINALS["agency_imrs/police.yml"].replace(b"agency: police", b"agency: x1")))
def test_no_file_content_makes_check_or_build_crash_hang_or_write(workspace, mutation):
    rel, what, data = mutation
    shown = f"{rel} ({what}):\n{data[:1500]!r}"
    before = snapshot(workspace)
    (workspace / rel).write_bytes(data)
    try:
        code, lines, seconds = run(["check", str(workspace)], shown)
        built = False
        if code == 0:
            code, build_lines, build_seconds = run(["build", str(workspace), "--format", "md"],
                                                   shown)
            lines, seconds, built = lines + build_lines, max(seconds, build_seconds), code == 0
        FUZZ["runs"] += 1
        assert code in (0, 1), f"exit status {code} on {shown}"
        assert seconds < RUN_LIMIT, f"{seconds:.1f} s on {shown}"
        unplaced = [x for x in lines if not LOCATED.match(x) and not WHOLE.match(x)]
        assert not unplaced, f"said without a place: {unplaced} on {shown}"
        after = snapshot(workspace)
        made = {p for p in after.keys() | before.keys() if after.get(p) != before.get(p)} - {rel}
        assert after[rel] == data, f"{rel} was changed on {shown}"
        if built:                   # a new Markdown output; earlier ones may be archived
            assert any(p.endswith(".md") for p in made), f"{sorted(made)} on {shown}"
            assert all(p.startswith(OUTPUTS) for p in made), f"{sorted(made)} on {shown}"
        else:
            assert not made, f"{sorted(made)} changed by a failed run on {shown}"
    finally:
        restore(workspace, before, rel, shown)


OUTPUTS = ("dist/", "site/", "archive/")


def restore(workspace: Path, before: dict[str, bytes], rel: str, shown: str) -> None:
    """The workspace as it was before the example, ready for the next."""
    left = [p for p in workspace.iterdir() if p.name.startswith(".casereview-build-")]
    for path in left:
        shutil.rmtree(path)
    after = snapshot(workspace)
    for path in after.keys() - before.keys():
        (workspace / path).unlink()
    for path, content in before.items():
        if after.get(path) != content:
            (workspace / path).write_bytes(content)
    (workspace / rel).write_bytes(ORIGINALS[rel])
    assert not left, f"staging folder left on {shown}"
