"""The tracker's page of the web site: summary, overdue rows first, tables by agency and by
lead, and two SVG charts (status by agency; deadlines by month), each with a text
alternative. HTML, so the template is rendered with autoescape on."""
from __future__ import annotations

from collections import Counter
from html import escape

import jinja2

from ..tracker import Board

RAGS = ("red", "amber", "green", "grey")
FILL = {"red": "#b00020", "amber": "#b36b00", "green": "#1b6e20", "grey": "#6b6b6b"}
_ENV = jinja2.Environment(loader=jinja2.PackageLoader("casereview", "templates/site"),
                          autoescape=True, undefined=jinja2.StrictUndefined,
                          trim_blocks=True, lstrip_blocks=True)


def page(board: Board) -> str:
    """The page's HTML (after its Markdown title)."""
    agencies = sorted({r.agency for r in board.rows})
    by_agency = {a: Counter(r.rag for r in board.rows if r.agency == a) for a in agencies}
    leads = Counter((r.lead, r.rag) for r in board.rows)
    return _ENV.get_template("tracker.html.j2").render(
        board=board, rags=RAGS, by_agency=by_agency, agencies=agencies,
        leads=sorted({lead for lead, _ in leads}), lead_counts=leads,
        status_chart=status_chart(by_agency), deadline_chart=deadline_chart(board))


def status_chart(by_agency: dict[str, Counter]) -> str:
    """Stacked horizontal bars: each agency's rows by RAG."""
    bar, gap, left, width = 22, 8, 70, 420
    most = max((sum(c.values()) for c in by_agency.values()), default=1) or 1
    height = len(by_agency) * (bar + gap) + 30
    parts = []
    for i, (agency, counts) in enumerate(by_agency.items()):
        y, x = 10 + i * (bar + gap), left
        parts.append(f'<text x="{left - 6}" y="{y + 15}" text-anchor="end">{escape(agency)}</text>')
        for rag in RAGS:
            w = counts.get(rag, 0) * width / most
            if w:
                parts.append(f'<rect x="{x:.1f}" y="{y}" width="{w:.1f}" height="{bar}" '
                             f'fill="{FILL[rag]}"><title>{escape(agency)}: {counts[rag]} {rag}</title></rect>')
                x += w
    return _svg("status-chart", "Action plan rows by agency and RAG rating",
                "Stacked bars, one per agency; the table 'By agency' gives the same numbers.",
                left + width + 10, height, parts)


def deadline_chart(board: Board) -> str:
    """Bars: rows due in each month, outstanding ones in red or amber, done in green."""
    months = Counter((r.due.year, r.due.month, r.status in ("complete", "superseded"))
                     for r in board.rows if r.due)
    keys = sorted({(y, m) for y, m, _ in months})
    if not keys:
        return ""
    col, height, base = 34, 160, 130
    most = max(months[(y, m, d)] for y, m in keys for d in (True, False)) or 1
    parts = []
    for i, (y, m) in enumerate(keys):
        x, top = 10 + i * col, base
        for done in (True, False):
            n = months[(y, m, done)]
            h = n * (base - 20) / most
            if n:
                top -= h
                colour = FILL["green"] if done else FILL["red"]
                parts.append(f'<rect x="{x}" y="{top:.1f}" width="{col - 8}" height="{h:.1f}" '
                             f'fill="{colour}"><title>{m:02d}/{y}: {n} {"done" if done else "outstanding"}'
                             f'</title></rect>')
        parts.append(f'<text x="{x}" y="{base + 14}" font-size="10">{m:02d}/{y % 100:02d}</text>')
    return _svg("deadline-chart", "Deadlines by month",
                "Bars per month of rows due: green done, red outstanding; the tables below list "
                "every row with its due date.", 20 + len(keys) * col, height, parts)


def _svg(ident: str, title: str, desc: str, width: float, height: float, parts: list[str]) -> str:
    return (f'<svg id="{ident}" role="img" aria-labelledby="{ident}-title {ident}-desc" '
            f'viewBox="0 0 {width:.0f} {height:.0f}" width="100%" style="max-width:{width:.0f}px" '
            f'font-family="sans-serif" font-size="12"><title id="{ident}-title">{title}</title>'
            f'<desc id="{ident}-desc">{desc}</desc>{"".join(parts)}</svg>')
