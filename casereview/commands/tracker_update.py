"""`casereview tracker update`: record a row's status, a dated progress note or its sign-off
in the action plan YAML itself, so the plan stays the one record boards publish. ruamel.yaml's
round trip keeps everything else as the author wrote it; the new text is validated like any
workspace file before it atomically replaces the old one."""
from __future__ import annotations

import difflib
import io
import os
import shutil
import tempfile
from datetime import date
from pathlib import Path
from typing import get_args

from pydantic import ValidationError
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import CommentMark
from ruamel.yaml.scalarstring import FoldedScalarString, LiteralScalarString, ScalarString
from ruamel.yaml.tokens import CommentToken

from .. import load, safe_read, validate
from ..assemble import slug
from ..model import ActionPlan, ActionRow, RowStatus

STATUSES: tuple[str, ...] = get_args(RowStatus)
NEEDS_REASON = ("not_implemented", "superseded")
BLOCK_SCALARS = (LiteralScalarString, FoldedScalarString)
FIELD_ORDER = list(ActionRow.model_fields)   # new keys go where authoring.md puts them


class UpdateRefused(Exception):
    """The update was not made; `message` says what is wrong and how to fix it."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def update(workspace: Path, row_id: str, *, status: str | None = None, note: str | None = None,
           evidence: str | None = None, on: date | None = None, reason: str | None = None,
           sign_off_role: str | None = None) -> Path:
    """Edit the action plan YAML holding `row_id` in place, keeping comments, key order, quoting
    and formatting of everything else (ruamel.yaml round trip), and return the file changed."""
    _check_arguments(status, note, evidence, reason, sign_off_role)
    path, index = find_row(Path(workspace), row_id)
    rel = f"action_plans/{path.name}"
    raw = _read(path, workspace)               # CRLF kept: a CRLF file stays CRLF
    text = raw.replace("\r\n", "\n")
    yaml = round_trip_yaml()
    data = yaml.load(text)
    if dump_yaml(yaml, data) != text:   # ruamel would reformat the file: better refuse than do that
        raise UpdateRefused(f"{rel} is not indented as docs/authoring.md shows, so updating it "
                            "would reformat the whole file; edit the row by hand")
    _edit(data["rows"][index], on or date.today(), status, note, evidence, reason, sign_off_role)
    out = dump_yaml(yaml, data)
    _validate(rel, out)
    replace_file(path, out.replace("\n", "\r\n") if "\r\n" in raw else out)
    return path


def _read(path: Path, workspace: Path) -> str:
    """An action plan read as every workspace file is (no FIFO, no link out, UTF-8)."""
    try:
        return safe_read.read_text(path, f"action_plans/{path.name}", Path(workspace))[0]
    except safe_read.Unreadable as refused:
        raise UpdateRefused(str(refused.diagnostic)) from None


def find_row(workspace: Path, row_id: str) -> tuple[Path, int]:
    """The plan file holding `row_id` and the row's position, with ids derived as
    `assemble.action_plan` derives them (so `eyst-iii` is the row whose `no` is "iii")."""
    ids: dict[str, tuple[Path, int]] = {}
    for path in sorted((workspace / "action_plans").glob("*.yml")):
        data = load.yaml_doc(path.name, _read(path, workspace)).data
        if not isinstance(data, dict) or not isinstance(data.get("rows"), list):
            continue   # a broken plan is `casereview check`'s to report, not ours
        agency = data.get("agency") or path.stem
        for i, row in enumerate(data["rows"]):
            if isinstance(row, dict):
                no = row.get("no")
                ids.setdefault(row.get("id") or f"{agency}-{slug(str(no or i + 1))}", (path, i))
    if row_id in ids:
        return ids[row_id]
    close = difflib.get_close_matches(row_id, ids, n=1, cutoff=0.6)
    if close:
        raise UpdateRefused(f"no action plan row `{row_id}`; did you mean `{close[0]}`?")
    examples = [f"`{known}`" for known, (_, i) in ids.items() if i == 0][:3]   # plans' first rows
    raise UpdateRefused(f"no action plan row `{row_id}`; a row id is the agency and the row's "
                        f"`no`, such as {', '.join(examples) or '`csc-4`'}")


def _check_arguments(status, note, evidence, reason, sign_off_role) -> None:
    if status is None and note is None and reason is None and sign_off_role is None:
        raise UpdateRefused("nothing to update; give a status, a note, a reason or a sign-off role")
    if status is not None and status not in STATUSES:
        close = difflib.get_close_matches(status, STATUSES, n=1, cutoff=0.6)
        guess = f" (did you mean `{close[0]}`?)" if close else ""
        raise UpdateRefused(f"unknown status `{status}`{guess}; use one of {', '.join(STATUSES)}")
    if evidence is not None and note is None:
        raise UpdateRefused("evidence belongs to a progress update; give the note it supports too")


def _edit(row: CommentedMap, on: date, status, note, evidence, reason, sign_off_role) -> None:
    final = status or str(row.get("status", "not_started"))
    if final in NEEDS_REASON and not (reason or row.get("reason")):
        raise UpdateRefused(f"status `{final}` needs a reason, because boards must report why a "
                            "row was not implemented or superseded; give one with the update")
    if sign_off_role is not None and final != "complete":
        raise UpdateRefused(f"only a complete row can be signed off, and this one is `{final}`; "
                            "give status `complete` with the sign-off")
    blank_after = _pop_tail(row)   # the blank line before the next row must stay after this one
    if status is not None:
        _set(row, "status", status)
    if reason is not None:
        _set(row, "reason", block_scalar(reason))
    if note is not None:
        _add_progress(row, on, note, evidence)
    if sign_off_role is not None:
        _set(row, "sign_off", CommentedMap(role=block_scalar(sign_off_role), date=on))
    _push_tail(row, blank_after)


def _add_progress(row: CommentedMap, on: date, note: str, evidence: str | None) -> None:
    entry = CommentedMap(date=on, note=block_scalar(note))   # block style, as the round trip dumps
    if evidence is not None:
        entry["evidence"] = block_scalar(evidence)
    progress = row.get("progress")
    if not isinstance(progress, CommentedSeq) or not progress:   # absent, or an empty `[]`
        progress = CommentedSeq()
        _set(row, "progress", progress)
    progress.append(entry)


def _set(row: CommentedMap, key: str, value) -> None:
    """Replace `key`'s value, keeping its quoting; or add it after the last key that
    precedes it in the model's field order (the order docs/authoring.md writes rows in)."""
    if key in row:
        old = row[key]
        quoted = isinstance(old, ScalarString) and isinstance(value, str)
        row[key] = type(old)(value) if quoted else value
        return
    before = FIELD_ORDER[:FIELD_ORDER.index(key)]
    present = [i for i, k in enumerate(row) if k in before]
    row.insert(present[-1] + 1 if present else len(row), key, value)


def block_scalar(text: str):
    """Multi-line text as a `|` block, like the plans' other prose; one line stays plain."""
    return LiteralScalarString(text.rstrip("\n") + "\n") if "\n" in text.strip() else text


def _tail(node) -> tuple[CommentedMap | CommentedSeq, object, int]:
    """Where ruamel keeps the comment that follows `node`'s last line: on its deepest last
    block entry (slot 2 of a mapping key, slot 0 of a list item)."""
    while True:
        key = next(reversed(node)) if isinstance(node, CommentedMap) else len(node) - 1
        child = node[key]
        if not (isinstance(child, (CommentedMap, CommentedSeq)) and child
                and not child.fa.flow_style()):
            return node, key, 2 if isinstance(node, CommentedMap) else 0
        node = child


def _pop_tail(row: CommentedMap) -> str:
    """Detach the blank lines and comments after the row; an end-of-line comment stays put."""
    node, key, slot = _tail(row)
    token = (node.ca.items.get(key) or [None] * 4)[slot]
    if token is None:
        return ""
    if isinstance(node[key], BLOCK_SCALARS):   # a block scalar's own line end is part of the scalar
        node.ca.items[key][slot] = None
        return token.value
    line_end, rest = token.value.split("\n", 1)   # a plain value's token ends its line first
    if line_end:
        token.value = line_end + "\n"
    else:
        node.ca.items[key][slot] = None
    return rest


def _push_tail(row: CommentedMap, text: str) -> None:
    if not text:
        return
    node, key, slot = _tail(row)
    entry = node.ca.items.setdefault(key, [None] * 4)
    old = entry[slot]
    line_end = "" if isinstance(node[key], BLOCK_SCALARS) else old.value if old else "\n"
    entry[slot] = CommentToken(line_end + text, old.start_mark if old else CommentMark(0))


def round_trip_yaml() -> YAML:
    yaml = YAML()   # round trip
    yaml.preserve_quotes = True
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.width = 1 << 20   # never fold a long line the author wrote on one line
    return yaml


def dump_yaml(yaml: YAML, data) -> str:
    out = io.StringIO()
    yaml.dump(data, out)
    return out.getvalue()


def _validate(rel: str, text: str) -> None:
    """Read the new text the way `casereview check` will, and refuse what it would reject."""
    doc = load.yaml_doc(rel, text)
    problems = list(doc.problems)
    if not problems:
        try:
            ActionPlan.model_validate(doc.data)
        except ValidationError as exc:
            problems = validate.translate(doc, ActionPlan, exc)
    if problems:   # the line number would point into text never written, so leave it out
        first = problems[0]
        what = f"{first.field} {first.message}" if first.field else first.message
        raise UpdateRefused(f"the update would make {rel} invalid ({what}); "
                            "nothing was written, so correct the values given")


def replace_file(path: Path, text: str) -> None:
    """Replace the file atomically: a reader sees the old plan or the new one, never half."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
        shutil.copymode(path, tmp)   # mkstemp makes it 0600; keep the plan's own mode
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
