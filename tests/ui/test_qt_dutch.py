"""Dutch throughout: Qt's own dialogs and buttons, and the plan's status in words (issue 20.6)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDialogButtonBox, QFileDialog, QLabel

from optimizer.messages import status_words
from optimizer.plan import Plan
from tests.ui.conftest import load

RAW = ("OPTIMAL", "FEASIBLE", "INFEASIBLE", "HEURISTIC", "NO_SOLUTION")


def _buttons() -> list[str]:
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
    return sorted(b.text().replace("&", "") for b in box.buttons())


def _file_dialog_labels() -> list[str]:
    dialog = QFileDialog(None, "", "")
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
    labels = sorted(label.text().replace("&", "") for label in dialog.findChildren(QLabel) if label.text())
    dialog.deleteLater()
    return labels


def test_qt_dialogs_follow_the_language(window):
    assert _buttons() == ["Annuleren", "Opslaan"]
    # Qt's Dutch file leaves two of these in English; ui.i18n fills them in
    assert _file_dialog_labels() == ["Bestandsnaam:", "Bestandstype:", "Zoeken in:"]
    assert QCoreApplication.translate("QPlatformTheme", "&Yes") == "&Ja"
    window.switch_language("en")
    assert _buttons() == ["Cancel", "Save"]
    assert _file_dialog_labels() == ["File name:", "Files of type:", "Look in:"]
    window.switch_language("nl")
    assert _buttons() == ["Annuleren", "Opslaan"]


def test_plan_summary_gives_the_status_in_words(window, small_problem, solved_state):
    load(window, small_problem, solved_state)
    text = window.optimize_page.summary.toPlainText()
    assert status_words(solved_state.plan.status, "nl") in text
    assert not any(word in text for word in RAW), text
    window.switch_language("en")
    text = window.optimize_page.summary.toPlainText()
    assert status_words(solved_state.plan.status, "en") in text
    assert not any(word in text for word in RAW), text
    window.switch_language("nl")
    none = Plan((), {}, 0, {}, 0.0, "INFEASIBLE", 0.2)
    assert none.summary() == "Geen plan (onmogelijk)"
    assert none.summary("en") == "No plan (impossible)"
