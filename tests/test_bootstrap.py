"""casereview/bootstrap.py: the .venv/ the README's two commands make on a stock python3.

The ways to a venv are tried with a stand-in for Debian's python3 without python3-venv
(no ensurepip: `-m venv` fails unless `--without-pip`), and, for the last way, without pip
and with a stand-in apt-get. pip installs pip from the wheel ensurepip keeps, offline.
Installing casereview itself into a new venv takes minutes and the network: the fresh-clone
run of the README's commands covers it.
"""
from __future__ import annotations

import ensurepip
import os
import subprocess
import sys
from pathlib import Path

import pytest

from casereview import bootstrap

ROOT = Path(__file__).resolve().parents[1]
VERSION = f"{sys.version_info[0]}.{sys.version_info[1]}"

DEBIAN_PYTHON3 = """#!/bin/sh
# python3 as on Debian without python3-venv; NOPIP: without python3-pip either;
# FIXED: apt-get installed python3.X-venv
here=$(dirname "$0")
case " $* " in
  *" -m venv "*" --without-pip "*) ;;
  *" -m venv "*) [ -e "$here/FIXED" ] || { echo "ensurepip is not available" >&2; exit 1; } ;;
  *" -m pip "*) [ -e "$here/NOPIP" ] && [ ! -e "$here/FIXED" ] && {
    echo "No module named pip" >&2; exit 1; } ;;
esac
exec {python} "$@"
"""
APT_GET = """#!/bin/sh
echo "$*" >> "$(dirname "$0")/apt.log"
[ "$1" = install ] && touch "$(dirname "$0")/FIXED"
exit 0
"""


def _script(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    path.chmod(0o755)
    return path


@pytest.fixture
def debian(tmp_path, monkeypatch) -> Path:
    """A folder with the stand-in python3 (and apt-get, first on PATH)."""
    folder = tmp_path / "system"
    folder.mkdir()
    _script(folder / "python3", DEBIAN_PYTHON3.replace("{python}", sys.executable))
    _script(folder / "apt-get", APT_GET)
    monkeypatch.setenv("PATH", f"{folder}{os.pathsep}{os.environ['PATH']}")
    # pip installs pip from ensurepip's own wheel: no index, no network
    wheels = getattr(ensurepip, "_WHEEL_PKG_DIR", None) or \
        str(Path(ensurepip.__file__).parent / "_bundled")
    monkeypatch.setenv("PIP_NO_INDEX", "1")
    monkeypatch.setenv("PIP_FIND_LINKS", wheels)
    return folder


def _has_pip(venv: Path) -> bool:
    return subprocess.run([bootstrap.venv_python(venv), "-m", "pip", "--version"],
                          capture_output=True, check=False).returncode == 0


def test_without_ensurepip_the_systems_pip_gives_the_venv_pip(debian, tmp_path, capsys):
    venv = tmp_path / "venv"
    bootstrap.create(venv, str(debian / "python3"))
    assert _has_pip(venv)
    assert capsys.readouterr().err.splitlines() == [
        f"casereview: making the virtual environment {venv}/ with {debian}/python3",
        "casereview: this python3 has no ensurepip: giving the venv pip with the system's pip"]


def test_without_ensurepip_or_pip_root_installs_debians_venv_package(debian, tmp_path, capsys,
                                                                     monkeypatch):
    (debian / "NOPIP").touch()
    monkeypatch.setattr(bootstrap.os, "geteuid", lambda: 0)
    venv = tmp_path / "venv"
    bootstrap.create(venv, str(debian / "python3"))
    assert _has_pip(venv)
    assert (debian / "apt.log").read_text(encoding="utf-8").splitlines() == [
        "update -qq", f"install -y -qq python{VERSION}-venv"]
    assert capsys.readouterr().err.splitlines()[-1] == (
        f"casereview: this python3 has neither ensurepip nor pip: installing python{VERSION}-venv "
        "with apt-get")


def test_without_ensurepip_or_pip_anyone_else_is_told_what_to_install(debian, tmp_path,
                                                                     monkeypatch):
    (debian / "NOPIP").touch()
    monkeypatch.setattr(bootstrap.os, "geteuid", lambda: 1000)
    venv = tmp_path / "venv"
    with pytest.raises(bootstrap.BootstrapError) as refused:
        bootstrap.create(venv, str(debian / "python3"))
    assert str(refused.value) == (
        f"this python3 has neither ensurepip nor pip to make {venv}/; install Debian's "
        f"python{VERSION}-venv (sudo apt install python{VERSION}-venv), or python3-pip, then "
        "run this again")
    assert not (debian / "apt.log").exists()


def test_requirements_are_compared_by_their_release_numbers():
    assert bootstrap.installed("pytest>=8") and bootstrap.installed("pytest >= 8, < 999")
    assert bootstrap.installed("PyTest[testing]>=8")                 # names as pip reads them
    assert not bootstrap.installed("pytest>=999")
    assert not bootstrap.installed("no-such-distribution>=1")
    assert bootstrap._meets("2.10.1", ">=2.6") and not bootstrap._meets("2.5.9", ">=2.6")
    assert bootstrap._meets("9.5", "==9.5.0") and not bootstrap._meets("1.0", "===1.0")


def test_this_interpreter_has_what_pyproject_asks_for():
    assert bootstrap.missing(["test"]) == []


def _bare_python(tmp_path: Path) -> Path:
    """A python3 without casereview's dependencies (a venv without even pip)."""
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", tmp_path / "bare"],
                   check=True)
    return bootstrap.venv_python(tmp_path / "bare")


def _build_py(python: Path, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run([python, "build.py", "--format", "md"], cwd=ROOT, capture_output=True,
                          text=True, env={**os.environ, **env}, check=False)


def test_build_py_runs_itself_again_with_the_venv_when_python3_lacks_the_dependencies(tmp_path):
    bare = _bare_python(tmp_path)
    # the venv: this interpreter's environment, which has them
    result = _build_py(bare, CASEREVIEW_VENV=sys.prefix)
    assert result.returncode == 0, result.stderr
    venv = bootstrap.venv_python(Path(sys.prefix))
    shown = venv.relative_to(ROOT) if venv.is_relative_to(ROOT) else venv
    assert result.stderr.splitlines()[0] == (
        f"casereview: {bare} lacks casereview's dependencies: running with {shown}")
    assert "0 error(s), 0 warning(s)" in result.stdout


def test_build_py_never_runs_itself_again_twice(tmp_path):
    bare = _bare_python(tmp_path)
    result = _build_py(bare, CASEREVIEW_VENV=str(tmp_path / "venv"), CASEREVIEW_BOOTSTRAPPED="1")
    assert result.returncode == 1
    assert result.stderr.startswith(f"casereview: {tmp_path}/venv/ still lacks pydantic>=2.6, ")
    assert result.stderr.endswith(f" after installing: delete {tmp_path}/venv/ and run this "
                                  "again\n")
    assert not (tmp_path / "venv").exists()


def test_a_too_old_python3_is_told_what_it_needs(monkeypatch):
    monkeypatch.setattr(bootstrap, "NEEDED", (99, 1))
    with pytest.raises(bootstrap.BootstrapError) as refused:
        bootstrap.ensure()
    assert str(refused.value) == (
        f"casereview needs Python 99.1 or later; {sys.executable} is "
        f"{sys.version.split()[0]}: run the command with a newer python3")


def test_an_unknown_extra_is_named(capsys):
    assert bootstrap.main(["--extras", "tset"]) == 1
    assert capsys.readouterr().err == ("casereview: pyproject.toml has no extras tset; give one "
                                       "of test\n")
