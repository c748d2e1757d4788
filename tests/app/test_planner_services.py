"""App services behind the GUI (no Qt): edits, locks, re-optimizing, capacity, projects, map data."""

from __future__ import annotations

import zipfile
from dataclasses import replace

import pytest

from app.planner import capacity, geo
from app.planner.capacity import CapacityError
from app.planner.editing import (
    EditError,
    fit_of,
    move_learners,
    recheck,
    rule_notes,
    set_class_lock,
    set_learner_lock,
)
from app.planner.encoding import ProjectError, decode, encode
from app.planner.planning import fresh_request, reoptimize_request, weights_ratio_text
from app.planner.project import Project, load_project, save_project
from app.planner.recovery import RecoverySlot, find_recoveries
from optimizer.domain import WAITLIST, Weights
from optimizer.options import SolveOptions
from optimizer.plan import key_figures
from optimizer.validate import validate


def _waiting_and_class(state):
    plan = state.plan
    waiting = next(a.learner_id for a in plan.assignments.values() if not a.placed)
    cls = next(c for c in plan.classes if not c.running)
    return waiting, cls


def test_move_recomputes_assignment_figures_and_terms(small_problem, solved_state):
    lid, cls = _waiting_and_class(solved_state)
    new = move_learners(small_problem, solved_state, [lid], cls.id)
    a = new.plan.assignments[lid]
    assert a.class_id == cls.id and a.start_week == cls.start_week
    assert a.start_date == small_problem.week_start(cls.start_week)
    assert a.misfit == abs(small_problem.learner_by_id[lid].level - cls.level)
    assert lid in new.plan.class_by_id[cls.id].members
    assert new.plan.figures == key_figures(small_problem, new.plan.classes, new.plan.assignments)
    report = validate(small_problem, new.plan)
    assert new.plan.terms == report.terms and new.plan.objective == report.objective
    assert new.edited and not solved_state.edited
    # the original state is untouched (immutable snapshots make undo trivial)
    assert solved_state.plan.assignments[lid].class_id is None


def test_capacity_and_class_rules_are_named_in_dutch(small_problem, solved_state):
    plan = solved_state.plan
    cls = next(c for c in plan.classes if not c.running)
    day = sorted(small_problem.schedule_by_name[cls.schedule].dayparts)[0]
    # the same plan under a problem without teachers or rooms on one of its dayparts
    no_teacher = replace(small_problem, teachers={**small_problem.teachers, day: 0})
    locs = tuple(replace(loc, rooms={**loc.rooms, day: 0}) if loc.name == cls.location else loc
                 for loc in small_problem.locations)
    no_room = replace(small_problem, locations=locs)
    teacher_notes = rule_notes(no_teacher, plan, validate(no_teacher, plan).violations)
    assert any(f"{day}:" in n.nl and "docent nodig" in n.nl for n in teacher_notes)
    room_notes = rule_notes(no_room, plan, validate(no_room, plan).violations)
    assert any(n.class_id == cls.id and f"heeft geen lokaal op {day}" in n.nl for n in room_notes)
    assert not any(n.nl.startswith("Regel geschonden") for n in teacher_notes + room_notes)


def test_every_note_names_a_rule_of_the_catalogue_and_has_both_languages(small_problem, solved_state):
    from optimizer.rules import RULES

    plan = solved_state.plan
    cls = next(c for c in plan.classes if not c.running)
    day = sorted(small_problem.schedule_by_name[cls.schedule].dayparts)[0]
    squeezed = replace(small_problem, teachers={**small_problem.teachers, day: 0})
    state = move_learners(squeezed, solved_state, list(cls.members[:3]), None)
    notes = rule_notes(squeezed, state.plan, validate(squeezed, state.plan).violations)
    assert {n.rule for n in notes} >= {"teachers", "class_first_day"}
    for n in notes:
        assert n.rule in RULES and n.nl and n.en and n.nl != n.en, n


def test_broken_rules_are_named_in_dutch(small_problem, solved_state):
    plan = solved_state.plan
    cls = next(c for c in plan.classes if not c.running)
    # empty the class to below its minimum size: a size note names the class
    state = move_learners(small_problem, solved_state, list(cls.members[:3]), None)
    notes = [n for n in state.notes if n.class_id == cls.id]
    assert notes and "minder dan het minimum" in notes[0].nl and "fewer than the minimum" in notes[0].en
    # a learner of another level far away: the learner-fit note uses the explanation text
    far = max(small_problem.learners, key=lambda lr: abs(lr.level - cls.level))
    if plan.assignments[far.id].class_id != cls.id and abs(far.level - cls.level) * 2 > 20:
        moved = move_learners(small_problem, solved_state, [far.id], cls.id)
        texts = [n.nl for n in moved.notes if n.learner_id == far.id]
        assert texts and texts[0].startswith(f"Deelnemer {far.id} past niet in klas {cls.id}")
        fit = fit_of(small_problem, solved_state, far.id, cls.id)
        assert not fit.ok and fit.reason


def test_locked_learner_cannot_be_moved_and_unknown_class_is_refused(small_problem, solved_state):
    lid, cls = _waiting_and_class(solved_state)
    locked = set_learner_lock(solved_state, [lid], True)
    with pytest.raises(EditError):
        move_learners(small_problem, locked, [lid], cls.id)
    with pytest.raises(EditError):
        move_learners(small_problem, solved_state, [lid], "GEEN")
    assert set_learner_lock(locked, [lid], False).locks.learners == frozenset()


def test_reoptimize_request_pins_locks_and_penalizes_moves(small_problem, solved_state):
    lid, cls = _waiting_and_class(solved_state)
    member = cls.members[0]
    state = set_learner_lock(set_learner_lock(solved_state, [member], True), [lid], True)
    state = set_class_lock(state, cls.id, True)
    assert state.plan.class_by_id[cls.id].locked
    req = reoptimize_request(small_problem, state, SolveOptions(time_limit=1.0))
    pins = {lr.id: lr.pin for lr in req.problem.learners}
    assert pins[member] == cls.id and pins[lid] == WAITLIST
    specs = req.problem.known_by_label
    assert specs[cls.id].locked and all(c.id in specs for c in solved_state.plan.classes if not c.running)
    assert req.problem.previous[member] == cls.id and req.problem.previous[lid] is None
    assert req.warm_start is state.plan
    fresh = fresh_request(small_problem, state, SolveOptions(time_limit=1.0))
    assert fresh.warm_start is None and not fresh.problem.previous
    assert fresh.problem.known_by_label[cls.id].locked


def test_recheck_after_capacity_edit_keeps_classes(small_problem, solved_state):
    problem = capacity.set_weight(small_problem, "wait", 40)
    state = recheck(problem, solved_state)
    assert [c.members for c in state.plan.classes] == [c.members for c in solved_state.plan.classes]
    assert state.plan.terms["wait"] == 2 * solved_state.plan.terms["wait"]


def test_capacity_edits_and_errors(small_problem):
    p = capacity.set_teachers(small_problem, "ma-ochtend", 3)
    assert p.teachers["ma-ochtend"] == 3
    loc = small_problem.locations[0].name
    p = capacity.set_rooms(small_problem, loc, "za-ochtend", 2)
    assert p.location_by_name[loc].rooms["za-ochtend"] == 2
    p = capacity.set_route_field(small_problem, "B1", "max_size", 12)
    assert p.route_by_name["B1"].max_size == 12
    assert capacity.parse_start_weeks("0, 2-4", 12) == (0, 2, 3, 4)
    assert capacity.parse_start_weeks("", 12) is None
    with pytest.raises(CapacityError) as err:
        capacity.parse_start_weeks("0, 20", 12)
    assert "planperiode" in err.value.nl and "horizon" in err.value.en
    with pytest.raises(CapacityError):
        capacity.set_teachers(small_problem, "ma-ochtend", -1)
    with pytest.raises(CapacityError):
        capacity.parse_schedule_dayparts("maandag nacht")
    p = capacity.add_schedule(small_problem, "za ochtend", "za ochtend")
    assert p.schedule_by_name["za ochtend"].dayparts == frozenset({"za-ochtend"})
    p = capacity.add_location(small_problem, "Nieuw", "Noord")
    assert p.location_by_name["Nieuw"].home == "Noord"
    with pytest.raises(CapacityError):
        capacity.add_location(small_problem, "X", "Parijs")
    bad = capacity.set_route_field(small_problem, "B1", "min_size", 30)
    assert any(m.key == "size_range" for m in capacity.problems_of(bad))



def test_every_editable_setting_and_route_field_reaches_its_field(small_problem):
    for name, (lo, _hi) in capacity.SETTING_FIELDS.items():
        value = lo + 1
        assert getattr(capacity.set_setting(small_problem, name, str(value)), name) == value
    for name, (lo, _hi) in capacity.ROUTE_FIELDS.items():
        value = lo + 1
        assert getattr(capacity.set_route_field(small_problem, "B1", name, value).route_by_name["B1"], name) == value
    travel = capacity.set_route_field(small_problem, "B1", "max_travel", 30)
    assert capacity.set_route_field(travel, "B1", "max_travel", " ").route_by_name["B1"].max_travel is None
    with pytest.raises(KeyError):
        capacity.set_setting(small_problem, "plan_date", 3)


def test_weights_ratio_sentence():
    assert "10 punten" in weights_ratio_text(Weights(wait=20, misfit=2, travel=1))
    assert "20 minutes" in weights_ratio_text(Weights(wait=20, misfit=2, travel=1), "en")


def test_project_round_trip(tmp_path, small_problem, solved_state):
    lid, cls = _waiting_and_class(solved_state)
    state = set_class_lock(move_learners(small_problem, solved_state, [lid], cls.id), cls.id, True)
    extras = {"D00001": {"Naam": "Test", "Sinds": small_problem.plan_date, "Getal": 1.5, "$raar": None}}
    project = Project(problem=small_problem, state=state, extras=extras, settings={"time_limit": 7},
                      source_name="in.xlsx", source_bytes=b"PK\x03\x04bytes", name_column="Naam")
    path = save_project(tmp_path / "p.klasvormer", project, keep_source=True)
    assert [f.name for f in tmp_path.iterdir()] == ["p.klasvormer"]  # no temporary file left behind
    back = load_project(path)
    assert back.problem == small_problem
    assert back.state == state
    assert back.state.plan.assignments[lid].class_id == cls.id
    assert back.extras == extras and back.settings == {"time_limit": 7}
    assert back.source_bytes == b"PK\x03\x04bytes" and back.name_column == "Naam"
    assert decode(encode(state.plan.stats)) == state.plan.stats
    with zipfile.ZipFile(path) as zf:
        assert {"manifest.json", "problem.json", "state.json", "source/in.xlsx"} <= set(zf.namelist())


def test_bad_project_files_say_why(tmp_path):
    (tmp_path / "x.klasvormer").write_text("geen zip")
    with pytest.raises(ProjectError) as err:
        load_project(tmp_path / "x.klasvormer")
    assert "geen Klasvormer-project" in err.value.nl
    with pytest.raises(ProjectError):
        load_project(tmp_path / "missing.klasvormer")


def test_recovery_files(tmp_path, small_problem):
    assert find_recoveries(tmp_path) == []
    slot = RecoverySlot(tmp_path)
    slot.write(Project(problem=small_problem, origin="/data/b1.xlsx"))
    assert find_recoveries(tmp_path) == []  # this instance lives: its file is not offered
    assert load_project(slot.path).problem == small_problem
    slot.close()
    assert list(tmp_path.iterdir()) == []  # a normal end removes file and lock


def test_geo_polygons_and_points(small_problem):
    ds = geo.districts()
    assert {d.name for d in ds} >= {"Centrum", "Noord", "Zuidoost", "Weesp", "Nieuw-West"}
    lat0, lon0, lat1, lon1 = geo.bounds(ds)
    assert 52.2 < lat0 < lat1 < 52.5 and 4.7 < lon0 < lon1 < 5.2
    rings = geo.parse_wkt_polygon("POLYGON((4.9 52.3, 5.0 52.3, 5.0 52.4, 4.9 52.3),(4.95 52.32, 4.96 52.32, 4.96 52.33))")
    assert len(rings) == 2 and rings[0][0] == (52.3, 4.9)
    ids = [lr.id for lr in small_problem.learners]
    counts = geo.counts_per_district(small_problem, ids)
    assert sum(counts.values()) == len(ids)
    assert sum(p.count for p in geo.learner_points(small_problem, ids)) == len(ids)
    assert len(geo.location_points(small_problem)) == len(small_problem.locations)


def test_recheck_handles_horizon_change(small_problem, solved_state):
    shorter = capacity.set_horizon(small_problem, 8)
    state = recheck(shorter, solved_state)
    lid = next(a.learner_id for a in solved_state.plan.assignments.values() if not a.placed)
    assert state.plan.assignments[lid].wait_weeks == shorter.waitlist_weeks(shorter.learner_by_id[lid])
    assert replace(state, notes=()).plan is state.plan


def test_derived_problems_share_the_travel_table_only_when_safe(small_problem):
    from app.planner.editing import derived

    table = small_problem.travel_table
    assert derived(small_problem, horizon_weeks=8).__dict__.get("travel_table") is table
    moved = replace(small_problem.locations[0], home="1102")
    other = derived(small_problem, locations=(moved, *small_problem.locations[1:]))
    assert "travel_table" not in other.__dict__


def test_a_class_starting_too_small_is_said_in_both_languages(small_problem, solved_state):
    """The note of a new class that starts with fewer learners than its route's minimum (and none
    joining later) had a key its catalogue lacks, so saying it failed."""
    from optimizer.validate import Violation

    cls = next(c for c in solved_state.plan.classes if not c.running)
    v = Violation("class_first_day", "too few", class_id=cls.id,
                  data={"first_day": 2, "later": 0, "min": 6, "route": cls.route})
    (note,) = rule_notes(small_problem, solved_state.plan, [v])
    assert note.nl == f"Klas {cls.id} start met 2 deelnemers, minder dan het minimum van 6 (route {cls.route})."
    assert note.en == f"Class {cls.id} starts with 2 learners, fewer than the minimum of 6 (route {cls.route})."


def test_fit_says_why_in_both_languages(small_problem, solved_state):
    cls = next(c for c in solved_state.plan.classes if not c.running and c.members)
    member = cls.members[0]
    fit = fit_of(small_problem, solved_state, member, cls.id)
    assert fit.ok and (fit.key, fit.text(), fit.text("en")) == ("fit", "past", "fits")
    full = replace(fit, ok=False, key="fit_full", params={"size": 9, "max": 8})
    assert (full.reason, full.reason_en) == ("klas is vol (9 van 8)", "class is full (9 of 8)")
