"""A pair of learners whose pins contradict ('niet met' pinned together, a household pinned apart)
is one problem in the GUI too: one line in the issues list naming both rows, both learners'
Vastgezet cells marked in the sheet as read. Before, the list had two lines (one per learner)
and the summary said "2 fouten"."""

from __future__ import annotations

from app.workbook import write_input_workbook
from tests.app.test_pin_contradictions import CASES, _problem
from ui.i18n import set_language

WAIT = 60_000


def test_the_issues_list_shows_a_contradiction_once(qtbot, window, tmp_path):
    first, second, _key = CASES["household_two_classes"]
    path = write_input_workbook(_problem(first, second), tmp_path / "in.xlsx")
    with qtbot.waitSignal(window.controller.openFinished, timeout=WAIT):
        window.open_path(path)
    panel = window.issues
    assert panel.count() == 1
    model = panel.model
    assert model.data(model.index(0, model.column_of("row"))) == "2, 3"
    assert "1 fout " in panel.summary.text()
    panel.show_issue(0)
    assert "rijen 2, 3" in panel.detail.toPlainText()
    set_language("en")
    try:
        panel.show_issue(0)
        assert "rows 2, 3" in panel.detail.toPlainText()
    finally:
        set_language("nl")
    flagged = window.learners_page.raw.flagged
    assert {(lid, "vastgezet") for lid in ("L001", "L002")} <= flagged
