"""Open and save dialogs start in the documents folder, then in the folder used last (issue 20.5)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog

from tests.ui.conftest import SAMPLE
from ui import settings as prefs


def test_dialogs_start_in_documents_then_in_the_last_folder(window, monkeypatch, tmp_path, qtbot):
    prefs.settings().remove("lastFolder")
    assert window.open_path(SAMPLE)  # the bundled sample is opened at start; it is not the user's folder
    qtbot.waitUntil(lambda: window.controller.problem is not None)
    starts: list[str] = []
    chosen = tmp_path / "werk" / "sjabloon.xlsx"
    chosen.parent.mkdir()
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (starts.append(a[2]), ("", ""))[1])
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (starts.append(a[2]), (str(chosen), ""))[1])
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: (starts.append(a[2]), "")[1])

    window.open_dialog()
    assert Path(starts[-1]) == prefs.documents_dir()
    assert Path(starts[-1]) != SAMPLE.parent
    window.simulation_page.ask_folder()
    assert Path(starts[-1]) == prefs.documents_dir()

    window.template_dialog()  # the planner saves into a folder of their own
    assert Path(starts[-1]).parent == prefs.documents_dir()
    window.open_dialog()
    assert Path(starts[-1]) == chosen.parent
    window.export_dialog()
    assert Path(starts[-1]).parent == chosen.parent
    window.simulation_page.ask_folder()
    assert Path(starts[-1]) == chosen.parent
    assert prefs.last_folder() == chosen.parent.resolve()
