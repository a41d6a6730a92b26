"""Ctrl-C is this process's to act on: the fork server and the workers never receive it (issue 20)."""
from __future__ import annotations

import multiprocessing.forkserver
import signal
from pathlib import Path

import pytest

from generator.render.locate import search_path
from generator.writers import Producer

pytestmark = pytest.mark.slow     # starts a fork server that imports WeasyPrint


def _blocked(pid: int) -> bool:
    """SIGINT blocked or ignored in process ``pid``."""
    status = Path(f"/proc/{pid}/status").read_text().splitlines()
    masks = [int(line.split()[1], 16) for line in status if line.startswith(("SigBlk:", "SigIgn:"))]
    return any(mask & (1 << (signal.SIGINT - 1)) for mask in masks)


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="reads signal masks from /proc")
@pytest.mark.parametrize("server", [True, False])
def test_the_fork_server_and_workers_never_receive_ctrl_c(server):
    with Producer(search_path([]), jobs=2, server=server) as producer:
        if not server:                       # forked from this process only when given more than one item
            assert producer._workers(1) is None and producer._pool is None
        pool = producer._workers(2)
        assert pool is not None
        pids = [worker.pid for worker in pool._pool]
        if server:
            pids.append(multiprocessing.forkserver._forkserver._forkserver_pid)
        assert pids and all(_blocked(pid) for pid in pids)
        assert not signal.pthread_sigmask(signal.SIG_BLOCK, set()) & {signal.SIGINT}   # this thread still gets it
