"""Outputs are written to a staging folder beside `site/` and `dist/` and moved in only when
everything succeeded; then `site/` and `dist/` are replaced together or not at all.

- A staging folder (`.casereview-build-*`) holds a `lock` file its build keeps locked
  (flock) while it runs, with the build's pid in it for people. The kernel drops the lock
  when the process ends, however it ends, so the next build knows a killed build's folder
  from a running one's and removes only the former (a pid alone could have been reused).
- The moves are planned first (`swap.json` in the staging folder): what is replaced, what
  existed, what is archived. A move that fails is rolled back from that plan; a build killed
  while moving is rolled back by the next build from the same plan.
- `dist/` holds what this build made, plus, for a build of only some formats, the previous
  files of the other formats when they are of the same version and status (`RECORD` says
  which build made each file). Every other file leaving `dist/` is copied to `archive/`
  first, outside what is published, so a draft never sits beside the final report and no
  earlier version is lost.
"""
from __future__ import annotations

import errno
import filecmp
import json
import os
import shutil
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path, PurePosixPath
from typing import Iterator

from . import WriterError

try:
    import fcntl
except ImportError:         # Windows: a file another process holds open cannot be deleted
    fcntl = None

OUTPUTS = ("site", "dist")
PREFIX = ".casereview-build-"
ARCHIVE = "archive"
RECORD = ".casereview-build.json"       # in dist/: version, status and format of each file
LOCK, PLAN, ASIDE = "lock", "swap.json", "previous"
STARTING = 60       # seconds: a staging folder without its lock file yet may be starting


class OutputsLocked(WriterError):
    """`site/`, `dist/`, a file in them or the workspace itself cannot be changed; the
    message names it, says why and what to do. The previous outputs were left as they were."""


def published(folder: Path) -> list[Path]:
    """Every file a build folder publishes (its `site/` and `dist/`), in a stable order."""
    return sorted(p for top in OUTPUTS for p in (folder / top).rglob("*") if p.is_file())


@contextmanager
def staging(root: Path, archived: list[str] | None = None) -> Iterator[Path]:
    """A folder beside the outputs (same file system, so the final moves are renames). Its
    `site/` and `dist/` replace the workspace's when the block ends without error; the files
    moved to `archive/` are appended to `archived` (paths relative to the workspace)."""
    root = Path(root)
    with _exclusive(root):
        remove_stale(root)
        stage, lock = _create(root)
    try:
        yield stage
        with _exclusive(root):
            moved = _swap(root, stage)
        if archived is not None:
            archived += moved
    finally:
        lock.close()                        # (Windows cannot remove a file still open)
        if not (stage / PLAN).exists():     # a plan left behind holds the previous outputs
            shutil.rmtree(stage, ignore_errors=True)


# --- the record of what dist/ holds -----------------------------------------------------

def keep_previous(root: Path, stage: Path, version: str, status: str,
                  made: dict[str, str]) -> list[str]:
    """Complete the staged `dist/`: `made` maps each file this build wrote there (relative to
    `dist/`) to its format; the previous files of other formats are kept when the previous
    build was of the same version and status. Returns the kept files' names."""
    new, old = stage / "dist", root / "dist"
    new.mkdir(exist_ok=True)
    before = _record(old)
    kept = {}
    if (before.get("version"), before.get("status")) == (version, status):
        for name, fmt in before.get("files", {}).items():
            if fmt not in made.values() and name not in made and _inside(name) \
                    and (old / name).is_file() and _copied(old / name, new / name):
                kept[name] = fmt
    files = {**made, **kept}
    if files:
        record = {"version": version, "status": status, "files": dict(sorted(files.items()))}
        (new / RECORD).write_text(json.dumps(record, indent=2, ensure_ascii=False) + "\n",
                                  encoding="utf-8")
    elif not old.exists():
        new.rmdir()                         # nothing for dist/, and there was none
    return sorted(kept)


def _copied(source: Path, target: Path) -> bool:
    """A copy of a file to keep; one that cannot be read is not kept (it goes to archive/,
    where its copy fails with a message saying why)."""
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, target)
        return True
    except OSError:
        return False


def _record(dist: Path) -> dict:
    """The previous build's record; none (keep nothing) when missing or not ours."""
    try:
        record = json.loads((dist / RECORD).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    files = record.get("files") if isinstance(record, dict) else None
    if not isinstance(files, dict) or not all(isinstance(v, str) for v in files.values()):
        return {}
    return record


def _inside(name: str) -> bool:
    """A recorded name that stays inside dist/ (the record is a file anyone could edit)."""
    path = PurePosixPath(name)
    return bool(name) and not path.is_absolute() and ".." not in path.parts and "\\" not in name


# --- staging folders: created, locked, and removed when their build is gone -------------

@contextmanager
def _exclusive(root: Path) -> Iterator[None]:
    """One build at a time creates, clears or moves in staging folders (an flock on the
    workspace folder itself: no file is added; none where flock is missing)."""
    if fcntl is None:
        yield
        return
    handle = os.open(root, os.O_RDONLY)
    try:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX)
        except OSError:         # a file system without locks (some network shares)
            pass
        yield
    finally:
        os.close(handle)


def _create(root: Path):
    stage = None
    try:
        stage = Path(tempfile.mkdtemp(prefix=PREFIX, dir=root))
        lock = open(stage / LOCK, "w", encoding="utf-8")
    except OSError as error:
        if stage is not None:
            shutil.rmtree(stage, ignore_errors=True)
        raise OutputsLocked(f"{root}: cannot create the build folder there: {_why(error)}; "
                            "make sure you may write to the workspace folder and build "
                            "again") from None
    try:
        if fcntl is not None:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:             # no locks here: other builds will take it as running
        pass
    lock.write(f"casereview build, pid {os.getpid()}\n")
    lock.flush()
    return stage, lock


def remove_stale(root: Path) -> list[Path]:
    """Remove the staging folders of builds that are no longer running (killed, or crashed);
    one killed while moving its outputs in first puts the previous outputs back."""
    removed = []
    for folder in sorted(root.glob(PREFIX + "*")):
        if not folder.is_dir() or folder.is_symlink() or _in_use(folder):
            continue
        if (folder / PLAN).exists():
            try:
                _restore(root, folder)
            except OSError as error:
                raise OutputsLocked(_stranded(root, folder, error)) from None
        shutil.rmtree(folder, ignore_errors=True)
        removed.append(folder)
    return removed


def _in_use(folder: Path) -> bool:
    lock = folder / LOCK
    if not lock.exists():       # not locked yet (or an older casereview's): judge by its age
        return time.time() - folder.stat().st_mtime < STARTING
    if fcntl is None:
        try:
            lock.unlink()
            return False
        except OSError:
            return True
    try:
        with open(lock, "rb") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:             # held: its build is running (or the file cannot be read)
        return True
    return False


# --- the swap ---------------------------------------------------------------------------

def _swap(root: Path, stage: Path) -> list[str]:
    """Replace `site/` then `dist/` with the staged ones (those staged), after copying what
    leaves `dist/` to `archive/`; any failure puts everything back as it was."""
    replace = [name for name in OUTPUTS if os.path.lexists(stage / name)
               and not (name == "dist" and _same_tree(root / name, stage / name))]
    if not replace:
        return []
    for name in replace:
        _check_replaceable(root, name)
    archive = _archive_plan(root, stage) if "dist" in replace else {}
    plan = {"replace": replace, "archived": sorted(archive.values()),
            "existed": {name: os.path.lexists(root / name) for name in replace},
            "archive_existed": os.path.lexists(root / ARCHIVE)}
    subject = root
    try:
        (stage / ASIDE).mkdir()
        (stage / f"{PLAN}.new").write_text(json.dumps(plan, indent=2), encoding="utf-8")
        os.replace(stage / f"{PLAN}.new", stage / PLAN)        # whole, or not there at all
        for source, target in archive.items():
            subject = root / "dist" / source
            (root / target).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(subject, root / target, follow_symlinks=False)
        for name in replace:
            subject = root / name
            if plan["existed"][name]:
                os.rename(root / name, stage / ASIDE / name)
            os.rename(stage / name, root / name)
    except OSError as error:
        if Path(error.filename or "").is_relative_to(root / ARCHIVE):
            subject = root / ARCHIVE        # the archive, not the file copied into it
        _undo(root, stage, subject, error)
    (stage / PLAN).unlink()
    return plan["archived"]


def _undo(root: Path, stage: Path, subject: Path, error: OSError) -> None:
    try:
        _restore(root, stage)
    except OSError as failed:
        raise OutputsLocked(_stranded(root, stage, failed)) from None
    verb = "written to" if subject == root / ARCHIVE else "replaced"
    raise OutputsLocked(_cannot_replace(root, subject, error, verb)) from None


def _restore(root: Path, stage: Path) -> None:
    """Put the previous outputs back from a plan, whichever moves were made: each output is
    back where it was, and the archive copies made are removed. Safe to run again."""
    if not (stage / PLAN).exists():
        return                              # failed before anything moved
    plan = json.loads((stage / PLAN).read_text(encoding="utf-8"))
    for name in reversed(plan["replace"]):
        current, new, aside = root / name, stage / name, stage / ASIDE / name
        if plan["existed"][name] and os.path.lexists(aside):
            if os.path.lexists(current):
                os.rename(current, new)
            os.rename(aside, current)
        elif not plan["existed"][name] and os.path.lexists(current) \
                and not os.path.lexists(new):
            os.rename(current, new)
    for copy in plan["archived"]:
        (root / copy).unlink(missing_ok=True)
    if not plan["archive_existed"] and (root / ARCHIVE).is_dir():
        shutil.rmtree(root / ARCHIVE, ignore_errors=True)   # only copies made by this plan
    (stage / PLAN).unlink()


def _check_replaceable(root: Path, name: str) -> None:
    """Refuse before anything moves: an output that is a file, or (for dist/) a file that
    another program holds or that cannot be changed, as Word and PDF viewers hold theirs."""
    old = root / name
    if not os.path.lexists(old):
        return
    if not old.is_dir():
        raise OutputsLocked(f"{name}: is a file, where casereview writes the {name}/ folder; "
                            "move or rename the file and build again")
    if name != "dist":
        return              # site/ files are opened by nothing that locks them
    for path in sorted(old.rglob("*")):
        if path.is_file() and not path.is_symlink():
            try:
                open(path, "ab").close()    # appends nothing; fails where a change would
            except OSError as error:
                raise OutputsLocked(_cannot_replace(root, path, error)) from None


def _archive_plan(root: Path, stage: Path) -> dict[str, str]:
    """Each file leaving dist/ (relative to it) and the free name it gets under archive/."""
    old, new, archive = root / "dist", stage / "dist", root / ARCHIVE
    if not old.is_dir():
        return {}
    leaving = [p.relative_to(old).as_posix() for p in sorted(old.rglob("*"))
               if (p.is_file() or p.is_symlink()) and p.name != RECORD
               and not os.path.lexists(new / p.relative_to(old))]
    if leaving and os.path.lexists(archive) and not archive.is_dir():
        raise OutputsLocked(f"{ARCHIVE}: is a file, where casereview keeps earlier outputs in "
                            f"an {ARCHIVE}/ folder; move or rename the file and build again")
    plan, taken = {}, set()
    for rel in leaving:
        original = target = PurePosixPath(rel)
        n = 1
        while os.path.lexists(archive / target) or target in taken:
            if _same_file(old / rel, archive / target):
                break                               # archived already by an earlier build
            n += 1
            target = original.with_name(f"{original.stem}-{n}{original.suffix}")
        else:
            taken.add(target)
            plan[rel] = f"{ARCHIVE}/{target.as_posix()}"
    return plan


def _same_file(a: Path, b: Path) -> bool:
    return a.is_file() and b.is_file() and filecmp.cmp(a, b, shallow=False)


def _same_tree(old: Path, new: Path) -> bool:
    """Whether a staged folder holds exactly the files of the current one, byte for byte
    (an HTML-only build leaves dist/ alone then, even with a file in it open in Word)."""
    if not old.is_dir() or old.is_symlink():
        return False
    files = {p.relative_to(new) for p in new.rglob("*") if p.is_file()}
    return files == {p.relative_to(old) for p in old.rglob("*") if p.is_file()} \
        and all(_same_file(old / f, new / f) for f in files)


# --- messages ---------------------------------------------------------------------------

def _why(error: OSError) -> str:
    if getattr(error, "winerror", None) in (32, 33):     # sharing or lock violation
        return "it is open in another program"
    if error.errno in (errno.EACCES, errno.EPERM):
        return ("it is locked or read-only (open in another program, marked read-only or "
                "unchangeable, or owned by another user)")
    if error.errno in (errno.EBUSY, errno.ETXTBSY):
        return "it is in use by another program"
    if error.errno == errno.EROFS:
        return "it is on a read-only file system"
    if error.errno == errno.ENOSPC:
        return "the disk is full"
    return (error.strerror or type(error).__name__).lower()


def _cannot_replace(root: Path, path: Path, error: OSError, verb: str = "replaced") -> str:
    rel = path.relative_to(root).as_posix() if path != root else str(root)
    suffix = path.suffix.lower()
    holder = "Word" if suffix in (".docx", ".doc") else "the PDF viewer" if suffix == ".pdf" \
        else None
    if error.errno == errno.ENOSPC:
        fix = "free some space on the disk and build again"
    elif holder:
        fix = f"close it in {holder} (or whatever has it open), make sure you may change it, " \
              "and build again"
    elif path.is_dir() or path.parent == root and path.name in (*OUTPUTS, ARCHIVE):
        fix = "close any program using a file in it, make sure you may change it (its owner " \
              "and permissions), and build again"
    else:
        fix = "close the program that has it open, make sure you may change it, and build again"
    return f"{rel}: cannot be {verb}: {_why(error)}; {fix}"


def _stranded(root: Path, stage: Path, error: OSError) -> str:
    return (f"{stage.relative_to(root).as_posix()}: the previous outputs could not be put back "
            f"after a failed move ({_why(error)}); they are in its {ASIDE}/ folder: close any "
            "program using them and build again (the next build puts them back), or move "
            "them back by hand")
