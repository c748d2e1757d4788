"""Issue 23: learners' data kept no longer and shared no wider than needed.

- a project saved without its source holds neither the input's bytes nor its full postcodes,
  and still re-opens and exports;
- the plan workbook without names holds no name, note or extra column (every cell, raw xml);
- erasing a learner leaves no trace in the files the program wrote.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from app.export import write_plan_workbook
from app.importer import load_problem
from app.project import load_project, save_project
from app.session import Session, open_path
from optimizer import solve, validate
from tests.app.privacy import found, full_postcodes, personal_workbook

SOLVE_SECONDS = 3.0


@pytest.fixture(scope="module")
def personal(tmp_path_factory) -> Path:
    return personal_workbook(tmp_path_factory.mktemp("privacy") / "deelnemers.xlsx")


@pytest.fixture(scope="module")
def session(personal: Path) -> Session:
    """The personal workbook opened, with one short plan."""
    from app.editing import PlanState

    s = Session()
    s.load(open_path(personal))
    assert s.problem is not None
    plan = solve(s.problem, time_limit=SOLVE_SECONDS, workers=2, deterministic=True)
    assert plan.is_feasible() and validate(s.problem, plan).ok
    s.state = PlanState(plan)
    return s


def _members(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as zf:
        return {n: zf.read(n) for n in zf.namelist()}


# ---- 23.7: the project stores what it needs ----------------------------------------------------
def test_project_without_source_holds_no_source_bytes_nor_full_postcodes(tmp_path, personal, session):
    path = save_project(tmp_path / "werk.klasvormer", session.to_project())
    members = _members(path)
    assert not any(n.startswith("source/") for n in members)
    source = personal.read_bytes()
    raw = path.read_bytes()
    assert source not in raw and all(source not in m for m in members.values())
    texts = [m.decode("utf-8") for m in members.values()]
    assert not found(full_postcodes(personal), texts)  # "1056 QZ" is read as 1056; the rest is not kept

    back = load_project(path)
    assert back.source_bytes is None and back.problem == session.problem and back.state == session.state
    assert back.extras["D00001"]["Naam"] == "Yasmina Privé-001"  # names still come back for the plan
    out = write_plan_workbook(back.problem, back.state.plan, tmp_path / "plan.xlsx", extras=back.extras)
    again = load_problem(out)  # the plan workbook's input sheets still re-import as the problem
    assert again.problem == session.problem
    assert again.extras["D00001"]["Naam"] == "Yasmina Privé-001"


def test_project_keeps_the_source_when_asked(tmp_path, personal, session):
    path = save_project(tmp_path / "werk.klasvormer", session.to_project(), keep_source=True)
    members = _members(path)
    assert members[f"source/{personal.name}"] == personal.read_bytes()
    back = load_project(path)
    assert back.source_bytes == personal.read_bytes()
    assert back.extras == session.source.extras
