"""The simulation's progress line says what it counts, in the --lang language.

Found by the outside-in audit: ``simulate --weeks 3 --policies status-quo gebalanceerd --seeds 1-2``
showed "0/4 runs, week 1/12 ... week 12/12": it counts the weekly plans of all runs together
(4 runs of 3 weeks) but called them "week", as if the simulation ran 12 weeks; and it was Dutch
("nog ~") under --lang en too.
"""

from __future__ import annotations

import io

from app.cli.klasvormer import main
from app.simulation.executors import SimProgress, TextProgress


def _shown(progress: TextProgress, *reports: SimProgress) -> list[str]:
    for p in reports:
        progress(p)
    assert isinstance(progress.stream, io.StringIO)
    return [line.rstrip() for line in progress.stream.getvalue().replace("\r", "\n").splitlines() if line.strip()]


def test_the_line_counts_runs_and_weekly_plans_in_dutch_and_english():
    [nl] = _shown(TextProgress(io.StringIO(), width=10, lang="nl"), SimProgress(1, 4, 5, 12, 3.0))
    assert nl == "[####......] 1/4 runs klaar, 5/12 weekplannen, 3s, nog ~4s"
    [en] = _shown(TextProgress(io.StringIO(), width=10, lang="en"), SimProgress(1, 4, 5, 12, 3.0))
    assert en == "[####......] 1/4 runs done, 5/12 weekly plans, 3s, ~4s left"


def test_the_last_line_is_said_once_and_wipes_a_longer_one_before_it():
    stream = io.StringIO()
    progress = TextProgress(stream, width=4, lang="en")
    progress(SimProgress(3, 4, 11, 12, 70.0))
    progress(SimProgress(4, 4, 12, 12, 75.0))
    progress(SimProgress(4, 4, 12, 12, 76.0))  # a week's report that arrives after the last run's
    first, last = stream.getvalue().split("\r")[1:]
    assert first == "[###.] 3/4 runs done, 11/12 weekly plans, 1m10s, ~6s left"
    assert last == "[####] 4/4 runs done, 12/12 weekly plans, 1m15s".ljust(len(first)) + "\n"


def test_simulate_says_weekly_plans_not_weeks(capsys):
    code = main(["--lang", "en", "simulate", "sample", "--weeks", "2", "--policies", "status-quo", "gebalanceerd",
                 "--seeds", "1", "--time-limit", "0.3", "--arrivals-per-week", "10", "--horizon", "4",
                 "--workers", "1"])
    assert code == 0
    err = capsys.readouterr().err
    assert "2/2 runs done, 4/4 weekly plans" in err
    assert "week 4/4" not in err and "nog ~" not in err
