"""Child processes of the tests: started with default signal handling in their own process group,
and every one still running killed (with its workers) when its test ends (see conftest.py)."""
from __future__ import annotations

import os
import signal
import subprocess
import sys

ROOT_ARGS = [sys.executable, "-m", "generator"]
_running: list[subprocess.Popen] = []


def default_signals() -> None:
    """In the child, before exec: Ctrl-C and TERM act as they do at a terminal, even when the test
    run itself was started in the background (where the shell leaves SIGINT ignored)."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


def spawn(args, **kwargs) -> subprocess.Popen:
    """``subprocess.Popen`` for a test: default signals, its own process group, killed at teardown."""
    kwargs.setdefault("preexec_fn", default_signals)
    kwargs.setdefault("start_new_session", True)
    child = subprocess.Popen([str(a) for a in args], **kwargs)
    _running.append(child)
    return child


def closingdocs(*args, **kwargs) -> subprocess.Popen:
    """``closingdocs ARGS`` (as ``python -m generator``), started with :func:`spawn`."""
    kwargs.setdefault("stdout", subprocess.PIPE)
    kwargs.setdefault("stderr", subprocess.PIPE)
    kwargs.setdefault("text", True)
    return spawn([*ROOT_ARGS, *args], **kwargs)


def run(args, timeout: float = 600, **kwargs) -> subprocess.CompletedProcess:
    """``subprocess.run`` for a test, through :func:`spawn` (so a timeout kills the whole group)."""
    kwargs.setdefault("stdout", subprocess.PIPE)
    kwargs.setdefault("stderr", subprocess.PIPE)
    kwargs.setdefault("text", True)
    child = spawn(args, **kwargs)
    try:
        out, err = child.communicate(timeout=timeout)
    finally:
        kill(child)
    return subprocess.CompletedProcess(child.args, child.returncode, out, err)


def kill(child: subprocess.Popen) -> None:
    """Kill ``child`` and everything in its process group, and reap it."""
    try:        # the group outlives its leader while a worker it forked still runs
        os.killpg(child.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
    if child.poll() is None:
        child.kill()
    child.wait()


def kill_all() -> None:
    """Every child a test started and left running (and its workers): killed."""
    while _running:
        kill(_running.pop())
