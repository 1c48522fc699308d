"""A stopped run ends its workers and says what it did and did not write: SIGTERM and SIGHUP (CI
cancellation, `docker stop`, `timeout`), Ctrl-C, and a main process killed outright."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from hostile import checkout_environment

pytestmark = pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="needs Linux /proc to find the workers")


@pytest.fixture(scope="module")
def slow_folder(tmp_path_factory) -> Path:
    """Three contracts that each take many seconds to check: one paragraph of 200,000 lines."""
    folder = tmp_path_factory.mktemp("slow")
    (folder / "slow").mkdir()
    for name in ("a", "b", "c"):
        (folder / "slow" / f"{name}.txt").write_text("Agreement\n\n" + f"data kept {name}\n" * 200_000)
    return folder


def children(pid: int) -> set[int]:
    found: set[int] = set()
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            found |= {int(child) for child in (task / "children").read_text().split()}
        except OSError:
            pass
    return found


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state not in ("Z", "X")


def _interactive_signals() -> None:
    """Ctrl-C as at a terminal, even when the tests run in a background job (which ignores SIGINT and
    passes that on: clausecheck then rightly leaves Ctrl-C alone)."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def start(folder: Path, jobs: int = 2) -> tuple[subprocess.Popen, set[int]]:
    environment = checkout_environment(CLAUSECHECK_CACHE_DIR=str(folder / ".cache-for-test"))
    process = subprocess.Popen([sys.executable, "-m", "clausecheck", "slow", "--jobs", str(jobs), "--timeout", "0",
                                "--no-cache", "-o", "json=report.json"], cwd=folder, env=environment,
                               stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               preexec_fn=_interactive_signals)
    deadline = time.monotonic() + 60
    workers: set[int] = set()
    while time.monotonic() < deadline and len(workers) < jobs:
        workers = children(process.pid)
        time.sleep(0.1)
    assert len(workers) == jobs, "the workers did not start"
    time.sleep(1.0)  # let them take their first file
    return process, workers


def gone(pids: set[int], within: float = 15.0) -> bool:
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        if not any(alive(pid) for pid in pids):
            return True
        time.sleep(0.1)
    return False


@pytest.mark.parametrize("number, words, code", [(signal.SIGTERM, "stopped by SIGTERM", 143),
                                                 (signal.SIGHUP, "stopped by SIGHUP", 129),
                                                 (signal.SIGINT, "interrupted", 130)])
def test_a_stop_signal_ends_the_workers_and_says_what_was_not_written(
        slow_folder: Path, number: int, words: str, code: int) -> None:
    process, workers = start(slow_folder)
    os.kill(process.pid, number)
    _, err = process.communicate(timeout=30)
    message = err.decode()
    assert process.returncode == code and "Traceback" not in message
    assert f"clausecheck: {words}; not written: report.json" in message
    assert not (slow_folder / "report.json").exists()
    assert gone(workers)


def test_workers_die_with_a_main_process_killed_outright(slow_folder: Path) -> None:
    process, workers = start(slow_folder)
    process.kill()
    process.communicate(timeout=30)
    assert gone(workers)


def test_no_worker_holds_another_workers_pipe(slow_folder: Path) -> None:
    """A worker that held copies of the others' pipe ends would keep them from seeing their parent go."""
    process, workers = start(slow_folder, jobs=3)
    try:
        sockets = {}
        for worker in workers:
            links = [os.readlink(link) for link in Path(f"/proc/{worker}/fd").iterdir()]
            sockets[worker] = sum(link.startswith("socket:") for link in links)  # a Pipe is a socket pair
        assert set(sockets.values()) == {1}, sockets  # each its own end, and nothing else
    finally:
        process.kill()
        process.communicate(timeout=30)
