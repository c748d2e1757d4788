"""The independent plan checker: a solver's plan passes, and each hand-made break of one rule
is flagged by exactly that rule.

The plan comes from the CLI on a 120-learner cut of the sample with two routes. Each mutation
edits a copy of the plan (or the input) with openpyxl; for the mutations that need a choice (which
learner, which class) every candidate tried (up to 8, spread over the learners: :func:`spread`)
must be flagged with the broken rule, and at least one must be flagged with that rule alone.
"""

from __future__ import annotations

import contextlib
import io
from datetime import datetime, timedelta
from pathlib import Path

import openpyxl
import pytest

from app.cli.klasvormer import main as cli_main
from tests.checker.plancheck import check, main
from tests.fuzz.inputs import SAMPLES, cut_sample, split_route


def solve(src: Path, out: Path, *extra: str) -> None:
    buf = io.StringIO()
    with contextlib.redirect_stdout(buf), contextlib.redirect_stderr(buf):
        rc = cli_main(["solve", str(src), "--time-limit", "2", "--deterministic", "--workers", "2", "-o", str(out), *extra])
    assert rc == 0, buf.getvalue()


def table(ws) -> tuple[dict[str, int], list[list]]:
    head = [c.value for c in ws[1]]
    return {h: i for i, h in enumerate(head) if h}, [[c.value for c in r] for r in ws.iter_rows(min_row=2)]


def set_cell(ws, row_id: object, column: str, value: object, every: bool = False) -> None:
    """``value`` in ``column`` of the first row (``every``: of every row) whose first cell is ``row_id``."""
    col, rows = table(ws)
    found = False
    for i, r in enumerate(rows, start=2):
        if r[0] == row_id:
            ws.cell(i, col[column] + 1).value = value
            found = True
            if not every:
                return
    if not found:
        raise KeyError(row_id)


@pytest.fixture(scope="module")
def raw(tmp_path_factory) -> tuple[Path, Path]:
    d = tmp_path_factory.mktemp("plancheck")
    src = split_route(cut_sample(d / "in.xlsx", 120, seed=2))
    solve(src, d / "raw_plan.xlsx")
    return src, d / "raw_plan.xlsx"


@pytest.fixture(scope="module")
def planned(raw, tmp_path_factory) -> dict:
    """A clean baseline: the raw plan with the issue-16.1 late starts moved to the week the rule
    requires (nothing else changes; earlier starts only add first-day members)."""
    src, raw_plan = raw
    d = tmp_path_factory.mktemp("baseline")
    wb = openpyxl.load_workbook(raw_plan)
    fixed = 0
    for v in check(src, raw_plan).violations:
        assert v.rule == "start_week", v           # the only defect known in today's solver
        lid = v.text.split()[1]
        week = int(v.text.rsplit("week ", 1)[1])
        set_cell(wb["Deelnemers"], lid, "Startdatum", plan_date(wb) + timedelta(days=7 * week))
        fixed += 1
    plan = d / "plan.xlsx"
    wb.save(plan)
    res = check(src, plan)
    assert res.ok, res.violations
    assert not res.notes
    cols, rows = table(wb["Deelnemers"])
    ccols, crows = table(wb["Klassen"])
    classes = {r[0]: dict(zip(ccols, (r[i] for i in ccols.values()), strict=True)) for r in crows if r[0]}
    members = [(r[0], r[cols["Klas"]]) for r in rows if r[cols["Klas"]] in classes]
    return {"src": src, "plan": plan, "classes": classes, "members": members, "fixed": fixed,
            "dir": d, "rows": {r[0]: dict(zip(cols, (r[i] for i in cols.values()), strict=True)) for r in rows}}


def plan_date(wb) -> datetime:
    for r in wb["Overzicht"].iter_rows(values_only=True):
        if r[0] == "Plandatum":
            return r[1]
    raise KeyError("Plandatum")


def mutated(planned: dict, name: str, *, plan=None, inp=None) -> set[str]:
    """Apply ``plan(wb)`` to a copy of the plan and/or ``inp(wb)`` to a copy of the input; the
    rules the checker then reports."""
    src, dst = planned["src"], planned["plan"]
    if inp is not None:
        wb = openpyxl.load_workbook(src)
        inp(wb)
        src = planned["dir"] / f"{name}_in.xlsx"
        wb.save(src)
    if plan is not None:
        wb = openpyxl.load_workbook(dst)
        plan(wb)
        dst = planned["dir"] / f"{name}_plan.xlsx"
        wb.save(dst)
    return check(src, dst).rules()


def new_members(planned: dict) -> list[tuple[str, str]]:
    return [(lid, cid) for lid, cid in planned["members"] if planned["classes"][cid]["Lopend"] == "nee"]


def spread(items: list, n: int) -> list:
    """At most ``n`` of ``items``, evenly spread (each candidate costs a workbook saved and checked:
    all of them took a minute)."""
    return items[::max(1, -(-len(items) // n))]


def test_solver_plan_of_the_cut_passes_apart_from_issue_16_1(raw, planned):
    res = check(*raw)
    assert res.rules() <= {"start_week"}
    assert planned["fixed"] == len(res.violations)


def test_solver_plan_of_the_cut_passes(raw):
    res = check(*raw)
    assert res.ok, [str(v) for v in res.violations]


@pytest.mark.slow
def test_sample_plan_passes(tmp_path):
    solve(SAMPLES["b1"], tmp_path / "plan.xlsx")
    res = check(SAMPLES["b1"], tmp_path / "plan.xlsx")
    assert res.ok, [str(v) for v in res.violations]


def test_move_to_a_class_of_another_route(planned):
    classes = planned["classes"]
    found = []
    for lid, cid in spread(new_members(planned), 8):
        for other, c in classes.items():
            if c["Route"] == classes[cid]["Route"] or c["Lopend"] == "ja":
                continue

            def move(wb, lid=lid, other=other, c=c):
                set_cell(wb["Deelnemers"], lid, "Klas", other)
                set_cell(wb["Deelnemers"], lid, "Startdatum", c["Startdatum"])
            rules = mutated(planned, "route", plan=move)
            assert "route" in rules
            found.append(rules)
            break  # one class of another route per learner: each costs a workbook saved and checked
    assert {"route"} in found


def test_start_a_week_later(planned):
    found = []
    for lid, _cid in spread(new_members(planned), 8):
        start = planned["rows"][lid]["Startdatum"]
        rules = mutated(planned, "later", plan=lambda wb, lid=lid, start=start: set_cell(
            wb["Deelnemers"], lid, "Startdatum", start + timedelta(days=7)))
        assert "start_week" in rules
        found.append(rules)
    assert {"start_week"} in found


def test_start_before_available(planned):
    lid, _cid = new_members(planned)[0]
    start = planned["rows"][lid]["Startdatum"]
    rules = mutated(planned, "avail", inp=lambda wb: set_cell(
        wb["Deelnemers"], lid, "Beschikbaar vanaf", start + timedelta(days=1)))
    assert "start_early" in rules


def test_niet_met_pair_together(planned):
    a, cid = new_members(planned)[0]
    b = next(x for x, c in planned["members"] if c == cid and x != a)
    assert mutated(planned, "nietmet", inp=lambda wb: set_cell(wb["Deelnemers"], a, "Niet met", b)) == {"not_with"}


def test_household_split(planned):
    a, ca = planned["members"][0]
    b = next(x for x, c in planned["members"] if c != ca)

    def house(wb):
        set_cell(wb["Deelnemers"], a, "Samen", "HX")
        set_cell(wb["Deelnemers"], b, "Samen", "HX")
    assert mutated(planned, "house", inp=house) == {"household"}


def test_pin_not_honoured(planned):
    (a, ca) = planned["members"][0]
    other = next(c for c in planned["classes"] if c != ca)
    assert mutated(planned, "pin", inp=lambda wb: set_cell(wb["Deelnemers"], a, "Vastgezet", other)) == {"pin"}
    assert mutated(planned, "pinw", inp=lambda wb: set_cell(wb["Deelnemers"], a, "Vastgezet", "wachtlijst")) == {
        "pin"}


def test_overfilled_class(planned):
    sizes = {}
    for _lid, cid in new_members(planned):
        sizes[cid] = sizes.get(cid, 0) + 1
    biggest = max(sizes.values())

    def lower(wb):
        for r in range(2, wb["Routes"].max_row + 1):
            wb["Routes"].cell(r, 3).value = biggest - 1      # Max grootte
    assert mutated(planned, "max", inp=lower) == {"class_max"}


def test_overfilled_running_class(planned):
    cid = next(c for _lid, c in planned["members"] if planned["classes"][c]["Lopend"] == "ja")
    assert mutated(planned, "seats", inp=lambda wb: set_cell(wb["Lopende klassen"], cid, "Vrije plaatsen", 0)) == {
        "running_seats"}


def test_too_few_at_the_start(planned):
    sizes = {}
    for lid, cid in new_members(planned):
        if planned["rows"][lid]["Startdatum"] == planned["classes"][cid]["Startdatum"]:
            sizes[cid] = sizes.get(cid, 0) + 1
    smallest = min(sizes.values())

    def raise_min(wb):
        for r in range(2, wb["Routes"].max_row + 1):
            wb["Routes"].cell(r, 2).value = smallest + 1      # Min grootte
    assert mutated(planned, "min", inp=raise_min) == {"class_min"}


def test_learner_left_out_and_waiting_without_reason(planned):
    lid, waiting = [x for x, r in planned["rows"].items() if r["Klas"] == "wachtlijst"][:2]

    def drop(wb):
        ws = wb["Deelnemers"]
        for i, r in enumerate(ws.iter_rows(min_row=2, values_only=True), start=2):
            if r[0] == lid:
                ws.delete_rows(i)
                break
    assert mutated(planned, "drop", plan=drop) == {"learner_missing"}
    assert mutated(planned, "reason", plan=lambda wb: set_cell(wb["Deelnemers"], waiting, "Wachtreden", None)) == {
        "waiting_reason"}


def test_dayparts_travel_location_spread(planned):
    lid, cid = new_members(planned)[0]
    row = planned["rows"][lid]
    c = planned["classes"][cid]
    assert mutated(planned, "dp", inp=lambda wb: set_cell(
        wb["Deelnemers"], lid, "Dagdelen", "za-ochtend")) == {"daypart"}
    assert mutated(planned, "travel", inp=lambda wb: set_cell(
        wb["Deelnemers"], lid, "Max reistijd", row["Reistijd"] - 1)) == {"travel"}
    assert mutated(planned, "excl", inp=lambda wb: set_cell(
        wb["Deelnemers"], lid, "Uitgesloten locaties", c["Locatie"])) == {"excluded_location"}
    far = 100 if c["Niveau"] < 50 else 0
    assert mutated(planned, "spread", inp=lambda wb: set_cell(wb["Deelnemers"], lid, "Leerbaarheid", far)) == {
        "spread"}


def test_teachers_and_rooms(planned):
    cid = next(c for c, v in planned["classes"].items() if v["Lopend"] == "nee")
    c = planned["classes"][cid]
    part = c["Dagdelen"].split(",")[0].strip()
    assert mutated(planned, "teach", inp=lambda wb: set_cell(wb["Docenten"], part, "Aantal", 0, every=True)) == {
        "teachers"}
    assert "rooms" in mutated(planned, "rooms", inp=lambda wb: set_cell(wb["Locaties"], c["Locatie"], "Lokalen", 0,
                                                                          every=True))


def test_cli(planned, capsys):
    assert main([str(planned["src"]), str(planned["plan"])]) == 0
    wb = openpyxl.load_workbook(planned["plan"])
    lid, _ = new_members(planned)[0]
    set_cell(wb["Deelnemers"], lid, "Startdatum", planned["rows"][lid]["Startdatum"] + timedelta(days=7))
    bad = planned["dir"] / "cli_bad.xlsx"
    wb.save(bad)
    capsys.readouterr()
    assert main([str(planned["src"]), str(bad)]) == 1
    assert f"[start_week] learner {lid}" in capsys.readouterr().out
