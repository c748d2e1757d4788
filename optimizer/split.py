"""Turn slot counts back into classes.

The model decides *how many* classes a slot opens and *who* joins the slot. Here each slot's
members are divided over its classes: households stay together, "niet met" pairs are
separated, learners pinned to a known class label stay with that label, and classes are as
homogeneous as possible (members sorted by leerbaarheid, cut into consecutive runs).
"""

from __future__ import annotations

from collections import Counter, defaultdict

from ortools.sat.python import cp_model

from .candidates import Candidates, Placement
from .cpsat import no_sigint
from .domain import Problem
from .plan import PlannedClass


class Labels:
    """Class ids K01, K02, ... that avoid every label already in use."""

    def __init__(self, used: set[str], count: int) -> None:
        self.used = set(used)
        self.width = max(2, len(str(count)))
        self.counter = 0

    def next(self) -> str:
        while True:
            self.counter += 1
            label = f"K{self.counter:0{self.width}d}"
            if label not in self.used:
                self.used.add(label)
                return label


class SplitError(RuntimeError):
    """A slot's members cannot be divided over its classes (reported, never silent)."""

    def __init__(self, slot: object) -> None:
        super().__init__(f"class kind {slot} cannot be split")
        self.slot = slot


def _units(problem: Problem, members: list[str]) -> list[tuple[str, ...]]:
    seen: dict[str, list[str]] = defaultdict(list)
    out: list[tuple[str, ...]] = []
    for lid in members:
        lr = problem.learner_by_id[lid]
        if lr.together:
            seen[lr.together].append(lid)
        else:
            out.append((lid,))
    out.extend(tuple(v) for v in seen.values())
    return out


def _simple_split(problem: Problem, members: list[str], n: int, first_day: set[str], hi: int) -> list[list[str]]:
    """Learners who start on the first day in consecutive runs by level (sizes as equal as
    possible); later joiners into the class closest in level that has room."""
    level = {m: problem.learner_by_id[m].level for m in members}
    order = sorted((m for m in members if m in first_day), key=lambda m: (level[m], m))
    base, extra = divmod(len(order), n)
    out, pos = [], 0
    for k in range(n):
        size = base + (1 if k < extra else 0)
        out.append(order[pos:pos + size])
        pos += size
    centre = [sum(level[m] for m in part) / len(part) if part else 50.0 for part in out]
    for m in sorted((m for m in members if m not in first_day), key=lambda m: (level[m], m)):
        k = min((k for k in range(n) if len(out[k]) < hi), key=lambda k: (abs(centre[k] - level[m]), k))
        out[k].append(m)
    return out


def _exact_split(problem: Problem, slot_idx: object, members: list[str], n: int, lo: int, hi: int,
                 label_of: dict[str, str], first_day: set[str]) -> list[list[str]]:
    """Small CP-SAT: units to classes, sizes (first day and in all), not-with, labels;
    least total level spread."""
    units = _units(problem, members)
    level = {m: problem.learner_by_id[m].level for m in members}
    cp = cp_model.CpModel()
    y = {(u, k): cp.new_bool_var("") for u in range(len(units)) for k in range(n)}
    for u in range(len(units)):
        cp.add_exactly_one(y[u, k] for k in range(n))
    for k in range(n):
        size = sum(len(units[u]) * y[u, k] for u in range(len(units)))
        starting = sum(sum(1 for m in units[u] if m in first_day) * y[u, k] for u in range(len(units)))
        cp.add(starting >= lo)
        cp.add(size <= hi)
    unit_of = {m: u for u, unit in enumerate(units) for m in unit}
    for m in members:
        for o in problem.learner_by_id[m].not_with:
            if o in unit_of and unit_of[o] != unit_of[m]:
                for k in range(n):
                    cp.add(y[unit_of[m], k] + y[unit_of[o], k] <= 1)
    labels = sorted(set(label_of.values()))
    for li, label in enumerate(labels):
        us = {unit_of[m] for m, lab in label_of.items() if lab == label}
        k = li % n  # each label gets its own class where possible
        for u in us:
            cp.add(y[u, k] == 1)
    lo_v = [cp.new_int_var(0, 100, "") for _ in range(n)]
    hi_v = [cp.new_int_var(0, 100, "") for _ in range(n)]
    for u, unit in enumerate(units):
        for k in range(n):
            for m in unit:
                cp.add(lo_v[k] <= level[m]).only_enforce_if(y[u, k])
                cp.add(hi_v[k] >= level[m]).only_enforce_if(y[u, k])
    cp.minimize(sum(hi_v[k] - lo_v[k] for k in range(n)))
    solver = no_sigint(cp_model.CpSolver())
    solver.parameters.max_time_in_seconds = 5.0
    solver.parameters.num_workers = 1
    status = solver.solve(cp)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        raise SplitError(slot_idx)
    out: list[list[str]] = [[] for _ in range(n)]
    for u, unit in enumerate(units):
        k = next(k for k in range(n) if solver.boolean_value(y[u, k]))
        out[k].extend(unit)
    return out


def _split_kind(problem: Problem, cand: Candidates, ft: tuple[int, int], members: list[str], n: int,
                first_day: set[str], pinned_label: dict[str, str]) -> list[list[str]]:
    """The members of one class kind divided over its ``n`` classes (:class:`SplitError` when
    households, "niet met" pairs or pins make that impossible)."""
    r = problem.route_by_name[cand.families[ft[0]].route]
    label_of = {m: pinned_label[m] for m in members if m in pinned_label}
    needs_exact = bool(label_of) or any(
        problem.learner_by_id[m].together or problem.learner_by_id[m].not_with for m in members
    )
    if n <= 1:
        return [members]
    if needs_exact:
        return _exact_split(problem, ft, members, n, r.min_size, r.max_size, label_of, first_day)
    return _simple_split(problem, members, n, first_day, r.max_size)


def splittable(problem: Problem, cand: Candidates, placements: dict[str, Placement | None],
               counts: dict[tuple[int, int], int], kinds: set[tuple[int, int]]) -> bool:
    """Whether the classes of these class kinds can be formed from ``placements``.

    The model's class sizes count per kind, so with two or more classes of one kind a
    solution can need a division that does not exist (households of 3, 3 and 2 in two classes
    of at most 4); only such kinds are tried here."""
    pinned_label = {lr.id: lr.pin for lr in problem.learners if lr.pin in problem.known_by_label}
    by_kind: dict[tuple[int, int], list[str]] = defaultdict(list)
    first_day: set[str] = set()
    for lid, pl in placements.items():
        if pl is not None and pl.option.family is not None and (pl.option.family, pl.class_start) in kinds:
            by_kind[pl.option.family, pl.class_start].append(lid)
            if pl.week == pl.class_start:
                first_day.add(lid)
    try:
        for ft, members in by_kind.items():
            if counts.get(ft, 0) >= 2:
                _split_kind(problem, cand, ft, members, counts[ft], first_day, pinned_label)
    except SplitError:
        return False
    return True


def build_classes(problem: Problem, cand: Candidates, placements: dict[str, Placement | None],
                  counts: dict[tuple[int, int], int]) -> tuple[tuple[PlannedClass, ...], dict[str, str]]:
    """Classes of the plan and the class id of every placed learner."""
    by_class: dict[tuple[int, int], list[str]] = defaultdict(list)
    by_running: dict[str, list[str]] = defaultdict(list)
    first_day: set[str] = set()
    for lid, pl in placements.items():
        if pl is None:
            continue
        if pl.option.running is not None:
            by_running[pl.option.running].append(lid)
        else:
            by_class[pl.option.family, pl.class_start].append(lid)  # type: ignore[index]
            if pl.week == pl.class_start:
                first_day.add(lid)

    known_by_key: dict[tuple, list[str]] = defaultdict(list)
    locked_labels = set()
    for spec in problem.known_classes:
        known_by_key[spec.key].append(spec.label)
        if spec.locked:
            locked_labels.add(spec.label)
    pinned_label = {lr.id: lr.pin for lr in problem.learners if lr.pin in problem.known_by_label}
    prev_label = {lid: lab for lid, lab in problem.previous.items() if lab in problem.known_by_label}

    groups: list[tuple[tuple[int, int], list[str], str | None]] = []
    for ft in sorted(by_class, key=lambda k: cand.key(*k)[:5]):
        members = by_class[ft]
        key = cand.key(*ft)
        parts = _split_kind(problem, cand, ft, members, counts.get(ft, 0), first_day, pinned_label)
        available = list(known_by_key.get(key, []))
        for part in parts:
            label = _best_label(part, available, pinned_label, prev_label)
            if label is None:  # a locked class keeps its label even with no pinned or earlier member
                label = next((lab for lab in available if lab in locked_labels), None)
            if label is not None:
                available.remove(label)
            groups.append((ft, part, label))
    _keep_labels_of_moved_classes(problem, groups, locked_labels | set(pinned_label.values()), prev_label)

    labels = Labels({lab for _, _, lab in groups if lab} | set(problem.running_by_id), len(groups))
    classes: list[PlannedClass] = []
    class_of: dict[str, str] = {}
    for ft, part, label in groups:
        route, location, schedule, week, level, language, group = cand.key(*ft)
        label = label or labels.next()
        in_class = tuple(sorted(part, key=lambda m: (problem.learner_by_id[m].level, m)))
        classes.append(PlannedClass(
            id=label, route=route, location=location, schedule=schedule,
            start_week=week, start_date=problem.week_start(week), level=level,
            members=in_class, language=language, group=group, locked=label in locked_labels,
        ))
        for m in in_class:
            class_of[m] = label
    for rid in sorted(by_running):
        rc = problem.running_by_id[rid]
        joined = tuple(sorted(by_running[rid]))
        week = min(pl.week for m in joined if (pl := placements[m]) is not None)
        classes.append(PlannedClass(
            id=rid, route=rc.route, location=rc.location, schedule=rc.schedule, start_week=week,
            start_date=problem.week_start(week), level=rc.level, members=joined,
            language=rc.language, group=rc.group, running=True,
        ))
        for m in joined:
            class_of[m] = rid
    return tuple(classes), class_of


def _keep_labels_of_moved_classes(problem: Problem, groups: list[tuple[tuple[int, int], list[str], str | None]],
                                  fixed: set[str], prev: dict[str, str]) -> None:
    """A class of the earlier plan that the re-plan changed (another start week, level, schedule or
    location) keeps its label when it keeps learners: each class without a known label takes the
    free label of the earlier class most of its members come from (the largest overlaps first).

    Otherwise the label went to whichever new class came first, and a class that only moved its
    start a week kept its members under another label: the change report listed each of them as
    moved ('K05 -> K06') while K05 became an evening class elsewhere (audit, third planning week:
    63 of 162 learners 'moved'). Locked and pinned labels keep their own form."""
    used = {label for _, _, label in groups if label is not None}
    free = [spec.label for spec in problem.known_classes if spec.label not in used and spec.label not in fixed]
    if not free:
        return
    overlaps: list[tuple[int, int, str]] = []
    for i, (_, part, label) in enumerate(groups):
        if label is None:
            counts = Counter(prev[m] for m in part if prev.get(m) in free)
            overlaps.extend((-n, i, lab) for lab, n in counts.items())
    taken: set[str] = set()
    for _, i, lab in sorted(overlaps):
        if lab not in taken and groups[i][2] is None:
            ft, part, _ = groups[i]
            groups[i] = (ft, part, lab)
            taken.add(lab)


def _best_label(part: list[str], available: list[str], pinned: dict[str, str], prev: dict[str, str]) -> str | None:
    """Keep a known label for the class that holds most of its pinned (else earlier) members."""
    best, score = None, 0
    for label in available:
        s = 1000 * sum(1 for m in part if pinned.get(m) == label) + sum(1 for m in part if prev.get(m) == label)
        if s > score:
            best, score = label, s
    if best is None and len(available) == 1 and not any(m in pinned for m in part):
        return None
    return best
