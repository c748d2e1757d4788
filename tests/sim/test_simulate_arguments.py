"""simulate()'s arguments as an analyst passes them: an ArrivalSettings' own rate counts, and a
rate or time that is no positive number is refused before any run, naming the argument."""

from __future__ import annotations

import pytest

from app.simulation import simulate
from app.simulation.arrivals import ArrivalSettings

KW = dict(weeks=1, seeds=(1,), time_limit=0.3, workers=1, horizon=3)


def test_the_rate_of_the_arrival_settings_given_counts(small_base) -> None:
    # arrivals_per_week's default (50) replaced the 12 of the settings given, without a word
    result = simulate(small_base, ["status-quo"], arrivals=ArrivalSettings(arrivals_per_week=12, backlog=3), **KW)
    assert result.settings["arrivals"]["arrivals_per_week"] == 12.0
    assert result.settings["arrivals"]["backlog"] == 3
    given = simulate(small_base, ["status-quo"], arrivals=ArrivalSettings(arrivals_per_week=12), arrivals_per_week=7,
                     **KW)
    assert given.settings["arrivals"]["arrivals_per_week"] == 7.0  # the argument, when given, still overrides
    assert simulate(small_base, ["status-quo"], **KW).settings["arrivals"]["arrivals_per_week"] == 50.0


@pytest.mark.parametrize(("kw", "words"), [
    (dict(time_limit=float("nan")), "time_limit"),  # ran every run, each failing in its solve, then SimulationError
    (dict(arrivals_per_week=-5), "arrivals_per_week"),  # ran with no arrivals, without a word
    (dict(arrivals_per_week=float("nan")), "arrivals_per_week"),
    (dict(arrivals=ArrivalSettings(arrivals_per_week=-1)), "arrivals_per_week"),
])
def test_numbers_that_cannot_be_are_refused_before_any_run(small_base, kw, words) -> None:
    args = {**KW, **kw}
    with pytest.raises(ValueError, match=words):
        simulate(small_base, ["status-quo"], **args)


def test_one_policy_as_a_text_and_one_seed_as_a_number(small_base) -> None:
    """Audit 9 (analyst): simulate(problem, "status-quo", ...) said "unknown policy 's'" (the text
    was taken letter by letter), and seeds=3 "TypeError: 'int' object is not iterable"."""
    kw = {k: v for k, v in KW.items() if k != "seeds"}
    one = simulate(small_base, "status-quo", seeds=3, **kw)
    assert list(one.per_policy.index) == ["status-quo"] and one.settings["seeds"] == [3]
    two = simulate(small_base, "status-quo, snelle-start", **KW)  # comma-separated, as on the command line
    assert list(two.per_policy.index) == ["status-quo", "snelle-start"]
    with pytest.raises(ValueError, match="seeds must be whole numbers"):
        simulate(small_base, "status-quo", seeds="1-3", **kw)
