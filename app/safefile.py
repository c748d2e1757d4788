"""Files that hold learners' personal data: written atomically and privately, locked, cleaned up.

Learner lists are personal data (AVG/GDPR), so every file Klasvormer writes with learner rows
(project, recovery, plan and error workbooks, simulation tables) goes through
:func:`atomic_write`:

- the data go to a temporary file next to the target, are flushed and ``fsync``'ed, then
  ``os.replace`` puts them in place and the folder is synced too: after a crash the target is
  the old or the new file, never half of one;
- a new file gets mode ``0600`` (only the owner may read it); a replaced file keeps its mode;
- a read-only target is not replaced unless the caller says so (:class:`ReadOnlyFileError`);
- the temporary file's name says whose it is (``.NAME.kv-HOST-PID-XXXX.tmp``, NAME cut short when
  the target's name is near the file system's limit), so
  :func:`cleanup_temp_files` can remove the ones an interrupted save left behind (their
  process is gone, or they are older than :data:`TEMP_MAX_AGE`) and never a live save's.

A lock file (:class:`FileLock`) records who has a file open: process id, host, user and since
when. A lock is stale when its process is gone (same host) or, for another host's lock, when
it was not refreshed for :data:`LOCK_STALE_AFTER` seconds (the GUI refreshes its locks on the
autosave timer). No Qt here: the GUI and the tests use the same code.
"""

from __future__ import annotations

import contextlib
import errno
import getpass
import hashlib
import json
import os
import re
import socket
import stat
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from optimizer.messages import Catalogue, Keyed

PRIVATE_MODE = 0o600
"""Mode of a new file holding personal data: read and write for its owner only."""
TEMP_MAX_AGE = 600.0
"""Seconds after which a temporary file of ours is left over even when its owner is unknown."""
LOCK_STALE_AFTER = 900.0
"""Seconds without a refresh after which another host's lock counts as left behind."""
OUR_TEMP_MAX_AGE = 86_400.0
"""A temporary file of a live process on this host is removed only after a day (pid reuse)."""

_TEMP_RE = re.compile(r"^\.(?P<name>.+)\.kv-(?P<host>[0-9a-f]{6})-(?P<pid>\d+)-[a-z0-9_]+\.tmp$")
# names earlier versions used (no owner in the name: removed by age only)
_LEGACY_RES = (
    re.compile(r"^\..+\.klasvormer\.[a-z0-9_]{8}\.tmp$"),  # project: mkstemp(".NAME.", ".tmp")
    re.compile(r"^\.~.{0,40}[a-z0-9_]{8}\.xlsx$"),  # workbook: mkstemp(".~STEM", ".xlsx")
)


ERRORS = Catalogue({
    "read_only": (
        "Bestand '{name}' is alleen-lezen. Het wordt niet overschreven; kies een andere naam, of bevestig dat u "
        "het toch wilt vervangen.",
        "File '{name}' is read-only. It is not replaced; choose another name, or confirm that you want to replace "
        "it anyway.",
    ),
})
"""Why a file is not written (:class:`ReadOnlyFileError` keys), Dutch and English."""


class ReadOnlyFileError(Keyed, PermissionError):
    """The target file is read-only; it is replaced only when the caller says so.

    A key of :data:`ERRORS` and its parameters; ``str()`` and ``nl`` in Dutch, ``en`` in English."""

    catalogue = ERRORS

    def __init__(self, path: str | Path) -> None:
        self.key = "read_only"
        self.params = {"name": Path(path).name}
        super().__init__(errno.EACCES, self.nl, str(path))


    def __str__(self) -> str:
        return self.nl


class FolderNotWritableError(OSError):
    """No temporary file can be made in the target's folder."""


# ---- processes and owners ------------------------------------------------------------------------
def host_name() -> str:
    return socket.gethostname() or "?"


def _host_tag(host: str | None = None) -> str:
    return hashlib.sha1((host or host_name()).encode("utf-8")).hexdigest()[:6]


def process_alive(pid: int) -> bool:
    """Whether process ``pid`` runs on this machine (a pid we cannot check counts as alive)."""
    if pid <= 0:
        return False
    if pid == os.getpid():
        return True
    if os.name == "nt":  # pragma: no cover - Windows only
        return _process_alive_windows(pid)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # another user's process
    except OSError:
        return True
    return True


def _process_alive_windows(pid: int) -> bool:  # pragma: no cover - Windows only
    # os.kill on Windows would end the process: ask the kernel instead.
    import ctypes

    kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
    handle = kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
    if not handle:
        return kernel32.GetLastError() == 5  # access denied: it exists
    try:
        code = ctypes.c_ulong()
        if not kernel32.GetExitCodeProcess(handle, ctypes.byref(code)):
            return True
        return code.value == 259  # STILL_ACTIVE
    finally:
        kernel32.CloseHandle(handle)


@dataclass(frozen=True)
class Owner:
    """Who holds a lock: a process on a host, run by a user, since a time."""

    pid: int
    host: str
    user: str
    since: datetime

    @classmethod
    def me(cls) -> Owner:
        try:
            user = getpass.getuser()
        except (OSError, KeyError, ImportError):
            user = "?"
        return cls(os.getpid(), host_name(), user, datetime.now().replace(microsecond=0))

    def is_me(self) -> bool:
        return self.pid == os.getpid() and self.host == host_name()

    def to_json(self) -> dict[str, object]:
        return {"pid": self.pid, "host": self.host, "user": self.user, "since": self.since.isoformat()}

    @classmethod
    def from_json(cls, data: object) -> Owner | None:
        if not isinstance(data, dict):
            return None
        try:
            pid = data["pid"]
            if not isinstance(pid, int) or isinstance(pid, bool):
                return None
            return cls(pid, str(data.get("host") or "?"), str(data.get("user") or "?"),
                       datetime.fromisoformat(str(data["since"])))
        except (KeyError, ValueError, TypeError):
            return None


@dataclass(frozen=True)
class LockInfo:
    """A lock file as found: its owner (None when unreadable) and when it was last refreshed."""

    path: Path
    owner: Owner | None
    refreshed: float

    def is_stale(self, now: float | None = None) -> bool:
        """True when the owner is gone: its process ended (this host) or it stopped refreshing."""
        if self.owner is None:
            return (now or time.time()) - self.refreshed > LOCK_STALE_AFTER
        if self.owner.host == host_name():
            return not process_alive(self.owner.pid)
        return (now or time.time()) - self.refreshed > LOCK_STALE_AFTER

    def is_mine(self) -> bool:
        return self.owner is not None and self.owner.is_me()


def read_lock(path: str | Path) -> LockInfo | None:
    """The lock at ``path``, or None when there is none."""
    p = Path(path)
    try:
        refreshed = p.stat().st_mtime
        raw = p.read_bytes()[:4096]
    except FileNotFoundError:
        return None
    except OSError:
        return LockInfo(p, None, time.time())
    try:
        owner = Owner.from_json(json.loads(raw))
    except (ValueError, RecursionError):
        owner = None
    return LockInfo(p, owner, refreshed)


class FileLock:
    """A lock file this process holds (written at once; :meth:`release` removes it)."""

    def __init__(self, path: str | Path, owner: Owner | None = None) -> None:
        self.path = Path(path)
        self.owner = owner or Owner.me()
        data = json.dumps(self.owner.to_json()).encode("utf-8")
        atomic_write(self.path, data, cleanup=False, overwrite_readonly=True)

    def refresh(self) -> None:
        """Show that the owner still lives (another host cannot check the process)."""
        with contextlib.suppress(OSError):
            os.utime(self.path)

    def held(self) -> bool:
        """Whether the lock file is still ours (another instance may have taken it over)."""
        info = read_lock(self.path)
        return info is not None and info.owner == self.owner

    def release(self) -> None:
        """Remove the lock file if it is still ours."""
        if self.held():
            with contextlib.suppress(OSError):
                self.path.unlink()


# ---- temporary files -----------------------------------------------------------------------------
NAME_MAX = 255
"""Bytes in a file name where the file system does not say (ext4, NTFS's 255 UTF-16 units, APFS)."""
_RANDOM_AND_SUFFIX = 8 + len(".tmp")  # mkstemp's random part and our suffix


def _name_max(folder: Path) -> int:
    try:
        return int(os.pathconf(folder, "PC_NAME_MAX"))
    except (AttributeError, OSError, ValueError):  # Windows has no pathconf
        return NAME_MAX


def _temp_prefix(target: Path, folder: Path | None = None) -> str:
    """``.NAME.kv-HOST-PID-``: with mkstemp's random part and ``.tmp`` a name the folder takes,
    the target's name cut short (whole characters) when the target's own name is near the limit."""
    owner = f".kv-{_host_tag()}-{os.getpid()}-"
    room = min(_name_max(folder or target.parent), NAME_MAX) - 1 - len(owner) - _RANDOM_AND_SUFFIX
    name = target.name.encode("utf-8")[:max(1, room)].decode("utf-8", "ignore") or "f"
    return f".{name}{owner}"


def is_temp_name(name: str) -> bool:
    """Whether ``name`` is a temporary file of ours (this version's or an earlier one's)."""
    return bool(_TEMP_RE.match(name)) or any(r.match(name) for r in _LEGACY_RES)


def temp_is_stale(path: Path, now: float | None = None) -> bool:
    """Whether the temporary file ``path`` (one of ours) was left by a save that will not finish."""
    try:
        age = (now or time.time()) - path.stat().st_mtime
    except OSError:
        return False
    m = _TEMP_RE.match(path.name)
    if m is None:
        return age > TEMP_MAX_AGE
    if m["host"] != _host_tag():
        return age > TEMP_MAX_AGE
    pid = int(m["pid"])
    if pid == os.getpid():
        return age > OUR_TEMP_MAX_AGE
    return not process_alive(pid) or age > OUR_TEMP_MAX_AGE


def cleanup_temp_files(folder: str | Path, now: float | None = None) -> list[Path]:
    """Remove temporary files of ours in ``folder`` that interrupted saves left behind.

    Only files named the way :func:`atomic_write` (or an earlier version) names them, and only
    those whose process is gone or that are older than :data:`TEMP_MAX_AGE`."""
    removed: list[Path] = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    for entry in entries:
        if not entry.name.startswith(".") or not is_temp_name(entry.name):
            continue
        with contextlib.suppress(OSError):
            if not entry.is_file(follow_symlinks=False):
                continue
            path = Path(entry.path)
            if temp_is_stale(path, now):
                path.unlink()
                removed.append(path)
    return removed


# ---- writing -------------------------------------------------------------------------------------
def is_read_only(path: str | Path) -> bool:
    """Whether the file at ``path`` exists and is marked read-only (mode without owner write)."""
    try:
        st = os.stat(path)
    except OSError:
        return False
    return not st.st_mode & stat.S_IWUSR


def _default_mode(private: bool) -> int:
    if private:
        return PRIVATE_MODE
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def sync_folder(folder: str | Path) -> None:
    """``fsync`` a folder so a rename in it survives a power cut (no-op where not possible)."""
    if os.name == "nt":  # pragma: no cover - Windows cannot open a folder for syncing
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def atomic_write(path: str | Path, data: bytes | Callable[[str], None], *, private: bool = True,
                 overwrite_readonly: bool = False, cleanup: bool = True) -> Path:
    """Write ``data`` (bytes, or a function writing the file whose path it gets) to ``path``.

    See the module docstring: temporary file, fsync, ``os.replace``, folder sync; a new file
    gets ``0600`` (``private``) or the umask's mode, a replaced one keeps its mode. A read-only
    target raises :class:`ReadOnlyFileError` unless ``overwrite_readonly``. With ``cleanup``,
    stale temporary files of ours in the folder are removed first."""
    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    folder.mkdir(parents=True, exist_ok=True)
    if cleanup:
        cleanup_temp_files(folder)
    try:
        old_mode: int | None = stat.S_IMODE(os.stat(target).st_mode)
    except FileNotFoundError:
        old_mode = None
    read_only = old_mode is not None and not old_mode & stat.S_IWUSR
    if read_only and not overwrite_readonly:
        raise ReadOnlyFileError(target)
    mode = old_mode if old_mode is not None else _default_mode(private)
    try:
        fd, tmp = tempfile.mkstemp(prefix=_temp_prefix(target, folder), suffix=".tmp", dir=folder)
    except OSError as exc:
        raise FolderNotWritableError(exc.errno, exc.strerror, str(folder)) from None
    try:
        if isinstance(data, (bytes, bytearray, memoryview)):
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
                fh.flush()
                os.fsync(fh.fileno())
        else:
            os.close(fd)
            data(tmp)
            with open(tmp, "r+b") as fh:
                os.fsync(fh.fileno())
        if os.name == "nt":  # pragma: no cover - Windows: a read-only target cannot be replaced
            if read_only:
                os.chmod(target, stat.S_IWRITE | stat.S_IREAD)
            os.replace(tmp, target)
            os.chmod(target, mode)
        else:
            os.chmod(tmp, mode)
            os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    sync_folder(folder)
    return target


def excel_lock(path: str | Path) -> Path | None:
    """Excel's lock file for ``path`` (``~$NAME`` next to it: Excel has the file open), or None."""
    target = Path(path)
    lock = target.with_name("~$" + target.name)
    try:
        return lock if lock.is_file() else None
    except (OSError, ValueError):
        return None


def file_stamp(path: str | Path) -> str | None:
    """A fingerprint of the file's content (size and SHA-256), None when it does not exist."""
    h = hashlib.sha256()
    size = 0
    try:
        with open(path, "rb") as fh:
            while chunk := fh.read(1 << 20):
                h.update(chunk)
                size += len(chunk)
    except FileNotFoundError:
        return None
    return f"{size}:{h.hexdigest()}"
