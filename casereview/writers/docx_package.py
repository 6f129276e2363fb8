"""The DOCX package: document properties from the review (and nothing from the machine), no
empty part, then the zip written byte for byte the same for the same input."""
from __future__ import annotations

import io
import zipfile
from datetime import date, datetime, time
from pathlib import Path

from docx.opc.constants import RELATIONSHIP_TYPE as RT

from .. import review_types
from ..render import Rendered

APP_XML = ("<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
           '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
           'extended-properties"><Application>casereview</Application>'
           "<DocSecurity>0</DocSecurity></Properties>")
FIRST = ("[Content_Types].xml", "_rels/.rels")           # where readers look first


def properties(doc, rendered: Rendered) -> None:
    """Title, subject, author, keywords, language, status; created and modified on the build
    date. No last-modified-by, revision or printing date."""
    info, core = rendered.info, doc.core_properties
    kind = review_types.type_name(info)
    core.title = rendered.title
    core.author = author(rendered)
    core.subject = review_types.subtitle(info, rendered.document)
    core.keywords = "; ".join(["safeguarding", kind, *info.subject_names, info.partnership])
    core.category = kind
    core.content_status = info.status.capitalize()
    core.language = "en-GB"
    midnight = datetime.combine(rendered.build_date, time(0, 0))     # read as UTC
    core.created = core.modified = midnight
    element = core._element
    for child in list(element):
        if child.tag.rsplit("}", 1)[-1] in ("lastModifiedBy", "revision", "lastPrinted"):
            element.remove(child)


def author(rendered: Rendered) -> str:
    """The lead reviewer as the report names them: by name where the report prints the name
    (it signs with it), else by role, as it signs when professionals appear by role."""
    lead = rendered.info.lead_reviewer
    published = (lead.name and rendered.info.professionals == "name"
                 and lead.name in rendered.markdown)
    return lead.name if published else lead.role


def without_empty_parts(doc) -> None:
    """pandoc's comments part holds no comment: a reader would find an empty part."""
    for rel_id, rel in list(doc.part.rels.items()):
        if rel.reltype == RT.COMMENTS and not len(rel.target_part.element):
            doc.part.drop_rel(rel_id)


def save(doc, target: Path, build_date: date) -> None:
    """python-docx's package, rewritten with the build date on every entry, a fixed entry
    order and app.xml reduced to the application's name (no template, no editing time)."""
    raw = io.BytesIO()
    doc.save(raw)
    stamp = (max(build_date.year, 1980), build_date.month, build_date.day, 0, 0, 0)
    with zipfile.ZipFile(raw) as source:
        names = source.namelist()
        order = [n for n in FIRST if n in names] + sorted(n for n in names if n not in FIRST)
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as package:
            for name in order:
                data = APP_XML.encode() if name == "docProps/app.xml" else source.read(name)
                entry = zipfile.ZipInfo(name, stamp)
                entry.compress_type, entry.create_system = zipfile.ZIP_DEFLATED, 0
                entry.external_attr = 0o644 << 16
                package.writestr(entry, data, compresslevel=6)
    target.write_bytes(out.getvalue())
