"""Autosave: each running instance writes its own recovery file with its own lock
(``herstel-<instance>.klasvormer``); only recovery files whose owner is gone are offered."""

from __future__ import annotations

import contextlib
import os
import secrets
import zipfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from app import safefile
from app.planner.encoding import ProjectError
from app.planner.project import SUFFIX, Project, check_sizes, read_manifest, save_project
from app.safefile import FileLock, read_lock

RECOVERY_STEM = "herstel"
"""Recovery files are ``herstel-<instance>.klasvormer`` with a lock ``herstel-<instance>.lock``
(``herstel.klasvormer`` without a lock: an earlier version's)."""


# ---- autosave and recovery -------------------------------------------------------------------
@dataclass(frozen=True)
class Recovery:
    """An autosaved project left behind by a session that did not end normally."""

    path: Path
    saved_at: datetime | None
    origin: str | None
    lock_path: Path | None = None


def _recovery_lock(path: Path) -> Path:
    return path.with_suffix(".lock")


class RecoverySlot:
    """This instance's recovery file (``herstel-<pid>-<random>.klasvormer``) and its lock.

    The lock is written when the slot is made and removed by :meth:`close` (a normal end);
    while it lives, :func:`find_recoveries` in another instance does not offer the file."""

    def __init__(self, folder: str | Path) -> None:
        self.folder = Path(folder)
        self.folder.mkdir(parents=True, exist_ok=True)
        safefile.cleanup_temp_files(self.folder)
        token = f"{os.getpid()}-{secrets.token_hex(4)}"
        self.path = self.folder / f"{RECOVERY_STEM}-{token}{SUFFIX}"
        self.lock = FileLock(_recovery_lock(self.path))

    def write(self, project: Project, *, keep_source: bool = False) -> Path:
        """Autosave ``project`` (atomically); also refreshes the lock. The input workbook goes
        along only with ``keep_source``, as in :func:`save_project`."""
        self.lock.refresh()
        return save_project(self.path, project, keep_source=keep_source)

    def clear(self) -> None:
        """Remove the recovery file (its work was saved or discarded); the lock stays."""
        with contextlib.suppress(FileNotFoundError):
            self.path.unlink()

    def close(self) -> None:
        """The instance ends normally: remove the recovery file and the lock."""
        self.clear()
        self.lock.release()

    def claim(self, rec: Recovery) -> Path | None:
        """Make the left-behind ``rec`` this instance's recovery file (one rename, so the work is
        never without a file); None when another instance claimed it first."""
        try:
            os.replace(rec.path, self.path)
        except FileNotFoundError:
            return None
        if rec.lock_path is not None:
            with contextlib.suppress(OSError):
                rec.lock_path.unlink()
        return self.path


def find_recoveries(folder: str | Path) -> list[Recovery]:
    """Recovery files in ``folder`` whose owner is gone (newest first); removes stale locks
    without a recovery file. A live instance's file is never returned."""
    base = Path(folder)
    if not base.is_dir():
        return []
    found: list[Recovery] = []
    for path in sorted(base.glob(f"{RECOVERY_STEM}*{SUFFIX}")):
        lock = _recovery_lock(path)
        info = read_lock(lock)
        if info is not None and not info.is_stale():
            continue
        saved_at = origin = None
        try:
            with zipfile.ZipFile(path) as zf:
                check_sizes(zf, path.name)
                manifest = read_manifest(zf, path.name)
            saved = manifest.get("saved")
            saved_at = datetime.fromisoformat(saved) if saved else None
            origin = manifest.get("origin")
        except (zipfile.BadZipFile, ProjectError, OSError, ValueError):
            pass
        found.append(Recovery(path, saved_at, origin, lock if info is not None else None))
    for lock in base.glob(f"{RECOVERY_STEM}-*.lock"):
        if not lock.with_suffix(SUFFIX).exists():
            info = read_lock(lock)
            if info is not None and info.is_stale():
                with contextlib.suppress(OSError):
                    lock.unlink()
    found.sort(key=lambda r: r.saved_at or datetime.min, reverse=True)
    return found


def discard_recovery(rec: Recovery) -> None:
    """Remove a left-behind recovery file the planner declined (and its lock)."""
    for p in (rec.path, rec.lock_path):
        if p is not None:
            with contextlib.suppress(FileNotFoundError):
                p.unlink()
