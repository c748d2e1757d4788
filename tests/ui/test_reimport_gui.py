"""An edited plan workbook opened in the GUI: after the re-plan the change report is shown and the
exported workbook (also the one without names) has the Wijzigingen sheet (issue 19)."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from app.planner import planning
from app.planner.session import Session, erase_learner, open_path
from app.workbook.reimport import edit_problems, load_edited_plan
from optimizer.options import SolveOptions
from tests.app.test_cli_reimport import header_row, klas_column, pinned, plan_of_a_cut
from tests.ui.conftest import SAMPLE
from ui.i18n import set_language

CUT = 40
WAIT = 60_000
QUICK_SECONDS = 0.5
"""The re-plans here are read for their change report, not for how good they are."""


@pytest.fixture(scope="module")
def cut_plan(tmp_path_factory) -> Path:
    """The plan workbook the CLI wrote for the first learners of the sample (read, never changed;
    the fixtures below save their edits beside it under other names)."""
    return plan_of_a_cut(tmp_path_factory.mktemp("reimport_gui"), SAMPLE, CUT)


@pytest.fixture(scope="module")
def edited(cut_plan) -> tuple[Path, dict[str, str]]:
    """A plan workbook of the first learners of the sample with one learner moved to another
    class (where they fit) and one put on the waiting list, and which."""
    plan = cut_plan
    problem = load_edited_plan(plan).problem
    klas = klas_column(plan)
    labels = [c.label for c in problem.known_classes] + [r.id for r in problem.running]
    placed = [lid for lid, k in klas.items() if k in labels]
    move, target = next((lid, t) for lid in placed for t in labels
                        if t != klas[lid] and not edit_problems(pinned(problem, lid, t)))
    wait = next(lid for lid in placed if lid != move)
    e = {"move": move, "target": target, "from": klas[move], "wait": wait, "wait_from": klas[wait]}
    wb = openpyxl.load_workbook(plan)
    ws = wb["Deelnemers"]
    first, headers = header_row(ws)
    i, k = headers.index("Id") + 1, headers.index("Klas") + 1
    rows = {ws.cell(r, i).value: r for r in range(first + 1, ws.max_row + 1)}
    ws.cell(rows[move], k, target)
    ws.cell(rows[wait], k, "wachtlijst")
    out = plan.parent / "bewerkt.xlsx"
    wb.save(out)
    return out, e


def own_rows(path: Path) -> list[tuple]:
    """The rows of the Wijzigingen sheet below its header."""
    wb = openpyxl.load_workbook(path, read_only=True)
    assert "Wijzigingen" in wb.sheetnames
    rows = list(wb["Wijzigingen"].iter_rows(values_only=True))
    wb.close()
    head = rows.index(("Soort", "Id", "Van", "Naar", "Reden"))
    return rows[head + 1:]


def test_the_session_reports_the_replan_of_an_edited_plan_workbook(edited):
    path, e = edited
    session = Session()
    session.load(open_path(path, edited_plan=True))
    assert session.replan_changes() is None  # no plan yet
    outcome = planning.run_solve(planning.fresh_request(session.problem, None, SolveOptions(time_limit=QUICK_SECONDS, workers=1)))
    session.state = outcome.state
    report = session.replan_changes()
    assert report is not None and len(report.edits) == 2
    text = "\n".join(report.lines("nl"))
    assert f"Deelnemer {e['move']}: {e['from']} -> {e['target']} (eigen wijziging)" in text
    assert f"Deelnemer {e['wait']}: {e['wait_from']} -> wachtlijst (eigen wijziging)" in text
    assert report.lines("en")[0].startswith("Changes from the edited plan: 2 own edits")
    # an ordinary input has no change report
    plain = Session()
    plain.load(open_path(SAMPLE))
    plain.state = session.state
    assert plain.replan_changes() is None
    # erasure: the report names the erased learner no more
    erase_learner(session, e["move"])
    assert e["move"] not in "\n".join(session.replan_changes().lines("nl"))


def test_gui_shows_the_changes_and_exports_the_wijzigingen_sheet(window, qtbot, edited, tmp_path):
    path, e = edited
    c = window.controller
    with qtbot.waitSignal(c.openFinished, timeout=WAIT):
        assert c.open_file(path, edited_plan=True)
    assert window.plan_page.change_box.isHidden()
    status: list[str] = []
    c.statusMessage.connect(status.append)
    with qtbot.waitSignal(c.solveFinished, timeout=WAIT):
        assert c.start_solve(planning.FRESH, time_limit=QUICK_SECONDS)
    assert c.plan is not None and c.plan.is_feasible()
    assert any("Wijzigingen ten opzichte van het bewerkte plan: 2 eigen wijzigingen" in s for s in status)
    shown = window.plan_page.change_text.text()
    assert not window.plan_page.change_box.isHidden()
    assert f"Deelnemer {e['move']}: {e['from']} -> {e['target']} (eigen wijziging)" in shown
    for pseudonymise in (False, True):
        out = tmp_path / f"plan_{pseudonymise}.xlsx"
        with qtbot.waitSignal(c.exportFinished, timeout=WAIT) as done:
            assert c.export_plan(out, pseudonymise=pseudonymise)
        assert done.args[1] == ""
        rows = own_rows(out)
        assert ("Deelnemer", e["move"], e["from"], e["target"], "eigen wijziging") in rows
        assert ("Deelnemer", e["wait"], e["wait_from"], "wachtlijst", "eigen wijziging") in rows


@pytest.fixture(scope="module")
def cannot_hold(tmp_path_factory, cut_plan) -> dict[str, object]:
    """Plan workbooks with an edit no plan can hold: a learner moved (Klas column) into a class
    they do not fit; a class row changed on Klassen so that nobody fits it (Niveau 99)."""
    from tests.app.test_cli_reimport import _impossible_edit

    folder = tmp_path_factory.mktemp("reimport_cannot_hold")
    plan = cut_plan
    bad, lid, _old, target, row, letter = _impossible_edit(plan, folder)
    wb = openpyxl.load_workbook(plan)
    ws = wb["Klassen"]
    headers = [c.value for c in ws[1]]
    ws.cell(2, headers.index("Niveau") + 1, 99)
    level = folder / "niveau.xlsx"
    wb.save(level)
    return {"pin": (bad, f"Deelnemer {lid} is vastgezet in {target}, maar past daar niet",
                    f"Learner {lid} is pinned to {target} but does not fit there", "Deelnemers", row, "Klas"),
            "class": (level, "wordt vastgezet (gewijzigd op het blad Klassen)",
                      "(changed on the Klassen sheet)", "Klassen", 2, "Niveau")}


@pytest.mark.parametrize("case", ["pin", "class"])
def test_an_edit_that_cannot_hold_is_an_input_error_in_the_gui(window, qtbot, cannot_hold, case):
    """As in the command line (check/solve exit 1 with the error at its cell): a learner moved
    into a class they do not fit made the GUI's re-plan end in 'Geen plan (onmogelijk)' with a
    diagnosis instead of an input error at the learner's Klas cell (app.planner.session.open_path
    did not use app.workbook.reimport.edit_problem_issues)."""
    path, nl, en, sheet, row, column = cannot_hold[case]
    c = window.controller
    status: list[str] = []
    c.statusMessage.connect(status.append)
    with qtbot.waitSignal(c.openFinished, timeout=WAIT):
        assert c.open_file(path, edited_plan=True)
    assert c.session.problem is None
    assert any(f"{path.name}: 1 fout; de planning kan pas na herstel in het bestand." in s for s in status)
    panel = window.issues
    assert panel.count() == 1
    shown = panel.show_issue(0)
    assert (shown.sheet, shown.row, shown.column) == (sheet, row, column) and shown.is_error
    assert nl in panel.detail.toPlainText()
    set_language("en")
    try:
        panel.show_issue(0)
        assert en in panel.detail.toPlainText()
    finally:
        set_language("nl")
    assert not c.start_solve(planning.FRESH, time_limit=QUICK_SECONDS)
