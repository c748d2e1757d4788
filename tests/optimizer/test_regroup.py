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
