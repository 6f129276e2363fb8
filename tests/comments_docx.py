"""What a panel member does to the report's DOCX in Word, done with python-docx and lxml:
comments from two members (two on one paragraph, one on a heading, one on an action plan's
table cell, one on a paragraph the author later rewrites), a reply (Word's
commentsExtended.xml), a comment and a tracked deletion in footnotes and a tracked
insertion in the body (w:ins, w:del)."""
from __future__ import annotations

from pathlib import Path

import docx
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from lxml import etree

A, B = ("Panel Member A", "PA"), ("Panel Member B", "PB")
W14 = "http://schemas.microsoft.com/office/word/2010/wordml"
W15 = "http://schemas.microsoft.com/office/word/2012/wordml"
EXTENDED = ("application/vnd.openxmlformats-officedocument.wordprocessingml."
            "commentsExtended+xml",
            "http://schemas.microsoft.com/office/2011/relationships/commentsExtended")


def paragraph(document, opening: str):
    return next(p for p in document.paragraphs if p.text.startswith(opening))


def comment(document, runs, text: str, who: tuple[str, str], date: str):
    made = document.add_comment(runs, text, author=who[0], initials=who[1])
    made._comment_elm.set(qn("w:date"), date)      # python-docx stamps the clock's time
    return made


def annotate(source: Path, target: Path) -> Path:
    document = docx.Document(source)
    safron = paragraph(document, "Safron Rose works full time")
    first = comment(document, safron.runs, "Say for how long.", A, "2016-05-01T10:00:00Z")
    second = comment(document, safron.runs, "Agree; and name her training.", B,
                     "2016-05-02T09:00:00Z")
    reply = comment(document, safron.runs, "Will do in the next draft.", A,
                    "2016-05-03T11:00:00Z")
    replies(document, {reply: second, first: None, second: None})
    heading = next(p for p in document.paragraphs if p.text == "Independence")
    comment(document, heading.runs, "Say who appointed them.", B, "2016-05-02T09:30:00Z")
    cell = lead_cell(document, "Action plan: Children’s Social Care", row=2)
    comment(document, cell.paragraphs[0].runs, "Name the role, not the team.", A,
            "2016-05-01T10:30:00Z")
    ruby = paragraph(document, "Ruby Parry was formerly")
    comment(document, ruby.runs, "Which years?", A, "2016-05-01T10:45:00Z")
    insert(paragraph(document, "She has more than twenty-five"), "In all, ", B,
           "2016-05-02T10:00:00Z")
    part, notes = footnotes(document)
    delete_in_footnote(notes, B, "2016-05-02T10:15:00Z")
    comment_in_footnote(document, notes, "Cite the page.", B, "2016-05-02T10:20:00Z")
    save_footnotes(part, notes)
    document.save(target)
    return target


def lead_cell(document, caption: str, row: int):
    table = next(t for t in document.tables
                 if t._tbl.find(f"{qn('w:tblPr')}/{qn('w:tblCaption')}") is not None
                 and t._tbl.find(f"{qn('w:tblPr')}/{qn('w:tblCaption')}").get(qn("w:val"))
                 == caption)
    header = [c.text for c in table.rows[0].cells]
    return table.cell(row, header.index("Lead"))


def replies(document, parents: dict) -> None:
    """Word's record of which comment answers which: each comment's last paragraph gets a
    w14:paraId, and commentsExtended.xml names a reply's parent by it."""
    for n, made in enumerate(parents, start=1):
        made._comment_elm.findall(qn("w:p"))[-1].set(f"{{{W14}}}paraId", f"0000000{n}")
    ids = {made: f"0000000{n}" for n, made in enumerate(parents, start=1)}
    entries = "".join(
        f'<w15:commentEx w15:paraId="{ids[made]}"'
        + (f' w15:paraIdParent="{ids[parent]}"' if parent is not None else "") + ' w15:done="0"/>'
        for made, parent in parents.items())
    xml = (f'<w15:commentsEx xmlns:w15="{W15}">{entries}</w15:commentsEx>').encode()
    part = Part(PackURI("/word/commentsExtended.xml"), EXTENDED[0], xml, document.part.package)
    document.part.relate_to(part, EXTENDED[1])


def insert(p, text: str, who: tuple[str, str], date: str) -> None:
    ins = parse_xml(f'<w:ins {nsdecls("w")} w:id="9001" w:author="{who[0]}" w:date="{date}">'
                    f'<w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:ins>')
    p._p.find(qn("w:r")).addprevious(ins)


def footnotes(document):
    """The footnotes part and its XML, which python-docx reads but does not model."""
    part = next(r.target_part for r in document.part.rels.values()
                if r.reltype.endswith("/footnotes"))
    return part, [f for f in parse_xml(part.blob).iter(qn("w:footnote"))
                  if int(f.get(qn("w:id"))) > 0]


def save_footnotes(part, notes) -> None:
    part._blob = etree.tostring(notes[0].getparent(), xml_declaration=True, encoding="UTF-8",
                                standalone=True)


def delete_in_footnote(notes, who: tuple[str, str], date: str) -> None:
    """The first footnote's first words, deleted with tracking (w:t becomes w:delText)."""
    run = next(r for r in notes[0].iter(qn("w:r")) if (r.findtext(qn("w:t")) or "").strip())
    run.find(qn("w:t")).tag = qn("w:delText")
    deletion = parse_xml(f'<w:del {nsdecls("w")} w:id="9002" w:author="{who[0]}" '
                         f'w:date="{date}"/>')
    run.addprevious(deletion)
    deletion.append(run)


def comment_in_footnote(document, notes, text: str, who: tuple[str, str], date: str) -> None:
    """A comment on the second footnote's words: made on a run of the body (python-docx
    anchors comments there only), then its range and reference moved into the footnote."""
    made = comment(document, document.paragraphs[-1].runs, text, who, date)
    cid = str(made.comment_id)
    start, end, reference = (next(el for el in document.element.body.iter(qn(tag))
                                  if el.get(qn("w:id")) == cid)
                             for tag in ("w:commentRangeStart", "w:commentRangeEnd",
                                         "w:commentReference"))
    run = next(r for r in notes[1].iter(qn("w:r")) if (r.findtext(qn("w:t")) or "").strip())
    run.addprevious(start)
    run.addnext(end)
    end.addnext(reference.getparent())
