"""The change report of an edited plan workbook survives saving the project.

Found from outside (the reopen audit): a planner read the coordinator's edited plan workbook,
re-planned, saved the project and opened it the next day: the change report (what the new plan
changed from the coordinator's edits) and with it the export's Wijzigingen sheet were gone; only
the workbook, read again, brought them back. The project now stores the edits and the problem the
workbook gave (``replan.json``); a project without them (an ordinary input, or an older project)
opens as before."""

from __future__ import annotations

import zipfile
from pathlib import Path

from app.planner import planning
from app.planner.project import load_project, save_project
from app.planner.session import Session, open_path
from optimizer.options import SolveOptions
from tests.app.test_cli_reimport import klas_column, plan_of_a_cut, with_klas

SAMPLE = Path(__file__).resolve().parents[2] / "samples" / "b1_aanbieder.xlsx"


def _edited(folder: Path) -> tuple[Path, str]:
    """The CLI's plan of the sample's first 40 learners with one placed learner put on the waiting list."""
    plan = plan_of_a_cut(folder, SAMPLE, 40)
    wait = next(lid for lid, k in klas_column(plan).items() if k and k != "wachtlijst")
    return with_klas(plan, wait, "wachtlijst"), wait


def test_the_change_report_is_the_same_after_saving_and_opening_the_project(tmp_path):
    path, wait = _edited(tmp_path)
    session = Session()
    session.load(open_path(path, edited_plan=True))
    outcome = planning.run_solve(planning.fresh_request(session.problem, None,
                                                        SolveOptions(time_limit=0.5, workers=1)))
    session.state = outcome.state
    before = session.replan_changes()
    assert before is not None and any(wait in line for line in before.lines("nl"))
    project = tmp_path / "werk.klasvormer"
    save_project(project, session.to_project())
    with zipfile.ZipFile(project) as zf:
        assert "replan.json" in zf.namelist()
    again = Session()
    again.load(open_path(project))
    after = again.replan_changes()
    assert after is not None
    assert after.lines("nl") == before.lines("nl") and after.lines("en") == before.lines("en")
    assert again.edited_from == session.edited_from and again.plan_edits == session.plan_edits


def test_a_project_of_an_ordinary_input_has_no_change_report_and_opens_as_before(tmp_path):
    session = Session()
    session.load(open_path(SAMPLE))
    project = tmp_path / "gewoon.klasvormer"
    save_project(project, session.to_project())
    with zipfile.ZipFile(project) as zf:
        assert "replan.json" not in zf.namelist()  # as an older version wrote it
    loaded = load_project(project)
    assert loaded.plan_edits is None and loaded.edited_from is None
    again = Session()
    again.load(open_path(project))
    assert again.plan_edits is None and again.edited_from is None
