"""Persistent preferences (QSettings): language, recent files, window layout, recovery folder, and the
folder the file dialogs start in."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QSettings, QStandardPaths

MAX_RECENT = 8


def use_private_settings(name: str, folder: str | Path | None = None) -> Path:
    """Let this process keep its settings as application ``name`` in ``folder`` (a new temporary
    folder when None), never in the planner's own: screenshots, benchmarks and tests. Call before
    the application is made. Returns the folder."""
    import tempfile

    from PySide6.QtCore import QCoreApplication

    where = Path(folder) if folder is not None else Path(tempfile.mkdtemp(prefix=f"{name.lower()}-"))
    QCoreApplication.setOrganizationName(name)
    QCoreApplication.setApplicationName(name)
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(where))
    return where


def settings() -> QSettings:
    """The application's settings (organisation and application name set in ``ui.main``)."""
    return QSettings()


def saved_language() -> str:
    value = settings().value("language", "nl")
    return value if value in ("nl", "en") else "nl"


def save_language(lang: str) -> None:
    settings().setValue("language", lang)


def recent_files() -> list[str]:
    value = settings().value("recentFiles", [])
    if isinstance(value, str):
        value = [value]
    return [str(v) for v in (value or []) if v]


def add_recent_file(path: str | Path) -> list[str]:
    p = str(Path(path).resolve())
    files = [p] + [f for f in recent_files() if f != p]
    files = files[:MAX_RECENT]
    settings().setValue("recentFiles", files)
    return files


def clear_recent_files() -> None:
    settings().setValue("recentFiles", [])


def documents_dir() -> Path:
    """The user's documents folder (home when the system has none)."""
    docs = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(docs) if docs and Path(docs).is_dir() else Path.home()


def last_folder() -> Path:
    """Where open and save dialogs start: the folder used last, else the documents folder."""
    value = settings().value("lastFolder", "")
    if value and Path(str(value)).is_dir():
        return Path(str(value))
    return documents_dir()


def remember_folder(path: str | Path) -> None:
    """Remember the folder of a file (or the folder) the planner chose in a dialog."""
    p = Path(path)
    folder = p if p.is_dir() else p.parent
    if str(folder):
        settings().setValue("lastFolder", str(folder.resolve()))


def recovery_dir() -> Path:
    """Where autosave keeps its recovery file (``KLASVORMER_DATA_DIR`` overrides it)."""
    env = os.environ.get("KLASVORMER_DATA_DIR")
    if env:
        return Path(env)
    base = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
    return Path(base or Path.home() / ".klasvormer") / "herstel"
