"""Why the system refused to read or write a file, in Dutch and English.

Python's own text of an ``OSError`` is English (``[Errno 13] Permission denied: 'plan.xlsx'``);
inside a Dutch message it read as a foreign sentence. :func:`os_reason` says the common cases
(no permission, not found, a folder, a file where a folder was expected, disk full, read-only
disk, open in another program, name too long) in both languages, as a reason without the path:
the message around it names the file. Rare errors keep the system's own text.
:func:`os_error_text` is the whole sentence with the path, for where the error was the message.
"""

from __future__ import annotations

import errno

from optimizer.messages import Bilingual, Catalogue

REASONS = Catalogue({
    "no_permission": (
        "toegang geweigerd; u hebt geen rechten op dit bestand of deze map, of een ander programma heeft het "
        "bestand open",
        "access denied; you have no permission for this file or folder, or another program has the file open",
    ),
    "in_use": (
        "het bestand is geopend in een ander programma (zoals Excel of LibreOffice); sluit het daar",
        "the file is open in another program (such as Excel or LibreOffice); close it there",
    ),
    "not_found": ("bestand of map niet gevonden", "file or folder not found"),
    "is_folder": ("dat is een map, geen bestand", "that is a folder, not a file"),
    "not_folder": ("een deel van het pad is een bestand, geen map", "part of the path is a file, not a folder"),
    "disk_full": ("de schijf is vol", "the disk is full"),
    "quota": ("uw schijfruimte (quotum) is op", "your disk quota is used up"),
    "read_only_disk": ("de schijf of map is alleen-lezen", "the disk or folder is read-only"),
    "name_too_long": ("de naam is te lang voor het bestandssysteem", "the name is too long for the file system"),
    "exists": ("er staat al een bestand of map met die naam", "a file or folder of that name is already there"),
    "io": ("lees- of schrijffout op de schijf", "read or write error on the disk"),
    "too_many_open": ("te veel bestanden tegelijk geopend", "too many files open at once"),
    "other": ("{text}", "{text}"),
    "at_path": ("'{path}': {reason}", "'{path}': {reason}"),
})
"""The reasons of :class:`OsReason` (lowercase, no final period: they sit inside a sentence)."""

_BY_ERRNO = {
    errno.EACCES: "no_permission",
    errno.EPERM: "no_permission",
    errno.ENOENT: "not_found",
    errno.EISDIR: "is_folder",
    errno.ENOTDIR: "not_folder",
    errno.ENOSPC: "disk_full",
    errno.EROFS: "read_only_disk",
    errno.ENAMETOOLONG: "name_too_long",
    errno.EEXIST: "exists",
    errno.EIO: "io",
    errno.EBUSY: "in_use",
    errno.ETXTBSY: "in_use",
    errno.EMFILE: "too_many_open",
    errno.ENFILE: "too_many_open",
}
for _name in ("EDQUOT",):  # not on every system
    if hasattr(errno, _name):
        _BY_ERRNO[getattr(errno, _name)] = "quota"

_WINDOWS_IN_USE = (32, 33)
"""Windows' ERROR_SHARING_VIOLATION and ERROR_LOCK_VIOLATION: another program (Excel) has the file."""


class OsReason(Bilingual):
    """Why ``exc`` happened, in Dutch or English (``text(lang)``); ``str()`` is Dutch."""

    def __init__(self, exc: OSError) -> None:
        self.key = _key(exc)
        self.system = (exc.strerror or str(exc) or type(exc).__name__).rstrip(".")

    def text(self, lang: str | None = None) -> str:
        return REASONS.text(self.key, "en" if lang == "en" else "nl", text=self.system)

    def __str__(self) -> str:
        return self.nl

    def __repr__(self) -> str:
        return f"OsReason({self.key!r}, {self.system!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, OsReason) and (self.key, self.system) == (other.key, other.system)

    def __hash__(self) -> int:
        return hash((self.key, self.system))


def _key(exc: OSError) -> str:
    if getattr(exc, "winerror", None) in _WINDOWS_IN_USE:
        return "in_use"
    return _BY_ERRNO.get(exc.errno or 0, "other")


def os_reason(exc: OSError) -> Bilingual:
    """Why ``exc`` happened, without the path (the message around it names the file); an error
    that says itself in both languages (:class:`app.safefile.ReadOnlyFileError`) is its own reason."""
    return exc if isinstance(exc, Bilingual) else OsReason(exc)


def os_error_text(exc: OSError, lang: str | None = None) -> str:
    """The whole of ``exc`` in ``lang`` (Dutch unless "en"): its file (when it has one) and why,
    where Python would say ``[Errno 13] Permission denied: 'plan.xlsx'``. An error that says
    itself in both languages (:class:`~optimizer.messages.Bilingual`) says that."""
    if isinstance(exc, Bilingual):
        return exc.text(lang)
    if exc.errno is None:  # raised with a message of our own (``FileNotFoundError(text)``)
        return str(exc)
    reason = OsReason(exc).text(lang)  # lowercase: it follows a colon ("Automatisch opslaan mislukt: ...")
    if exc.filename is None:
        return reason
    return REASONS.text("at_path", "en" if lang == "en" else "nl", path=exc.filename, reason=reason)
