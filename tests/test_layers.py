"""The layer rule beyond the import linter: optimizer/ and app/ load with Qt unavailable,
and ``import optimizer`` loads no Excel, chart or Qt library. (pandas does get loaded, but by
OR-Tools' cp_model itself; our own optimizer modules import it only inside functions, which
ruff's banned-module-level-imports rule checks.)"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

BLOCK_QT = """
import importlib, pkgutil, sys
sys.modules['PySide6'] = None  # any Qt import now fails
for pkg in ('optimizer', 'app'):
    mod = importlib.import_module(pkg)
    for info in pkgutil.walk_packages(mod.__path__, pkg + '.'):
        if not info.name.endswith('.__main__'):  # running a command is not loading it
            importlib.import_module(info.name)
print('ok')
"""

LIGHT = """
import sys
import optimizer
heavy = [m for m in ('matplotlib', 'openpyxl', 'PySide6') if m in sys.modules]
print(','.join(heavy) or 'light')
"""


def _run(code: str) -> str:
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert out.returncode == 0, out.stderr
    return out.stdout.strip()


def test_optimizer_and_app_import_without_qt():
    assert _run(BLOCK_QT) == "ok"


def test_importing_the_optimizer_loads_no_excel_chart_or_qt_library():
    assert _run(LIGHT) == "light"
