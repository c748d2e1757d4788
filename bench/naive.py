"""Baseline 2: the straightforward CP-SAT model, for comparison with Klasvormer's engineering.

One boolean per learner x candidate class (learners available later may join up to
late_join_weeks after the start, as in the real model), where candidate classes are numbered copies of
every (route, location, schedule, start week) that resources allow; a free integer level per
class with big-M misfit and spread constraints; big-M class sizes; default CP-SAT parameters
(only the time limit is set). It applies the same hard rules, so its plans pass the same
validator and its objective is comparable.
"""

from __future__ import annotations

import time
from collections import defaultdict

from ortools.sat.python import cp_model

from optimizer import Plan, Problem
from optimizer.candidates import (
    class_group,
    class_languages,
    fits_running,
    resource_caps,
    static_terms,
    waitlist_terms,
)
from optimizer.compose import ClassDraft, compose_plan


def naive_solve(problem: Problem, time_limit: float = 30.0, copies: int = 3) -> Plan:
    t0 = time.perf_counter()
    p = problem
    w = p.weights
    teachers, rooms = resource_caps(p)
    cp = cp_model.CpModel()
    classes = []  # (route, loc, sched, week, group, lang, open var, level var)
    x: dict[tuple[str, int], cp_model.IntVar] = {}
    members: dict[int, list[str]] = defaultdict(list)
    misfit_terms = []
    objective = []
    M = 100
    step = p.level_step
    for route in p.routes:
        learners = [lr for lr in p.learners if lr.route == route.route]
        groups = sorted({class_group(route, lr) for lr in learners}, key=str)
        langs = list(route.languages) or [None]
        for loc in p.locations:
            for s in p.allowed_schedules(route):
                if any(loc.rooms_at(d) <= 0 for d in s.dayparts):
                    continue
                for week in p.route_start_weeks(route):
                    cap = min(min(teachers.get((d, t), 0), rooms.get((loc.name, d, t), 0))
                              for d in s.dayparts for t in range(week, min(p.horizon_weeks, week + route.duration_weeks)))
                    for g in groups:
                        for lang in langs:
                            fit = [lr for lr in learners
                                   if class_group(route, lr) == g and lang in class_languages(route, lr)
                                   and s.dayparts <= lr.dayparts and loc.name not in lr.excluded_locations
                                   and (m := p.travel(lr.id, loc.name)) is not None and m <= p.max_travel_for(lr)
                                   and p.available_week(lr) <= min(week + max(0, p.late_join_weeks),
                                                                   p.horizon_weeks - 1)]
                            starters_fit = [lr for lr in fit if p.available_week(lr) <= week]
                            if len(starters_fit) < route.min_size:
                                continue
                            for _k in range(min(cap, copies)):
                                idx = len(classes)
                                op = cp.new_bool_var(f"open{idx}")
                                lv = cp.new_int_var(0, 100 // step, f"lv{idx}")
                                classes.append((route, loc.name, s, week, g, lang, op, lv))
                                xs, first_day = [], []
                                for lr in fit:
                                    v = cp.new_bool_var("")
                                    x[lr.id, idx] = v
                                    members[idx].append(lr.id)
                                    xs.append(v)
                                    entry = max(week, p.available_week(lr))  # joins after the start if later
                                    if entry == week:
                                        first_day.append(v)
                                    cp.add(v <= op)
                                    # big-M spread: |score - level| <= spread/2 when assigned
                                    cp.add(2 * (lr.level - step * lv) <= route.max_spread + 2 * M * (1 - v))
                                    cp.add(2 * (step * lv - lr.level) <= route.max_spread + 2 * M * (1 - v))
                                    st = static_terms(p, lr, 0, loc.name, s, lang, p.previous.get(lr.id) is not None)
                                    cost = w.wait * lr.priority * p.wait_weeks(lr, entry) + sum(st[1:])
                                    objective.append((v, cost - sum(waitlist_terms(p, lr))))
                                cp.add(sum(xs) <= route.max_size * op)
                                cp.add(sum(first_day) >= route.min_size - M * (1 - op))  # big-M minimum size
    # misfit per learner (at most one class): misfit >= |score - level| - M(1 - x)
    for lr in p.learners:
        mine = [(idx, v) for (lid, idx), v in x.items() if lid == lr.id]
        if not mine:
            continue
        mf = cp.new_int_var(0, 100, f"mf[{lr.id}]")
        for idx, v in mine:
            lv = classes[idx][7]
            cp.add(mf >= lr.level - step * lv - M * (1 - v))
            cp.add(mf >= step * lv - lr.level - M * (1 - v))
        misfit_terms.append(mf)
    run_x: dict[tuple[str, str], cp_model.IntVar] = {}
    for rc in p.running:
        joiners = []
        for lr in p.learners:
            if rc.free_seats > 0 and fits_running(p, rc, lr):
                v = cp.new_bool_var("")
                run_x[lr.id, rc.id] = v
                joiners.append(v)
                wk = p.running_join_week(rc, lr)
                st = static_terms(p, lr, rc.level, rc.location, p.schedule_by_name[rc.schedule], rc.language,
                                  p.previous.get(lr.id) not in (None, rc.id))
                objective.append((v, w.wait * lr.priority * p.wait_weeks(lr, wk) + sum(st) - sum(waitlist_terms(p, lr))))
        if joiners:
            cp.add(sum(joiners) <= rc.free_seats)
    for lr in p.learners:
        vs = [v for (lid, _), v in x.items() if lid == lr.id] + [v for (lid, _), v in run_x.items() if lid == lr.id]
        if len(vs) > 1:
            cp.add(sum(vs) <= 1)
        if lr.together:  # a household takes the same class (new or running), or waits together
            for other in p.learners:
                if other.together == lr.together and other.id > lr.id:
                    for table in (x, run_x):
                        where = {k for (lid, k) in table if lid in (lr.id, other.id)}
                        for k in where:
                            cp.add(table.get((lr.id, k), 0) == table.get((other.id, k), 0))
        for other in lr.not_with:
            for (lid, idx), v in x.items():
                if lid == lr.id and (other, idx) in x:
                    cp.add(v + x[other, idx] <= 1)
    use_t: dict[tuple[str, int], list] = defaultdict(list)
    use_r: dict[tuple[str, str, int], list] = defaultdict(list)
    for route, loc, s, week, _g, _lang, op, _lv in classes:
        for t in range(week, min(p.horizon_weeks, week + route.duration_weeks)):
            for d in s.dayparts:
                use_t[d, t].append(op)
                use_r[loc, d, t].append(op)
    for key, ops in use_t.items():
        cp.add(sum(ops) <= teachers.get(key, 0))
    for key, ops in use_r.items():
        cp.add(sum(ops) <= rooms.get(key, 0))
    offset = sum(sum(waitlist_terms(p, lr)) for lr in p.learners)
    cp.minimize(offset + sum(c * v for v, c in objective) + w.misfit * sum(misfit_terms))
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = max(0.1, time_limit - (time.perf_counter() - t0))
    status = solver.solve(cp)
    stats = {"method": "naive", "booleans": len(x) + len(run_x) + len(classes), "status_name": solver.status_name(status)}
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return Plan((), {}, 0, {}, solver.best_objective_bound, "NO_SOLUTION", time.perf_counter() - t0, stats=stats)
    drafts = []
    for idx, (route, loc, s, week, g, lang, op, lv) in enumerate(classes):
        if solver.boolean_value(op):
            ms = [lid for lid in members[idx] if solver.boolean_value(x[lid, idx])]
            drafts.append(ClassDraft(route.route, loc, s.name, week, step * solver.value(lv), ms, lang, g))
    by_run: dict[str, list[str]] = defaultdict(list)
    for (lid, rid), v in run_x.items():
        if solver.boolean_value(v):
            by_run[rid].append(lid)
    for rid, ms in by_run.items():
        rc = p.running_by_id[rid]
        drafts.append(ClassDraft(rc.route, rc.location, rc.schedule, 0, rc.level, ms, rc.language, rc.group, running=rid))
    plan = compose_plan(p, drafts, status="FEASIBLE" if status == cp_model.FEASIBLE else "OPTIMAL",
                        bound=solver.best_objective_bound, runtime=time.perf_counter() - t0, stats=stats)
    return plan
