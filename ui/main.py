"""Start the planner: ``main(argv) -> int`` (``make run`` opens the bundled sample).

``argv`` may hold a workbook, CSV or project path; without one the bundled sample
``samples/b1_aanbieder.xlsx`` is opened. The language comes from the settings (Dutch by
default). If the previous session did not end normally, the planner is offered its
unsaved work back first.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

from ui.i18n import set_language
from ui.settings import saved_language
from ui.style import apply_app_style

SAMPLE = Path(__file__).resolve().parent.parent / "samples" / "b1_aanbieder.xlsx"


def make_app(argv: list[str] | None = None) -> QApplication:
    """The QApplication (created once) with names, style and language set."""
    app = QApplication.instance()
    if app is None:
        QGuiApplication.setHighDpiScaleFactorRoundingPolicy(Qt.HighDpiScaleFactorRoundingPolicy.PassThrough)
        app = QApplication(["klasvormer", *(argv or [])])
    assert isinstance(app, QApplication)
    QCoreApplication.setOrganizationName(QCoreApplication.organizationName() or "Klasvormer")
    QCoreApplication.setApplicationName(QCoreApplication.applicationName() or "Klasvormer")
    app.setApplicationDisplayName("Klasvormer")
    apply_app_style(app)
    set_language(saved_language())
    return app


def main(argv: list[str] | None = None) -> int:
    """Open the planner window; returns the exit code."""
    args = list(sys.argv[1:] if argv is None else argv)
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    files = [a for a in args if not a.startswith("-")]
    app = make_app([a for a in args if a.startswith("-") and a != "--no-gui"])
    from .mainwindow import MainWindow

    window = MainWindow()
    window.show()
    path = Path(files[0]) if files else (SAMPLE if SAMPLE.exists() else None)
    window.start(path)
    return int(app.exec())


if __name__ == "__main__":
    sys.exit(main())
