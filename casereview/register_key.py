"""The key of a hashed identity register: kept out of the repository, in the workspace's
git-ignored `private/identities.key` or in $CASEREVIEW_IDENTITIES_KEY (a CI secret). Whoever
reads the repository without it can test no guess against the hashes."""
from __future__ import annotations

import os
import secrets
from pathlib import Path

from . import safe_read
from .diagnostics import Diagnostic, Report
from .identities import KEY_CHECK, Register, digest, key_material

KEY_ENV = "CASEREVIEW_IDENTITIES_KEY"
KEY_FILE = Path("private") / "identities.key"
HOW = (f"put the key the register was made with in private/identities.key (made by "
       f"`casereview identities hash`) or in ${KEY_ENV}")


def secret(root: Path) -> str | None:
    """The key's text: the environment's, else the workspace's key file; None without."""
    if os.environ.get(KEY_ENV, "").strip():
        return os.environ[KEY_ENV]
    try:
        text, _ = safe_read.read_text(root / KEY_FILE, str(KEY_FILE), root)
    except (safe_read.Missing, safe_read.Unreadable):
        return None
    return text if text.strip() else None


def make(root: Path) -> tuple[bytes, bool]:
    """The workspace's key, made and written to private/identities.key when there is none
    (True then)."""
    found = secret(root)
    if found is not None:
        return key_material(found), False
    text = secrets.token_hex(32)
    (root / KEY_FILE).parent.mkdir(parents=True, exist_ok=True)
    (root / KEY_FILE).write_text(text + "\n", encoding="utf-8")
    os.chmod(root / KEY_FILE, 0o600)
    return key_material(text), True


def unlock(register: Register, where: str, root: Path, report: Report) -> Register:
    """A hashed register with its key, or (as an error in the report) why it cannot be
    used: made with a salt anyone can reverse, no key, or not the key it was made with."""
    if not register.hashed:
        return register
    problem = _problem(register, root)
    if problem:
        report.add(Diagnostic(where, 1, 1, "", *problem))
        return register
    return register.with_key(key_material(secret(root)))


def _problem(register: Register, root: Path) -> tuple[str, str] | None:
    if register.key_check is None:
        return ("this hashed register was made with a salt stored in it, so anyone reading "
                "the repository can recover its identifiers by trying candidates",
                "make it again from the plain register with `casereview identities hash`")
    found = secret(root)
    if found is None:
        return "the hashed identity register needs its key, which is not given", HOW
    if digest(key_material(found), KEY_CHECK) != register.key_check:
        return "the key given is not the one the hashed identity register was made with", HOW
    return None
