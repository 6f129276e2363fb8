"""review/comments.yml: the panel's comments, each with a status the lead reviewer keeps
(open, accepted, declined with a reason). Every run merges into it, never overwrites: a
comment already there (same author, date, text and paragraph key) keeps its status and
reason, and only where its paragraph stands now is brought up to date; a new one is added as
open. ruamel.yaml's round trip keeps whatever the lead reviewer wrote by hand.

The file names panel members and quotes them: it is a workspace source, read by `check`,
and no template or output of `build` carries it."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from ..comments_map import Mapped
from ..load import COMMENT_LOG, SourceDoc
from ..comment_model import CommentLog, LoggedComment
from .tracker_update import block_scalar, dump_yaml, replace_file, round_trip_yaml

FIELD_ORDER = list(LoggedComment.model_fields)
WHERE = ("paragraph", "section", "place", "note")    # brought up to date on every run
HEADER = """\
# The panel's comments on the report, gathered by `casereview comments FILE.docx...` from the
# DOCX files members returned (Word comments, replies and tracked changes). Each run adds the
# comments it has not seen, as open, and keeps everything here as you left it. It names panel
# members: it stays in the workspace and is never published.
#
#   id         casereview's name for the comment (drawn from author, date, text and paragraph)
#   status     open, accepted or declined: yours to set
#   reason     why it was declined; required when declined
#   paragraph  its paragraph's number in the report now (updated on every run)
#   section    the section it is in now
#   place      where it is when not on a numbered paragraph: a heading, a table cell, a footnote
#   note       "N in the DOCX" when its paragraph has moved since; "text changed since" when
#              the paragraph was edited and found again by its words; "paragraph no longer
#              exists" when it was not found
#   key        the paragraph's lasting id, which follows it through renumbering
#   author, initials, date   who made it and when, as Word recorded it
#   kind       comment, reply, insertion or deletion (the last two: Word's tracked changes)
#   reply_to   the id of the comment a reply answers
#   quote      the words the comment was anchored to
#   text       what it says; for a tracked change, the words inserted or deleted
#   file       the DOCX it came from

"""


@dataclass(frozen=True)
class Logged:
    id: str
    status: str
    reason: str | None


@dataclass
class Merged:
    path: Path
    entries: dict[int, Logged]   # id(Mapped) -> its line in the log
    added: int
    total: int


def identity(author: str, date: str | None, text: str, anchor: str | None) -> tuple:
    """What makes a comment the same one on a later run: who, when, what, and on which
    paragraph (its key; where there is none, its place)."""
    return (author, date or "", " ".join(text.split()), anchor or "")


def entry_id(ident: tuple) -> str:
    return "c" + hashlib.blake2b("\x1f".join(ident).encode("utf-8"), digest_size=4).hexdigest()


def merge(root: Path, mapped: list[Mapped], doc: SourceDoc | None) -> Merged:
    """Merge `mapped` into the workspace's log (`doc`: as `check` read it, valid) and write
    it; each entry's id, status and reason."""
    yaml = round_trip_yaml()
    data = yaml.load(doc.text) if doc is not None else CommentedMap()
    old = CommentLog.model_validate(doc.data).comments if doc is not None else []
    rows = data.get("comments")
    if not isinstance(rows, CommentedSeq) or not rows:    # absent, or an empty `[]`
        rows = data["comments"] = CommentedSeq()
    index = {identity(c.author, c.date, c.text, c.key or c.place): i for i, c in enumerate(old)}
    ids = {(m.entry.file, m.entry.ref): entry_id(_identity(m)) for m in mapped if m.entry.ref}
    out, added = {}, 0
    for m in mapped:
        fields = _fields(m, ids.get((m.entry.file, m.entry.reply_to)))
        at = index.get(_identity(m))
        if at is None:
            at = index[_identity(m)] = len(rows)
            rows.append(CommentedMap((k, v) for k, v in fields.items() if v))
            added += 1
        else:
            _update(rows[at], {k: fields[k] for k in WHERE})
        row = rows[at]
        out[id(m)] = Logged(str(row.get("id")), str(row.get("status", "open")),
                            row.get("reason"))
    path = Path(root) / COMMENT_LOG
    text = dump_yaml(yaml, data)
    if doc is None:
        path.write_text(HEADER + text, encoding="utf-8")
    elif text != doc.text:
        replace_file(path, text)
    return Merged(path, out, added, len(rows))


def _identity(m: Mapped) -> tuple:
    e = m.entry
    return identity(e.author, e.date, e.text, m.key or e.place.label)


def _fields(m: Mapped, parent: str | None) -> dict:
    """The log's fields of a new entry; `parent`: the log id of the comment it answers."""
    e = m.entry
    return {"id": entry_id(_identity(m)), "status": "open", "paragraph": m.number,
            "section": _section(m), "place": e.place.label or None, "note": m.note or None,
            "key": m.key, "author": e.author, "initials": e.initials or None,
            "date": e.date or None, "kind": e.kind, "reply_to": parent,
            "quote": block_scalar(e.quote) if e.quote else None, "text": block_scalar(e.text),
            "file": Path(e.file).name}


def _section(m: Mapped) -> str | None:
    if not m.section:
        return None
    return f"{m.section_number} {m.section}" if m.section_number else m.section


def _update(row: CommentedMap, fields: dict) -> None:
    """Set or remove the fields that say where the comment stands now; new keys go where
    the header lists them."""
    for key, value in fields.items():
        if not value:
            row.pop(key, None)
        elif key in row:
            row[key] = value
        else:
            before = FIELD_ORDER[:FIELD_ORDER.index(key)]
            present = [i for i, k in enumerate(row) if k in before]
            row.insert(present[-1] + 1 if present else len(row), key, value)
