"""An output never replaces a file Klasvormer did not write itself, unless --force says so.

Found by the outside-in audit: ``solve named.xlsx -o third.xlsx`` wrote the plan over third.xlsx,
another learner list, without a word, while ``template third.xlsx`` refused. Now every output
(-o, --errors, --chart, simulate's --out) refuses a file that is not an earlier Klasvormer output
of the same kind, before any work, exit 4 as template; an earlier plan (error workbook, chart,
simulation folder) is still replaced; the input never, not even with --force.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from app.cli.exits import EXIT_OK, EXIT_OUTPUT, EXIT_USAGE
from app.cli.klasvormer import main
from app.workbook.errors_workbook import write_error_workbook
from app.workbook.export import write_plan_workbook
from app.workbook.issues import Issue
from app.workbook.ownership import ERRORS, PLAN, written_kind
from app.workbook.template import write_template

from .conftest import make_plan, make_problem

SAMPLE = Path(__file__).resolve().parents[2] / "samples" / "b1_aanbieder.xlsx"


@pytest.fixture(scope="module")
def small_input(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small learner list to solve (the sample's 300 made this file's solves slow)."""
    from app.synth import b1_provider
    from app.workbook.template import write_input_workbook

    return write_input_workbook(b1_provider(40, seed=3, running=2), tmp_path_factory.mktemp("klein") / "klein.xlsx")


@pytest.fixture
def learners(tmp_path: Path) -> Path:
    """Another learner list next to the input: what a coordinator may give as -o by mistake."""
    other = tmp_path / "derde.xlsx"
    shutil.copy(SAMPLE, other)
    return other


@pytest.fixture
def earlier_plan(tmp_path: Path) -> Path:
    """A plan workbook Klasvormer wrote (no solver needed)."""
    problem = make_problem()
    return write_plan_workbook(problem, make_plan(problem), tmp_path / "plan.xlsx")


@pytest.fixture
def earlier_errors(tmp_path: Path) -> Path:
    issue = Issue("fout", "unknown_route", "Route 'ZZZ' bestaat niet.", "Route 'ZZZ' does not exist.", sheet="Deelnemers", row=2,
                  column="Route", column_letter="B")
    return write_error_workbook(SAMPLE, [issue], tmp_path / "fouten.xlsx")


def test_what_klasvormer_wrote_is_known_by_its_kind(tmp_path, learners, earlier_plan, earlier_errors):
    template = write_template(tmp_path / "leeg.xlsx")
    text = tmp_path / "notities.xlsx"
    text.write_text("geen werkmap")
    assert written_kind(earlier_plan) == PLAN
    assert written_kind(earlier_errors) == ERRORS
    for other in (learners, template, text, tmp_path / "bestaat_niet.xlsx", tmp_path):
        assert written_kind(other) is None
    # the error workbook of a plan workbook copies its hidden sheet: an error workbook all the same
    assert written_kind(write_error_workbook(earlier_plan, [], tmp_path / "fouten_plan.xlsx")) == ERRORS
    # written in English (its headers English): still known, so a run under --lang en may replace it
    assert written_kind(write_error_workbook(SAMPLE, [], tmp_path / "errors_en.xlsx", lang="en")) == ERRORS


def test_solve_does_not_overwrite_another_learner_list(tmp_path, learners, capsys):
    before = learners.read_bytes()
    assert main(["solve", str(SAMPLE), "-o", str(learners), "--time-limit", "1"]) == EXIT_OUTPUT
    assert learners.read_bytes() == before
    err = capsys.readouterr().err
    assert (f"-o/--output {learners} bestaat al en is geen planwerkmap van Klasvormer; kies een andere naam "
            "of gebruik --force om het te overschrijven.") in err
    assert "optimaliseren" not in err  # refused before any work


def test_solve_overwrites_its_own_earlier_plan_and_anything_with_force(tmp_path, learners, earlier_plan, small_input,
                                                                        capsys):
    import openpyxl

    # the solves on 0.3 s: what is overwritten is checked, not the plan
    before = earlier_plan.read_bytes()
    assert main(["solve", str(small_input), "-o", str(earlier_plan), "--time-limit", "0.3"]) == EXIT_OK
    assert earlier_plan.read_bytes() != before
    assert openpyxl.load_workbook(earlier_plan, read_only=True)["Deelnemers"].max_row > 6  # the small list's plan
    assert main(["solve", str(small_input), "-o", str(learners), "--time-limit", "0.3",
                 "--force"]) == EXIT_OK
    assert written_kind(learners) == PLAN
    empty = tmp_path / "leeg.xlsx"
    empty.touch()  # an empty file holds nothing to lose
    assert main(["solve", str(small_input), "-o", str(empty), "--time-limit", "0.3"]) == EXIT_OK
    assert written_kind(empty) == PLAN


def test_the_input_is_never_overwritten_not_even_with_force(tmp_path, capsys):
    copy = tmp_path / "invoer.xlsx"
    shutil.copy(SAMPLE, copy)
    before = copy.read_bytes()
    for option in ("-o", "--errors"):
        assert main(["solve", str(copy), option, str(tmp_path / "." / "invoer.xlsx"), "--force",
                     "--time-limit", "1"]) == EXIT_USAGE
        assert copy.read_bytes() == before
        assert "is het invoerbestand" in capsys.readouterr().err


def test_errors_does_not_overwrite_a_plan_workbook_but_an_earlier_error_workbook(bad_input, earlier_plan,
                                                                                  earlier_errors, capsys):
    before = earlier_plan.read_bytes()
    assert main(["--lang", "en", "check", str(bad_input), "--errors", str(earlier_plan)]) == EXIT_OUTPUT
    assert earlier_plan.read_bytes() == before
    assert (f"--errors {earlier_plan} already exists and is not a Klasvormer error workbook; choose another "
            "name or use --force to overwrite it.") in capsys.readouterr().err
    assert main(["check", str(bad_input), "--errors", str(earlier_errors)]) == 1  # the input's errors
    assert f"Foutenwerkmap geschreven: {earlier_errors}" in capsys.readouterr().err
    assert written_kind(earlier_errors) == ERRORS


def test_tradeoff_refuses_a_chart_or_workbook_that_is_not_its_own(tmp_path, learners, capsys):
    photo = tmp_path / "foto.png"
    photo.write_bytes(b"\x89PNG\r\n\x1a\n" + b"a holiday photo" * 10)
    code = main(["tradeoff", str(SAMPLE), "--points", "1", "--time-limit", "1", "--chart", str(photo)])
    assert code == EXIT_OUTPUT
    assert photo.read_bytes().endswith(b"a holiday photo")
    err = capsys.readouterr().err
    assert f"--chart {photo} bestaat al en is geen grafiek van Klasvormer" in err and "--force" in err
    assert main(["tradeoff", str(SAMPLE), "--points", "1", "--time-limit", "1", "-o", str(learners)]) == EXIT_OUTPUT
    assert written_kind(learners) is None


def test_a_chart_named_without_extension_is_checked_as_the_png_it_becomes(tmp_path, capsys):
    """``--chart foto`` writes foto.png (matplotlib adds the extension): the overwrite check looked
    at ``foto`` and wrote over someone's foto.png without --force."""
    photo = tmp_path / "foto.png"
    photo.write_bytes(b"\x89PNG\r\n\x1a\n" + b"a holiday photo" * 10)
    code = main(["tradeoff", str(SAMPLE), "--points", "1", "--time-limit", "1", "--chart", str(tmp_path / "foto")])
    assert code == EXIT_OUTPUT
    assert photo.read_bytes().endswith(b"a holiday photo")
    assert f"--chart {photo} bestaat al" in capsys.readouterr().err


def test_the_tradeoff_chart_is_marked_as_klasvormers(tmp_path):
    from app.cli.charts import is_own_chart, tradeoff_chart
    from optimizer.tradeoff import TradeoffPoint

    problem = make_problem()
    point = TradeoffPoint("gebalanceerd", 0.5, problem.weights, make_plan(problem))
    for name in ("afweging.png", "afweging.svg", "afweging.pdf"):
        assert is_own_chart(tradeoff_chart([point], tmp_path / name))
    text = tmp_path / "tekst.png"
    text.write_text("no chart")
    assert not is_own_chart(text)


def test_simulate_does_not_overwrite_files_in_a_folder_it_did_not_fill(tmp_path, capsys):
    folder = tmp_path / "resultaten"
    folder.mkdir()
    (folder / "summary.csv").write_text("own,work\n1,2\n")
    (folder / "notes.txt").write_text("x")
    argv = ["simulate", "sample", "--weeks", "1", "--policies", "status-quo", "--time-limit", "0.3", "--quiet",
            "--out", str(folder)]
    assert main(argv) == EXIT_OUTPUT
    assert (folder / "summary.csv").read_text() == "own,work\n1,2\n"
    err = capsys.readouterr().err
    assert (f"--out {folder} bevat al summary.csv, niet van een simulatie van Klasvormer; kies een andere map "
            "of gebruik --force om te overschrijven.") in err
    # a folder with an earlier simulation's results is replaced
    (folder / "settings.json").write_text(json.dumps({"weeks": 1, "seeds": [1], "policies": ["status-quo"]}))
    assert main(argv) == EXIT_OK
    assert (folder / "summary.csv").read_text().startswith("policy,seed")


def test_the_simulation_folder_check_knows_every_file_save_writes(tmp_path):
    """RESULT_FILES lists what SimulationResult.save writes (else a foreign file among them goes unseen)."""
    from app.simulation.results import RESULT_FILES, foreign_results
    from app.simulation.sweep import simulate
    from app.synth import b1_provider

    result = simulate(b1_provider(40, seed=3, horizon=4, running=1), ["status-quo", "gebalanceerd"], weeks=2,
                      seeds=(1,), arrivals_per_week=8, time_limit=0.3, workers=1)
    written = result.save(tmp_path / "sim")
    assert {p.name for p in written} <= set(RESULT_FILES)
    assert foreign_results(tmp_path / "sim") == []


def test_run_default_does_not_overwrite_a_foreign_file_in_out(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "out").mkdir()
    own = tmp_path / "out" / "plan_b1_aanbieder.xlsx"
    own.write_bytes(b"a file of the coordinator's")
    assert main(["run-default", "--time-limit", "1"]) == EXIT_OUTPUT
    assert own.read_bytes() == b"a file of the coordinator's"
    assert "bestaat al en is geen planwerkmap van Klasvormer" in capsys.readouterr().err
