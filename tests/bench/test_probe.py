"""bench.probe: one solve with constants set for the run and put back after."""

from __future__ import annotations

import importlib

import pytest

from bench.probe import build, constants, main, probe

solve_module = importlib.import_module("optimizer.solve")


def test_constants_hold_in_the_block_and_are_put_back_even_on_an_error():
    gap, hands, switch = solve_module.LATE_LP_GAP, solve_module.LATE_HANDS, solve_module.BOUND_ONLY
    with pytest.raises(RuntimeError), constants(["solve.LATE_LP_GAP=0.5", "solve.LATE_HANDS=0.7,0.8",
                                                 "solve.BOUND_ONLY=0"]):
        assert solve_module.LATE_LP_GAP == 0.5 and solve_module.LATE_HANDS == (0.7, 0.8)
        assert solve_module.BOUND_ONLY is False
        raise RuntimeError
    assert (gap, hands, switch) == (solve_module.LATE_LP_GAP, solve_module.LATE_HANDS, solve_module.BOUND_ONLY)


@pytest.mark.parametrize("setting", ["solve.NO_SUCH_NAME=1", "solve.BOUND_ONLY=yes", "nomodule=1"])
def test_a_wrong_setting_is_refused_and_nothing_stays_changed(setting):
    gap = solve_module.LATE_LP_GAP
    with pytest.raises((ValueError, ModuleNotFoundError)), constants(["solve.LATE_LP_GAP=0.5", setting]):
        pass
    assert gap == solve_module.LATE_LP_GAP


def test_a_probe_is_a_valid_plan_with_its_bound_and_the_city_cases_build():
    share = solve_module.TOWARD_SHARE
    r = probe("S-base-1", 1.0, ["solve.TOWARD_SHARE=0.02"])  # a few search steps: what it sets and puts back
    assert r["valid"] and r["bound"] <= r["objective"] and r["stats"]["learners"] == 100
    assert r["set"] == ["solve.TOWARD_SHARE=0.02"] and share == solve_module.TOWARD_SHARE
    assert len(build("city-60-3").learners) == 60
    with pytest.raises(ValueError):
        build("XL-1")


def test_the_command_prints_a_line_and_the_stats(capsys):
    assert main(["S-base-1", "1.0", "--trace"]) == 0
    first, stats, trace = capsys.readouterr().out.splitlines()
    assert first.startswith("S-base-1 - ") and first.split()[-2] == "True"
    assert '"learners": 100' in stats and trace.startswith("[(")
