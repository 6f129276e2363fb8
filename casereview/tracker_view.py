"""The tracker on the terminal: a rich table, overdue first, and a one-line summary."""
from __future__ import annotations

from rich.console import Console
from rich.table import Table

from .tracker import Board, status_label

COLOURS = {"red": "bold red", "amber": "yellow", "green": "green", "grey": "dim"}
RICH_LIMIT = 300     # past this many rows a drawn table takes seconds: plain lines instead


def show(board: Board, themes: bool = False, several: bool = False, console=None) -> None:
    console = console or Console(highlight=False)
    if themes:
        _themes(board, console)
    elif len(board.rows) > RICH_LIMIT:
        _plain(board, several, console)
    else:
        console.print(_table(board, several))
    counts = board.counts()
    console.print(soft_wrap=True, markup=False, highlight=False, *[f"as of {board.as_of}: {len(board.rows)} row(s); {len(board.overdue)} overdue; "
                  + ", ".join(f"{counts.get(k, 0)} {k}" for k in ("red", "amber", "green", "grey"))])


def _table(board: Board, several: bool) -> Table:
    table = Table(title="Action plan rows, overdue first", show_lines=False)
    columns = (["Review"] if several else []) + ["Row", "Recommendation", "Lead", "Deadline",
                                                  "Due", "Status", "RAG"]
    for name in columns:
        table.add_column(name, overflow="fold", max_width=48 if name == "Recommendation" else 28)
    for r in board.ordered():
        cells = ([r.review] if several else []) + [
            r.row, _short(r.recommendation), r.lead, _deadline(r), str(r.due or "—"),
            _status(r), f"[{COLOURS[r.rag]}]{r.rag}{' (overdue)' if r.overdue else ''}[/]"]
        table.add_row(*cells)
    return table


def _plain(board: Board, several: bool, console) -> None:
    """One line a row, fixed columns: fast for thousands of rows, and easy to grep."""
    widths = ([(28, "review")] if several else []) + [
        (10, "row"), (12, "due"), (12, "status"), (16, "rag"), (32, "lead"), (60, "recommendation")]
    lines = ["  ".join(name.upper().ljust(w) for w, name in widths)]
    for r in board.ordered():
        values = {"review": r.review, "row": r.row, "due": str(r.due or "—"),
                  "status": _status(r), "lead": r.lead,
                  "rag": r.rag + (" (overdue)" if r.overdue else ""), "recommendation": r.recommendation}
        lines.append("  ".join(_short(values[name], w).ljust(w) for w, name in widths).rstrip())
    console.file.write("\n".join(lines) + "\n")


def _themes(board: Board, console) -> None:
    groups: dict[str, list] = {}
    for r in board.rows:
        for theme in r.themes or ("(no theme)",):
            groups.setdefault(theme, []).append(r)
    table = Table(title="Recommendations by theme")
    for name in ("Theme", "Rows", "Reviews", "Overdue", "Repeats an earlier review"):
        table.add_column(name)
    for theme, rows in sorted(groups.items(), key=lambda kv: -len(kv[1])):
        repeats = sorted({s for r in rows for s in r.repeats})
        table.add_row(theme, str(len(rows)), str(len({r.review for r in rows})),
                      str(sum(r.overdue for r in rows)), ", ".join(repeats) or "—")
    console.print(table)
    if board.repeats:
        repeated = Table(title="Recommendations repeated from earlier reviews")
        for name in ("Review", "Recommendation", "From", "Earlier review loaded", "Themes"):
            repeated.add_column(name, overflow="fold")
        for r in board.repeats:
            repeated.add_row(r.review, _short(r.recommendation, 70), r.source,
                             ", ".join(r.earlier) or "not loaded", ", ".join(r.themes) or "—")
        console.print(repeated)


def _status(r) -> str:
    """In lower case, as the terminal has always shown statuses, but for the names in it."""
    label = status_label(r, completed=True)
    return label[0].lower() + label[1:]


def _deadline(r) -> str:
    return "; ".join(filter(None, [r.deadline, r.milestone and f"next milestone: {r.milestone}"]))


def _short(text: str, size: int = 90) -> str:
    return text if len(text) <= size else text[:size - 1].rstrip() + "…"
