"""Import problems (issues): where they are, what is wrong and what to do, in Dutch and English.

An :class:`Issue` is a *fout* (error: blocks planning) or a *waarschuwing* (warning: an
assumption the importer made, such as a category mapped to a score). It names the sheet, the
Excel row number and the column (header text and letter). Messages name learners by id only,
never by name or notes; cell values are echoed only for columns that are not personal text.

App messages live in :data:`TEMPLATES` (its own module, :mod:`app.workbook.issue_texts`), a
:class:`~optimizer.messages.Catalogue` (key -> Dutch, English; a parameter that differs by
language is passed as ``what`` and ``what_en``); an optimizer :class:`~optimizer.messages.Message` can be wrapped too (:meth:`Issue.from_message`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from app.workbook.issue_texts import TEMPLATES
from optimizer.messages import Message

ERROR = "fout"
WARNING = "waarschuwing"
_SEVERITY_EN = {ERROR: "error", WARNING: "warning"}
_PLACE_WORDS = {"nl": ("blad", "rij", "kolom", "rijen", "en"), "en": ("sheet", "row", "column", "rows", "and")}


@dataclass(frozen=True)
class Issue:
    """One import problem: severity, place (sheet, Excel row, column) and a Dutch/English message."""

    severity: str
    """:data:`ERROR` ('fout', blocks planning) or :data:`WARNING` ('waarschuwing')."""
    code: str
    message: str
    """Dutch text: what is wrong and what to do."""
    message_en: str
    sheet: str | None = None
    """The sheet title as it appears in the workbook (or a canonical name for a missing sheet)."""
    row: int | None = None
    """Excel row number (1 = first row)."""
    column: str | None = None
    """Column header text."""
    column_letter: str | None = None
    value: Any = None
    file: str | None = None
    """File name when the issue is not in the main file (the settings workbook)."""
    also_rows: tuple[int, ...] = ()
    """Other Excel rows of the same sheet and column that the one problem is about (the second
    learner of a pair whose pins contradict each other): marked there too, counted once."""
    index: Any = None
    """For a sheet given as a DataFrame (:func:`app.workbook.frames.load_frames`): the frame's
    index label of :attr:`row` (row 2 is the frame's first row, whatever its index), said with
    the row: ``rij 7 (index 5)``."""

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR

    @property
    def cell(self) -> str | None:
        """``"C5"`` when both column letter and row are known."""
        if self.column_letter and self.row:
            return f"{self.column_letter}{self.row}"
        return None

    @property
    def rows(self) -> tuple[int, ...]:
        """Every Excel row the issue is about, in order: :attr:`row` and :attr:`also_rows`."""
        return tuple(sorted({self.row, *self.also_rows})) if self.row else ()

    @property
    def where(self) -> str:
        """Human place: ``"blad Deelnemers, rij 5, kolom Leerbaarheid (C)"``."""
        return self.place()

    def place(self, lang: str | None = None) -> str:
        """The place in Dutch (default) or English: ``"sheet Deelnemers, row 5, column Leerbaarheid (C)"``."""
        sheet, row, column, rows, and_ = _PLACE_WORDS["en" if lang == "en" else "nl"]
        parts = []
        if self.file:
            parts.append(self.file)
        if self.sheet:
            parts.append(f"{sheet} {self.sheet}")
        numbers = [str(n) for n in self.rows]
        if len(numbers) > 1:
            parts.append(f"{rows} {', '.join(numbers[:-1])} {and_} {numbers[-1]}")
        elif numbers:
            parts.append(f"{row} {numbers[0]}" + ("" if self.index is None else f" (index {self.index!r})"))
        if self.column:
            col = f"{column} {self.column}"
            if self.column_letter:
                col += f" ({self.column_letter})"
            parts.append(col)
        return ", ".join(parts)

    def text(self, lang: str | None = None) -> str:
        return self.message_en if lang == "en" else self.message

    def line(self, lang: str | None = None) -> str:
        """One line for a log or terminal: ``"fout: blad Deelnemers, rij 5, ...: <what to do>"``.

        The only place that puts the severity in front of an issue's text (Dutch by default,
        ``lang="en"`` gives ``"error: sheet ..."``).
        """
        en = lang == "en"
        severity = _SEVERITY_EN.get(self.severity, self.severity) if en else self.severity
        where = self.place(lang)
        return f"{severity}: {where + ': ' if where else ''}{self.text(lang)}"

    def __str__(self) -> str:
        return self.line()

    @classmethod
    def make(cls, severity: str, code: str, /, **kw: Any) -> Issue:
        """An issue from an app template; place fields are taken from ``kw``, the rest are parameters."""
        place: dict[str, Any] = {k: kw.pop(k) for k in ("sheet", "row", "column", "column_letter", "value", "file")
                 if k in kw}
        params = {**place, **kw}
        return cls(severity, code, TEMPLATES.text(code, "nl", **params), TEMPLATES.text(code, "en", **params), **place)

    @classmethod
    def from_message(cls, severity: str, message: Message, /, **place: Any) -> Issue:
        """Wrap an optimizer :class:`~optimizer.messages.Message` with a place."""
        return cls(severity, message.key, message.text("nl"), message.text("en"), **place)


def short(value: Any, limit: int = 60) -> str:
    """A cell value as short text for a message (long texts are cut with '...')."""
    text = "" if value is None else str(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."
