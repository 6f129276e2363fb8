"""The tracker's page of the web site: summary, overdue rows first, tables by agency and by
lead, and two SVG charts (status by agency; deadlines by month), each with a visible legend and
a text alternative. Agencies by name, dates as people write them. HTML, so the template is
rendered with autoescape on."""
from __future__ import annotations

import textwrap
from collections import Counter
from html import escape

import jinja2
from markupsafe import Markup

from ..dates import SPOKEN_DATE, PartialDate, spoken, spoken_iso
from ..tracker import Board, status_label

RAGS = ("red", "amber", "green", "grey")
FILL = {"red": "#b00020", "amber": "#b36b00", "green": "#1b6e20", "grey": "#6b6b6b"}
MEANING = {"red": "overdue or not implemented",
           "amber": "due within 30 days, or no date can be derived from the deadline",
           "green": "complete, or not yet due", "grey": "superseded"}
DONE = {True: ("done", FILL["green"], "complete or superseded"),
        False: ("outstanding", FILL["red"], "not started or in progress")}
# the charts' drawing units: a phone's column (about 340 px) shows 360 units at 0.95, so
# 13-unit text is 12 px or more; a wide screen shows them at most 1.3 times as large
CHART_W, FONT, BAR, LABEL_CHARS = 360, 13, 16, 50


def _html_dates(text: str) -> Markup:
    """Escaped text whose dates (written as people write them) do not wrap across lines."""
    return Markup(SPOKEN_DATE.sub(lambda m: f'<span class="date">{m[0]}</span>',
                                  escape(spoken_iso(str(text)))))


_ENV = jinja2.Environment(loader=jinja2.PackageLoader("casereview", "templates/site"),
                          autoescape=True, undefined=jinja2.StrictUndefined,
                          trim_blocks=True, lstrip_blocks=True)
_ENV.filters.update(date=spoken, dates=_html_dates,
                    status=lambda row: status_label(row, completed=True))


def page(board: Board) -> str:
    """The page's HTML (after its Markdown title)."""
    names = {r.agency: r.agency_name or r.agency for r in board.rows}
    agencies = sorted(names, key=lambda a: names[a].lower())
    by_agency = {a: Counter(r.rag for r in board.rows if r.agency == a) for a in agencies}
    leads = Counter((lead.rstrip(" ."), r.rag) for r in board.rows for lead in r.leads)
    return _ENV.get_template("tracker.html.j2").render(
        board=board, rags=RAGS, by_agency=by_agency, agencies=agencies, names=names,
        leads=sorted({lead for lead, _ in leads}), lead_counts=leads, meaning=MEANING,
        fill=FILL, done=DONE.values(),
        status_chart=status_chart({names[a]: c for a, c in by_agency.items()}),
        deadline_chart=deadline_chart(board))


def status_chart(by_agency: dict[str, Counter]) -> str:
    """Stacked horizontal bars, each under its agency's name: the agency's rows by RAG."""
    bars = [(name, [(counts.get(rag, 0), rag, FILL[rag]) for rag in RAGS])
            for name, counts in by_agency.items()]
    return _bars("status-chart", "Action plan rows by agency and RAG rating",
                 "One stacked bar per agency, its rows by RAG rating; the table 'By agency' "
                 "gives the same numbers.", bars)


def deadline_chart(board: Board) -> str:
    """A bar for each month rows are due in: done in green, outstanding in red."""
    months = Counter((r.due.year, r.due.month, r.status in ("complete", "superseded"))
                     for r in board.rows if r.due)
    keys = sorted({(y, m) for y, m, _ in months})
    if not keys:
        return ""
    bars = [(spoken(PartialDate(y, m)), [(months[(y, m, d)], *DONE[d][:2]) for d in (True, False)])
            for y, m in keys]
    return _bars("deadline-chart", "Deadlines by month",
                 "One bar per month in which rows are due: green done, red outstanding; the "
                 "tables below list every row with its due date.", bars)


def _bars(ident: str, title: str, desc: str, bars: list[tuple[str, list]]) -> str:
    """Horizontal bars, each under its label (wrapped, so a long agency name fits a phone),
    ending with its total; a segment per (count, name, colour), each with its own title."""
    most = max((sum(n for n, _, _ in segments) for _, segments in bars), default=1) or 1
    room = CHART_W - 40                        # the total's digits after the longest bar
    parts, y = [], 0
    for label, segments in bars:
        for line in textwrap.wrap(label, LABEL_CHARS) or [""]:
            y += FONT + 3
            parts.append(f'<text x="0" y="{y}">{escape(line)}</text>')
        x, y = 0.0, y + 5
        for n, name, colour in segments:
            if n:
                w = n * room / most
                parts.append(f'<rect x="{x:.1f}" y="{y}" width="{w:.1f}" height="{BAR}" '
                             f'fill="{colour}"><title>{escape(label)}: {n} {name}</title></rect>')
                x += w
        total = sum(n for n, _, _ in segments)
        parts.append(f'<text x="{x + 5:.1f}" y="{y + BAR - 3}">{total}</text>')
        y += BAR + 10
    return (f'<svg id="{ident}" role="img" aria-labelledby="{ident}-title {ident}-desc" '
            f'viewBox="0 0 {CHART_W} {y}" width="100%" style="max-width:{CHART_W * 1.3:.0f}px" '
            f'font-family="sans-serif" font-size="{FONT}"><title id="{ident}-title">{title}</title>'
            f'<desc id="{ident}-desc">{desc}</desc>{"".join(parts)}</svg>')
