"""Rules of an action plan's rows beyond their fields' types: a row either lists its actions
or says why they are not yet known, is dated complete only when complete, and its milestones,
like its deadline, give dates the tracker can follow. A rule of checks.rules()."""
from __future__ import annotations

from typing import TYPE_CHECKING, Iterator

from .diagnostics import Diagnostic, Severity

if TYPE_CHECKING:
    from .checks import Checker
    from .model import ActionRow

WARN = Severity.WARNING


def action_plans(c: Checker) -> Iterator[Diagnostic]:
    for plan in c.review.action_plans:
        file = f"action_plans/{plan.agency}.yml"
        for i, row in enumerate(plan.rows):
            yield from _actions_or_pending(c, file, i, row)
            yield from _completion(c, file, i, row)
            yield from _milestones(c, file, i, row)
            if plan.columns == "home_office" and row.scope is None:
                yield c.at(file, ("rows", i), f"row `{row.id}` has no scope", "the Home Office "
                           "template's Scope column asks for one: add `scope: local`, "
                           "`scope: regional` or `scope: national`", WARN)


def _actions_or_pending(c: Checker, file: str, i: int, row: ActionRow) -> Iterator[Diagnostic]:
    if not row.actions and not row.pending:
        yield c.at(file, ("rows", i), f"row `{row.id}` has no actions", "list them under "
                   "`actions:`, or say why they are not yet known in `pending:`")
    elif row.actions and row.pending:
        yield c.at(file, ("rows", i, "pending"), f"row `{row.id}` has both actions and "
                   "`pending:`", "remove `pending:` now that the actions are agreed")


def _completion(c: Checker, file: str, i: int, row: ActionRow) -> Iterator[Diagnostic]:
    # a row whose actions are still to be agreed cannot have been carried out
    if row.pending and row.status == "complete":
        yield c.at(file, ("rows", i, "status"), f"row `{row.id}` is complete but its actions "
                   "are still to be agreed (`pending:`)", "list the actions under `actions:` "
                   "and remove `pending:`, or give the status it has")
    if row.completed and row.status != "complete":
        yield c.at(file, ("rows", i, "completed"), f"row `{row.id}` has a date of completion "
                   f"but its status is `{row.status}`", "set `status: complete`, or remove "
                   "`completed:`")


def _milestones(c: Checker, file: str, i: int, row: ActionRow) -> Iterator[Diagnostic]:
    """A milestone's date is a deadline, read as the row's is: the tracker needs a date."""
    for j, milestone in enumerate(row.milestones):
        date = milestone.date
        if date is not None and date.needs_date and not date.as_published:
            yield c.at(file, ("rows", i, "milestones", j, "date"), f"row `{row.id}`: milestone "
                       f"deadline `{date}` needs a date", "give a date or month, e.g. "
                       "`September 2015`, so it can be tracked", WARN)
