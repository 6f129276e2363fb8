"""Render the review to one Markdown document (pandoc's dialect) through Jinja templates.

Every format is derived from this one rendering, so numbers, footnotes and references are
resolved here, once. Templates in the workspace's `templates/` override the packaged ones
file by file.
"""
from __future__ import annotations

import re
import traceback
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from pathlib import Path

import jinja2
from jinja2.sandbox import SandboxedEnvironment

from . import appendices, images, numbering, prose, review_types, subjects, summary
from .anonymise import professionals
from .assemble import roman
from .dates import SPOKEN_DATE, months_between, spoken
from .diagnostics import CheckFailed, Diagnostic, Report
from .model import CaseReview, ReviewInfo
from .tables import PLAN_COLUMNS, Column, grid_table, plan_groups
from .tracker import Board, track

PACKAGED = Path(__file__).parent / "templates"


@dataclass
class Rendered:
    """The one rendering every format is derived from."""

    markdown: str                                  # pandoc Markdown, metadata block first
    title: str
    outline: list[numbering.NumberedSection]
    info: ReviewInfo
    build_date: date                               # SOURCE_DATE_EPOCH, else the sources' age
    name: str = "review"                           # file name stem of the outputs
    workspace: Path | None = None                  # where mkdocs.yml and templates/ are
    board: Board | None = None                     # the tracker as of the build date
    media: dict[str, bytes] = field(default_factory=dict)   # images re-encoded, by name
    panel: bool = False                            # built for the panel (`build --panel`)
    document: str = "Overview report"              # what it is, under the title
    summary: Rendered | None = None                # the executive summary, a document apart

    @property
    def draft(self) -> bool:
        return self.panel or self.info.status in ("draft", "panel")

    @property
    def contents(self) -> bool:
        """A document of numbered sections has a table of contents; one without (the
        executive summary) none."""
        return bool(self.outline)

    @property
    def mark(self) -> str:
        """The banner every page of every format carries while the review is not final, and
        on a panel build whatever its status: the panel reads a draft, even of a final text."""
        if not self.draft:
            return ""
        kind = "PANEL DRAFT" if self.panel else self.info.status.upper()
        return (f"{kind} — NOT FOR PUBLICATION · {self.info.version} · "
                f"built {spoken(self.build_date)}")


class Notes:
    """Footnotes met while rendering, emitted at the end of each section under unique labels."""

    def __init__(self):
        self.pending: list[tuple[str, str]] = []
        self.count = 0

    def add(self, text: str) -> str:
        self.count += 1
        label = f"n{self.count}"
        self.pending.append((label, text))
        return f"[^{label}]"

    def flush(self) -> str:
        out = "\n\n".join(f"[^{label}]: {_one_line(text)}" for label, text in self.pending)
        self.pending = []
        return out


def _one_line(text: str) -> str:
    return " ".join(text.split())


class Context:
    """What prose needs to be resolved: numbers of paragraphs, sections, questions; references."""

    def __init__(self, review: CaseReview, outline: list[numbering.NumberedSection],
                 root: Path | None = None, links: bool = True):
        self.paras = numbering.paragraph_numbers(outline)
        self.sections = {s.section.id: (_called(s), s.anchor) for s in outline}
        self.questions = {q.id: str(i) for i, q in enumerate(review.terms.questions, 1)}
        # findings and episodes by their number, and the section that analyses each
        self.units = {kind: {u.id: str(i) for i, u in enumerate(
            getattr(review.analysis, kind + "s"), 1)} for kind in UNIT_WORDS}
        self.analysed = {(kind, getattr(s.section, kind)): s.anchor for s in outline
                         for kind in UNIT_WORDS if getattr(s.section, kind)}
        self.leading = _leading(review)
        self.references = {r.id: r for r in review.references.references}
        # professionals shown by role: each declared name gives way to its role, in all prose
        self.by_role = review.info.professionals == "role"
        names = professionals(review) if self.by_role else {}
        self.names = [(re.compile(rf"\b{re.escape(n)}\b"), role)
                      for n, role in sorted(names.items(), key=lambda x: -len(x[0]))]
        self.published = _published_labels(review)
        self.agencies = {a.id: a.label for a in review.panel.agencies}
        self.cited: list[str] = []
        self.notes = Notes()
        self.root = root
        self.media: dict[str, bytes] = {}       # the images' published copies, by name
        # references link to their paragraph or section; in another document (the executive
        # summary) they are only the report's numbers: a link would lead nowhere
        self.links = links

    def prose(self, text: str | None, footnotes: dict[str, str] | None = None) -> str:
        """Resolve one text's references, footnotes and citations into plain pandoc Markdown.
        `footnotes` are the definitions of the file the text comes from, when not in it."""
        if not text:
            return ""
        defs = {**(footnotes or {}), **prose.footnote_definitions(text)}
        body = "\n\n".join(b.text if b.kind != "paragraph" or not b.id else b.text
                           for b in prose.blocks(text) if b.kind != "footnote")
        body = prose.FOOTNOTE_USE.sub(lambda m: self.notes.add(defs.get(m[1], "")), body)
        body = prose.CITATION.sub(self._cite, body)
        body = images.IMAGE.sub(self._image, body) if "![" in body else body
        return self.withhold(prose.XREF.sub(self._xref, body))

    def withhold(self, text: str) -> str:
        for name, role in self.names:
            text = name.sub(role, text)
        return text

    def lead(self, lead) -> str:
        """An action plan lead as published, or by role only."""
        return lead.role if self.by_role else str(lead)

    def answered(self, row, agency: str) -> str:
        """The recommendations an action row answers, by the numbers the report prints them
        under ("recommendations iii and iv", "Social Care recommendation iii"), never by id."""
        return self.labels(row.answers, agency)

    def leads_to(self, finding) -> str:
        """The recommendations a finding leads to, as the report prints them: those it lists
        and those that say they answer it."""
        return self.labels([*finding.recommendations, *(
            rid for rid in self.leading.get(finding.id, ()) if rid not in finding.recommendations)])

    def labels(self, ids: list[str], agency: str = "") -> str:
        """Recommendations by the labels the report prints, grouped by their owner; those of
        `agency` (default: the overview report itself) need no owner's name."""
        known = [self.published[a] for a in ids if a in self.published]
        if not known:
            return ""
        groups: dict[str, list[str]] = {}
        for owner, label in known:
            groups.setdefault(owner, []).append(label)
        return "; ".join(
            ("" if owner == agency else f"{self._owner(owner)} ")
            + ("recommendation " if len(labels) == 1 else "recommendations ")
            + _and(labels) for owner, labels in groups.items())

    def _owner(self, owner: str) -> str:
        return "overview" if owner == OVERVIEW else self.agencies.get(owner, owner)

    def _image(self, m: re.Match) -> str:
        """The image's published copy in place of the workspace's file (check refused any
        image that cannot be published; should one come here all the same, its words do)."""
        ref = images.references(m[0])[0]
        try:
            copy = images.publish(images.resolve(self.root or Path("."), ref.src))
        except images.Refused:
            return f"[image: {ref.alt}]"
        self.media[copy.name] = copy.data
        return f"![{m[1]}]({copy.name}{m[3] or ''})"

    def _cite(self, m: re.Match) -> str:
        ref = self.references[m[1]]
        if ref.id not in self.cited:
            self.cited.append(ref.id)
        return self.notes.add(f"{ref.text}")

    def _xref(self, m: re.Match) -> str:
        kind, target = m[1], m[2]
        if kind == "para":
            number = self.paras[target]
            return f"[{number}](#{target})" if self.links else number
        if kind == "section":
            called, anchor = self.sections[target]
            return f"[{called}](#{anchor})" if self.links else called
        if kind in UNIT_WORDS:
            words = f"{UNIT_WORDS[kind]} {self.units[kind][target]}"
            where = self.analysed.get((kind, target))
            return f"[{words}](#{where})" if where and self.links else words
        return f"key question {self.questions[target]}"


def _called(s: numbering.NumberedSection) -> str:
    """How a cross-reference names a part of the report: "section 4", "appendix A", or
    the title of front matter (which has no number)."""
    part = s.section.part
    if part == "front":
        return _one_line(s.section.title)
    return f"appendix {s.section.label}" if part == "appendix" else f"section {s.number}"


OVERVIEW = ""       # the owner of the overview report's own recommendations
UNIT_WORDS = {"finding": "finding", "episode": "key practice episode",   # [[finding:f2]]
              "theme": "theme"}


def _leading(review: CaseReview) -> dict[str, list[str]]:
    """Finding id -> the recommendations that say they answer it (`finding:`)."""
    out: dict[str, list[str]] = {}
    recs = [*(r for imr in review.imrs for r in imr.recommendations),
            *review.recommendations.overview, *review.recommendations.repeated]
    for rec in recs:
        if rec.finding:
            out.setdefault(rec.finding, []).append(rec.id)
    return out


def _published_labels(review: CaseReview) -> dict[str, tuple[str, str]]:
    """Recommendation id -> (agency id, or OVERVIEW; the label the report prints)."""
    labels = {r.id: (imr.agency, r.label) for imr in review.imrs for r in imr.recommendations}
    labels.update({r.id: (OVERVIEW, r.label) for r in review.recommendations.overview})
    return labels


def _and(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def template_file(workspace: Path | None, name: str) -> Path:
    """A template or asset that is not Jinja (pdf.typ, site/casereview.css ...): the
    workspace's own in templates/ when it has one, else the packaged one."""
    own = workspace / "templates" / name if workspace else None
    return own if own and own.is_file() else PACKAGED / name


def environment(workspace: Path | None) -> jinja2.Environment:
    loaders = [jinja2.FileSystemLoader(str(workspace / "templates"))] if workspace else []
    # sandboxed: a workspace's template override is text from outside, not code to trust
    env = SandboxedEnvironment(
        loader=jinja2.ChoiceLoader(loaders + [jinja2.FileSystemLoader(str(PACKAGED))]),
        undefined=jinja2.StrictUndefined, autoescape=False, keep_trailing_newline=True,
        trim_blocks=True, lstrip_blocks=True,
        # `{#id}` is pandoc's attribute syntax, so Jinja comments are `{## ... ##}`
        comment_start_string="{##", comment_end_string="##}")
    env.filters.update(cell=cell, indent_block=indent_block, one_line=_one_line, roman=roman,
                       date=spoken, keep_dates=keep_dates, literal=literal, and_list=_and)
    env.globals.update(grid_table=grid_table, Column=Column, subjects_table=subjects.table,
                       characteristics_table=subjects.characteristics_table,
                       plan_columns=PLAN_COLUMNS, plan_groups=plan_groups,
                       months_between=months_between)
    env.bytecode_cache = bytecode_cache()
    return env


@cache
def bytecode_cache() -> jinja2.BytecodeCache | None:
    """Templates compiled once per machine rather than once per build (half the rendering
    time; the site's theme too): Jinja keeps the compiled code in a private folder of the
    system's temporary directory and compiles again whenever a template's source changed."""
    try:
        return jinja2.FileSystemBytecodeCache()
    except RuntimeError:             # no private temporary folder to be had: compile each time
        return None


def cell(text: str | None) -> str:
    """Markdown text made safe for one pipe-table cell."""
    return _one_line(text or "").replace("|", "\\|")


def keep_dates(text: str) -> str:
    """Dates in the text marked as such (`[31 March 2015]{.date}`), so that the site does not
    wrap a line in the middle of one."""
    return SPOKEN_DATE.sub(lambda m: f"[{m[0]}]{{.date}}", str(text))


def indent_block(text: str, spaces: int = 4) -> str:
    pad = " " * spaces
    return "\n".join(pad + line if line.strip() else "" for line in text.splitlines())


def render(review: CaseReview, workspace: Path | None = None,
           build_date: date = date(2000, 1, 1), name: str = "review",
           open_checks: list | None = None) -> Rendered:
    """`open_checks`: a panel build's (open_checks.collect), listed at the end of the report;
    None for any other build."""
    outline = numbering.outline(review)
    ctx = Context(review, outline, workspace)
    env = environment(workspace)
    title = review_types.title(review.info)
    result = Rendered("", title, outline, review.info, build_date, name, workspace,
                      track([review], build_date, public=True), panel=open_checks is not None,
                      document=review_types.kind(review.info).report)
    try:
        markdown = _render_template(env, review, outline, ctx, result)
        if result.panel:
            # after the report's own template, so a workspace's copy of it has the list too
            markdown += "\n\n" + env.get_template("open_checks.md.j2").render(
                open_checks=open_checks, withhold=ctx.withhold, build_date=build_date)
        result.summary = _summary(env, review, outline, result)
    except Exception as exc:        # a template's own error ({{ 1/0 }}) as much as Jinja's
        raise CheckFailed(Report([template_problem(exc, workspace)])) from None
    result.markdown = _tidy(markdown)
    result.media = ctx.media
    return result


def _render_template(env, review, outline, ctx, result: Rendered) -> str:
    in_part = lambda part: [s for s in outline if s.section.part == part]  # noqa: E731
    return env.get_template("report.md.j2").render(
        review=review, info=review.info, outline=outline, ctx=ctx, prose=ctx.prose,
        front=in_part("front"), body=in_part("body"),
        # the author's appendices and the generated ones, in order, each with its label
        appendices=appendices.appendices(review, outline),
        footnotes=ctx.notes.flush, title=result.title, review_type=review_types.type_name(review.info),
        kind=review_types.kind(review.info), subtitle=review_types.subtitle(review.info),
        chronology=numbering.chronology(review), build_date=result.build_date,
        agency=review.agency, draft=result.draft, mark=result.mark, panel=result.panel)


def _summary(env, review: CaseReview, outline, report: Rendered) -> Rendered | None:
    """The executive summary (summary.py) as a document of its own, when the review has one:
    the report's title page over its own numbered paragraphs, its prose resolved as the
    report's, the references to the report printing the report's numbers."""
    found = summary.of(review, outline)
    if found is None:
        return None
    ctx = Context(review, outline, report.workspace, links=False)
    stem = report.name.removesuffix("-panel") if report.panel else report.name
    out = Rendered("", report.title, [], report.info, report.build_date,
                   stem + summary.NAME + ("-panel" if report.panel else ""), report.workspace,
                   panel=report.panel, document=found.title)
    out.markdown = _tidy(env.get_template("executive_summary.md.j2").render(
        summary=found, review=review, info=review.info, ctx=ctx, prose=ctx.prose,
        footnotes=ctx.notes.flush, title=out.title, document=out.document, draft=out.draft,
        agency=review.agency, anchor=summary.ANCHOR, panel=False))
    out.media = ctx.media
    return out


def literal(text) -> str:
    """Text shown as written, not read as Markdown: every ASCII punctuation mark escaped
    (pandoc lets a backslash escape any of them)."""
    return re.sub(r"([!-/:-@\[-`{-~])", r"\\\1", " ".join(str(text).split()))


def template_problem(exc: Exception, workspace: Path | None) -> Diagnostic:
    """Where a template went wrong: the template's own line, not a Python traceback."""
    name, line = getattr(exc, "filename", None) or getattr(exc, "name", None), getattr(exc, "lineno", None)
    if line is None:
        frames = [f for f in traceback.extract_tb(exc.__traceback__) if f.filename.endswith(".j2")]
        if frames:
            name, line = frames[-1].filename, frames[-1].lineno
    if name and workspace and Path(name).is_relative_to(workspace):
        name = Path(name).relative_to(workspace).as_posix()
    message = getattr(exc, "message", None) or str(exc) or type(exc).__name__
    return Diagnostic(str(name or "templates"), line or 1, 1, "", f"template error: {message}",
                      "correct the template, or delete it to use the packaged one")


def _tidy(markdown: str) -> str:
    return re.sub(r"\n{3,}", "\n\n", markdown).strip() + "\n"
