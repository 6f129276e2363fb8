"""Rules that span files: every pseudonym declared, every agency known, every recommendation
answered, every reference resolved (every question analysed and every subject introduced:
checks_analysis.py, checks_subjects.py). Each rule is a function from the assembled review
(and where things stand in the sources) to diagnostics."""
from __future__ import annotations

from collections import Counter
from functools import cache
from typing import Iterator

from pydantic import TypeAdapter, ValidationError

from . import (assemble, checks_plans, checks_structure, checks_summary, checks_types, images,
               prose, text_rules)
from .assemble import agency_of
from .dates import PartialDate
from .diagnostics import Diagnostic, Severity
from .load import REFERENCE_DOCX, Path_, SourceDoc, Sources, dotted
from .model import CaseReview, Recommendation
from .writers import docx_styles

WARN = Severity.WARNING
PANEL, TERMS, FAMILY = "review/panel.yml", "review/terms.yml", "review/family.yml"
RECOMMENDATIONS, ANALYSIS = "review/recommendations.yml", "review/analysis.yml"


class Checker:
    def __init__(self, review: CaseReview, sources: Sources, failed: set[str] = frozenset(),
                 panel: bool = False):
        self.review, self.sources, self.failed = review, sources, failed
        self.panel = panel          # a panel build: the work still to do is listed, not refused

    def complete(self, *parts: str) -> bool:
        """False when one of `parts` (a file, or a folder's files) failed validation and is
        missing from the review, or stands in empty: a rule that needs it says nothing, lest
        it report what the broken file may hold."""
        return not any(f == part or f.startswith(part + "/") for f in self.failed for part in parts)

    def at(self, file: str, path: Path_, message: str, hint: str, severity=Severity.ERROR,
           line: int | None = None, key: bool = False) -> Diagnostic:
        doc = self.sources.get(file) or _claiming(self.sources, file)
        if doc is None:
            return Diagnostic(file, 1, 1, dotted(path), message, hint, severity)
        row, col = doc.text_line(path, line) if line is not None else doc.where(path, key=key)
        return Diagnostic(doc.path, row, col, dotted(path), message, hint, severity)

    def run(self) -> list[Diagnostic]:
        out: list[Diagnostic] = []
        for rule in rules():
            out.extend(rule(self))
        return out


def _suggest(name: str, known) -> str:
    import difflib      # only for a name that is wrong: not every check pays for it
    close = difflib.get_close_matches(name, list(known), n=1, cutoff=0.6)
    return f"did you mean `{close[0]}`?" if close else "declared ones: " + ", ".join(sorted(known))


def texts(doc: SourceDoc) -> Iterator[tuple[Path_, str]]:
    """Every text value of a document with its path; a section's body has the empty path."""
    def walk(value, path):
        if isinstance(value, str):
            yield path, value
        elif isinstance(value, dict):
            for k, v in value.items():
                yield from walk(v, path + (k,))
        elif isinstance(value, list):
            for i, v in enumerate(value):
                yield from walk(v, path + (i,))
    yield from walk(doc.data, ())
    if doc.body is not None:
        yield (), doc.body


# --- agencies ------------------------------------------------------------------------------

def agencies(c: Checker) -> Iterator[Diagnostic]:
    if not c.complete(PANEL):
        return
    declared = [a.id for a in c.review.panel.agencies]
    for i, agency_id in enumerate(declared):
        if declared.index(agency_id) != i:
            yield c.at("review/panel.yml", ("agencies", i, "id"), f"agency id `{agency_id}` is "
                       "declared twice", "give each agency its own id")
    for folder in ("agency_imrs", "action_plans"):
        for doc in c.sources.under(folder):
            named = doc.data.get("agency") if isinstance(doc.data, dict) else None
            if doc.path in c.failed or named is None:
                continue
            if named not in declared:
                yield c.at(doc.path, ("agency",), f"agency `{named}` is not declared",
                           f"{_suggest(named, declared)} (agencies are declared in review/panel.yml)")
            elif agency_of(doc.path) != named:
                yield c.at(doc.path, ("agency",), f"this file is named for `{agency_of(doc.path)}` "
                           f"but says agency `{named}`", f"rename the file to {folder}/{named}.yml")
    imrs = {imr.agency: imr for imr in c.review.imrs}
    for i, agency in enumerate(c.review.panel.agencies):
        file = f"agency_imrs/{agency.id}.yml"
        if agency.imr and c.sources.get(file) is None:
            yield c.at("review/panel.yml", ("agencies", i, "imr"), f"`{agency.id}` wrote an IMR "
                       f"but {file} does not exist", "add the file, or set imr: false")
        if file in c.failed or agency.id not in imrs:
            continue
        if agency.chronology and not imrs[agency.id].chronology:
            yield c.at("review/panel.yml", ("agencies", i, "chronology"), f"`{agency.id}` gave a "
                       "chronology but its IMR has no chronology entries",
                       f"add entries under `chronology:` in {file}, or set chronology: false")
        if imrs[agency.id].chronology and not agency.chronology:
            yield c.at(file, ("chronology",), "this agency has chronology entries but "
                       "review/panel.yml says it gave no chronology",
                       f"set chronology: true for `{agency.id}` in review/panel.yml")


# --- chronology -----------------------------------------------------------------------------

def chronology(c: Checker) -> Iterator[Diagnostic]:
    frame = getattr(c.review.terms, "timeframe", None)   # a stand-in has none
    pseudonyms = {m.pseudonym for m in c.review.family.members}
    for imr in c.review.imrs:
        file = f"agency_imrs/{imr.agency}.yml"
        for i, entry in enumerate(imr.chronology):
            for j, who in enumerate(entry.involved if c.complete(FAMILY) else ()):
                if who not in pseudonyms:
                    yield c.at(file, ("chronology", i, "involved", j), f"`{who}` is not a declared "
                               "pseudonym", f"{_suggest(who, pseudonyms)} (declare it in review/family.yml)")
            if c.complete(TERMS) and not entry.background \
                    and not entry.date.within(frame.start, frame.end):
                yield c.at(file, ("chronology", i, "date"), f"{entry.date} is outside the "
                           f"timeframe ({frame.start} to {frame.end})",
                           "correct the date, or mark the entry `background: true`", WARN)


# --- recommendations and action plans -------------------------------------------------------

def _all_recommendations(c: Checker):
    """(recommendation, file, path) for every recommendation in the review."""
    for imr in c.review.imrs:
        for i, rec in enumerate(imr.recommendations):
            yield rec, f"agency_imrs/{imr.agency}.yml", ("recommendations", i)
    for key in ("overview", "repeated"):
        for i, rec in enumerate(getattr(c.review.recommendations, key)):
            yield rec, "review/recommendations.yml", (key, i)


def recommendations(c: Checker) -> Iterator[Diagnostic]:
    seen: dict[str, str] = {}
    for rec, file, path in _all_recommendations(c):
        if rec.id in seen:
            yield c.at(file, path, f"recommendation id `{rec.id}` is already used in {seen[rec.id]}",
                       "give it its own `id:` or `label:`")
        seen.setdefault(rec.id, file)
    answered = {rid for plan in c.review.action_plans for row in plan.rows for rid in row.answers}
    answered_too = salvaged(c, "action_plans", _answers)
    imr_ids = salvaged(c, "agency_imrs", _recommendation_ids)
    # an agency's recommendations and the overview's own are followed alike: each by a row
    # of an action plan, or addressed `to:` a body outside (the tracker awaits its response),
    # or said to have none
    owned = [(f"agency_imrs/{imr.agency}.yml", ("recommendations",), imr.recommendations)
             for imr in c.review.imrs]
    if c.complete(RECOMMENDATIONS):
        owned.append((RECOMMENDATIONS, ("overview",), c.review.recommendations.overview))
    for file, where, recs in owned:
        for i, rec in enumerate(recs):
            if rec.id not in answered and not rec.no_action_row and not rec.to \
                    and answered_too is not None and rec.id not in answered_too:
                yield c.at(file, (*where, i), f"recommendation `{rec.id}` has no action "
                           "plan row", f"add a row with `answers: [{rec.id}]` to an action plan in "
                           "action_plans/, or say why in `no_action_row:`")
            elif rec.id in answered and rec.no_action_row:
                yield c.at(file, (*where, i, "no_action_row"), f"recommendation `{rec.id}` "
                           "says it has no action plan row, but a row answers it",
                           "remove `no_action_row:`", WARN)
    for plan in c.review.action_plans:
        file = f"action_plans/{plan.agency}.yml"
        for i, row in enumerate(plan.rows):
            for j, rid in enumerate(row.answers):
                if rid not in seen and imr_ids is not None and rid not in imr_ids \
                        and c.complete(RECOMMENDATIONS):
                    yield c.at(file, ("rows", i, "answers", j), f"recommendation `{rid}` does not exist",
                               _suggest(rid, seen))
            yield from _row(c, file, i, row)
    ids = Counter(row.id for plan in c.review.action_plans for row in plan.rows)
    for plan in c.review.action_plans:
        for i, row in enumerate(plan.rows):
            if ids[row.id] > 1:
                yield c.at(f"action_plans/{plan.agency}.yml", ("rows", i), f"row id `{row.id}` is "
                           "used more than once", "give the row its own `no:` or `id:`")


def salvaged(c: Checker, folder: str, read) -> set[str] | None:
    """What `read` finds in the files of `folder` that failed validation, when each of them
    still says it soundly (their broken part lies elsewhere); None when one does not."""
    found: set[str] = set()
    for doc in c.sources.under(folder):
        if doc.path not in c.failed:
            continue
        said = read(doc.path, doc.data) if isinstance(doc.data, dict) else None
        if said is None:
            return None
        found |= said
    return found


@cache
def _recommendations() -> TypeAdapter:
    """Built for a broken IMR only (a validator of its own, 2 ms of every check otherwise)."""
    return TypeAdapter(list[Recommendation])


def _recommendation_ids(path: str, data: dict) -> set[str] | None:
    """The ids a broken IMR's recommendations are given, as assemble.py gives them."""
    agency = data.get("agency", agency_of(path))
    try:
        recs = _recommendations().validate_python(data.get("recommendations") or [])
    except ValidationError:
        return None
    return {rec.id for rec in assemble.recommendations(recs, f"{agency}-rec")} \
        if isinstance(agency, str) else None


def _answers(path: str, data: dict) -> set[str] | None:
    """The recommendation ids a broken action plan's rows answer."""
    rows = data.get("rows")
    lists = [row.get("answers") or [] for row in rows if isinstance(row, dict)] \
        if isinstance(rows, list) else None
    if lists is None or not all(isinstance(a, list) for a in lists):
        return None
    return {str(rid) for answers in lists for rid in answers}


NO_ONE = {"not stated", "none", "n/a", "tbc", "tbd", "unknown", "not known"}


def _names_no_one(lead) -> bool:
    return lead.name is None and lead.role.strip().rstrip(".").lower() in NO_ONE


def _row(c: Checker, file: str, i: int, row) -> Iterator[Diagnostic]:
    for field in ("lead", "deadline"):
        missing = [j for j, a in enumerate(row.actions) if getattr(a, field) is None]
        if getattr(row, field) is None and missing:
            where = ("rows", i, "actions", missing[0]) if len(row.actions) > 1 else ("rows", i)
            yield c.at(file, where, f"row `{row.id}` has no {field}",
                       f"add `{field}:` to the row, or to each of its actions")
    # what a published plan printed (`{as_written: Not stated}`) is kept, not asked about
    for lead in filter(None, [row.lead] + [a.lead for a in row.actions]):
        if _names_no_one(lead) and lead.as_written is None:
            yield c.at(file, ("rows", i), f"row `{row.id}`: lead `{lead}` names no one", "give "
                       "the post or team that owns it, e.g. `Head of Service`, so it can be tracked",
                       WARN)
    for deadline in filter(None, [row.deadline] + [a.deadline for a in row.actions]):
        if deadline.needs_date and not deadline.as_published:
            yield c.at(file, ("rows", i), f"row `{row.id}`: deadline `{deadline}` needs a date",
                       "give a date or month, e.g. `September 2015`, so it can be tracked", WARN)
    if row.status in ("not_implemented", "superseded") and not row.reason:
        yield c.at(file, ("rows", i, "status"), f"row `{row.id}` is {row.status.replace('_', ' ')} "
                   "but gives no reason", "add `reason:` (boards must report it)")


# --- prose: references, footnotes, citations, pseudonyms, directives ------------------------

def prose_references(c: Checker) -> Iterator[Diagnostic]:
    para_ids: dict[str, str] = {}
    for s in c.review.sections:
        for pid, line in prose.paragraph_ids(s.body):
            if pid in para_ids:
                yield c.at(s.file, (), f"paragraph id `{pid}` is already used in {para_ids[pid]}",
                           "give this paragraph another id", line=line)
            para_ids.setdefault(pid, s.file)
    # None: what a broken file declares is not known, and what refers to it is not checked
    known = lambda part, names: set(names) if c.complete(part) else None  # noqa: E731
    broken = [d for d in c.sources.under("review/sections") if d.path in c.failed]
    targets = {"para": set(para_ids) | {pid for d in broken for pid, _ in prose.paragraph_ids(
                   d.body)} if all(d.body is not None for d in broken) else None,
               "section": {s.id for s in c.review.sections} | {
                   assemble.section_id(d.path) for d in broken},
               "question": known(TERMS, (q.id for q in c.review.terms.questions)),
               **{unit: known(ANALYSIS, (u.id for u in getattr(c.review.analysis, unit + "s")))
                  for unit in ("episode", "finding", "theme")}}
    citations = known("review/references.yml", (r.id for r in c.review.references.references))
    pseudonyms = known(FAMILY, (m.pseudonym for m in c.review.family.members))
    for file, doc in sorted(c.sources.docs.items()):
        for path, text in texts(doc):
            yield from _text(c, file, path, text, targets, citations, pseudonyms)


def _text(c, file, path, text, targets, citations, pseudonyms) -> Iterator[Diagnostic]:
    for m in prose.XREF.finditer(text):
        if targets[m[1]] is not None and m[2] not in targets[m[1]]:
            what = {"para": "paragraph id", "question": "key question"}.get(m[1], m[1])
            yield c.at(file, path, f"`{m[0]}`: there is no {what} `{m[2]}`", _suggest(m[2], targets[m[1]]),
                       line=prose.line_of(text, m.start()))
    defined = prose.footnote_definitions(text)
    used = set()
    for name, line in prose.find(prose.FOOTNOTE_USE, text):
        used.add(name)
        if name not in defined:
            yield c.at(file, path, f"footnote `[^{name}]` has no text", f"add a line `[^{name}]: ...` "
                       "at the end of the same text", line=line)
    for name in set(defined) - used:
        line = prose.line_of(text, text.index(f"[^{name}]:"))
        yield c.at(file, path, f"footnote `[^{name}]` is never used", f"refer to it with `[^{name}]` "
                   "or remove it", WARN, line=line)
    for key, line in prose.find(prose.CITATION, text):
        if citations is not None and key not in citations:
            yield c.at(file, path, f"citation `[@{key}]` is not in review/references.yml",
                       _suggest(key, citations), line=line)
    for name, line in prose.find(prose.PSEUDONYM, text):
        if pseudonyms is not None and name not in pseudonyms:
            yield c.at(file, path, f"`{name}` is not a declared pseudonym",
                       f"{_suggest(name, pseudonyms)} (declare it in review/family.yml)", line=line)
    yield from _directives(c, file, path, text)


def _directives(c, file, path, text) -> Iterator[Diagnostic]:
    if "[[" not in text:
        return
    for block in prose.blocks(text):
        if block.kind != "directive":
            continue
        if path:
            yield c.at(file, path, f"`{block.text}` only works in a section's Markdown file",
                       "move it to a file in review/sections/", line=block.line)
        elif block.id not in prose.DIRECTIVES:
            yield c.at(file, path, f"unknown directive `{block.text}`",
                       _suggest(block.id, prose.DIRECTIVES), line=block.line)
        elif block.id == "chronology":
            yield from _date_range(c, file, block)


def _date_range(c, file, block) -> Iterator[Diagnostic]:
    args = prose.directive_args(block)
    start, _, end = args.partition("..")
    try:
        PartialDate.parse(start.strip()), PartialDate.parse(end.strip())
    except Exception as exc:  # PydanticCustomError: the message says what is wrong
        yield c.at(file, (), f"`{block.text}`: {str(exc).split(';')[0]}",
                   "write the range as [[chronology 2013-09..2014-08-31]]", line=block.line)


# --- templates -------------------------------------------------------------------------------

def reference_document(c: Checker) -> Iterator[Diagnostic]:
    """A workspace's own Word styles must be a DOCX holding the styles the layout uses."""
    if c.sources.reference_docx is None:
        return
    start = ("start from `casereview template reference.docx`, which has them all, and restyle "
             "it in Word")
    try:
        missing = docx_styles.missing_styles(c.sources.reference_docx)
    except docx_styles.NotADocx:
        yield Diagnostic(REFERENCE_DOCX, 1, 1, "", "is not a Word document (.docx)",
                         f"save it from Word as a .docx, or {start}")
        return
    if missing:
        yield Diagnostic(REFERENCE_DOCX, 1, 1, "", "lacks the styles casereview's layout uses: "
                         + ", ".join(missing), f"add them in Word, or {start}")


# --- the review's text is text (text_rules.py) -------------------------------------------

def text_is_text(c: Checker) -> Iterator[Diagnostic]:
    """Markup, addresses and images in every text (text_rules.py, images.py)."""
    for file, doc in sorted(c.sources.docs.items()):
        for path, value in texts(doc):
            for found in text_rules.findings(value):
                row, col = _place(doc, path, value, found.offset)
                yield Diagnostic(file, row, col, dotted(path), found.message, found.hint,
                                 Severity.ERROR if found.error else WARN)
            for ref in images.references(value):
                problem = _image_problem(c.sources.root, ref)
                if problem:
                    yield Diagnostic(file, *_place(doc, path, value, ref.offset), dotted(path),
                                     *problem)


def _place(doc: SourceDoc, path: Path_, value: str, offset: int) -> tuple[int, int]:
    """Line and column in the file of a character of a text value (a block scalar's lines
    are indented in the file; a one-line value starts at its column)."""
    line = value.count("\n", 0, offset)
    within = offset - (value.rfind("\n", 0, offset) + 1)
    row, col = doc.text_line(path, line)
    if path and col == 1:
        written = doc.text.splitlines()[row - 1] if row <= len(doc.text.splitlines()) else ""
        col += len(written) - len(written.lstrip())
    return row, col + within


def _image_problem(root, ref: images.Reference) -> tuple[str, str] | None:
    try:
        images.publish(images.resolve(root, ref.src))
    except images.Refused as refused:
        message, _, hint = str(refused).partition("; ")
        return f"image {message}", hint
    if not ref.alt.strip():
        return (f"image `{ref.src}` has no description", "say what it shows between the "
                "brackets, `![what it shows](...)`: screen readers read it out")
    return None


RULES = [agencies, chronology, recommendations, prose_references, reference_document,
         checks_plans.action_plans, checks_summary.executive_summary, *checks_structure.RULES,
         *checks_types.RULES]


def rules() -> list:
    """Every rule: this module's, then those of the modules built on its helpers (they import
    this module, so it imports them only once the rules run)."""
    from . import checks_analysis, checks_subjects
    return [*RULES, *checks_analysis.RULES, *checks_subjects.RULES]


def _claiming(sources: Sources, file: str) -> SourceDoc | None:
    """The file that holds an agency's IMR or plan when it is not named for the agency
    (`agency:` says another; the agencies rule reports that): rules name a part's file from
    its agency, so that `agency_imrs/csc.yml` may in fact be `agency_imrs/social-care.yml`."""
    folder, _, name = file.rpartition("/")
    agency = name.removesuffix(".yml")
    return next((doc for doc in sources.under(folder)
                 if isinstance(doc.data, dict) and doc.data.get("agency") == agency), None)
