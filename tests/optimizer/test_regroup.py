"""The exact level regrouping step."""

from __future__ import annotations

from optimizer.regroup import partition


def brute(scores, classes, lo, hi, spread, step):
    """Every split into consecutive groups, by enumeration (tiny inputs only)."""
    n = len(scores)
    best = None

    def cost(group):
        levels = [lv for lv in range(0, 101, step) if all(2 * abs(s - lv) <= spread for s in group)]
        return min((sum(abs(s - lv) for s in group) for lv in levels), default=None)

    def rec(i, c, acc):
        nonlocal best
        if i == n:
            if best is None or acc < best:
                best = acc
            return
        if c == classes:
            return
        for j in range(i + lo, min(n, i + hi) + 1):
            g = cost(scores[i:j])
            if g is not None:
                rec(j, c + 1, acc + g)

    rec(0, 0, 0)
    return best


def test_partition_matches_enumeration():
    import random

    rng = random.Random(4)
    for _ in range(40):
        n = rng.randint(4, 11)
        scores = sorted(rng.randint(0, 100) for _ in range(n))
        classes, lo, hi = rng.randint(1, 4), rng.randint(1, 3), rng.randint(3, 6)
        spread, step = rng.choice((10, 20, 40, 100)), rng.choice((1, 5))
        got = partition(scores, [True] * n, classes, lo, hi, spread, step)
        want = brute(scores, classes, lo, hi, spread, step)
        assert (got[0] if got else None) == want


def test_partition_respects_first_day_minimum():
    # three learners, only one starts on the first day: a class of min 2 cannot be formed
    assert partition([10, 11, 12], [True, False, False], 1, 2, 5, 20, 1) is None
    assert partition([10, 11, 12], [True, True, False], 1, 2, 5, 20, 1) is not None


def test_regrouping_never_raises_the_exact_objective_even_with_an_earlier_plan():
    """With an earlier plan, changing a learner's class level costs a move: regrouping must
    weigh that, so the objective drops by exactly what it reports (never rises)."""
    from dataclasses import replace

    from app.synth import b1_provider
    from optimizer.candidates import build_candidates
    from optimizer.domain import ClassSpec
    from optimizer.greedy import greedy_plan
    from optimizer.solve import assemble_plan, placements_from_previous

    base = b1_provider(60, seed=11, running=2)
    base_cand = build_candidates(base)
    first = assemble_plan(base, base_cand, *greedy_plan(base, base_cand), "HEURISTIC", 0, 0, [], {})
    specs = tuple(ClassSpec(c.id, c.route, c.location, c.schedule, c.start_week, c.level, c.language, c.group)
                  for c in first.classes if not c.running)
    previous = {lid: a.class_id for lid, a in first.assignments.items() if a.class_id is not None}
    # the earlier plan is the constructive one, not regrouped: regrouping it looks attractive on misfit
    again = replace(base, known_classes=specs, previous=previous)
    cand = build_candidates(again)
    start = placements_from_previous(again, cand)
    assert start is not None
    # everybody in their earlier class (no moves yet), and the constructive plan
    for placements, counts in (start, greedy_plan(again, cand)):
        _check_exact_saving(again, cand, placements, counts)


def _check_exact_saving(problem, cand, placements, counts):
    from optimizer.regroup import regroup
    from optimizer.solve import placement_objective

    before = placement_objective(problem, cand, placements, counts)
    new_placements, new_counts, saved = regroup(problem, cand, placements, counts)
    assert saved >= 0
    assert placement_objective(problem, cand, new_placements, new_counts) == before - saved


def test_regrouping_weighs_the_move_penalty_of_an_earlier_plan():
    """Two earlier classes whose members would fit better swapped: the misfit gain (8 points)
    is worth less than the two moves, so the exact objective says keep them."""
    from optimizer.candidates import build_candidates
    from optimizer.domain import ClassSpec
    from optimizer.solve import placements_from_previous

    from .conftest import learner, problem

    ls = [learner("a", 38), learner("d", 46), learner("b", 42), learner("c", 54)]
    specs = (ClassSpec("K40", "B1", "Centrum", "ma-ochtend", 0, 40), ClassSpec("K50", "B1", "Centrum", "ma-ochtend", 0, 50))
    p = problem(ls, known_classes=specs, previous={"a": "K40", "d": "K40", "b": "K50", "c": "K50"})
    cand = build_candidates(p)
    start = placements_from_previous(p, cand)
    assert start is not None
    _check_exact_saving(p, cand, *start)
