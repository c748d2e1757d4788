"""The klasvormer CLI's option checking and message lines (issue 16): usage errors exit 2 and name the
option, global options go anywhere, outputs never name the input, one prefix per line, English under
--lang en, right counts and singular/plural."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from app.cli.exits import EXIT_INPUT
from app.cli.klasvormer import main

SAMPLE = Path(__file__).resolve().parents[2] / "samples" / "b1_aanbieder.xlsx"


@pytest.fixture(scope="module")
def bad_inputs(tmp_path_factory) -> dict[int, Path]:
    """Copies of the sample with 1 and 3 unreadable learnability cells (one error each)."""
    folder = tmp_path_factory.mktemp("bad")
    out = {}
    for n in (1, 3):
        wb = openpyxl.load_workbook(SAMPLE)
        for row in range(2, 2 + n):
            wb["Deelnemers"][f"C{row}"] = "heel snel?"
        path = folder / f"bad{n}.xlsx"
        wb.save(path)
        out[n] = path
    return out


def _lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.strip()]


# --- item 14: one prefix per line ------------------------------------------------------------------

def test_each_issue_line_has_its_prefix_once(bad_inputs, capsys):
    assert main(["check", str(bad_inputs[1])]) == EXIT_INPUT
    err = capsys.readouterr().err
    assert "fout: fout:" not in err and "waarschuwing: waarschuwing:" not in err
    issue_lines = [line for line in _lines(err) if "heel snel?" in line]
    assert len(issue_lines) == 1
    assert issue_lines[0].startswith("fout: blad Deelnemers, rij 2")


# --- item 15: --lang en gives English input errors, warnings and summary lines ----------------------

def test_english_input_errors_warnings_and_summary(tmp_path, capsys):
    path = tmp_path / "mixed.xlsx"
    wb = openpyxl.load_workbook(SAMPLE)
    wb["Deelnemers"]["C2"] = "heel snel?"  # an error
    wb["Deelnemers"]["C3"] = "langzaam"  # a warning: a category mapped to a score
    wb.save(path)
    assert main(["--lang", "en", "check", str(path)]) == EXIT_INPUT
    lines = _lines(capsys.readouterr().err)
    assert any(line.startswith("error: sheet Deelnemers, row 2, column") and "is not a learnability" in line
               for line in lines), lines
    assert any(line.startswith("warning: sheet Deelnemers, row 3,") and "was mapped to learnability" in line
               for line in lines), lines
    assert any("no plan was made" in line for line in lines), lines
    dutch = ("fout", "waarschuwing", "blad ", " rij ", "kolom", "geen plan", "is geen")
    assert not [line for line in lines if any(word in line for word in dutch)], lines


def test_english_check_summary(capsys):
    assert main(["--lang", "en", "check", str(SAMPLE)]) == 0
    out = capsys.readouterr().out
    assert "300 learners" in out and "deelnemers" not in out


# --- item 8: global options before or after the subcommand -------------------------------------------

@pytest.mark.parametrize("argv", [
    ["check", str(SAMPLE), "--verbose", "--lang", "en"],
    ["check", "-v", "--lang", "en", str(SAMPLE)],
    ["--verbose", "--lang", "en", "check", str(SAMPLE)],
    ["-v", "check", str(SAMPLE), "--lang", "en"],
])
def test_global_options_anywhere(argv, capsys):
    assert main(argv) == 0
    captured = capsys.readouterr()
    assert "unrecognized" not in captured.err
    assert "300 learners" in captured.out


def test_global_option_before_the_subcommand_is_not_reset_by_it(capsys):
    assert main(["--lang", "en", "check", str(SAMPLE), "-v"]) == 0
    assert "300 learners" in capsys.readouterr().out


def test_simulate_takes_the_global_options(capsys):
    assert main(["simulate", "--help", "--verbose"]) == 0
    assert "--lang" in capsys.readouterr().out


# --- item 7: every numeric option checks its range; a bad value is a usage error naming the option ----

_S = str(SAMPLE)
BAD_NUMBERS = [
    (["solve", _S], "--time-limit", v) for v in ("nan", "inf", "-1", "0")
] + [
    (["solve", _S, "--time-limit", "1"], opt, v) for opt, v in (
        ("--horizon", "-5"), ("--horizon", "0"), ("--horizon", "2.5"), ("--seed", "-1"), ("--seed", "99999999999"),
        ("--workers", "0"), ("--workers", "-2"), ("--max-messages", "-1"), ("--bound-time", "nan"),
        ("--bound-time", "-1"), ("--bound-time", "inf"))
] + [
    (["tradeoff", _S, "--time-limit", "1"], opt, v) for opt, v in (
        ("--points", "0"), ("--points", "-1"), ("--max-wait", "nan"), ("--max-wait", "-1"),
        ("--max-misfit", "inf"), ("--max-misfit", "-1"), ("--max-messages", "-1"), ("--seed", "-1"))
] + [
    (["tradeoff", _S], "--time-limit", v) for v in ("nan", "-1", "0")
] + [
    (["check", _S], "--max-messages", v) for v in ("-1", "nan")
] + [
    (["run-default"], "--time-limit", v) for v in ("0", "nan", "inf")
] + [
    (["simulate", "sample", "--weeks", "1", "--quiet", "--time-limit", "1"], opt, v) for opt, v in (
        ("--weeks", "0"), ("--arrivals-per-week", "0"), ("--horizon", "-5"), ("--peak", "inf"),
        ("--known-ahead", "1.5"), ("--known-ahead", "nan"), ("--backlog", "-1"), ("--capacity", "nan"),
        ("--capacity", "-2"), ("--workers", "0"), ("--solve-workers", "0"), ("--seeds", "-1"))
] + [
    (["simulate", "sample", "--weeks", "1", "--quiet"], "--time-limit", v) for v in ("nan", "-1", "inf")
]


@pytest.mark.parametrize(("argv", "option", "value"), BAD_NUMBERS,
                         ids=[f"{a[0]}{o}={v}" for a, o, v in BAD_NUMBERS])
def test_bad_number_is_a_usage_error_naming_the_option(argv, option, value, capsys):
    assert main([*argv, option, value]) == 2
    err = capsys.readouterr().err
    assert f"argument {option}: moet " in err and value in err
    assert "Traceback" not in err and "Onverwachte" not in err


def test_usage_errors_name_the_allowed_range_in_the_chosen_language(capsys):
    assert main(["solve", _S, "--time-limit", "nan", "--lang", "en"]) == 2
    assert "argument --time-limit: must be a number greater than 0, not 'nan'" in capsys.readouterr().err
    assert main(["tradeoff", _S, "--points", "0"]) == 2
    assert "argument --points: moet een geheel getal van 1 of meer zijn, niet '0'" in capsys.readouterr().err
    assert main(["solve", _S, "--horizon", "-5"]) == 2
    err = capsys.readouterr().err
    assert "argument --horizon: moet een geheel getal van 1 tot en met" in err and "Instellingen" not in err
    assert main(["run-default", "--time-limit=-inf"]) == 2
    assert "argument --time-limit: moet een getal groter dan 0 zijn, niet '-inf'" in capsys.readouterr().err


def test_unknown_preset_is_a_usage_error(capsys):
    assert main(["solve", _S, "--time-limit", "1", "--preset", "tovenaar"]) == 2
    err = capsys.readouterr().err
    assert "argument --preset" in err and "homogeen" in err and "Onverwachte" not in err


@pytest.mark.parametrize("argv", [
    ["solve", _S, "--time-limit", "1", "--horizon", "1", "--seed", "0", "--workers", "1", "--max-messages", "0",
     "--bound-time", "0", "--json"],
])
def test_values_at_the_edge_of_the_range_are_accepted(argv, capsys):
    assert main(argv) in (0, 3)  # a one-week horizon may leave no valid plan; the options themselves are fine
    assert "error" not in capsys.readouterr().err


# --- item 16: --max-messages caps the lines; "... en nog N" counts the rest right ---------------------

@pytest.mark.parametrize(("limit", "shown", "rest"), [(0, 0, 3), (1, 1, 2), (2, 2, 1), (3, 3, 0), (10, 3, 0)])
def test_max_messages_shows_that_many_and_counts_the_rest(bad_inputs, capsys, limit, shown, rest):
    assert main(["check", str(bad_inputs[3]), "--max-messages", str(limit)]) == EXIT_INPUT
    lines = _lines(capsys.readouterr().err)
    assert len([line for line in lines if line.startswith("fout: ")]) == shown
    more = [line for line in lines if line.startswith("... en nog")]
    assert more == ([f"... en nog {rest} {'fout' if rest == 1 else 'fouten'}"] if rest else [])
    assert not any("waarschuwing" in line for line in lines)  # no warnings, so no '... en nog' for them
    assert lines[-1].endswith("3 fouten; er is geen plan gemaakt. Herstel de invoer en probeer opnieuw.")


def test_negative_max_messages_is_a_usage_error(bad_inputs, capsys):
    assert main(["check", str(bad_inputs[1]), "--max-messages", "-1"]) == 2
    err = capsys.readouterr().err
    assert "argument --max-messages" in err and "en nog" not in err


# --- item 9: no output option may name the input (or another output) --------------------------------

@pytest.fixture
def input_copy(tmp_path, monkeypatch) -> Path:
    """A copy of the sample in tmp/data/invoer.xlsx, with tmp/data the working directory."""
    import shutil

    (tmp_path / "data").mkdir()
    path = tmp_path / "data" / "invoer.xlsx"
    shutil.copy(SAMPLE, path)
    monkeypatch.chdir(tmp_path / "data")
    return path


@pytest.mark.parametrize(("argv", "option"), [
    (["solve", "invoer.xlsx", "-o", "./invoer.xlsx"], "-o/--output"),
    (["solve", "invoer.xlsx", "--output", "../data/invoer.xlsx"], "-o/--output"),
    (["solve", "./invoer.xlsx", "--errors", "invoer.xlsx"], "--errors"),
    (["tradeoff", "invoer.xlsx", "--points", "1", "--chart", "../data/./invoer.xlsx"], "--chart"),
    (["tradeoff", "invoer.xlsx", "--points", "1", "-o", "{abs}"], "-o/--output"),
    (["tradeoff", "invoer.xlsx", "--points", "1", "--errors", "invoer.xlsx"], "--errors"),
    (["check", "invoer.xlsx", "--errors", "../data/invoer.xlsx"], "--errors"),
    (["simulate", "invoer.xlsx", "--weeks", "1", "--quiet", "--out", "./invoer.xlsx"], "--out"),
])
def test_an_output_naming_the_input_is_refused_before_any_work(input_copy, capsys, argv, option):
    before = input_copy.read_bytes()
    argv = [a.replace("{abs}", str(input_copy)) for a in argv]
    assert main([*argv, "--time-limit", "1"] if argv[0] != "check" else argv) == 2
    err = capsys.readouterr().err
    assert f"{option} " in err and "invoerbestand" in err
    assert "deelnemers ingelezen" not in err and "Traceback" not in err  # refused before reading the input
    assert input_copy.read_bytes() == before


def test_an_output_naming_the_input_through_a_link_is_refused(input_copy, capsys):
    link = input_copy.parent / "koppeling.xlsx"
    link.symlink_to(input_copy)
    assert main(["check", "invoer.xlsx", "--errors", "koppeling.xlsx"]) == 2
    assert "--errors koppeling.xlsx is het invoerbestand" in capsys.readouterr().err


def test_two_outputs_naming_one_file_are_refused(input_copy, capsys):
    assert main(["tradeoff", "invoer.xlsx", "--points", "1", "--time-limit", "1", "-o", "uit.xlsx",
                 "--chart", "./uit.xlsx"]) == 2
    assert "-o/--output en --chart noemen hetzelfde bestand" in capsys.readouterr().err
    assert not (input_copy.parent / "uit.xlsx").exists()


# --- item 18: singular and plural ------------------------------------------------------------------------

def test_plural_helper_and_template_spec():
    from optimizer.messages import fmt, plural

    assert [plural(n, "fout", "fouten") for n in (0, 1, 2)] == ["0 fouten", "1 fout", "2 fouten"]
    assert plural("1", "week", "weken") == "1 week" and plural(1.0, "week", "weken") == "1.0 week"
    assert fmt("{n:fout|fouten}, {m:waarschuwing|waarschuwingen}, {x:.1f} s", n=1, m=3, x=2) == \
        "1 fout, 3 waarschuwingen, 2.0 s"


def test_cli_counts_take_singular_and_plural(bad_inputs, capsys):
    assert main(["check", str(bad_inputs[1])]) == EXIT_INPUT
    last = _lines(capsys.readouterr().err)[-1]
    assert ": 1 fout; er is geen plan gemaakt" in last and "fout(en)" not in last
    assert main(["check", str(bad_inputs[3]), "--max-messages", "2", "--lang", "en"]) == EXIT_INPUT
    lines = _lines(capsys.readouterr().err)
    assert "... and 1 more error" in lines and lines[-1].endswith(": 3 errors; no plan was made. Fix the input and try again.")
    assert main(["check", str(SAMPLE)]) == 0
    out = capsys.readouterr().out
    assert "300 deelnemers" in out and " 1 route," in out and "1 routes" not in out  # the sample has one route
    assert main(["check", str(SAMPLE), "--lang", "en"]) == 0
    assert " 1 route," in capsys.readouterr().out


def test_import_summary_counts(bad_inputs):
    from app.workbook.importer import load_problem

    result = load_problem(bad_inputs[1])
    assert result.summary().startswith("1 fout, 0 waarschuwingen\n- fout: blad Deelnemers, rij 2")
    assert result.summary("en").startswith("1 error, 0 warnings\n- error: sheet Deelnemers, row 2")


def test_messages_with_a_count_of_one():
    from optimizer.messages import msg

    m = msg("diag_route_no_class", route="B1", min=1, count=1)
    assert "minimaal 1 deelnemer nodig, maar hoogstens 1 past samen" in m.text("nl")
    assert "at least 1 learner is needed, but at most 1 fits together" in m.text("en")
    m = msg("diag_running_over", daypart="ma-ochtend", used=1, available=0)
    assert "al 1 docent," in m.text("nl") and "use 1 teacher on" in m.text("en")
    assert "van 1 week." in msg("start_week_range", value=3, horizon=1).text("nl")


def test_plan_summary_with_one_new_class():
    from optimizer.plan import Plan

    figures = {"placed": 8, "learners": 9, "classes_opened": 1, "running_joined": 0, "waiting": 1, "target_weeks": 1}
    plan = Plan((), {}, 0, {}, 0.0, "HEURISTIC", 0.1, figures)
    assert "8 van 9 deelnemers geplaatst in 1 nieuwe klas (" in plan.summary()
    assert "binnen 1 week." in plan.summary()
    assert "8 of 9 learners placed in 1 new class (" in plan.summary("en") and "within 1 week." in plan.summary("en")


def test_simulate_reports_input_errors_in_the_chosen_language(bad_inputs, capsys):
    assert main(["simulate", str(bad_inputs[1]), "--quiet", "--lang", "en"]) == EXIT_INPUT
    err = capsys.readouterr().err
    assert err.startswith("error: 1 error, 0 warnings") and "- error: sheet Deelnemers, row 2" in err
    assert "fout" not in err and "Traceback" not in err


def test_an_in_process_run_leaves_the_message_language_as_it_was(tmp_path):
    """``main(["--lang", "en", ...])`` must not switch later messages (the GUI's, a test's) to English."""
    from optimizer.messages import get_language

    assert get_language() == "nl"
    assert main(["--lang", "en", "template", str(tmp_path / "leeg.xlsx")]) == 0
    assert get_language() == "nl"


def test_sample_is_the_bundled_example_for_check_solve_and_tradeoff_as_for_simulate(tmp_path, capsys, monkeypatch):
    # the desktop build keeps the sample deep in its folder: 'check sample' said the file was not found,
    # where 'simulate sample' took the word
    monkeypatch.chdir(tmp_path)
    assert main(["check", "sample"]) == 0
    assert capsys.readouterr().out.startswith(f"{_S}: in orde")
    (tmp_path / "sample").write_text("not a workbook")  # a file of that name: it is the input
    assert main(["check", "sample"]) != 0


def test_settings_sample_is_the_bundled_examples_settings(tmp_path, capsys, monkeypatch):
    """``--settings sample`` said "Bestand 'sample' bestaat niet" where 'sample' as the input is the
    bundled example: a learner list (.csv) takes the sample's locations, schedules and teachers."""
    import csv

    monkeypatch.chdir(tmp_path)
    rows = list(openpyxl.load_workbook(SAMPLE, read_only=True)["Deelnemers"].iter_rows(values_only=True))
    with open("deelnemers.csv", "w", newline="", encoding="utf-8") as f:
        csv.writer(f).writerows([["" if v is None else v for v in row] for row in rows[:21]])
    assert main(["check", "deelnemers.csv", "--settings", "sample"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("deelnemers.csv: in orde — 20 deelnemers, 5 locaties"), out
    (tmp_path / "sample").write_text("not a workbook")  # a file of that name: it is the settings
    assert main(["check", "deelnemers.csv", "--settings", "sample"]) != 0


def test_the_cli_names_the_gap_in_plain_dutch():
    """The progress line and the tables' column said 'gat' (the OR word); 'verschil' follows
    'ondergrens' as the window's "Verschil met ondergrens"."""
    from app.cli.texts import COLUMNS, TEXTS

    line = TEXTS.text("progress", "nl", objective=70547, bound=68123, gap="3,4%")
    assert "ondergrens      68123  verschil 3,4%" in line and "gat" not in line
    assert COLUMNS.text("gap", "nl") == "verschil" and COLUMNS.text("gap", "en") == "gap"


@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_progress_line_writes_decimals_in_its_language(capsys, language):
    """The Dutch progress line printed its gap and seconds with a decimal point ("3.4%",
    "12.5 s"); Dutch writes a comma. English keeps the point."""
    from app.cli.files import ProgressLine
    from optimizer.messages import get_language, set_language
    from optimizer.plan import Progress

    before = get_language()
    set_language(language)
    try:
        line = ProgressLine(True)
        line(Progress(objective=1000.0, bound=966.0, elapsed=12.5, solutions=3))
    finally:
        set_language(before)
    said = capsys.readouterr().err
    if language == "nl":
        assert "verschil   3,4%" in said and "12,5 s" in said and "." not in said
    else:
        assert "gap   3.4%" in said and "12.5 s" in said and "," not in said
