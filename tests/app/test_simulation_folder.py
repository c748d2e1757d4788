"""``simulate --out DIR`` leaves one run's results in DIR, not a mix of two.

Found by the outside-in audit: a run of status-quo and gebalanceerd, then one of status-quo alone
into the same folder: paired_differences.csv and verschil_met_status_quo.png kept the first run's
figures beside the second run's tables, and the CLI said "10 bestanden geschreven" of a folder
holding 12. Now the earlier simulation's files that the new one does not write again are removed
(and the CLI says which); a file no simulation wrote is never removed.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from app.cli.exits import EXIT_OK
from app.cli.klasvormer import main
from app.simulation.results import RESULT_FILES, earlier_results
from app.synth import b1_provider
from app.workbook import write_input_workbook


@pytest.fixture(scope="module")
def small(tmp_path_factory) -> Path:
    return write_input_workbook(b1_provider(40, seed=3, horizon=4, running=1),
                                tmp_path_factory.mktemp("in") / "klein.xlsx")


def _simulate(path: Path, folder: Path, *policies: str, lang: str = "nl") -> list[str]:
    return ["--lang", lang, "simulate", str(path), "--weeks", "2", "--policies", *policies, "--seeds", "1",
            "--arrivals-per-week", "8", "--time-limit", "1", "--workers", "1", "--quiet", "--out", str(folder)]


def test_a_second_simulation_into_the_same_folder_leaves_no_results_of_the_first(small, tmp_path, capsys):
    folder = tmp_path / "sim"
    assert main(_simulate(small, folder, "status-quo", "gebalanceerd")) == EXIT_OK
    first = {p.name for p in folder.iterdir()}
    assert {"paired_differences.csv", "verschil_met_status_quo.png"} <= first
    (folder / "notities.txt").write_text("mijn aantekeningen")  # not a simulation's: always kept
    capsys.readouterr()
    assert main(_simulate(small, folder, "status-quo")) == EXIT_OK
    err = capsys.readouterr().err
    left = {p.name for p in folder.iterdir()}
    assert "paired_differences.csv" not in left and "verschil_met_status_quo.png" not in left
    assert (folder / "notities.txt").read_text() == "mijn aantekeningen"
    written = int(err.split(" bestand")[0].split()[-1])  # "N bestanden geschreven naar ..."
    assert written == len(left - {"notities.txt"})
    assert ("2 resultaatbestanden van een eerdere simulatie, die deze simulatie niet opnieuw schrijft, "
            "verwijderd: paired_differences.csv, verschil_met_status_quo.png") in err
    assert {line.split(",")[0] for line in (folder / "summary.csv").read_text().splitlines()[1:]} == {"status-quo"}
    # once more the same: nothing of an earlier run is left to remove, and nothing is said of it
    assert main(_simulate(small, folder, "status-quo", lang="en")) == EXIT_OK
    err = capsys.readouterr().err
    assert "files written to" in err and "removed" not in err
    assert {p.name for p in folder.iterdir()} == left


def test_files_in_a_folder_no_simulation_wrote_are_never_removed(small, tmp_path, capsys):
    """With --force over a folder that is not a simulation's (no settings.json of one), files of
    the result names that this run does not write stay: they are someone else's."""
    folder = tmp_path / "resultaten"
    folder.mkdir()
    (folder / "summary.csv").write_text("eigen,werk\n")
    (folder / "paired_differences.csv").write_text("eigen,werk\n")
    assert earlier_results(folder) == []
    assert main([*_simulate(small, folder, "status-quo"), "--force"]) == EXIT_OK
    assert (folder / "paired_differences.csv").read_text() == "eigen,werk\n"
    assert "verwijderd" not in capsys.readouterr().err


def test_earlier_results_are_only_a_simulation_folders_result_files(tmp_path):
    folder = tmp_path / "sim"
    folder.mkdir()
    for name in ("summary.csv", "paired_differences.csv", "notities.txt"):
        (folder / name).write_text("x")
    (folder / "kerncijfers_per_beleid.png").mkdir()  # a folder of that name is no result file
    assert earlier_results(folder) == []  # no settings.json: not a simulation's folder
    (folder / "settings.json").write_text('{"weeks": 2, "seeds": [1], "policies": ["status-quo"]}')
    assert earlier_results(folder) == ["paired_differences.csv", "settings.json", "summary.csv"]
    assert set(earlier_results(folder)) <= set(RESULT_FILES)
    assert earlier_results(tmp_path / "nergens") == []
