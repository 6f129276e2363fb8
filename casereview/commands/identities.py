"""`casereview identities hash`: the register as keyed hashes, safe to commit."""
from __future__ import annotations

from pathlib import Path

import yaml

from .. import load, register_key, validate
from ..diagnostics import CheckFailed, Diagnostic, Report
from ..identities import hash_register

HEADER = ("# Identity register as keyed hashes (casereview identities hash): no identifier is\n"
          "# stored in plain text, and without the key (private/identities.key or\n"
          "# $CASEREVIEW_IDENTITIES_KEY, never committed) no guess can be tested against it.\n")


def hashed(register_path: Path, workspace: Path) -> tuple[str, bool]:
    """The YAML text of the hashed register made from the plain one at `register_path`, with
    the workspace's key (made when it has none: True then)."""
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
    key, made = register_key.make(workspace)
    result = hash_register(register, key)
    return HEADER + yaml.safe_dump(result.model_dump(mode="json", exclude_defaults=True),
                                   sort_keys=False, allow_unicode=True, width=100), made
