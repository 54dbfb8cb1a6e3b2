"""mcdocgen.crashsafe: locks, atomic writes and symlinks, abandoned folders, children that die with us."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import uuid
from pathlib import Path

import pytest

from mcdocgen import crashsafe
from process_support import processes_using, wait_for

# A child that starts a grandchild; both carry MARKER in their command line, and sleep.
FAMILY = ("import subprocess, sys, time; subprocess.Popen([sys.executable, '-c', 'import time; time.sleep(300)',"
          " sys.argv[1]]); time.sleep(300)")


def marker() -> str:
    return f"mcdocgen-test-{uuid.uuid4().hex}"


def assert_family_dies_with_its_caller(caller: str, mark: str, sig: signal.Signals, cwd: Path) -> None:
    """Runs the Python ``caller`` (which starts FAMILY through crashsafe.run), sends it ``sig`` once
    the caller, the guarding shell, the child and the grandchild are up, and asserts none is left."""
    proc = subprocess.Popen([sys.executable, "-c", caller], cwd=cwd, stderr=subprocess.DEVNULL)
    try:
        assert wait_for(lambda: len(processes_using(mark)) == 4), "the child and grandchild did not start"
        proc.send_signal(sig)
        proc.wait(timeout=30)
        assert wait_for(lambda: not processes_using(mark), 10), processes_using(mark)
    finally:
        proc.kill()
        for pid in processes_using(mark):
            os.kill(pid, signal.SIGKILL)


def test_run_returns_the_output_and_the_exit_status(tmp_path: Path) -> None:
    proc = crashsafe.run([sys.executable, "-c", "import os, sys; print(os.getcwd()); sys.exit(3)"],
                         cwd=tmp_path, env=os.environ, timeout=60)
    assert proc.returncode == 3
    assert proc.stdout.strip() == str(tmp_path)


def test_a_timeout_kills_the_child_and_its_children(tmp_path: Path) -> None:
    mark = marker()
    with pytest.raises(subprocess.TimeoutExpired):
        crashsafe.run([sys.executable, "-c", FAMILY, mark], cwd=tmp_path, env=os.environ, timeout=2)
    assert wait_for(lambda: not processes_using(mark), 10), processes_using(mark)


@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGTERM, signal.SIGINT])
def test_children_die_with_the_caller(tmp_path: Path, sig: signal.Signals) -> None:
    mark = marker()
    # Ctrl-C as a terminal delivers it: a shell that starts the suite in the background leaves
    # SIGINT ignored, and Python then keeps it ignored in every child
    caller = textwrap.dedent(f"""
        import os, signal, sys
        from pathlib import Path
        from mcdocgen import crashsafe
        signal.signal(signal.SIGINT, signal.default_int_handler)
        crashsafe.run([sys.executable, "-c", {FAMILY!r}, {mark!r}], cwd=Path("."), env=os.environ, timeout=300)
    """)
    assert_family_dies_with_its_caller(caller, mark, sig, tmp_path)


def test_abandoned_folders_are_removed_and_folders_in_use_kept(tmp_path: Path) -> None:
    abandoned = tmp_path / "job-dead"  # as a killed owner leaves it: .in-use unlocked
    (abandoned / "sub").mkdir(parents=True)
    (abandoned / crashsafe.IN_USE).touch()
    foreign = tmp_path / "job-not-ours"  # no .in-use: not made by temporary_folder
    foreign.mkdir()
    with crashsafe.temporary_folder("job-", tmp_path) as live:
        with crashsafe.locked(live):  # a command run inside may lock the folder itself
            crashsafe.remove_abandoned("job-", tmp_path)
        assert live.is_dir() and not abandoned.exists() and foreign.is_dir()
    assert not live.exists()


def test_write_atomic_and_switch_symlink_leave_no_temporary_file(tmp_path: Path) -> None:
    target = tmp_path / "f.txt"
    target.write_bytes(b"old")
    target.chmod(0o640)
    crashsafe.write_atomic(target, b"new")
    assert target.read_bytes() == b"new" and target.stat().st_mode & 0o777 == 0o640  # kept
    fresh = tmp_path / "fresh.txt"
    umask = os.umask(0o022)
    try:
        crashsafe.write_atomic(fresh, b"x")
    finally:
        os.umask(umask)
    assert fresh.stat().st_mode & 0o777 == 0o644  # as open() would make it
    link = tmp_path / "link"
    crashsafe.switch_symlink(link, "a")
    crashsafe.switch_symlink(link, "b")
    assert os.readlink(link) == "b"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["f.txt", "fresh.txt", "link"]


def test_exchange_swaps_a_folder_and_a_symlink_or_does_nothing(tmp_path: Path) -> None:
    (tmp_path / "folder").mkdir()
    (tmp_path / "folder" / "f").write_text("x")
    os.symlink("elsewhere", tmp_path / "link")
    if crashsafe.exchange(tmp_path / "link", tmp_path / "folder"):
        assert os.readlink(tmp_path / "folder") == "elsewhere"
        assert (tmp_path / "link" / "f").read_text() == "x" and not (tmp_path / "link").is_symlink()
    else:  # not Linux, or a file system without RENAME_EXCHANGE: nothing moved
        assert sys.platform != "linux" or (tmp_path / "folder").is_dir()
        assert os.readlink(tmp_path / "link") == "elsewhere"


def test_children_started_from_a_thread_pool_die_with_a_killed_caller(tmp_path: Path) -> None:
    """Handouts compile from a thread pool: the children of a pool thread die with us too."""
    mark = marker()
    caller = textwrap.dedent(f"""
        import os, sys
        from concurrent.futures import ThreadPoolExecutor
        from pathlib import Path
        from mcdocgen import crashsafe
        with ThreadPoolExecutor(2) as pool:
            pool.submit(crashsafe.run, [sys.executable, "-c", {FAMILY!r}, {mark!r}], cwd=Path("."), env=os.environ, timeout=300)
    """)
    assert_family_dies_with_its_caller(caller, mark, signal.SIGKILL, tmp_path)


def test_run_runs_no_python_between_fork_and_exec(tmp_path: Path, monkeypatch) -> None:
    """preexec_fn can deadlock in a process with threads (the handouts' pool): the parent-death
    signal is set by setpriv after exec instead."""
    seen = []
    real = subprocess.Popen

    def popen(args, **kwargs):
        seen.append(kwargs.get("preexec_fn"))
        return real(args, **kwargs)

    monkeypatch.setattr(subprocess, "Popen", popen)
    assert crashsafe.run(["true"], cwd=tmp_path, env=os.environ, timeout=60).returncode == 0
    assert seen == [None]


def test_a_forked_worker_whose_parent_is_gone_exits_at_once() -> None:
    pid = os.fork()
    if pid == 0:  # the child, pretending its parent is another process that has died
        try:
            crashsafe.die_with_parent(os.getppid() + 10**6)
        finally:
            os._exit(0)
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 1
