"""Entry point of the frozen application (PyInstaller, ``packaging/klasvormer.spec``).

One program, two executables sharing the libraries in one folder: ``klasvormer`` (the CLI,
a console program) and ``klasvormer-planner`` (the desktop planner; on Windows without a
console window). The name the program was started under picks the entry point.
"""

from __future__ import annotations

import multiprocessing
import sys
from pathlib import Path

QT_PROBE_FLAG = "--qt-probe"
"""ui.__main__.probe_gui runs the frozen program with this flag instead of ``python -c``."""
QT_DUTCH_FLAG = "--qt-dutch-check"
"""tests/dist: print Qt's own "Cancel" after ui.i18n switched to Dutch (qtbase_nl.qm found in the
frozen folder through QLibraryInfo: "Annuleren")."""


def main() -> int:
    multiprocessing.freeze_support()  # the simulation's worker processes start this program again
    args = sys.argv[1:]
    if args[:1] == [QT_PROBE_FLAG]:
        from PySide6.QtGui import QGuiApplication

        app = QGuiApplication(["klasvormer"])
        print(app.platformName())
        return 0
    if args[:1] == [QT_DUTCH_FLAG]:
        from PySide6.QtCore import QCoreApplication, QLibraryInfo

        from ui.i18n import set_language

        app = QCoreApplication(["klasvormer"])
        set_language("nl")
        print(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))
        print(QCoreApplication.translate("QPlatformTheme", "Cancel"))
        return 0
    name = Path(sys.executable).stem.lower()
    if name.endswith("planner"):
        from ui.__main__ import main as planner_main

        return int(planner_main(args))
    from app.cli import main as cli_main

    return int(cli_main(args))


if __name__ == "__main__":
    sys.exit(main())
