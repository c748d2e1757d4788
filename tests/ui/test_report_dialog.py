"""A long report (one line per class carried over to the next planning week) still fits a laptop
screen: its first and last line in the box, the whole under the details button."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox


def _shown(window, text: str) -> tuple[str, str, int]:
    seen: list[tuple[str, str, int]] = []

    def close() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(50, close)
            return
        seen.append((box.text(), box.detailedText(), box.sizeHint().height()))
        box.accept()

    QTimer.singleShot(50, close)
    window.show_report("Volgende planweek", text)
    assert seen, "no dialog was shown"
    return seen[0]


def test_a_long_report_shows_its_ends_and_keeps_the_whole_under_details(window):
    lines = ["w1.xlsx overgezet naar plandatum 07-12-2026"]
    lines += [f"Klas K{i:02d} is gestart: nu een lopende klas, 2 vrije plaatsen, einddatum 31-05-2027." for i in range(30)]
    lines += ["412 deelnemers zijn gestart (blad Gestart); nog te plannen: 600 deelnemers."]
    text, details, height = _shown(window, "\n".join(lines))
    assert text.splitlines()[0] == lines[0] and text.splitlines()[-1] == lines[-1]
    assert "Klas K15" not in text and details == "\n".join(lines)
    assert height < 614  # the window's height on a 1366x768 screen at 125%


def test_a_short_report_is_shown_whole(window):
    lines = ["Klas K1 is gestart.", "4 deelnemers zijn gestart."]
    text, details, _ = _shown(window, "\n".join(lines))
    assert text == "\n".join(lines) and details == ""
