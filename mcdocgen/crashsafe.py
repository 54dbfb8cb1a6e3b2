"""What a killed run must not leave behind: half-written files, orphan children, temporary folders.

- :func:`locked`: one writer at a time, with ``flock`` on a folder (released when the holder dies).
- :func:`write_atomic`: a file is replaced by a rename, never rewritten in place.
- :func:`switch_symlink`: a symlink is re-pointed by a rename, so a reader sees the old or the new;
  :func:`exchange` swaps two paths of any kind at once (a folder for a symlink).
- :func:`temporary_folder` / :func:`remove_abandoned`: a temporary folder stays locked while in
  use, so a later run removes exactly those whose owner died (a kill -9 runs no cleanup).
- :func:`run`: a child process (and its own children) that dies with us, whatever kills us;
  :func:`die_with_parent`: the same for a forked Python worker (mcdocgen.commands.pipeline).
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import os
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path

try:  # POSIX
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

__all__ = ["die_with_parent", "exchange", "locked", "remove_abandoned", "run", "switch_symlink", "temporary_folder",
           "write_atomic"]


def locked(folder: Path) -> contextlib.AbstractContextManager[None]:
    """Hold an exclusive lock on ``folder`` itself (no lock file is left behind)."""
    return _flocked(folder, shared=False)


def write_atomic(path: Path, data: bytes, mode: int | None = None) -> None:
    """Replace ``path`` by ``data`` with one rename: a reader or a crash sees the old or the new file.
    The file keeps its permissions (a new one gets the usual ones), or gets ``mode``."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}-{secrets.token_hex(4)}.tmp")
    if mode is None and path.exists():
        mode = path.stat().st_mode & 0o7777
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0), 0o666)  # umask applies
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        if mode is not None:
            os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def switch_symlink(link: Path, target: str) -> None:
    """Make ``link`` a symlink to ``target`` with one rename (``link`` may already exist)."""
    tmp = link.with_name(f".{link.name}.new")
    tmp.unlink(missing_ok=True)
    os.symlink(target, tmp)
    try:
        os.replace(tmp, link)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


_RENAME_EXCHANGE = 2  # <linux/fs.h>
_AT_FDCWD = -100


def exchange(first: Path, second: Path) -> bool:
    """Swap two paths of any kind in one step (Linux renameat2 RENAME_EXCHANGE); False, and
    nothing done, where the system or the file system cannot."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):  # glibc before 2.28
        return False
    if renameat2(_AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE) == 0:
        return True
    error = ctypes.get_errno()
    if error in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP):
        return False
    raise OSError(error, os.strerror(error), str(first))


IN_USE = ".in-use"  # the file inside a temporary folder whose lock says its owner is alive


@contextmanager
def temporary_folder(prefix: str, parent: Path | None = None) -> Iterator[Path]:
    """A new folder ``parent/prefix*`` (default: the system's temporary folder), removed after.
    While in use, its file ``.in-use`` is locked (not the folder itself, which a command run in it
    may lock, as ``try --append`` does); see :func:`remove_abandoned`."""
    parent = Path(tempfile.gettempdir()) if parent is None else parent
    with _flocked(parent, shared=True):  # no cleaner looks between mkdtemp and our lock
        path = Path(tempfile.mkdtemp(prefix=prefix, dir=parent))
        fd = os.open(path / IN_USE, os.O_WRONLY | os.O_CREAT, 0o600)
        if fcntl is not None:
            fcntl.flock(fd, fcntl.LOCK_EX)
    try:
        yield path
    finally:
        shutil.rmtree(path, ignore_errors=True)
        os.close(fd)


def remove_abandoned(prefix: str, parent: Path | None = None) -> None:
    """Remove the folders ``parent/prefix*`` whose owner died: those whose ``.in-use`` nobody locks."""
    parent = Path(tempfile.gettempdir()) if parent is None else parent
    with _flocked(parent, shared=False):
        for path in parent.glob(prefix + "*"):
            if path.is_symlink() or not path.is_dir():
                continue
            try:
                fd = os.open(path / IN_USE, os.O_RDONLY)
            except OSError:  # not made by temporary_folder (an older version's), or another user's
                continue
            try:
                if fcntl is not None:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                shutil.rmtree(path, ignore_errors=True)
            except OSError:  # locked: a live run uses it
                pass
            finally:
                os.close(fd)


@contextmanager
def _flocked(folder: Path, shared: bool) -> Iterator[None]:
    if fcntl is None:  # pragma: no cover
        yield
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_SH if shared else fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)


# --- child processes ----------------------------------------------------------------------------

PR_SET_PDEATHSIG = 1  # <linux/prctl.h>


def die_with_parent(parent: int, sig: int = signal.SIGTERM) -> None:
    """In a child forked from ``parent`` (a Python worker): the kernel sends us ``sig`` when the
    thread that forked us ends, even by a kill -9 of the parent; we exit if it already has.
    Linux only; elsewhere nothing is done."""
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):  # pragma: no cover
            ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, int(sig), 0, 0, 0)
    if os.getppid() != parent:  # the parent died before prctl took effect
        os._exit(1)


# A command is started as `setpriv --pdeathsig TERM /bin/sh -c _GUARD sh PARENT COMMAND...`, in a
# process group of its own: setpriv (util-linux, essential on Debian) sets PR_SET_PDEATHSIG and
# execs the shell, so no Python code runs between fork and exec (preexec_fn is unsafe in a
# process with threads, and handouts compile from a thread pool). The shell exits if we died
# before that took effect (its $PPID is no longer us), gets SIGTERM when we die (even by kill -9),
# and then kills the whole group, so the command's own children (pdflatex under latexmk) go too.
_GUARD = '[ "$PPID" = "$1" ] || exit 1; shift; trap "kill -KILL 0" TERM INT HUP; "$@" & wait $!'


def _setpriv() -> list[str]:
    """The prefix that sets the parent-death signal, or nothing where setpriv is missing (then a
    child still dies with us on a timeout, an exception, Ctrl-C or SIGTERM, but not a kill -9)."""
    path = shutil.which("setpriv") if sys.platform.startswith("linux") else None
    return [path, "--pdeathsig", "TERM"] if path else []


def run(
    command: Sequence[str],
    *,
    cwd: Path,
    env: Mapping[str, str],
    timeout: float,
) -> subprocess.CompletedProcess[str]:
    """Run ``command`` like ``subprocess.run(..., capture_output=True, text=True)``, but so that
    it and everything it starts end with us: on a timeout, an exception, Ctrl-C, SIGTERM, or a
    kill -9 of this process. Raises :class:`subprocess.TimeoutExpired` after ``timeout`` seconds.

    PR_SET_PDEATHSIG fires when the *thread* that started the child ends; this one waits for the
    child below, so it outlives it (handouts compile from a thread pool)."""
    proc = subprocess.Popen(
        [*_setpriv(), "/bin/sh", "-c", _GUARD, "sh", str(os.getpid()), *command],
        cwd=cwd,
        env=dict(env),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
        errors="replace",
        start_new_session=True,  # its own process group, away from our terminal
    )
    try:
        out, err = proc.communicate(timeout=timeout)
    except BaseException:
        _kill_group(proc.pid)
        proc.communicate()
        raise
    return subprocess.CompletedProcess(list(command), proc.returncode, out, err)


def _kill_group(pgid: int) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(pgid, signal.SIGKILL)

def cpus() -> int:
    """The processors this process may run on (a container or `taskset` may allow fewer than exist)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):  # not Linux
        return os.cpu_count() or 1
