"""The planner in English exports the plan workbook in English (found by the outside-in audit: the
GUI in English wrote "Het plan in het kort", Dutch waiting reasons and "'s avonds"); what the
workbook reads back stays Dutch, so it opens again as an edited plan without edits."""

from __future__ import annotations

import openpyxl

from app.workbook.reimport import load_edited_plan
from tests.ui.conftest import load
from ui.i18n import set_language

WAIT = 60_000


def test_the_gui_in_english_exports_the_plan_workbook_in_english(qtbot, window, small_problem, solved_state,
                                                                 tmp_path):
    load(window, small_problem, solved_state)
    c = window.controller
    out = tmp_path / "plan_en.xlsx"
    set_language("en")
    try:
        with qtbot.waitSignal(c.exportFinished, timeout=WAIT) as done:
            assert c.export_plan(out)
    finally:
        set_language("nl")
    assert done.args == [str(out), ""]
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames[:3] == ["Overzicht", "Klassen", "Deelnemers"]  # sheet names stay Dutch
    overview = [v for row in wb["Overzicht"].iter_rows(values_only=True) for v in row if isinstance(v, str)]
    assert "The plan in brief" in overview and "Het plan in het kort" not in overview
    waiting = list(wb["Wachtlijst"].iter_rows(values_only=True))
    assert waiting[0][-1] == "Waiting reason"
    reasons = {r[0]: r[-1] for r in waiting[1:]}
    plan = c.plan
    assert plan is not None and reasons
    assert reasons == {lid: plan.assignments[lid].reason.text("en") for lid in reasons}
    first = next(t for t in wb.sheetnames if t.startswith("Klas "))
    details = {r[0]: r[1] for r in wb[first].iter_rows(values_only=True) if r[0]}
    assert "Lesson days" in details and " in the " in details["Lesson days"]
    headers = [c.value for c in wb["Deelnemers"][1]]
    assert "Klas" in headers and "Wachtreden" in headers  # read back: Dutch
    again = load_edited_plan(out)
    assert again.problem is not None and again.plan_edits == []
