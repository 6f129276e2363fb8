"""The repository's own virtual environment, `.venv/`, for the README's two commands.

A stock Debian or Ubuntu `python3` refuses `pip install` outside a virtual environment
(PEP 668, "externally-managed-environment"), and may lack ensurepip (Debian's python3-venv),
without which `python3 -m venv` fails. So `build.py` and `tests/setup.sh` both come here:

    python3 build.py                                   # runs in .venv/ when python3 lacks
                                                       # casereview's dependencies
    python3 -m casereview.bootstrap --extras test      # what tests/setup.sh runs

The venv is made with `python3 -m venv`; without ensurepip, with `--without-pip`, then given
pip by the system's pip (`pip --python .venv/bin/python install pip`, pip 22.3 or later, which
installs into that venv, not the system); with no pip at all, by Debian's python3.X-venv from
apt when run as root. casereview is installed into it editable (`pip install -e .`).

Only the standard library is used, and nothing newer than Python 3.8 before the version check,
so a too-old python3 gets a sentence, not a traceback.
"""
from __future__ import annotations

import argparse
import importlib.metadata
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
VENV = Path(os.environ.get("CASEREVIEW_VENV") or ROOT / ".venv")    # another, for the tests
NEEDED = (3, 11)
AGAIN = "CASEREVIEW_BOOTSTRAPPED"   # set when build.py runs again in the venv: never loop
REQUIREMENT = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*(?:\[[^]]*\])?\s*([^;]*)")
SPECIFIER = re.compile(r"^\s*(>=|<=|==|!=|~=|>|<)\s*([0-9][0-9.]*)")


class BootstrapError(Exception):
    """The venv could not be made or filled; the message says what to install or do."""


def say(line: str) -> None:
    print(f"casereview: {line}", file=sys.stderr, flush=True)


# --- what an interpreter has -------------------------------------------------------------

def missing(extras: list[str] = (), itself: bool = False) -> list[str]:
    """The requirements of pyproject.toml (and of its extras) this interpreter lacks, and
    casereview itself, installed from this folder, when `itself`."""
    import tomllib                      # 3.11: only after the version check
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    offered = project.get("optional-dependencies", {})
    unknown = [extra for extra in extras if extra not in offered]
    if unknown:
        raise BootstrapError(f"pyproject.toml has no extras {', '.join(unknown)}; give one of "
                             f"{', '.join(offered)}")
    wanted = project["dependencies"] + [r for extra in extras for r in offered[extra]]
    gaps = [r for r in wanted if not installed(r)]
    return gaps + (["casereview (editable, from this folder)"]
                   if itself and not _this_folder_installed() else [])


def installed(requirement: str) -> bool:
    """Whether a requirement such as `pydantic>=2.6` is met (release numbers compared)."""
    name, specifiers = REQUIREMENT.match(requirement).groups()
    try:
        version = importlib.metadata.version(name)
    except importlib.metadata.PackageNotFoundError:
        return False
    return all(_meets(version, s) for s in specifiers.split(",") if s.strip())


def _meets(version: str, specifier: str) -> bool:
    parsed = SPECIFIER.match(specifier)
    if not parsed:
        return False                    # a form not understood here: let pip decide
    op, wanted = parsed.groups()
    have, want = _release(version), _release(wanted)
    width = max(len(have), len(want))
    have, want = have + (0,) * (width - len(have)), want + (0,) * (width - len(want))
    return {">=": have >= want, "~=": have >= want, ">": have > want, "<=": have <= want,
            "<": have < want, "==": have == want, "!=": have != want}[op]


def _release(version: str) -> tuple[int, ...]:
    numbers = re.match(r"\d+(?:\.\d+)*", version)
    return tuple(int(n) for n in numbers[0].split(".")) if numbers else (0,)


def _this_folder_installed() -> bool:
    """Installed by pip from this folder (not merely the casereview.egg-info setuptools leaves
    in it, which the current folder on sys.path shows too)."""
    return any(json.loads(d.read_text("direct_url.json") or "{}").get("url") == ROOT.as_uri()
               for d in importlib.metadata.distributions(name="casereview"))


# --- the venv ----------------------------------------------------------------------------

def venv_python(venv: Path = VENV) -> Path:
    return venv / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


def ensure(extras: list[str] = (), venv: Path = VENV, itself: bool = True) -> Path:
    """The venv's python, with casereview's dependencies (and extras) installed, and
    casereview itself when `itself` (build.py runs it from this folder): made, completed or
    left as it is."""
    _check_version()
    python = venv_python(venv)
    if not _runs(python):
        create(venv)
    gaps = _missing_in(python, extras, itself)
    if gaps:
        more = f" and {len(gaps) - 3} more" if len(gaps) > 3 else ""
        say(f"installing casereview into {_shown(venv)} with pip ({', '.join(gaps[:3])}{more} "
            "missing)")
        spec = "." + (f"[{','.join(extras)}]" if extras else "")
        if _run([python, "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
                 "-e", spec]):
            raise BootstrapError(f"pip could not install casereview into {_shown(venv)} (its "
                                 "words are above); correct what it says, then run this again")
    return python


def create(venv: Path, python3: str = sys.executable) -> None:
    """`python3 -m venv`; without ensurepip, a venv without pip given the system's pip; without
    any pip, Debian's python3.X-venv first (as root)."""
    say(f"making the virtual environment {_shown(venv)} with {python3}")
    if not _run([python3, "-m", "venv", "--clear", venv], quiet=True):
        return
    if _run([python3, "-m", "venv", "--clear", "--without-pip", venv]):
        raise BootstrapError(f"{python3} -m venv could not make {_shown(venv)}")
    if _has_pip(python3):
        say("this python3 has no ensurepip: giving the venv pip with the system's pip")
        if _run([python3, "-m", "pip", "--python", venv_python(venv), "install", "--quiet",
                 "--disable-pip-version-check", "pip"]):
            raise BootstrapError(f"the system's pip could not install pip into {_shown(venv)} "
                                 f"(it needs pip 22.3 or later); {_install_venv_advice()}")
        return
    _apt_install_venv(venv)
    if _run([python3, "-m", "venv", "--clear", venv]):
        raise BootstrapError(f"{python3} -m venv still fails after installing "
                             f"{_venv_package()}")


def _apt_install_venv(venv: Path) -> None:
    """Debian's ensurepip, the one way left when there is no pip to give the venv."""
    if not (hasattr(os, "geteuid") and os.geteuid() == 0 and shutil.which("apt-get")):
        raise BootstrapError(f"this python3 has neither ensurepip nor pip to make "
                             f"{_shown(venv)}; {_install_venv_advice()}")
    say(f"this python3 has neither ensurepip nor pip: installing {_venv_package()} with apt-get")
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    if _run(["apt-get", "update", "-qq"], env=env) or \
            _run(["apt-get", "install", "-y", "-qq", _venv_package()], env=env):
        raise BootstrapError(f"apt-get could not install {_venv_package()}; "
                             f"{_install_venv_advice()}")


def _venv_package() -> str:
    return f"python{sys.version_info[0]}.{sys.version_info[1]}-venv"


def _install_venv_advice() -> str:
    return (f"install Debian's {_venv_package()} (sudo apt install {_venv_package()}), or "
            "python3-pip, then run this again")


def _check_version() -> None:
    if sys.version_info[:2] < NEEDED:
        raise BootstrapError(f"casereview needs Python {NEEDED[0]}.{NEEDED[1]} or later; "
                             f"{sys.executable} is {sys.version.split()[0]}: run the command "
                             "with a newer python3")


def _missing_in(python: Path, extras: list[str], itself: bool) -> list[str]:
    """What the venv lacks, asked of its own interpreter."""
    done = subprocess.run([python, "-m", "casereview.bootstrap", "--extras", ",".join(extras),
                           "--missing" if itself else "--missing-dependencies"],
                          cwd=ROOT, capture_output=True, text=True, check=False)
    return done.stdout.splitlines() if done.returncode == 0 else ["a working interpreter"]


def _runs(python: Path) -> bool:
    """Whether the venv's python starts and has pip (a moved or upgraded system python
    leaves a venv that does not)."""
    return python.exists() and _has_pip(python)


def _has_pip(python) -> bool:
    return not _run([python, "-m", "pip", "--version"], quiet=True)


def _run(command: list, quiet: bool = False, env: dict | None = None) -> int:
    """The command's exit status (an interpreter that cannot start counts as failing)."""
    out = subprocess.DEVNULL if quiet else None
    try:
        return subprocess.run([str(c) for c in command], cwd=ROOT, stdout=out, stderr=out,
                              env=env, check=False).returncode
    except OSError:
        return 127


def _shown(venv: Path) -> str:
    """A venv as `.venv/` when it is this folder's, else its whole path."""
    return f"{_path(venv)}/"


def _path(path: Path) -> str:
    return str(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)


# --- build.py's way in ---------------------------------------------------------------------

def run_with_dependencies(script: Path) -> None:
    """Return when this interpreter has casereview's dependencies; else run the script again
    with the venv's python (made or completed first), and never return."""
    try:
        _check_version()
        if not missing():
            os.environ.pop(AGAIN, None)     # what the build starts may run build.py afresh
            return
        if os.environ.get(AGAIN):
            raise BootstrapError(f"{_shown(VENV)} still lacks {', '.join(missing())} after "
                                 f"installing: delete {_shown(VENV)} and run this again")
        python = ensure(itself=False)
    except BootstrapError as failed:
        say(str(failed))
        sys.exit(1)
    say(f"{sys.executable} lacks casereview's dependencies: running with "
        f"{_path(python)}")
    os.execve(python, [str(python), str(script), *sys.argv[1:]], {**os.environ, AGAIN: "1"})


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Make or complete .venv/ for casereview.")
    parser.add_argument("--extras", default="", help="e.g. test")
    parser.add_argument("--missing", action="store_true",
                        help="list what this interpreter lacks, one a line, and stop")
    parser.add_argument("--missing-dependencies", action="store_true",
                        help="the same, but for casereview's dependencies alone")
    args = parser.parse_args(argv)
    extras = [e for e in args.extras.split(",") if e]
    try:
        _check_version()
        gaps = missing(extras, itself=args.missing)      # and the extras exist
        if args.missing or args.missing_dependencies:
            print("".join(f"{gap}\n" for gap in gaps), end="")
            return 0
        python = ensure(extras)
    except BootstrapError as failed:
        say(str(failed))
        return 1
    say(f"{_shown(VENV)} is ready: {_path(python)} has casereview"
        f"{' with its ' + ', '.join(extras) + ' extras' if extras else ''}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
