"""The publication manifest: what was published, when, the SHA-256 of every artefact, what
the output scan covered, and how long the report must stay online. It is written before
the output scan, which reads it with everything else it lists."""
from __future__ import annotations

import calendar
import hashlib
import json
from datetime import date
from pathlib import Path

from ..model import CaseReview
from . import staging

RETENTION_MONTHS = 12   # Working Together 2013: online for at least 12 months, then on request


def write(stage: Path, review: CaseReview, title: str, published: date, scanned: dict) -> Path:
    """`title`: the rendered one (the review's own, else made from its type and subjects), so
    that the manifest names the report as every output does."""
    artefacts = {p.relative_to(stage).as_posix(): _sha256(p) for p in staging.published(stage)}
    info = review.info
    manifest = {
        "title": title, "type": info.type, "subjects": info.subject_names,
        "partnership": info.partnership, "version": info.version, "status": info.status,
        "published": published.isoformat(),
        "panel_sign_off": _sign_off(info),
        "retention": {"online_from": published.isoformat(),
                      "online_until_at_least": _add_months(published, RETENTION_MONTHS).isoformat(),
                      "thereafter": "available on request"},
        "scan": scanned,
        "artefacts": artefacts,
    }
    target = stage / "dist" / "publication-manifest.json"
    target.write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return target


def _sign_off(info) -> dict | None:
    """Who signed the report off for the panel: by role only when the review shows
    professionals by role (`professionals: role`), as every other public output does."""
    if info.sign_off is None:
        return None
    signed = info.sign_off.model_dump(mode="json")
    if info.professionals == "role":
        del signed["name"]
    return signed


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _add_months(day: date, months: int) -> date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))
