"""The live preview behind `casereview serve`: the site built into a private temporary folder
(never the workspace's site/ or dist/: a preview is not a publication) and built again after
every save, or the workspace's errors in its place.

A save is checked and rendered as a build does; then only the pages it changed are built
again (writers/site_preview.py), unless it touched what every page shows (templates/,
mkdocs.yml, a title in the menu, an image), when the whole site is built into a fresh folder
and served from there once ready. Each build that changes what is served gets the next
build number: the pages reload themselves when it moves (serve_http.py)."""
from __future__ import annotations

import os
import shutil
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from . import pipeline, render
from .commands.check import check
from .diagnostics import CheckFailed
from .writers import WriterError

# what every page shows, so that a change to it is built into every page
WHOLE_SITE = ("templates", "mkdocs.yml")
# what the build reads: the review, the IMRs, the action plans, the templates, mkdocs.yml,
# the identity register (private/ or the hashed one)
WATCHED = ("review", "agency_imrs", "action_plans", "private", *WHOLE_SITE,
           "identities.hashed.yml")


@dataclass
class Outcome:
    """What one build did: the pages built again (`whole`: all of them), or the errors."""

    seconds: float
    pages: list[str] = field(default_factory=list)
    whole: bool = False
    errors: list[str] = field(default_factory=list)
    moved: bool = True           # whether the build number moved (what is served changed)
    corrected: bool = False      # the site is shown again after errors


class Preview:
    """The served site, or the errors that stop it, and its build number."""

    def __init__(self, workspace: Path, identities: Path | None = None, strict: bool = False):
        self.root = Path(workspace).resolve()
        self.identities, self.strict = identities, strict
        self.folder = private_folder()
        self.lock = threading.Lock()            # held while the served files change
        self.moved = threading.Condition()      # notified when the build number moves
        self.build = 0
        self.errors: list[str] = []
        self.site: Path | None = None           # the folder served
        self.live = None                        # writers/site_preview.LiveSite of `site`
        self.whole_due = True
        self.builds = 0

    def rebuild(self, changed: list[str] = ()) -> Outcome:
        """Build again after the files `changed` (relative to the workspace) were saved."""
        start = time.perf_counter()
        if any(whole_site(path) for path in changed):
            self.whole_due = True
        outcome = Outcome(0.0)
        try:
            rendered = self._rendered()
            pages = None if self.whole_due else self._update(rendered)
            if pages is None:
                self._build_whole(rendered)
                outcome.whole = True
            outcome.pages = pages or []
        except CheckFailed as failed:
            report = failed.report
            outcome.errors = [str(d) for d in report.errors + (report.warnings if self.strict
                                                               else [])]
        except WriterError as failed:
            self.whole_due = True       # a page may be half rebuilt: build it all next time
            outcome.errors = str(failed).splitlines()
        outcome.moved = outcome.whole or bool(outcome.pages) or outcome.errors != self.errors
        outcome.corrected = bool(self.errors) and not outcome.errors
        self._show(outcome)
        outcome.seconds = time.perf_counter() - start
        return outcome

    def refresh_search(self) -> None:
        """The search index again after pages were rebuilt: done once their pages are
        served, as it reads every page (0.2 s on the example)."""
        if self.live is not None and not self.errors:
            try:
                self.live.refresh_search(self.lock)
            except WriterError as failed:
                self.whole_due = True
                self._show(Outcome(0.0, errors=str(failed).splitlines()))

    def _rendered(self):
        checked = check(self.root, identities=self.identities)
        if checked.report.failed(self.strict):
            raise CheckFailed(checked.report)
        return render.render(checked.review, self.root,
                             pipeline.build_date(checked.sources.newest),
                             pipeline.output_name(checked.review))

    def _update(self, rendered) -> list[str] | None:
        return self.live.update(rendered, self.lock) if self.live else None

    def _build_whole(self, rendered) -> None:
        """The whole site into a fresh folder, served once it is complete."""
        from .writers import site, site_preview

        self.builds += 1
        stage = self.folder / f"build-{self.builds}"
        live = site_preview.LiveSite()
        try:
            site.write(rendered, stage, live=live)
        except BaseException:
            shutil.rmtree(stage, ignore_errors=True)
            raise
        with self.lock:
            previous, self.site = self.site, stage / "site"
        if previous is not None:
            shutil.rmtree(previous.parent, ignore_errors=True)
        self.live, self.whole_due = live, False

    def _show(self, outcome: Outcome) -> None:
        with self.moved:
            self.errors = outcome.errors
            if outcome.moved:
                self.build += 1
                self.moved.notify_all()

    def close(self) -> None:
        """Remove the temporary folder, and wake whoever waits for the next build."""
        shutil.rmtree(self.folder, ignore_errors=True)
        with self.moved:
            self.build = -1
            self.moved.notify_all()


def private_folder() -> Path:
    """A new private folder for the preview, in memory where the system has a place for
    that (/dev/shm): a page built again is rewritten there, not on a disk that may be busy
    (rewriting a file on a busy disk took 0.1 s of a rebuild on the machines here)."""
    memory = Path("/dev/shm")
    place = memory if memory.is_dir() and os.access(memory, os.W_OK | os.X_OK) else None
    return Path(tempfile.mkdtemp(prefix="casereview-serve-", dir=place))


def whole_site(path: str) -> bool:
    """Whether a change to this file (relative to the workspace) changes every page."""
    return Path(path).parts[:1] == ("templates",) or path == "mkdocs.yml"


def watched(path: str) -> bool:
    """Whether the build reads this file (relative to the workspace)."""
    return bool(Path(path).parts) and Path(path).parts[0] in WATCHED
