"""Fixtures for the GUI tests (pytest-qt, offscreen): a small solved case and a main window."""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

from app.planner.editing import PlanState  # noqa: E402
from app.planner.session import DEFAULT_SETTINGS, Opened, Source  # noqa: E402
from optimizer.domain import Problem  # noqa: E402
from ui.settings import use_private_settings  # noqa: E402

_SETTINGS_DIR = tempfile.mkdtemp(prefix="klasvormer-test-settings-")
atexit.register(shutil.rmtree, _SETTINGS_DIR, ignore_errors=True)  # leave no folder per test process
use_private_settings("KlasvormerTest", _SETTINGS_DIR)

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "samples" / "b1_aanbieder.xlsx"
from tests.conftest import SOLVE_SECONDS  # noqa: E402,F401  (re-exported for the GUI tests)


@pytest.fixture
def window(qtbot, tmp_path, monkeypatch):
    """A main window with dialogs replaced by recorders (no modal dialogs in tests)."""
    from ui.i18n import set_language
    from ui.main import make_app
    from ui.mainwindow import MainWindow
    from ui.window.files import DISCARD

    make_app()
    set_language("nl")
    win = MainWindow(recovery_dir=tmp_path / "herstel")
    win.messages = []
    monkeypatch.setattr(win, "show_message", lambda title, text: win.messages.append((title, text)))
    monkeypatch.setattr(win, "ask_save_changes", lambda: DISCARD)
    monkeypatch.setattr(win, "ask_restore", lambda rec: False)
    qtbot.addWidget(win)
    win.show()
    yield win
    win.controller.shutdown()
    win.close()


def load(win, problem: Problem, state: PlanState | None = None, extras: dict | None = None) -> None:
    """Put a problem (and plan) into the window as if a file had been opened."""
    win.controller.apply_opened(Opened(Source(name="test.xlsx", extras=extras or {}), problem, state,
                                       dict(DEFAULT_SETTINGS)))
