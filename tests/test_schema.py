"""The JSON Schemas editors use: generated from the model, committed, and accepting the example."""
import json

import jsonschema
import yaml

from casereview.commands.schema import schema_for, schemas
from conftest import ROOT


def test_committed_schemas_are_the_generated_ones():
    for name, text in schemas().items():
        assert (ROOT / "schema" / name).read_text(encoding="utf-8") == text, \
            f"schema/{name} is stale: run `casereview schema`"


def test_every_example_file_names_and_satisfies_its_schema():
    files = sorted([*ROOT.glob("review/*.yml"), *ROOT.glob("agency_imrs/*.yml"),
                    *ROOT.glob("action_plans/*.yml")])
    assert len(files) == 21
    for file in files:
        rel = file.relative_to(ROOT).as_posix()
        first = file.read_text(encoding="utf-8").splitlines()[0]
        assert first == f"# yaml-language-server: $schema=../schema/{schema_for(rel)}"
        schema = json.loads((ROOT / "schema" / schema_for(rel)).read_text(encoding="utf-8"))
        data = yaml.load(file.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)  # all text
        jsonschema.validate(_typed(data), schema)


def _typed(value):
    """BaseLoader keeps every scalar as text, as dates are in casereview; restore booleans."""
    if isinstance(value, dict):
        return {k: _typed(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_typed(v) for v in value]
    return {"true": True, "false": False}.get(value, value)


def test_schema_catches_an_unknown_field():
    schema = json.loads(schemas()["imr.schema.json"])
    try:
        jsonschema.validate({"agency": "police", "chronolgy": []}, schema)
    except jsonschema.ValidationError as exc:
        assert "chronolgy" in exc.message
    else:
        raise AssertionError("the schema accepted an unknown field")
