"""Learners who start on the plan date stay where they start when a plan workbook is re-planned.

A plan workbook handed out tells learners where and when to come. A coordinator who edits
something small and re-plans with the same plan date (``klasvormer solve bewerkt.xlsx``, or the
window's re-plan of an edited plan) expects the learners told to come on the plan date to stay
where they come; only the move penalty (*gewicht verplaatsing*) kept them before, and a re-plan
moved learners between classes that started that day. The rule, the counterpart of ``klasvormer
volgende-week`` (:mod:`app.planner.next_week`), which carries every class that started *before*
its new plan date over as a running class:

- a learner of the plan workbook who starts on its plan date (the first week of the plan) in a
  class of *Klassen* that starts then, or joining a running class then, stays in that class;
  the class keeps its id, form and start (its learners are pinned to it), and newcomers may still
  join it up to its maximum size;
- unless the coordinator edited it: a learner moved or released in the *Klas* column, or with a
  *Vastgezet* of their own, follows the edit; a class whose row on *Klassen* was changed (route,
  location, schedule, start date or level) is locked as entered instead, its learners not held;
  a class set from Vast = ja to Vast = nee is released;
- a hold that cannot be kept is dropped with a warning naming the class (at its row) or the
  learner (at their *Klas* cell) and why: a learner who no longer fits the class (their data or
  the settings edited), a class with more learners pinned to it than fit, too few left to start it
  on its first day, no teacher or room left for it. The re-plan may then move them, at the move
  penalty, as before.

The holds are pins in :attr:`optimizer.domain.Problem.held`: a plan workbook does not write them
in *Vastgezet*, so each re-import derives them again from the plan date. A class that started
before the plan date (the plan date moved by hand) cannot be held as a new class: it keeps its
warning (:func:`app.workbook.plan_edits.check_known_classes`).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from typing import Any

from app.workbook.context import ParseContext
from app.workbook.importer import ParsedInput
from app.workbook.plan_edits import CLASS_CHANGED, CLASS_UNLOCKED, PlanEdit
from app.workbook.values import fmt_date
from optimizer.dayparts import format_dayparts
from optimizer.domain import WAITLIST, Problem

MAX_ROUNDS = 4
"""Rounds of 'check, drop what cannot hold' before every remaining hold is dropped."""


def starting_on_plan_date(data: ParsedInput, problem: Problem) -> dict[str, str]:
    """Learner id -> the class they start in on the plan date, for every learner the rule holds
    (see the module doc), before checking that the holds can be kept."""
    edited = {e.subject for e in data.edits if isinstance(e, PlanEdit) and e.kind in (CLASS_CHANGED, CLASS_UNLOCKED)}
    today = {spec.label for spec in problem.known_classes if spec.start_week == 0 and spec.label not in edited}
    running = problem.running_by_id
    out: dict[str, str] = {}
    for lr in problem.learners:
        label = problem.previous.get(lr.id)
        if label is None or lr.pin is not None:
            continue
        first = (problem.available_week(lr) if label in today
                 else problem.running_join_week(running[label], lr) if label in running else None)
        if first == 0:  # starts on the plan date (in a class of that day, or joining a running one)
            out[lr.id] = label
    return out


def with_holds(problem: Problem, holds: dict[str, str]) -> Problem:
    """``problem`` with each held learner pinned to their class (:attr:`Problem.held`)."""
    if not holds:
        return replace(problem, held={})
    learners = tuple(replace(lr, pin=holds[lr.id]) if lr.id in holds else lr for lr in problem.learners)
    return replace(problem, learners=learners, held=dict(holds))


def hold_plan_date_starts(ctx: ParseContext, data: ParsedInput, problem: Problem) -> Problem:
    """``problem`` with the learners who start on the plan date held where they start (see the
    module doc); a warning for every hold that cannot be kept."""
    holds = starting_on_plan_date(data, problem)
    if not holds:
        return problem
    dropped_classes: dict[str, dict[str, Any]] = {}
    dropped_learners: dict[str, tuple[str, dict[str, Any]]] = {}
    for _ in range(MAX_ROUNDS):
        if not holds:
            break
        found = _cannot_hold(with_holds(problem, holds), holds)
        if found is None:
            break
        classes, learners = found
        for label, why in classes.items():
            dropped_classes.setdefault(label, why)
        for lid, why in learners.items():
            dropped_learners.setdefault(lid, (holds[lid], why))
        holds = {lid: label for lid, label in holds.items() if label not in classes and lid not in learners}
    else:
        for label in sorted(set(holds.values())):
            dropped_classes.setdefault(label, _why("other"))
        holds = {}
    _warn(ctx, data, problem, dropped_classes, dropped_learners)
    return with_holds(problem, holds)


def _cannot_hold(problem: Problem, holds: dict[str, str]
                 ) -> tuple[dict[str, dict[str, Any]], dict[str, dict[str, Any]]] | None:
    """The holds of ``problem`` (pinned, :func:`with_holds`) that cannot be kept: (class -> why,
    learner -> why); None when a plan keeps them all, or when what breaks is none of the holds'
    doing (the re-plan deals with it as before).

    Classes with more pinned than fit first; then, on the part of the plan the holds touch
    (:func:`_touched`), the pins the candidates cannot meet (the learner no longer fits the
    class); then a plan of that part that keeps them, which the independent validator must
    accept: the plan as edited, as it stands (the common case, and quick), else completed as a
    re-plan starts from it (:func:`optimizer.solve.completed_previous`: classes cut back to their
    maximum, a short one filled on its first day, the rest placed by the greedy). Its broken
    rules name the holds to let go. Everyone outside that part may wait, so a plan of the part is
    a plan of the whole (see :func:`_touched`)."""
    from optimizer.candidates import build_candidates
    from optimizer.explain import why_not_fits
    from optimizer.solve import assemble_plan, completed_previous, placements_from_previous
    from optimizer.split import SplitError
    from optimizer.validate import validate

    full: dict[str, dict[str, Any]] = {}
    pinned = Counter(lr.pin for lr in problem.learners if lr.pin and lr.pin != WAITLIST)
    for label in sorted(set(holds.values())):
        cap = _capacity(problem, label)
        if pinned[label] > cap:
            full[label] = _why("full", max=cap)
    if full:
        return full, {}
    part = _touched(problem, holds)
    try:
        cand = build_candidates(part)
    except ValueError:  # ProblemError: the solve reports it, holds or not
        return None
    by_id = problem.learner_by_id
    unfit = {lid: _unfit(why_not_fits(problem, by_id[lid], label)) for lid, label in cand.pin_errors if lid in holds}
    if unfit:
        return {}, unfit
    violations: list[Any] = []
    for complete in (False, True):
        start = completed_previous(part, cand) if complete else placements_from_previous(part, cand, check=False)
        if start is None:
            continue
        try:
            plan = assemble_plan(part, cand, *start, "HEURISTIC", 0.0, 0.0, [], {}, reasons=False)
        except SplitError:
            continue
        report = validate(part, plan)
        if report.ok:
            return None
        violations = report.violations
    blamed = _blamed(problem, holds, violations)
    return blamed if blamed[0] or blamed[1] else None


def _touched(problem: Problem, holds: dict[str, str]) -> Problem:
    """The part of ``problem`` a plan keeping the holds must get right: the learners pinned to a
    class (held or by the planner), those whose earlier class is such a class or a locked one,
    their households whole; the running classes; the classes the earlier plan gives them; the
    plan period cut after the last start week of a pinned or locked class and the weeks in which
    learners may still join it.

    A plan of this part is one of the whole with everyone else waiting (nobody else is pinned,
    and waiting breaks no rule), and its weeks after the cut need no look: no class of it starts
    then, so each later week uses no more teachers and rooms than the last one the part has. Much
    smaller than the whole (the candidates of a 1,500-learner plan took 2-3 s, this part's a
    fraction)."""
    known = problem.known_by_label
    must = {lr.pin for lr in problem.learners if lr.pin and lr.pin != WAITLIST} | set(holds.values())
    must |= {spec.label for spec in problem.known_classes if spec.locked}
    keep = {lr.id for lr in problem.learners
            if (lr.pin and lr.pin != WAITLIST) or problem.previous.get(lr.id) in must}
    households = {problem.learner_by_id[lid].together for lid in keep} - {None}
    keep |= {lr.id for lr in problem.learners if lr.together in households}
    weeks = [known[label].start_week for label in must if label in known]
    # up to the last such start, and the weeks after it in which learners may still join
    horizon = min(problem.horizon_weeks, max(weeks, default=0) + max(0, problem.late_join_weeks) + 1)
    classes = tuple(spec for spec in problem.known_classes if 0 <= spec.start_week < horizon)
    labels = {spec.label for spec in classes} | set(problem.running_by_id)
    previous = {lid: label for lid, label in problem.previous.items() if lid in keep and label in labels}
    return replace(problem, learners=tuple(lr for lr in problem.learners if lr.id in keep), horizon_weeks=horizon,
                   known_classes=classes, previous=previous)


def _capacity(problem: Problem, label: str) -> int:
    """The most learners class ``label`` (known or running) can take."""
    if label in problem.known_by_label:
        return problem.route_by_name[problem.known_by_label[label].route].max_size
    return problem.running_by_id[label].free_seats


def _blamed(problem: Problem, holds: dict[str, str], violations: list[Any]
            ) -> tuple[dict[str, dict[str, Any]], dict[str, dict[str, Any]]]:
    """The holds the validator's ``violations`` of a plan keeping them all point at: (class ->
    why, learner -> why). A rule of one held learner lets that learner go; a rule of a held class
    (its size, its first day) that class; teachers or rooms short in a week the held classes
    cover let go of as many held classes there as are too many, those holding fewest first."""
    from optimizer.explain import why_not_fits

    held = set(holds.values())
    size = Counter(holds.values())
    classes: dict[str, dict[str, Any]] = {}
    learners: dict[str, dict[str, Any]] = {}
    by_id = problem.learner_by_id
    for v in violations:
        if v.learner in holds:
            if v.rule.startswith("member_"):
                learners[v.learner] = _unfit(why_not_fits(problem, by_id[v.learner], holds[v.learner]))
            elif v.rule == "not_with":
                learners[v.learner] = _why("household")
            else:
                classes.setdefault(holds[v.learner], _why("other"))
        elif v.rule == "together":
            for lid in holds:
                if by_id[lid].together == v.data.get("group"):
                    learners[lid] = _why("household")
        elif v.class_id in held and v.rule == "class_first_day":
            classes[v.class_id] = _why("short", min=v.data.get("min", "?"))
        elif v.class_id in held and v.rule in ("class_size", "running_seats"):
            classes[v.class_id] = _why("full", max=_capacity(problem, v.class_id))
        elif v.class_id in held:
            classes[v.class_id] = _why("other")
        elif v.rule in ("teachers", "rooms"):
            d, t = v.data["daypart"], v.data["week"]
            there = [spec.label for spec in problem.known_classes
                     if spec.label in held and spec.start_week <= t
                     < spec.start_week + problem.route_by_name[spec.route].duration_weeks
                     and d in problem.schedule_by_name[spec.schedule].dayparts
                     and (v.rule == "teachers" or spec.location == v.data["location"])]
            there.sort(key=lambda label: (size[label], label))
            for label in there[:max(0, v.data["need"] - v.data["free"])]:
                classes.setdefault(label, _why(v.rule, daypart=format_dayparts({d}),
                                               daypart_en=format_dayparts({d}, "en"),
                                               location=v.data.get("location")))
    return classes, learners


_WHY: dict[str, tuple[str, str]] = {
    "full": ("er zouden meer deelnemers in zitten dan erin passen (hoogstens {max})",
             "it would hold more learners than fit (at most {max})"),
    "short": ("te weinig deelnemers kunnen op de eerste dag beginnen (minimaal {min})",
              "too few learners can start on its first day (at least {min})"),
    "teachers": ("er is op {daypart} geen docent meer voor", "no teacher is left for it on {daypart_en}"),
    "rooms": ("er is op {daypart} geen lokaal meer voor in {location}",
              "no room is left for it at {location} on {daypart_en}"),
    "household": ("een huisgenoot (Samen) of een 'niet met' laat dat niet toe",
                  "a household member (Samen) or a 'niet met' does not allow it"),
    "other": ("het plan met de wijzigingen in de werkmap houdt hem niet",
              "the plan with the workbook's edits does not keep it"),
}
"""Why a hold cannot be kept (the ``why`` of :data:`app.workbook.issue_texts` ``plan_date_*``)."""


def _why(key: str, **params: Any) -> dict[str, Any]:
    nl, en = _WHY[key]
    return {"why": nl.format(**params), "why_en": en.format(**params)}


def _unfit(message: Any) -> dict[str, Any]:
    nl, en = _WHY_UNFIT
    return {"why": nl.format(message.text("nl")), "why_en": en.format(message.text("en"))}


_WHY_UNFIT = ("past er niet meer in ({})", "no longer fits it ({})")


def _warn(ctx: ParseContext, data: ParsedInput, problem: Problem, classes: dict[str, dict[str, Any]],
          learners: dict[str, tuple[str, dict[str, Any]]]) -> None:
    """A warning per hold let go: at the class's row (Klassen, or Lopende klassen for a running
    class), or at the learner's Klas cell."""
    day = fmt_date(problem.plan_date)
    for label, why in sorted(classes.items()):
        r = data.class_rows.get(label)
        if r is not None:
            r.warn("start_date", "plan_date_class_not_kept", id=label, date=day, **why)
            continue
        where = ctx.rows.get(("running", label))
        place = {"sheet": where[0], "row": where[1], "file": where[2]} if where else {}
        ctx.sink.warn("plan_date_class_not_kept", id=label, date=day, **place, **why)
    for lid, (label, why) in sorted(learners.items()):
        cell = data.class_cells.get(lid)
        if cell is not None:
            cell[1].warn("class", "plan_date_learner_not_kept", id=lid, label=label, date=day, **why)
            continue
        where = ctx.rows.get(("learners", lid))
        place = {"sheet": where[0], "row": where[1], "file": where[2]} if where else {}
        ctx.sink.warn("plan_date_learner_not_kept", id=lid, label=label, date=day, **place, **why)
