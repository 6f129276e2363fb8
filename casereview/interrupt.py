"""Ctrl-C during a build: stopped within a second, the outputs left as they were, no
traceback. Used by the command line around `build` and `publish`."""
from __future__ import annotations

import _thread
import gc
import logging
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

EXIT_INTERRUPTED = 130
INTERRUPTED = "interrupted; nothing was written"


STAGING = ".casereview-build-"    # writers/staging.py's folders


class Interrupt:
    """Ctrl-C during a build stops it within a second, leaving the outputs as they were.

    The children (pandoc, the Typst child) are killed at once, and any a writer's thread
    starts after, so that the threads end; the build is interrupted (KeyboardInterrupt), and
    its staging folder removed as that unwinds it. Should anything still hold the build up
    after GRACE seconds, the process ends all the same, after removing the staging folders it
    made. Two moments are not interrupted:
    - an import under way: an interrupt there leaves Python's import lock taken, and every
      thread that imports after waits for ever; the watch asks again a moment later;
    - the outputs being moved into place (a few renames), or the job `over`: too late to
      stop anything; outputs are never half replaced, and the job ends as it would have."""

    GRACE = 0.6
    TICK = 0.05

    def __init__(self, workspace: Path):
        self.workspace = Path(workspace)
        self.before = set(self._stages())
        self.asked = self.raised = self.late = self.over = False
        self.done = threading.Event()        # the job has ended: the watch is over
        self.lock = threading.Lock()         # `over` is not set while the watch asks again
        self.said = threading.Lock()         # the message is given once, by whoever is first
        self.previous = None

    def __enter__(self) -> "Interrupt":
        if threading.current_thread() is threading.main_thread():
            self.previous = signal.signal(signal.SIGINT, self._handle)
        return self

    def __exit__(self, *exc) -> None:
        self.done.set()
        if self.previous is not None:
            signal.signal(signal.SIGINT, self.previous)
        if self.asked:
            logging.disable(logging.NOTSET)
            sys.unraisablehook, threading.excepthook = sys.__unraisablehook__, \
                threading.__excepthook__

    def end(self) -> None:
        """The job has returned or raised: from here on a Ctrl-C is too late."""
        with self.lock:
            self.over = True

    def _handle(self, signum, frame) -> None:
        if self.raised:
            return                      # a second Ctrl-C must not cut the clean-up short
        if self.over or _moving_outputs(frame):
            self.late = True
            return
        if not self.asked:
            self.asked = True
            # what fails because its child is killed is not worth a word (pypandoc logs a
            # traceback): silenced before the kill, which other threads see at once; an
            # interrupt landing in a callback whose errors Python only prints ("Exception
            # ignored in ...") is lost, and the watch ends the build instead
            logging.disable(logging.CRITICAL)
            sys.unraisablehook = threading.excepthook = _quiet
            _stop_children()
            threading.Thread(target=self._watch, name="interrupt", daemon=True).start()
        if _unsafe(frame):
            return                      # the watch asks again in a moment
        self.raised = True
        raise KeyboardInterrupt

    def _watch(self) -> None:
        deadline = time.monotonic() + self.GRACE
        while not self.done.wait(self.TICK):
            _stop_children()
            with self.lock:
                if self.over:               # the job has ended: nothing left to cut short
                    return
                if not self.raised:
                    _ask_again()
            main = sys._current_frames().get(threading.main_thread().ident)
            if time.monotonic() > deadline and not _moving_outputs(main):
                self._give_up()

    def _stages(self) -> list[Path]:
        return list(self.workspace.glob(STAGING + "*"))

    def _give_up(self) -> None:
        _stop_children()
        self.say()
        sys.stdout.flush()
        os._exit(EXIT_INTERRUPTED)

    def say(self) -> None:
        """The interrupt said, once, after the staging folders it left are removed."""
        if self.said.acquire(blocking=False):
            self._remove_stages()
            print(INTERRUPTED, file=sys.stderr, flush=True)

    def _remove_stages(self) -> None:
        """The staging folders made since the build started (writers/staging.py removes its
        own as the interrupt unwinds it, but not one interrupted while being made), but one
        holding the plan of a move under way: the next build puts the outputs back from it."""
        # nothing is imported here: the import lock may be what holds the build up
        staging = sys.modules.get(f"{__package__}.writers.staging")
        plan = getattr(staging, "PLAN", None)
        for stage in set(self._stages()) - self.before:
            if plan and (stage / plan).exists():
                continue
            # renamed first, so that a writer still at work cannot fill it again meanwhile
            doomed = stage.with_name(stage.name + ".interrupted")
            try:
                stage.rename(doomed)
            except OSError:
                doomed = stage
            shutil.rmtree(doomed, ignore_errors=True)


def _ask_again() -> None:
    """_handle run again in the main thread, even where it waits for a lock (a signal to that
    thread wakes it; `interrupt_main` alone would wait until the lock is free)."""
    if hasattr(signal, "pthread_kill"):
        signal.pthread_kill(threading.main_thread().ident, signal.SIGINT)
    else:
        _thread.interrupt_main()


def _quiet(what) -> None:
    """After a Ctrl-C, an error in a thread or a callback is the interrupt's doing."""


def _moving_outputs(frame) -> bool:
    """Whether the interrupted code is writers/staging.py moving outputs into place."""
    while frame is not None:
        if frame.f_code.co_name == "_swap" and frame.f_code.co_filename.endswith("staging.py"):
            return True
        frame = frame.f_back
    return False


def _unsafe(frame) -> bool:
    """Whether the interrupted code is Python's import machinery (an import, or the clean-up
    of a module's lock) or code run by `exec` (Python then ends the process by SIGINT,
    whatever exit status the command chose)."""
    while frame is not None:
        if frame.f_code.co_filename.startswith(("<frozen importlib", "<string>")):
            return True
        frame = frame.f_back
    return False


def _stop_children() -> None:
    """Kill every child process still running: pandoc and the Typst child write only into
    pipes and the staging folder, so nothing of theirs is worth waiting for."""
    for thing in gc.get_objects():
        # a Popen another thread is still making has no pid yet: the next round kills it
        if isinstance(thing, subprocess.Popen) and isinstance(getattr(thing, "pid", None), int) \
                and thing.returncode is None:
            try:
                thing.kill()
            except (OSError, ValueError, TypeError):
                pass
