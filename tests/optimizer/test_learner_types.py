"""A Problem built in Python from a DataFrame (the README's analyst door): the values an analyst's
rows hold.

Audit 9 (analyst, from outside): a learner's ``waiting_since`` taken from a DataFrame row is a
pandas Timestamp, and ``solve`` stopped deep inside with "TypeError: unsupported operand type(s)
for -: 'Timestamp' and 'datetime.date'"; a text date, one daypart given as a text or a level of
50.5 gave other bare TypeErrors or CP-SAT's "Trying to coerce float values to integers"."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

import numpy as np
import pandas as pd
import pytest

from optimizer import ProblemError, SolveOptions, solve
from optimizer.validate import validate

from .conftest import PLAN_DATE, learner, problem


def _group(n: int = 10, **kw) -> list:
    return [learner(f"L{i}", level=50 + i % 3, **kw) for i in range(n)]


def test_dates_with_a_time_and_lists_are_taken_as_dates_and_sets():
    stamped = [replace(lr, waiting_since=pd.Timestamp(lr.waiting_since), dayparts=sorted(lr.dayparts))
               for lr in _group()]
    stamped[0] = replace(stamped[0], waiting_since=np.datetime64(stamped[0].waiting_since.isoformat()),
                         available_from=datetime(2027, 1, 11, 9, 30), languages=["Arabisch"])
    stamped[1] = replace(stamped[1], available_from=pd.NaT)
    p = problem(stamped)
    p = replace(p, plan_date=pd.Timestamp(PLAN_DATE))
    assert type(p.plan_date) is date and type(p.learners[0].waiting_since) is date
    assert p.learners[0].available_from == date(2027, 1, 11) and p.learners[1].available_from is None
    assert p.learners[0].languages == frozenset({"Arabisch"}) and isinstance(p.learners[2].dayparts, frozenset)
    plan = solve(p, SolveOptions(time_limit=2, deterministic=True, workers=1))
    assert validate(p, plan).ok and plan.figures["placed"] > 0


@pytest.mark.parametrize(("field", "value", "says"), [
    ("waiting_since", "2026-12-01", "waiting_since moet een datum (datetime.date) zijn, niet '2026-12-01' (str)"),
    ("dayparts", "ma-ochtend", "dayparts moet een verzameling (frozenset) van teksten"),
    ("level", 50.5, "level moet een heel getal (int) zijn, niet 50.5 (float)"),
    ("level", "50", "level moet een heel getal (int) zijn, niet '50' (str)"),
    ("id", 7, "Deelnemer 7: id moet een tekst (str) zijn, niet 7 (int)"),
    ("available_from", "2027-01-11", "available_from moet een datum"),
])
def test_a_field_of_the_wrong_type_is_a_problem_error_naming_learner_and_field(field, value, says):
    learners = _group()
    learners[3] = replace(learners[3], **{field: value})
    p = problem(learners)
    with pytest.raises(ProblemError) as exc:
        solve(p, SolveOptions(time_limit=1, workers=1))
    assert says in str(exc.value)
    [english] = [m.text("en") for m in exc.value.problems]
    assert english.startswith(f"Learner {learners[3].id if field != 'id' else 7}: {field} must be ")
