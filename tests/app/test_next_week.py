"""The next planning week: a plan's started classes carried over as running classes
(:mod:`app.planner.next_week`, ``klasvormer next-week``)."""

from __future__ import annotations

import shutil
from dataclasses import replace
from datetime import date, datetime, timedelta

import openpyxl
import pytest

from app.cli.exits import EXIT_INPUT, EXIT_OK, EXIT_OUTPUT, EXIT_USAGE
from app.cli.klasvormer import main
from app.planner.next_week import NextWeekError, next_week
from app.workbook import load_edited_plan, write_input_workbook, write_plan_workbook
from optimizer import SolveOptions, solve, validate
from optimizer.domain import ClassSpec
from tests.app.conftest import make_plan, make_problem

# The fixture: K1 (new, week 4 = 03-02-2025, route B1 max 12, 20 weeks) with D1, D2, D3 (D2
# available from 03-02-2025); K2 (week 8) empty; D4 joins running L1 (2 free seats, ends
# 30-05-2025) in week 0; D5 waits. Plan date 06-01-2025; start weeks 0, 4, 8 of a 12-week period.


def test_a_started_class_becomes_running_and_its_learners_leave_the_learners_to_plan():
    problem, plan = make_problem(), make_plan(make_problem())
    new = problem.plan_date + timedelta(weeks=5)  # 10-02-2025: K1 started a week ago
    nw = next_week(problem, new, plan)
    q = nw.problem
    assert q.plan_date == new
    k1 = q.running_by_id["K1"]
    assert (k1.route, k1.location, k1.schedule) == ("B1", "Locatie Noord", "ma-wo-vr ochtend")
    assert k1.free_seats == 12 - 3
    assert k1.end_date == date(2025, 2, 3) + timedelta(weeks=20)
    assert k1.level_min <= 45 <= k1.level_max and k1.level == 45
    assert q.running_by_id["L1"].free_seats == 2 - 1  # D4 joined it
    assert nw.joined == {"L1": 1}
    assert {s.learner.id: (s.class_id, s.running) for s in nw.started} == {
        "D1": ("K1", False), "D2": ("K1", False), "D3": ("K1", False), "D4": ("L1", True)}
    assert [lr.id for lr in q.learners] == ["D5"]
    # nothing silently lost: every learner is still to plan or reported as started
    assert {lr.id for lr in q.learners} | {s.learner.id for s in nw.started} == {lr.id for lr in problem.learners}
    # K2 (week 8) has not started: kept as a known class, three weeks from the new date
    assert [(c.label, c.start_week) for c in q.known_classes] == [("K2", 3)]
    assert q.week_start(3) == problem.week_start(8)
    assert q.route_by_name["B1"].start_weeks == (3, 7, 11)
    assert "K1" not in q.known_by_label
    assert q.validate() == []


def test_a_class_starting_on_the_new_date_has_not_started_and_late_joiners_keep_their_class():
    problem = make_problem()
    plan = make_plan(problem)
    nw = next_week(problem, problem.week_start(4), plan)  # K1 starts on the new date itself
    assert "K1" not in nw.problem.running_by_id
    assert [(c.label, c.start_week) for c in nw.problem.known_classes] == [("K1", 0), ("K2", 4)]
    assert {s.learner.id for s in nw.started} == {"D4"}
    assert nw.problem.previous["D1"] == "K1"
    # a week later K1 has started; a member who joins later stays to plan, in K1 (now running)
    late = dict(plan.assignments)
    late["D2"] = replace(late["D2"], start_week=6, start_date=problem.week_start(6))
    nw = next_week(problem, problem.week_start(5), replace(plan, assignments=late))
    assert nw.problem.running_by_id["K1"].free_seats == 12 - 2
    assert "D2" in nw.problem.learner_by_id and nw.problem.previous["D2"] == "K1"
    assert {s.learner.id for s in nw.started} == {"D1", "D3", "D4"}


def test_a_class_that_has_ended_is_dropped_and_reported():
    problem = make_problem()
    nw = next_week(problem, date(2025, 6, 2), make_plan(problem))  # L1 ended 30-05-2025
    assert [rc.id for rc in nw.finished] == ["L1"]
    assert "L1" not in nw.problem.running_by_id
    assert {"K1", "K2"} <= set(nw.problem.running_by_id)
    assert any(s.class_id == "L1" for s in nw.started)  # D4 is still reported


def test_the_plan_a_workbook_carries_is_read_from_known_classes_and_previous():
    problem = make_problem()
    plan = make_plan(problem)
    from app.planner.editing import class_spec

    read_back = replace(problem, known_classes=tuple(class_spec(c) for c in plan.classes if not c.running),
                        previous={lid: a.class_id for lid, a in plan.assignments.items()})
    a, b = next_week(problem, problem.week_start(5), plan), next_week(read_back, problem.week_start(5))
    assert a.problem.running == b.problem.running
    assert [(s.learner.id, s.class_id, s.start_date) for s in a.started] == [
        (s.learner.id, s.class_id, s.start_date) for s in b.started]
    assert a.problem.known_classes == b.problem.known_classes


@pytest.mark.parametrize("days", [0, -7, 3])
def test_a_new_date_not_whole_weeks_later_is_refused(days):
    problem = make_problem()
    with pytest.raises(NextWeekError) as info:
        next_week(problem, problem.plan_date + timedelta(days=days), make_plan(problem))
    assert info.value.key == ("not_whole_weeks" if days > 0 else "not_later")


@pytest.fixture(scope="module")
def solved_sample():
    """90 learners of the sample, planned in 2 deterministic seconds; the plan date two weeks on."""
    from app.cli.files import SAMPLE
    from app.workbook import load_problem

    base = load_problem(SAMPLE).problem
    keep = {lr.id for lr in base.learners[:90]}
    base = replace(base, learners=tuple(replace(lr, not_with=lr.not_with & keep)
                                        for lr in base.learners if lr.id in keep))
    plan = solve(base, SolveOptions(time_limit=2, deterministic=True))
    assert plan.is_feasible()
    return base, plan, base.plan_date + timedelta(weeks=2)


def test_the_re_plan_keeps_every_carried_class_running(solved_sample):
    base, plan, new = solved_sample
    options = SolveOptions(time_limit=2, deterministic=True)
    nw = next_week(base, new, plan)
    started_classes = [c for c in plan.classes if not c.running and c.start_date < new]
    assert started_classes, "the plan has no class starting in the first two weeks"
    route = base.route_by_name
    for c in started_classes:
        rc = nw.problem.running_by_id[c.id]
        began = [m for m in c.members if plan.assignments[m].start_date < new]
        assert rc.free_seats == route[c.route].max_size - len(began)
        assert rc.end_date == c.start_date + timedelta(weeks=route[c.route].duration_weeks)
        assert not set(began) & set(nw.problem.learner_by_id)
    q = nw.problem
    again = solve(q, options)
    assert again.is_feasible()
    assert validate(q, again).ok
    carried = {rc.id for rc in nw.carried}
    assert carried <= {rc.id for rc in q.running}
    assert not carried & {c.id for c in again.classes if not c.running}  # none re-formed as a new class


# ---- the command ---------------------------------------------------------------------------------
@pytest.fixture
def plan_workbook(tmp_path):
    problem = make_problem()
    return write_plan_workbook(problem, make_plan(problem), tmp_path / "plan.xlsx")


def test_the_command_writes_a_workbook_check_reads(plan_workbook, tmp_path, capsys):
    out = tmp_path / "next.xlsx"
    assert main(["volgende-week", str(plan_workbook), "--plandatum", "10-02-2025", "-o", str(out)]) == EXIT_OK
    said = capsys.readouterr().out
    assert "K1" in said and "L1" in said
    loaded = load_edited_plan(out)
    assert loaded.ok, loaded.summary()
    q = loaded.problem
    assert q.plan_date == date(2025, 2, 10)
    assert q.running_by_id["K1"].free_seats == 9 and q.running_by_id["L1"].free_seats == 1
    assert [lr.id for lr in q.learners] == ["D5"]
    rows = list(openpyxl.load_workbook(out)["Gestart"].iter_rows(values_only=True))
    assert sorted(r[0] for r in rows[1:]) == ["D1", "D2", "D3", "D4"]
    assert main(["check", str(out)]) == EXIT_OK
    assert "0 wijzigingen" in capsys.readouterr().out


@pytest.mark.parametrize("when", ["06-01-2025", "30-12-2024"])
def test_the_command_refuses_a_plan_date_not_later(plan_workbook, tmp_path, capsys, when):
    out = tmp_path / "next.xlsx"
    assert main(["next-week", str(plan_workbook), "--plandatum", when, "-o", str(out)]) == EXIT_INPUT
    said = capsys.readouterr().err
    assert "plan.xlsx" in said and "06-01-2025" in said and "later" in said
    assert "zet daar dan de vorige plandatum terug" in said  # a date already moved by hand on Instellingen
    assert not out.exists()


@pytest.mark.parametrize("when", ["10-02-2025", "2025-02-10", "10/02/2025"])
def test_the_command_takes_the_dates_the_window_takes(plan_workbook, tmp_path, when):
    """One date parser for the command line and the window (app.planner.next_week.parse_plan_date)."""
    out = tmp_path / "next.xlsx"
    assert main(["next-week", str(plan_workbook), "--plandatum", when, "-o", str(out)]) == EXIT_OK
    assert load_edited_plan(out).problem.plan_date == date(2025, 2, 10)


def test_the_refusals_are_worded_once_for_the_command_line_and_the_window(plan_workbook, tmp_path, capsys):
    """The command line and the window worded the refusals each in their own catalogue; both say
    app.planner.next_week.TEXTS now, in Dutch and English."""
    from app.planner.next_week import PlanDateError, parse_plan_date

    out = tmp_path / "next.xlsx"
    assert main(["next-week", str(plan_workbook), "--plandatum", "13-02-2025", "-o", str(out)]) == EXIT_INPUT
    said = capsys.readouterr().err.strip()
    refusal = NextWeekError("not_whole_weeks", date(2025, 2, 13), date(2025, 1, 6), days=38)
    assert said == refusal.text(name=str(plan_workbook))
    assert "38 dagen na de plandatum" in said and "bijvoorbeeld 17-02-2025" in said
    assert main(["--lang", "en", "next-week", str(plan_workbook), "--plandatum", "13-02-2025", "-o", str(out)]) == (
        EXIT_INPUT)
    assert capsys.readouterr().err.strip() == refusal.text("en", name=str(plan_workbook))
    assert main(["next-week", str(plan_workbook), "--plandatum", "31-02-2025", "-o", str(out)]) == EXIT_USAGE
    assert PlanDateError("31-02-2025").text() in capsys.readouterr().err
    with pytest.raises(PlanDateError):
        parse_plan_date("13-2025")
    assert not out.exists()


def test_the_command_refuses_an_input_workbook_and_a_file_not_its_own(tmp_path, plan_workbook, capsys):
    source = write_input_workbook(make_problem(), tmp_path / "invoer.xlsx")
    out = tmp_path / "next.xlsx"
    assert main(["next-week", str(source), "--plandatum", "13-01-2025", "-o", str(out)]) == EXIT_INPUT
    assert "geen planwerkmap" in capsys.readouterr().err
    other = tmp_path / "lijst.xlsx"
    other.write_bytes(b"not ours")
    assert main(["next-week", str(plan_workbook), "--plandatum", "13-01-2025", "-o", str(other)]) == EXIT_OUTPUT
    assert other.read_bytes() == b"not ours"


def test_the_command_keeps_the_classes_not_yet_started(solved_sample, tmp_path):
    base, plan, new = solved_sample
    source = write_plan_workbook(base, plan, tmp_path / "plan.xlsx")
    out = tmp_path / "next.xlsx"
    assert main(["next-week", str(source), "--plandatum", new.strftime("%d-%m-%Y"), "-o", str(out)]) == EXIT_OK
    nw = next_week(base, new, plan)
    assert nw.kept, "the plan has no class starting after two weeks"
    q = load_edited_plan(out).problem
    assert {c.label for c in q.known_classes} == {c.label for c in nw.kept}
    assert {rc.id for rc in nw.carried} <= set(q.running_by_id)
    assert {lr.id for lr in q.learners} == {lr.id for lr in nw.problem.learners}
    kept = {c.label for c in nw.kept}
    assert {lid: c for lid, c in q.previous.items() if c in kept} == {
        lid: c for lid, c in nw.problem.previous.items() if c in kept}


def test_without_a_start_plan_the_command_writes_the_learners_and_running_classes(plan_workbook, tmp_path, capsys,
                                                                                  monkeypatch):
    import app.planner.next_week as nw_module

    monkeypatch.setattr(nw_module, "start_plan", lambda problem: None)  # the earlier plan does not hold
    out = tmp_path / "next.xlsx"
    assert main(["next-week", str(plan_workbook), "--plandatum", "10-02-2025", "-o", str(out)]) == EXIT_OK
    assert "zonder de klassen die nog niet gestart zijn" in capsys.readouterr().err
    from app.workbook import load_problem

    q = load_problem(out).problem
    assert q is not None and q.plan_date == date(2025, 2, 10)
    assert q.running_by_id["K1"].free_seats == 9 and [lr.id for lr in q.learners] == ["D5"]
    rows = list(openpyxl.load_workbook(out)["Gestart"].iter_rows(values_only=True))
    assert sorted(r[0] for r in rows[1:]) == ["D1", "D2", "D3", "D4"]


def _klas(path, learner: str, value: str, tmp_path):
    """``path`` with the Klas cell of ``learner`` on Deelnemers set to ``value`` (saved beside it)."""
    wb = openpyxl.load_workbook(path)
    ws = wb["Deelnemers"]
    col = [c.value for c in ws[1]].index("Klas") + 1
    row = next(r for r in range(2, ws.max_row + 1) if ws.cell(r, 1).value == learner)
    ws.cell(row, col, value)
    out = tmp_path / "bewerkt.xlsx"
    wb.save(out)
    return out


def test_edits_that_cannot_hold_are_refused_as_check_and_solve_refuse_them(plan_workbook, tmp_path, capsys):
    out = tmp_path / "next.xlsx"
    unfit = _klas(plan_workbook, "D5", "L1", tmp_path)  # D5 is not free on L1's afternoons
    assert main(["next-week", str(unfit), "--plandatum", "10-02-2025", "-o", str(out)]) == EXIT_INPUT
    assert "D5" in capsys.readouterr().err
    assert not out.exists()


def test_without_a_start_plan_a_pin_to_a_class_not_yet_started_is_not_written(monkeypatch, tmp_path):
    import app.planner.next_week as nw_module
    from app.workbook import load_problem

    problem = make_problem()
    plan = make_plan(problem)
    problem = replace(problem, learners=tuple(replace(lr, pin="K2") if lr.id == "D5" else lr
                                              for lr in problem.learners),
                      known_classes=(ClassSpec("K2", "B1", "Locatie Zuid", "di-do middag", 8, 70),))
    nw = next_week(problem, date(2025, 2, 10), plan)
    assert nw.problem.learner_by_id["D5"].pin == "K2"
    monkeypatch.setattr(nw_module, "start_plan", lambda problem: None)
    write, whole = nw_module.next_week_writer(nw)
    assert not whole
    result = load_problem(write(tmp_path / "next.xlsx"))
    assert result.ok, result.summary()
    assert result.problem.learner_by_id["D5"].pin is None



# ---- the sheet Gestart accumulates -----------------------------------------------------------------
def _gestart(path) -> list[tuple]:
    """The rows of ``path``'s sheet Gestart (header first)."""
    wb = openpyxl.load_workbook(path)
    return [r for r in wb["Gestart"].iter_rows(values_only=True) if any(v is not None for v in r)]


def _ids(path) -> list[str]:
    return [r[0] for r in _gestart(path)[1:]]


def _starting(path, when: date) -> list[str]:
    """Who starts from workbook ``path``'s plan date until ``when``, in the sheet's order."""
    return [s.learner.id for s in next_week(load_edited_plan(path).problem, when).started]


@pytest.fixture(scope="module")
def sample_w2(solved_sample, tmp_path_factory):
    """The 90 learners' plan workbook carried over two weeks (w2), and a date two weeks later."""
    base, plan, new = solved_sample
    folder = tmp_path_factory.mktemp("weeks")
    w1 = write_plan_workbook(base, plan, folder / "w1.xlsx")
    w2 = folder / "w2.xlsx"
    assert main(["next-week", str(w1), "--plandatum", new.strftime("%d-%m-%Y"), "-o", str(w2)]) == EXIT_OK
    assert _ids(w2), "nobody started in the first two weeks"
    return w2, new + timedelta(weeks=2)


def test_the_gestart_sheet_accumulates_from_week_to_week(sample_w2, tmp_path, capsys):
    """The sheet held only those who started since the workbook's own plan date: after two
    planning weeks the first weeks' starters were gone (it was not read back)."""
    w2, later = sample_w2
    first, now = _ids(w2), _starting(w2, later)
    assert now, "nobody starts in the next two weeks"
    w3 = tmp_path / "w3.xlsx"
    capsys.readouterr()
    assert main(["next-week", str(w2), "--plandatum", later.strftime("%d-%m-%Y"), "-o", str(w3)]) == EXIT_OK
    said = capsys.readouterr().out
    assert f"Het blad Gestart houdt nu {len(first) + len(now)} deelnemers; {len(first)} daarvan stonden al" in said
    assert _ids(w3) == first + now
    assert _gestart(w3)[1:len(first) + 1] == _gestart(w2)[1:]  # the earlier rows as they were
    assert main(["check", str(w3)]) == EXIT_OK
    assert "Gestart" not in capsys.readouterr().err  # read back without a word


def test_a_coordinators_edits_on_gestart_are_kept(sample_w2, tmp_path, capsys):
    """Read back by its headers (English, in another order), a text date, an added column, a row
    typed by hand, a blank row; a row copied twice is written once (with a warning at its row)."""
    w2, later = sample_w2
    rows = _gestart(w2)
    first = rows[1]
    wb = openpyxl.load_workbook(w2)
    ws = wb["Gestart"]
    ws.delete_rows(1, ws.max_row)
    ws.append(["Start date", "Class", "Id", "Opmerking"])  # English headers, another order, a column added
    ws.append([first[3].strftime("%d-%m-%Y"), first[2], first[0], "belt zelf"])  # a date typed as text
    ws.append([])
    ws.append([date(2026, 6, 1), "L01", "X999", "elders ingeschreven"])  # typed by hand
    ws.append([first[3], first[2], first[0], "kopie"])  # copied twice
    edited = tmp_path / "w2.xlsx"
    wb.save(edited)
    w3 = tmp_path / "w3.xlsx"
    capsys.readouterr()
    assert main(["next-week", str(edited), "--plandatum", later.strftime("%d-%m-%Y"), "-o", str(w3)]) == EXIT_OK
    err = capsys.readouterr().err
    assert f"Deelnemer {first[0]} staat al op rij 2 van blad 'Gestart'" in err and "rij 5" in err
    out = _gestart(w3)
    assert out[0] == ("Id", "Naam", "Klas", "Startdatum", "Lopende klas", "Route", "Leerbaarheid", "Woonplaats",
                      "Opmerking")
    assert [r[0] for r in out[1:]] == [first[0], "X999", *_starting(edited, later)]
    by_id = {r[0]: r for r in out[1:]}
    assert by_id[first[0]][2:4] == (first[2], first[3]) and by_id[first[0]][8] == "belt zelf"
    assert by_id["X999"][3] == datetime(2026, 6, 1) and by_id["X999"][8] == "elders ingeschreven"


def test_a_learner_started_again_is_on_gestart_once(sample_w2, tmp_path):
    """A learner already on Gestart (a coordinator's row) who starts now: the later start, once,
    with the coordinator's own column kept."""
    w2, later = sample_w2
    again = _starting(w2, later)[0]
    wb = openpyxl.load_workbook(w2)
    ws = wb["Gestart"]
    ws.cell(1, 9, "Opmerking")
    ws.append([again, None, "K00", date(2026, 6, 1), "nee", "B1", 50, "Noord", "gestopt, komt terug"])
    edited = tmp_path / "w2.xlsx"
    wb.save(edited)
    w3 = tmp_path / "w3.xlsx"
    assert main(["next-week", str(edited), "--plandatum", later.strftime("%d-%m-%Y"), "-o", str(w3)]) == EXIT_OK
    ids = _ids(w3)
    assert ids.count(again) == 1 and ids == [*_ids(w2), *_starting(w2, later)]
    row = next(r for r in _gestart(w3) if r[0] == again)
    assert row[2] != "K00" and row[3] > datetime(2026, 6, 1) and row[8] == "gestopt, komt terug"


@pytest.mark.parametrize("command", [["solve", "--time-limit", "2", "--deterministic"],
                                     ["tradeoff", "--points", "2", "--time-limit", "4", "--deterministic"]])
def test_the_plan_workbook_of_a_next_week_workbook_keeps_gestart(sample_w2, tmp_path, capsys, command):
    """``solve`` (and ``tradeoff``) of the next period's workbook wrote a plan workbook without the
    sheet Gestart: the next planning week from it had lost everyone who started before."""
    w2, later = sample_w2
    p2, w3 = tmp_path / "p2.xlsx", tmp_path / "w3.xlsx"
    assert main(["check", str(w2)]) == EXIT_OK
    assert main([command[0], str(w2), "-o", str(p2), *command[1:]]) == EXIT_OK
    assert _gestart(p2) == _gestart(w2)
    assert main(["next-week", str(p2), "--plandatum", later.strftime("%d-%m-%Y"), "-o", str(w3)]) == EXIT_OK
    assert _ids(w3)[:len(_ids(w2))] == _ids(w2)
    capsys.readouterr()


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
def test_gestart_survives_a_libreoffice_round_trip(sample_w2, tmp_path):
    """A coordinator opens the next period's workbook in LibreOffice Calc and saves it: the next
    planning week from it keeps every earlier starter, dates as dates (before: only the new ones)."""
    from tests.app.test_libreoffice import soffice

    w2, later = sample_w2
    ((calc,),) = soffice(("xlsx", [w2], tmp_path / "calc", tmp_path / "profile"))
    assert _gestart(calc) == _gestart(w2)  # what Calc gives back as it was written
    w3 = tmp_path / "w3.xlsx"
    assert main(["next-week", str(calc), "--plandatum", later.strftime("%d-%m-%Y"), "-o", str(w3)]) == EXIT_OK
    assert _ids(w3) == _ids(w2) + _starting(w2, later)
    assert _gestart(w3)[1:len(_ids(w2)) + 1] == _gestart(w2)[1:]


def test_a_learner_on_gestart_is_erased_there_too(sample_w2, tmp_path):
    """The window keeps the sheet Gestart of the workbook it read (and its project): the right to
    erasure removes a learner's row there too, and says so."""
    from app.planner.project import load_project, save_project
    from app.planner.session import Session, erase_learner, open_path

    w2, _later = sample_w2
    s = Session()
    s.load(open_path(w2))
    gone = s.source.started[0].id
    assert gone not in s.problem.learner_by_id  # started: no longer to plan
    project = tmp_path / "werk.klasvormer"
    save_project(project, s.to_project())
    s.project_path = project
    assert load_project(project).started == s.source.started
    from tests.app.privacy import found, zip_texts

    assert found({gone}, zip_texts(project))  # the scan finds them before
    report = erase_learner(s, gone)
    assert gone not in {r.id for r in s.source.started} and len(s.source.started) == len(_ids(w2)) - 1
    assert "het blad Gestart (wie in eerdere planweken startte)" in [t.text() for t in report.removed]
    assert not found({gone}, zip_texts(project))  # the project was saved again without them
