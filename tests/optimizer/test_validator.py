"""The validator must catch broken plans (it is the independent check of every solve)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from optimizer import rules as catalogue
from optimizer.plan import Assignment
from optimizer.rules import HARD, PLAN
from optimizer.validate import Report, validate

from .conftest import learner, problem, solved


def _base():
    p = problem([learner("a", level=45), learner("b", level=50), learner("c", level=55), learner("d", level=90)])
    plan = solved(p)
    assert plan.figures["placed"] == 3
    return p, plan


def test_valid_plan_passes_and_objective_matches():
    p, plan = _base()
    rep = validate(p, plan)
    assert rep.ok and rep.objective == plan.objective


def test_catches_a_member_too_far_from_the_class_level():
    p, plan = _base()
    c = plan.classes[0]
    bad_class = replace(c, members=(*c.members, "d"))
    a = plan.assignments
    bad_assign = dict(a, d=Assignment("d", c.id, c.start_week, c.start_date, a["a"].wait_weeks))
    bad = replace(plan, classes=(bad_class,), assignments=bad_assign)
    rep = validate(p, bad)
    assert any(v.rule == "member_spread" and v.learner == "d" and v.class_id == c.id for v in rep.violations)


def test_catches_undersized_class():
    p, plan = _base()
    c = plan.classes[0]
    keep = c.members[:1]
    assign = {k: (v if k in keep or v.class_id is None else
                  Assignment(k, None, None, None, p.waitlist_weeks(p.learner_by_id[k]))) for k, v in plan.assignments.items()}
    bad = replace(plan, classes=(replace(c, members=keep),), assignments=assign)
    rep = validate(p, bad)
    assert any(v.rule == "class_first_day" and v.class_id == c.id for v in rep.violations)


def test_catches_a_wrong_objective():
    p, plan = _base()
    terms = dict(plan.terms, wait=plan.terms["wait"] + 1)
    bad = replace(plan, objective=plan.objective + 1, terms=terms)
    rep = validate(p, bad)
    assert {v.rule for v in rep.violations} == {"objective"}


def test_catches_a_lost_learner():
    p, plan = _base()
    assign = dict(plan.assignments)
    del assign["d"]
    rep = validate(p, replace(plan, assignments=assign))
    assert any(v.rule == "unassigned" and "'d'" in v.text for v in rep.violations)


def test_catches_teacher_overuse():
    p, plan = _base()
    p2 = replace(p, teachers={"ma-ochtend": 0})
    rep = validate(p2, plan)
    assert any(v.rule == "teachers" and v.data["daypart"] == "ma-ochtend" and v.data["free"] == 0
               for v in rep.violations)


def test_catches_start_before_available():
    p, plan = _base()
    from datetime import timedelta

    lr = p.learner_by_id["a"]
    p2 = replace(p, learners=tuple(replace(x, available_from=p.plan_date + timedelta(days=3)) if x is lr else x
                                   for x in p.learners))
    rep = validate(p2, plan)
    assert any(v.rule == "member_available" and v.learner == "a" for v in rep.violations)


def test_catches_a_join_after_the_late_join_window():
    p, plan = _base()
    c = plan.classes[0]
    m = c.members[-1]
    a = plan.assignments[m]
    late = replace(a, start_week=c.start_week + p.late_join_weeks + 1)
    rep = validate(p, replace(plan, assignments=dict(plan.assignments, **{m: late})))
    assert ("member_late_join", m) in [(v.rule, v.learner) for v in rep.violations]


def _started_class(late_join_weeks: int = 4):
    """Four learners, all available before the plan date, in one class starting in week 0."""
    from optimizer import RouteSettings

    p = problem([learner(f"l{i}", level=45 + 2 * i) for i in range(4)], late_join_weeks=late_join_weeks,
                routes=(RouteSettings("B1", min_size=3, max_size=8, max_spread=20, duration_weeks=10),))
    plan = solved(p)
    assert [c.start_week for c in plan.classes] == [0] and plan.figures["placed"] == 4
    return p, plan


def test_catches_a_needless_late_join_in_a_new_class():
    # Issue 16.1: late joining is for learners who become available after the start; a member
    # available on the first day who "joins" a week later waits a week for nothing.
    p, plan = _started_class()
    c = plan.classes[0]
    m = c.members[-1]
    a = plan.assignments[m]
    late = replace(a, start_week=1, start_date=p.week_start(1), wait_weeks=a.wait_weeks + 1)
    rep = validate(p, replace(plan, assignments=dict(plan.assignments, **{m: late})))
    assert ("member_join_week", m) in [(v.rule, v.learner) for v in rep.violations]
    assert not any(v.learner != m for v in rep.violations if v.rule.startswith("member_"))


def test_a_late_join_in_the_first_available_week_is_valid():
    from datetime import timedelta

    p, plan = _started_class()
    c = plan.classes[0]
    m = c.members[-1]
    # m becomes available during week 1 (Tuesday): their first possible start is week 2
    p2 = replace(p, learners=tuple(replace(x, available_from=p.plan_date + timedelta(days=8)) if x.id == m else x
                                   for x in p.learners))
    a = plan.assignments[m]
    for week, ok in ((2, True), (3, False)):
        joined = replace(a, start_week=week, start_date=p.week_start(week), wait_weeks=a.wait_weeks + week)
        rep = validate(p2, replace(plan, assignments=dict(plan.assignments, **{m: joined})))
        rules = {v.rule for v in rep.violations if v.learner == m}
        assert ("member_join_week" not in rules) is ok, (week, rules)


# ---- the catalogue of rules: the validator checks every hard rule under its key ------------------

def _emitted(module_name: str, calls: tuple[str, ...]) -> set[str]:
    """The constant rule keys a module passes as first argument to the named calls."""
    import ast
    import importlib
    import inspect

    tree = ast.parse(inspect.getsource(importlib.import_module(module_name)))
    return {node.args[0].value for node in ast.walk(tree)
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) in calls
            and node.args and isinstance(node.args[0], ast.Constant)}


_CHECKED = catalogue.keys(HARD) + catalogue.keys(PLAN)


@pytest.mark.parametrize("key", _CHECKED)
def test_the_validator_checks(key):
    assert key in _emitted("optimizer.validate", ("bad", "member"))


def test_the_validator_uses_the_catalogue_keys_and_no_other():
    assert _emitted("optimizer.validate", ("bad", "member")) == set(_CHECKED)
    with pytest.raises(KeyError):
        Report().add("niet_met", "a key outside the catalogue")


def test_the_explanations_name_rules_of_the_catalogue():
    import ast
    import inspect

    from optimizer import explain

    tree = ast.parse(inspect.getsource(explain.unfit_rule))
    named = {node.value.elts[0].value for node in ast.walk(tree)
             if isinstance(node, ast.Return) and isinstance(node.value, ast.Tuple)
             and isinstance(node.value.elts[0], ast.Constant) and node.value.elts[0].value is not None}
    assert named and named <= set(catalogue.keys(HARD))


def test_catches_a_pinned_learner_in_a_class_that_only_has_the_pinned_label():
    """A pin to a known class means that class's form: a class of another form that happens to
    carry the known label (a fresh K01 when the pinned class is not formed) breaks the pin
    (issue 18: a frontier dive, which leaves pins out, passed the validator this way)."""
    from optimizer import ClassSpec

    spec = ClassSpec("K9", "B1", "Centrum", "ma-ochtend", start_week=2, level=50)
    p = problem([learner("a", pin="K9"), learner("b"), learner("c")], known_classes=(spec,))
    plan = solved(p)
    k9 = plan.class_by_id["K9"]
    assert validate(p, plan).ok and "a" in k9.members
    moved = replace(k9, start_week=k9.start_week + 1)
    broken = replace(plan, classes=tuple(moved if c.id == "K9" else c for c in plan.classes))
    rules = {v.rule for v in validate(p, broken).violations}
    assert "pin" in rules


def test_why_a_learner_does_not_fit_is_said_in_either_language():
    """The reason a pin fails was Dutch text inside an English diagnosis ('Learner a is pinned to
    K9 but does not fit there: niet beschikbaar op ...'); it is a message in both languages now."""
    from optimizer import ClassSpec
    from optimizer.explain import diagnose, why_not_fits

    spec = ClassSpec("K9", "B1", "Centrum", "ma-ochtend", start_week=0, level=50)
    p = problem([learner("a", dayparts="middag", pin="K9"), learner("b", level=90),
                 learner("c", travel={"Centrum": 80})], known_classes=(spec,))
    reasons = {lid: why_not_fits(p, p.learner_by_id[lid], "K9") for lid in ("a", "b", "c")}
    assert reasons["a"].text("nl") == "niet beschikbaar op ma-ochtend"
    assert reasons["a"].text("en") == "not available on Mon morning"
    # the range the class takes, not only the spread: '35 ligt te ver van klasniveau 50 (maximale
    # spreiding 20)' read as wrong to a coordinator, since 50 - 35 = 15 < 20 (audit 7, Excel door)
    assert reasons["b"].text("en") == "learnability 90 lies outside 40-60, what a class of level 50 takes (maximum spread 20)"
    assert reasons["b"].text("nl") == ("leerbaarheid 90 ligt buiten 40-60, wat een klas van niveau 50 toelaat "
                                       "(maximale spreiding 20)")
    assert reasons["c"].text("nl").startswith("reistijd 80 min is meer dan het maximum van")
    assert reasons["c"].text("en").startswith("travel time 80 min is more than the maximum of")
    assert why_not_fits(p, p.learner_by_id["a"], "K77").text("en") == "unknown class"
    from optimizer.candidates import build_candidates

    (pin,) = [m for m in diagnose(p, build_candidates(p)) if m.key == "diag_pin_incompatible"]
    assert pin.text("en") == "Learner a is pinned to K9 but does not fit there: not available on Mon morning."
    assert pin.text("nl") == "Deelnemer a is vastgezet in K9, maar past daar niet: niet beschikbaar op ma-ochtend."


def test_a_plan_scored_under_other_weights_is_said_to_be_one():
    """Seen from outside: validate(problem, frontier_point.plan) said only "objective 173650
    differs from recomputed 80495". The plan keeps every rule; it was measured with the
    frontier's weights. The report now says so and how to check it."""
    from optimizer import SolveOptions, solve
    from optimizer.domain import PRESETS

    from .conftest import learner, problem

    p = problem([learner(x) for x in "abcd"])
    plan = solve(p.with_weights(PRESETS["snelle start"]), SolveOptions(time_limit=2, deterministic=True, workers=2))
    assert plan.objective != validate(p, plan).objective
    rep = validate(p, plan)
    assert not rep.ok and {v.rule for v in rep.violations} == {"objective"}
    assert "scored under other weights" in str(rep) and "problem.with_weights(frontier.weights)" in str(rep)
    assert validate(p.with_weights(PRESETS["snelle start"]), plan).ok
