"""``simulate sample`` simulates the bundled sample workbook (as ``sample`` is for solve, check and
tradeoff) and says on which base and with which arrivals it runs."""

from __future__ import annotations

import json

from app.cli.files import SAMPLE
from app.cli.klasvormer import main
from app.cli.simulate import load_input
from app.simulation.results import problem_fingerprint
from app.workbook import load_problem_or_raise


def test_sample_is_the_bundled_workbook() -> None:
    # it was app.synth.b1_provider(), which has 9 household pairs the workbook does not
    base, label = load_input("sample")
    assert problem_fingerprint(base) == problem_fingerprint(load_problem_or_raise(SAMPLE))
    assert label == str(SAMPLE)


def test_simulate_says_its_base_and_arrivals(tmp_path, capsys, monkeypatch) -> None:
    monkeypatch.setattr("app.simulation.charts.save_charts", lambda result, out: [])  # settings count here
    out = tmp_path / "sim"
    code = main(["simulate", "sample", "--weeks", "1", "--policies", "status-quo", "--seeds", "1",
                 "--arrivals-per-week", "10", "--horizon", "4", "--time-limit", "0.3", "--workers", "1",
                 "--out", str(out), "--quiet"])
    assert code == 0
    err = capsys.readouterr().err
    assert f"simulatie van {SAMPLE}: 300 deelnemers, 12 lopende klassen" in err
    assert "gemiddeld 10 per week getrokken uit de deelnemers van de invoer" in err
    assert json.loads((out / "settings.json").read_text())["base"]["source"] == str(SAMPLE)
    code = main(["--lang", "en", "simulate", "sample", "--weeks", "1", "--policies", "status-quo", "--seeds", "1",
                 "--mode", "synth", "--arrivals-per-week", "10", "--horizon", "4", "--time-limit", "0.3",
                 "--workers", "1", "--quiet"])
    assert code == 0
    err = capsys.readouterr().err
    assert f"simulating {SAMPLE}: 300 learners, 12 running classes" in err
    assert "10 a week on average from default figures (--mode synth)" in err
