"""`casereview identities hash`: the register as salted hashes, safe to commit."""
from __future__ import annotations

import secrets
from pathlib import Path

import yaml

from .. import load, validate
from ..diagnostics import CheckFailed, Diagnostic, Report
from ..identities import hash_register

HEADER = ("# Identity register as salted hashes (casereview identities hash): no identifier\n"
          "# is stored in plain text; the output scan hashes what it reads the same way.\n")


def hashed(register_path: Path, salt: str | None = None) -> str:
    """The YAML text of the hashed register made from the plain one at `register_path`."""
    report = Report()
    doc = load.identity_register(register_path.parent, register_path)
    register = validate.register(doc, report)
    if not report.errors and not register.identities:
        report.add(Diagnostic(str(register_path), 1, 1, "identities", "the register lists no "
                              "identities, so there is nothing to hash",
                              "list each real identifier under `identities:` with the wording to "
                              "`use` instead (see the README)"))
    if report.errors:
        raise CheckFailed(report)
    result = hash_register(register, salt or secrets.token_hex(16))
    return HEADER + yaml.safe_dump(result.model_dump(mode="json", exclude_defaults=True),
                                   sort_keys=False, allow_unicode=True, width=100)
