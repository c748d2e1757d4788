"""The klasvormer CLI: exit codes and messages a script can rely on, never a traceback."""

from __future__ import annotations

import json
import re
from pathlib import Path

import openpyxl
import pytest

from app.cli.exits import EXIT_INPUT, EXIT_OK, EXIT_OUTPUT, EXIT_USAGE
from app.cli.klasvormer import main
from app.workbook.importer import load_problem

SAMPLE = Path(__file__).resolve().parents[2] / "samples" / "b1_aanbieder.xlsx"


def test_solve_sample_writes_a_plan_workbook(tmp_path, capsys):
    out = tmp_path / "plan.xlsx"
    code = main(["solve", str(SAMPLE), "-o", str(out), "--time-limit", "3"])
    assert code == EXIT_OK
    captured = capsys.readouterr()
    assert "deelnemers geplaatst" in captured.out and str(out) in captured.out
    wb = openpyxl.load_workbook(out, read_only=True)
    assert {"Overzicht", "Klassen", "Deelnemers", "Wachtlijst"} <= set(wb.sheetnames)


def test_solve_json_is_machine_readable(capsys):
    code = main(["solve", str(SAMPLE), "--time-limit", "2", "--json", "--preset", "homogeen"])
    assert code == EXIT_OK
    data = json.loads(capsys.readouterr().out)
    assert data["status"] in ("OPTIMAL", "FEASIBLE", "HEURISTIC")
    assert data["figures"]["learners"] == 300
    assert sum(c["size"] for c in data["classes"]) == data["figures"]["placed"]


def test_english_messages(capsys):
    assert main(["--lang", "en", "solve", str(SAMPLE), "--time-limit", "2"]) == EXIT_OK
    assert "learners placed" in capsys.readouterr().out


def test_invalid_input_gives_located_errors_and_exit_1(tmp_path, capsys):
    bad = tmp_path / "bad.xlsx"
    wb = openpyxl.load_workbook(SAMPLE)
    ws = wb["Deelnemers"]
    ws["C2"] = "heel snel?"  # leerbaarheid
    wb.save(bad)
    errors = tmp_path / "fouten.xlsx"
    code = main(["solve", str(bad), "--time-limit", "1", "--errors", str(errors)])
    assert code == EXIT_INPUT
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert "Deelnemers" in err and "heel snel?" in err
    assert errors.exists()


def test_missing_file_and_wrong_type(tmp_path, capsys):
    assert main(["solve", str(tmp_path / "nope.xlsx")]) == EXIT_INPUT
    txt = tmp_path / "lijst.xlsx"
    txt.write_text("dit is geen werkmap")
    assert main(["check", str(txt)]) == EXIT_INPUT
    err = capsys.readouterr().err
    assert "Traceback" not in err


def test_usage_error_exit_2(capsys):
    assert main(["solve"]) == EXIT_USAGE
    assert main(["tovenaar"]) == EXIT_USAGE


def test_template_refuses_to_overwrite(tmp_path):
    out = tmp_path / "leeg.xlsx"
    assert main(["template", str(out)]) == EXIT_OK
    assert main(["template", str(out)]) == EXIT_OUTPUT
    assert main(["template", str(out), "--force"]) == EXIT_OK
    result = load_problem(out)
    assert not result.errors or all(i.sheet for i in result.errors)


def test_check_reports_counts(capsys):
    assert main(["check", str(SAMPLE)]) == EXIT_OK
    assert "300 deelnemers" in capsys.readouterr().out


@pytest.mark.parametrize("points", [3])
def test_tradeoff_table_and_chart(small, tmp_path, capsys, points):
    chart = tmp_path / "afweging.png"
    code = main(["tradeoff", str(small), "--points", str(points), "--time-limit", "3", "--chart", str(chart)])
    assert code == EXIT_OK
    said = capsys.readouterr()
    assert "wacht gem." in said.out and "wait_mean" not in said.out and chart.exists()  # headers in the CLI's language
    assert said.out.rstrip().splitlines()[-1] == f"Grafiek geschreven naar {chart.resolve()}"  # it said nothing
    # the progress lines in Dutch: decimal commas, as the labels ("hooguit 7,5 week ...")
    lines = [line for line in said.err.splitlines() if "wacht gem." in line]
    assert lines and all(re.search(r"wacht gem\. \d+,\d wk, niveauverschil gem\. \d+,\d,", line) for line in lines)
    # each solve's line says which plan it is; a second solve of one end says so ("opnieuw")
    names = [line.split("] ", 1)[1].split(":", 1)[0] for line in lines]
    first = [n for n in names if not n.endswith(" (opnieuw)")]
    assert len(first) == len(set(first)) and all(n[: -len(" (opnieuw)")] in first for n in names if n not in first)


def test_the_frontiers_chart_draws_each_plan_above_its_proven_bound(small, tmp_path):
    """README: `--chart` draws the frontier with its bound band (a second panel: objective and
    proven bound per point); without bounds (a sweep under a cap) the single panel."""
    import matplotlib.image

    from app.cli.charts import tradeoff_chart
    from optimizer import SolveOptions, solve
    from optimizer.tradeoff import TradeoffPoint

    problem = load_problem(small).problem
    plan = solve(problem, SolveOptions(time_limit=1, deterministic=True, workers=1))
    points = [TradeoffPoint(label, k, problem.weights, plan) for k, label in enumerate(("snelste start", "meest homogeen"))]
    banded = tradeoff_chart(points, tmp_path / "band.png", "nl", [0.9 * plan.objective] * 2)
    plain = tradeoff_chart(points, tmp_path / "plain.png", "nl")
    assert matplotlib.image.imread(banded).shape[0] > matplotlib.image.imread(plain).shape[0]


def test_the_frontiers_chart_keeps_every_label_readable_and_inside():
    """Five plans close together (the sample's frontier): each marker is numbered, the key names
    each plan with its travel, no text runs off the figure, and Dutch numbers carry decimal
    commas. (Labels beside the markers overlapped and the last ran off the right edge.)"""
    from types import SimpleNamespace

    import matplotlib.pyplot as plt

    from app.cli.charts import tradeoff_figure

    rows = [("snelste start", 6.64, 5.04, 29, 250050), ("hooguit 7,1 week gemiddeld wachten", 7.07, 4.95, 28, 240720),
            ("hooguit 7,5 week gemiddeld wachten", 7.5, 3.51, 27, 213220),
            ("hooguit 7,9 week gemiddeld wachten", 7.92, 2.84, 26, 193910), ("meest homogeen", 8.4, 2.57, 26, 192290)]
    points = [SimpleNamespace(label=label, mean_wait=w, mean_misfit=m, mean_travel=t,
                              plan=SimpleNamespace(objective=obj)) for label, w, m, t, obj in rows]
    fig = tradeoff_figure(points, "nl", [0.8 * r[4] for r in rows])
    try:
        fig.canvas.draw()
        top = fig.axes[0]
        key = [t.get_text() for t in top.get_legend().get_texts()]
        assert key == [f"{label} ({t} min)" for label, _, _, t, _ in rows]
        assert [a.get_text() for a in top.texts] == ["1", "2", "3", "4", "5"]
        renderer = fig.canvas.get_renderer()
        box = fig.bbox
        for text in [*top.texts, *top.get_legend().get_texts(), top.title]:
            ext = text.get_window_extent(renderer)
            assert box.x0 <= ext.x0 and ext.x1 <= box.x1 and box.y0 <= ext.y0 and ext.y1 <= box.y1, text.get_text()
        ticks = [t.get_text() for t in top.get_yticklabels() if t.get_text()]
        assert any("," in t for t in ticks) and not any("." in t for t in ticks)
        objective_ticks = [t.get_text() for t in fig.axes[1].get_yticklabels() if t.get_text()]
        assert any("." in t and len(t) >= 7 for t in objective_ticks)  # 250.000
    finally:
        plt.close(fig)


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_frontiers_chart_labels_each_tick_with_its_own_value(lang):
    """Two plans 0.16 week apart (the sample's frontier at 10 s): ticks every 0.025 week. The Dutch
    labels were rounded to two decimals, 7,03 7,05 7,08 7,1 7,12 7,15, as if they were unevenly
    spaced; the English ones said 7.025 7.050 7.075."""
    from types import SimpleNamespace

    import matplotlib.pyplot as plt

    from app.cli.charts import tradeoff_figure

    rows = [("snelste start", 7.04, 4.502, 28, 234250), ("meest homogeen", 7.204, 4.467, 27, 231350)]
    points = [SimpleNamespace(label=label, mean_wait=w, mean_misfit=m, mean_travel=t,
                              plan=SimpleNamespace(objective=obj)) for label, w, m, t, obj in rows]
    fig = tradeoff_figure(points, lang, [175751.0, 175751.0])
    try:
        fig.canvas.draw()
        top, low = fig.axes  # the waits' axis is shared: its labels are the lower panel's
        for axis in (low.xaxis, top.yaxis):
            shown = [(tick.get_loc(), tick.label1.get_text()) for tick in axis.get_major_ticks()
                     if tick.label1.get_visible() and tick.label1.get_text()]
            assert len(shown) >= 3
            for value, text in shown:
                assert float(text.replace(",", ".")) == pytest.approx(value, abs=1e-9), (value, text)
                assert ("," not in text) if lang == "en" else ("." not in text), text
    finally:
        plt.close(fig)


@pytest.fixture(scope="module")
def small(tmp_path_factory) -> Path:
    """The sample cut to its first 40 learners (the trade-off's deterministic runs on all 300 took
    20-30 s a test)."""
    path = tmp_path_factory.mktemp("small") / "small.xlsx"
    wb = openpyxl.load_workbook(SAMPLE)
    ws = wb["Deelnemers"]
    ws.delete_rows(42, ws.max_row)
    wb.save(path)
    return path


def test_tradeoff_with_a_cap_on_waiting_writes_the_plan_within_it(small, tmp_path, capsys):
    out = tmp_path / "plan.xlsx"
    code = main(["tradeoff", str(small), "--points", "2", "--time-limit", "1", "--deterministic", "--workers", "1",
                 "--max-wait", "99", "-o", str(out), "--json"])
    assert code == EXIT_OK
    rows = json.loads(capsys.readouterr().out)
    assert len(rows) == 2 and all(r["wait_mean"] <= 99 for r in rows)
    wb = openpyxl.load_workbook(out)
    assert "Afwegingen" in wb.sheetnames


def test_tradeoff_with_a_cap_no_plan_keeps_says_so(small, capsys):
    code = main(["tradeoff", str(small), "--points", "1", "--time-limit", "1", "--deterministic", "--workers", "1", "--max-wait", "0"])
    assert code == EXIT_OK
    err = capsys.readouterr().err
    assert "het ene plan blijft niet binnen de grens" in err and "1 plannen" not in err
    assert re.search(r"wacht gem\. \d+,\d\d wk, niveauverschil gem\. \d+,\d\d, \d+ geplaatst", err)


def test_tradeoff_takes_one_cap_only(capsys):
    code = main(["tradeoff", str(SAMPLE), "--max-wait", "8", "--max-misfit", "3"])
    assert code == EXIT_USAGE
    assert "niet beide" in capsys.readouterr().err


def test_never_overwrites_the_input(tmp_path, capsys):
    import shutil

    copy = tmp_path / "invoer.xlsx"
    shutil.copy(SAMPLE, copy)
    before = copy.read_bytes()
    assert main(["solve", str(copy), "-o", str(copy), "--time-limit", "1"]) == EXIT_USAGE
    assert copy.read_bytes() == before
    assert "invoerbestand" in capsys.readouterr().err


def test_bound_time_adds_a_proven_bound(capsys):
    code = main(["solve", str(SAMPLE), "--time-limit", "1", "--bound-time", "2", "--json"])
    assert code == EXIT_OK
    captured = capsys.readouterr()
    data = json.loads(captured.out)
    assert 0 < data["bound"] <= data["objective"]


def test_plan_that_cannot_be_written_is_kept_next_to_the_input(small, tmp_path, capsys, monkeypatch):
    # the output became unwritable after the check before any work (test_cli_output_paths.py): said at the write
    monkeypatch.setattr("app.cli.args.check_writable", lambda _args: None)
    import shutil

    copy = tmp_path / "invoer.xlsx"
    shutil.copy(small, copy)
    blocker = tmp_path / "geen_map"
    blocker.write_text("a file where the folder should be")
    out = blocker / "plan.xlsx"  # its folder cannot be made: the write fails
    assert main(["solve", str(copy), "-o", str(out), "--time-limit", "1", "--deterministic", "--workers", "1"]) == EXIT_OUTPUT
    err = capsys.readouterr().err
    kept = sorted(tmp_path.glob("plan_invoer_*.xlsx"))
    assert len(kept) == 1 and str(kept[0]) in err and "bewaard" in err
    wb = openpyxl.load_workbook(kept[0], read_only=True)
    assert {"Overzicht", "Klassen", "Deelnemers", "Wachtlijst"} <= set(wb.sheetnames)


def test_tradeoff_plan_that_cannot_be_written_is_kept(small, tmp_path, capsys, monkeypatch):
    # the output became unwritable after the check before any work (test_cli_output_paths.py): said at the write
    monkeypatch.setattr("app.cli.args.check_writable", lambda _args: None)
    import shutil

    copy = tmp_path / "invoer.xlsx"
    shutil.copy(small, copy)
    blocker = tmp_path / "bestand"
    blocker.write_text("x")
    code = main(["tradeoff", str(copy), "--points", "1", "--time-limit", "1", "--deterministic", "--workers", "1",
                 "-o", str(blocker / "plan.xlsx")])
    assert code == EXIT_OUTPUT
    kept = sorted(tmp_path.glob("plan_invoer_*.xlsx"))
    assert len(kept) == 1 and str(kept[0]) in capsys.readouterr().err
    assert "Afwegingen" in openpyxl.load_workbook(kept[0], read_only=True).sheetnames


def test_tradeoff_writes_the_frontier_to_the_afwegingen_sheet(small, tmp_path, capsys):
    out = tmp_path / "out.xlsx"
    code = main(["tradeoff", str(small), "--points", "3", "--time-limit", "3", "--deterministic", "--workers", "1", "-o", str(out)])
    assert code == EXIT_OK
    # where the plan went, as solve says it (tradeoff said nothing)
    said = capsys.readouterr()
    last = said.out.rstrip().splitlines()[-1]  # and which of the plans the workbook holds
    assert last.startswith("Plan '") and last.endswith(f"' geschreven naar {out.resolve()} (alle plannen op blad Afwegingen)")
    rows = list(openpyxl.load_workbook(out, read_only=True)["Afwegingen"].iter_rows(values_only=True))
    headers, points = rows[0], rows[1:]
    for column in ("Grens gem. wachttijd (weken)", "Bewezen ondergrens doelfunctie", "Hooguit beter mogelijk",
                   "Later gestart dan bij snelste start", "Beter passende klas", "Verder reizen",
                   "Stap vanaf vorige plan"):
        assert column in headers
    col = {h: headers.index(h) for h in headers}
    assert 1 <= len(points) <= 3
    assert points[0][col["Afweging"]] == "snelste start"
    # the planner's columns first (they print on the first page), the analyst's after
    assert col["Hooguit beter mogelijk"] < col["Wat verandert voor deelnemers"] < col["Status"] < col["Doelfunctie"]
    assert col["Doelfunctie"] < col["Bewezen ondergrens doelfunctie"]
    ws = openpyxl.load_workbook(out)["Afwegingen"]
    steps = [ws.cell(row=r, column=col["Stap vanaf vorige plan"] + 1) for r in range(2, len(points) + 2)]
    assert ws.column_dimensions[steps[0].column_letter].width == 40
    assert all(c.alignment.wrap_text for c in steps if c.value)
    for row in points:
        assert row[col["Bewezen ondergrens doelfunctie"]] <= row[col["Doelfunctie"]]
        assert row[col["Grens gem. wachttijd (weken)"]] is None or row[col["Grens gem. wachttijd (weken)"]] >= 0
    assert points[0][col["Stap vanaf vorige plan"]] is None
    for row in points[1:]:
        assert "gemiddeld wachten" in row[col["Stap vanaf vorige plan"]]
        assert row[col["Wat verandert voor deelnemers"]].startswith("t.o.v. snelste start: ")
    assert "snelste start" in said.err


def test_tradeoff_chart_that_cannot_be_written_still_writes_the_workbook(small, tmp_path, capsys, monkeypatch):
    # the output became unwritable after the check before any work (test_cli_output_paths.py): said at the write
    monkeypatch.setattr("app.cli.args.check_writable", lambda _args: None)
    blocker = tmp_path / "bestand"
    blocker.write_text("x")
    chart = blocker / "a.png"  # its folder cannot be made, as a read-only folder
    out = tmp_path / "t_ok.xlsx"
    code = main(["tradeoff", str(small), "--points", "1", "--time-limit", "1", "--deterministic", "--workers", "1",
                 "-o", str(out), "--chart", str(chart)])
    assert code == EXIT_OUTPUT
    err = capsys.readouterr().err
    assert "Onverwachte fout" not in err and "Traceback" not in err
    assert f"Kan de grafiek niet schrijven naar {chart}: " in err and "--chart" in err
    assert "Afwegingen" in openpyxl.load_workbook(out, read_only=True).sheetnames


_TOO_LONG_OPTIONS = {"check": [], "solve": ["--time-limit", "1"], "tradeoff": ["--time-limit", "1"],
                     "simulate": ["--weeks", "1"]}


@pytest.mark.parametrize("command", list(_TOO_LONG_OPTIONS))
def test_an_input_name_too_long_for_the_file_system_is_an_input_error(tmp_path, capsys, command):
    """simulate printed the system's own error ('fout: [Errno 36] File name too long: ...')."""
    name = tmp_path / ("Aanmeldingen cliënten coördinator Ülkü Çelik (échte laatste) " + "é" * 120 + ".xlsx")
    assert len(name.name.encode("utf-8")) > 255
    code = main([command, str(name), *_TOO_LONG_OPTIONS[command]])
    assert code == EXIT_INPUT
    err = capsys.readouterr().err
    assert "Traceback" not in err and "Onverwachte fout" not in err and "Errno" not in err
    assert f"Bestand niet gevonden: {name}. De naam is te lang voor het bestandssysteem" in err


def test_a_plan_open_in_excel_by_its_lock_file_is_not_overwritten_and_kept(tmp_path, capsys):
    import shutil

    copy = tmp_path / "invoer.xlsx"
    shutil.copy(SAMPLE, copy)
    out = tmp_path / "plan.xlsx"
    out.write_bytes(b"open in Excel")
    (tmp_path / "~$plan.xlsx").write_bytes(b"x")  # Excel's marker that plan.xlsx is open
    # --force: not a plan workbook of ours, refused at once without it (test_cli_overwrite.py)
    assert main(["solve", str(copy), "-o", str(out), "--time-limit", "1", "--deterministic", "--force"]) == EXIT_OUTPUT
    assert out.read_bytes() == b"open in Excel"
    err = capsys.readouterr().err
    assert "is geopend in Excel" in err and "'~$plan.xlsx'" in err
    kept = sorted(tmp_path.glob("plan_invoer_*.xlsx"))
    assert len(kept) == 1 and str(kept[0]) in err
    assert "Deelnemers" in openpyxl.load_workbook(kept[0], read_only=True).sheetnames


@pytest.mark.parametrize("language", ["nl", "en"])
def test_tradeoff_without_a_plan_on_the_frontier_says_so(small, tmp_path, capsys, monkeypatch, language):
    """The fast search found no plan (too little time): the frontier has no points. Its frame
    raised ValueError and the CLI said "Onverwachte fout: ValueError: zip() argument 2 is longer
    than argument 1"; now it says no plan was found in the time and what to try, writes nothing
    and exits 3."""
    import sys

    from app.cli.exits import EXIT_NO_PLAN
    from optimizer.frontier import Frontier

    module = sys.modules["optimizer.frontier"]  # (the package's name 'frontier' is the function)
    monkeypatch.setattr(module, "frontier",
                        lambda problem, points, options, **_: Frontier([], problem.weights, stats={"status": "INFEASIBLE"}))
    plan, chart = tmp_path / "plan.xlsx", tmp_path / "afweging.png"
    code = main(["tradeoff", str(small), "--points", "3", "--time-limit", "10", "-o", str(plan), "--chart", str(chart),
                 "--lang", language])
    err = capsys.readouterr().err
    assert code == EXIT_NO_PLAN and not plan.exists() and not chart.exists()
    assert "ValueError" not in err and "Traceback" not in err
    if language == "en":
        assert "No plan found: the search for the fastest start found no plan within the 10 s given" in err
        assert "Try --time-limit 50." in err and f"Nothing was written to {plan}, {chart}." in err
    else:
        assert "Geen plan gevonden: de zoektocht naar de snelste start vond binnen de rekentijd van 10 s geen plan" in err
        assert "Probeer --time-limit 50." in err and f"Er is niets geschreven naar {plan}, {chart}." in err
