"""Ctrl-C during a build (casereview/interrupt.py): stopped within a second, the children
killed, the staging folder removed, "interrupted; nothing was written" and exit status 130."""
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

def children(pid: int) -> list[int]:
    """The processes whose parent is `pid` (Linux)."""
    out = []
    for proc in Path("/proc").iterdir():
        try:
            if proc.name.isdigit() and int(_stat(proc)[1]) == pid:
                out.append(int(proc.name))
        except (OSError, IndexError):
            continue
    return out


def _stat(proc: Path) -> list[str]:
    return (proc / "stat").read_text().rsplit(")", 1)[1].split()


def running(pid: int) -> bool:
    try:
        return _stat(Path("/proc") / str(pid))[0] != "Z"
    except OSError:
        return False


needs_proc = pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc")


@needs_proc
def test_ctrl_c_during_a_build_stops_it_at_once_and_writes_nothing(minimal):
    build = subprocess.Popen([sys.executable, "-m", "casereview.cli", "build", str(minimal)],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                             env={**os.environ, "PYTHONFAULTHANDLER": "1"})
    started, kids = time.monotonic(), []
    while not kids and build.poll() is None and time.monotonic() - started < 20:
        kids = children(build.pid)            # pandoc, the Typst child: the build is writing
        time.sleep(0.01)
    assert kids, "the build ended before it started pandoc or Typst"
    build.send_signal(signal.SIGINT)
    sent = time.monotonic()
    try:
        out, err = build.communicate(timeout=20)
    except subprocess.TimeoutExpired:
        build.send_signal(signal.SIGABRT)       # faulthandler shows where every thread is
        pytest.fail(f"still running 20 s after Ctrl-C:\n{build.communicate()[1]}")
    assert time.monotonic() - sent < 1
    assert build.returncode == 130, err
    assert "Traceback" not in err, err
    assert err.splitlines()[-1] == "interrupted; nothing was written"
    assert "wrote" not in out
    assert not list(minimal.glob(".casereview-build-*"))
    assert not (minimal / "site").exists() and not (minimal / "dist").exists()
    assert not [kid for kid in kids if running(kid)]


STUBBORN = """
import sys, time
from pathlib import Path
from casereview import cli
from casereview.interrupt import Interrupt

workspace = Path(sys.argv[1])

def stubborn(progress):
    (workspace / ".casereview-build-stuck").mkdir()
    started = False
    while True:
        try:                             # a writer that will not be stopped
            if not started:
                started = True
                print("writing", flush=True)
            time.sleep(10)
        except KeyboardInterrupt:
            pass

with Interrupt(workspace) as interrupt:
    code = cli._run(stubborn, False, interrupt)
sys.exit(code)
"""


def test_a_build_that_ignores_ctrl_c_is_ended_all_the_same(minimal):
    job = subprocess.Popen([sys.executable, "-c", STUBBORN, str(minimal)],
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert job.stdout.readline() == "writing\n"
    job.send_signal(signal.SIGINT)
    sent = time.monotonic()
    try:
        out, err = job.communicate(timeout=20)
    except subprocess.TimeoutExpired:
        job.kill()
        pytest.fail(f"still running 20 s after Ctrl-C:\n{job.communicate()[1]}")
    assert time.monotonic() - sent < 1
    assert job.returncode == 130
    assert err.splitlines() == ["interrupted; nothing was written"]
    assert not list(minimal.glob(".casereview-build-*"))
