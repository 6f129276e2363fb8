"""`casereview schema`: JSON Schemas of every workspace file, for editors' completion and checks."""
from __future__ import annotations

import json
from pathlib import Path

from ..model import FILE_MODELS, FOLDER_MODELS, Part

#: schema file name -> model
SCHEMAS: dict[str, type[Part]] = {
    **{path.rsplit("/", 1)[-1].replace(".yml", ".schema.json"): model
       for path, model in FILE_MODELS.items() if path.endswith(".yml")},
    "section.schema.json": FOLDER_MODELS["review/sections"],
    "imr.schema.json": FOLDER_MODELS["agency_imrs"],
    "action_plan.schema.json": FOLDER_MODELS["action_plans"],
}


def schemas() -> dict[str, str]:
    """Schema file name -> JSON text."""
    out = {}
    for name, model in SCHEMAS.items():
        schema = model.model_json_schema()
        schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
        schema["$id"] = name
        out[name] = json.dumps(schema, indent=2, ensure_ascii=False) + "\n"
    return out


def schema_for(path: str) -> str:
    """The schema file that describes a workspace file."""
    if path in FILE_MODELS and path.endswith(".yml"):
        return path.rsplit("/", 1)[-1].replace(".yml", ".schema.json")
    folder = path.rsplit("/", 1)[0]
    return {"agency_imrs": "imr.schema.json", "action_plans": "action_plan.schema.json"}.get(
        folder, "section.schema.json")


def write(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in schemas().items():
        target = folder / name
        target.write_text(text, encoding="utf-8")
        written.append(target)
    return written
