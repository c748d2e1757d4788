"""bench.dive_pool: dives from one LP with other settings, each plan checked by the validator."""

from __future__ import annotations

import json

from bench.dive_pool import main


def test_every_variant_dives_from_the_same_lp_to_a_valid_plan_above_its_bound(capsys):
    assert main(["S-base-1", "--lp", "20", "--dive", "20", "0:3:5:300", "20:3:2:50"]) == 0
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    head, rows = lines[0], lines[1:]
    assert head["pool"] > 20 and [r["variant"] for r in rows] == ["0:3:5:300", "20:3:2:50"]
    for r in rows:
        assert r["valid"] and head["bound"] <= r["completed"] <= r["raw"]
