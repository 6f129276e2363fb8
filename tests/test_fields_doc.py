"""docs/authoring.md's tables of every field and of what each type requires are generated
from the model and review_types.yml (casereview/fields_doc.py): the document is current."""
from casereview import fields_doc, review_types
from casereview.model import ReviewInfo


def test_the_documents_tables_are_current():
    text = fields_doc.DOC.read_text(encoding="utf-8")
    assert fields_doc.START in text and fields_doc.END in text
    assert fields_doc.current(text) == text, \
        "docs/authoring.md is out of date: run `python3 -m casereview.fields_doc`"


def test_every_field_and_type_is_listed_with_what_requires_it():
    tables = fields_doc.generated()
    for name in ReviewInfo.model_fields:
        assert f"| `{name}` |" in tables
    assert "| `basis` | no | sar | SAR: Care Act 2014 s44(1)-(3) mandatory or s44(4) " \
        "discretionary |" in tables
    assert "| `rapid_review` | no | lcspr, rapid_review |  |" in tables
    assert "| `lead_reviewer.role` | yes, when its part is given |  |  |" in tables
    for key, kind in review_types.kinds().items():
        assert f"| `{key}` | {kind.name} |" in tables
