"""Write outputs to a temporary folder and move them into place only when everything
succeeded, so a failed build leaves the previous `site/` and `dist/` as they were."""
from __future__ import annotations

import shutil
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

OUTPUTS = ("site", "dist")


def published(folder: Path) -> list[Path]:
    """Every file a build folder publishes (its `site/` and `dist/`), in a stable order."""
    return sorted(p for top in OUTPUTS for p in (folder / top).rglob("*") if p.is_file())


@contextmanager
def staging(root: Path) -> Iterator[Path]:
    """A folder beside the outputs (same file system, so the final moves are renames).
    Its `site/` and `dist/` replace the workspace's when the block ends without error."""
    stage = Path(tempfile.mkdtemp(prefix=".casereview-build-", dir=root))
    try:
        yield stage
        _swap(root, stage)
    finally:
        shutil.rmtree(stage, ignore_errors=True)


def _swap(root: Path, stage: Path) -> None:
    for name in OUTPUTS:
        new = stage / name
        if not new.exists():
            continue
        old = root / name
        if not old.exists():
            new.rename(old)
            continue
        if old.is_dir() and name == "dist":
            # dist/ is shared by the formats: replace only the files this build made
            for item in new.iterdir():
                target = old / item.name
                if target.is_dir():
                    shutil.rmtree(target)
                item.replace(target)
            continue
        retired = stage / f"{name}.old"
        old.rename(retired)
        new.rename(old)
