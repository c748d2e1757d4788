"""The doors at the size of a municipality-wide what-if (PRODUCT.md "Scale to serve": about 3,000 learners).

    PYTHONPATH=. .venv/bin/python -m bench.doors_at_scale inputs OUT      # the input workbooks below
    PYTHONPATH=. .venv/bin/python -m bench.doors_at_scale window OUT/stad3000.xlsx [--seconds 20]

``inputs`` writes ``stad1000.xlsx`` and ``stad3000.xlsx`` (``app.synth.municipality``, seed 1, written
as a coordinator's input workbook) and the bundled sample scaled up by hand as a coordinator would
(its 300 rows copied ten times with new ids, the teachers times ten) in three shapes:
``sample3000_many.xlsx`` (30 more locations, 35 in all), ``sample3000_one.xlsx`` (one location with 60
rooms, travel up to 90 minutes) and ``sample3000_long.xlsx`` (a planning period of 26 weeks, rooms
times ten). Try the CLI on them with ``/usr/bin/time -v .venv/bin/klasvormer check|solve|tradeoff ...``.

``window`` opens the workbook in the planner (offscreen), sorts the learner table, optimizes for
``--seconds``, moves a learner, undoes it and saves a project, and prints for each step the CPU time
of the UI thread (how long the window stands still on an idle machine; a busy machine adds its
wait) and the cells read from the table models. Figures: docs/benchmarks.md, "The doors at 3,000
learners".
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "samples" / "b1_aanbieder.xlsx"
MANY_PC4 = ["1011", "1013", "1015", "1017", "1051", "1053", "1055", "1057", "1062", "1064", "1066", "1071",
            "1073", "1075", "1077", "1079", "1082", "1086", "1091", "1093", "1095", "1097", "1021", "1023",
            "1031", "1033", "1101", "1103", "1104", "1106"]


def write_inputs(out: Path) -> list[Path]:
    from app.synth import municipality
    from app.workbook.template import write_input_workbook

    out.mkdir(parents=True, exist_ok=True)
    written = []
    for n in (1000, 3000):
        written.append(write_input_workbook(municipality(n, seed=1), out / f"stad{n}.xlsx"))
    for shape in ("many", "one", "long"):
        written.append(scaled_sample(shape, out / f"sample3000_{shape}.xlsx"))
    return written


def scaled_sample(shape: str, path: Path, times: int = 10) -> Path:
    """The sample's learners ``times`` over (new ids; households and 'niet met' renamed with them)."""
    import openpyxl

    wb = openpyxl.load_workbook(SAMPLE)
    ws = wb["Deelnemers"]
    col = {c.value: i for i, c in enumerate(ws[1])}
    rows = [[c.value for c in r] for r in ws.iter_rows(min_row=2)]
    ws.delete_rows(2, ws.max_row)
    for k in range(times):
        for r in rows:
            r = list(r)
            r[col["Id"]] = f"{r[col['Id']]}-{k}"
            if r[col["Samen"]]:
                r[col["Samen"]] = f"{r[col['Samen']]}-{k}"
            if r[col["Niet met"]]:
                r[col["Niet met"]] = ", ".join(f"{x.strip()}-{k}" for x in str(r[col["Niet met"]]).split(","))
            if shape == "one":
                r[col["Max reistijd"]] = 90
            ws.append(r)
    for row in wb["Docenten"].iter_rows(min_row=2):
        row[1].value = row[1].value * times
    locations = wb["Locaties"]
    every_part = locations.cell(2, 5).value
    if shape == "many":
        for pc4 in MANY_PC4:
            locations.append([f"Locatie {pc4}", None, pc4, 4, every_part])
    elif shape == "one":
        locations.delete_rows(3, locations.max_row)
        name = locations.cell(2, 1).value
        locations.cell(2, 4).value = 60
        for row in wb["Lopende klassen"].iter_rows(min_row=2):
            row[2].value = name
    else:
        for row in locations.iter_rows(min_row=2):
            row[3].value = row[3].value * times
        for row in wb["Instellingen"].iter_rows(min_row=2):
            if row[0].value == "planperiode weken":
                row[1].value = 26
    wb.save(path)
    return path


def window(path: Path, seconds: float) -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import Qt

    from ui.settings import use_private_settings

    tmp = use_private_settings("KlasvormerBench")
    import ui.models.base as base
    from ui.i18n import set_language
    from ui.main import make_app
    from ui.mainwindow import MainWindow

    reads = [0]
    data = base.RowTableModel.data

    def counted(self, index, role=Qt.ItemDataRole.DisplayRole):
        reads[0] += 1
        return data(self, index, role)

    base.RowTableModel.data = counted  # (counting every cell read)
    app = make_app()
    set_language("nl")
    win = MainWindow(recovery_dir=tmp / "herstel")
    win.show_message = lambda *_a: None  # (no modal box in the measured run)
    win.resize(1093, 614)  # a 1366x768 laptop at 125%
    win.show()
    c = win.controller

    def wait(done, timeout: float) -> None:
        end = time.monotonic() + timeout
        while not done() and time.monotonic() < end:
            app.processEvents()
            time.sleep(0.01)
        app.processEvents()

    def step(name: str, work) -> None:
        reads[0] = 0
        cpu, wall = time.thread_time(), time.perf_counter()
        work()
        app.processEvents()
        print(f"{name:32s} UI thread {time.thread_time() - cpu:5.2f} s CPU, {time.perf_counter() - wall:5.2f} s wall,"
              f" {reads[0]:7d} cells read", flush=True)

    opened = c.files.apply_opened
    c.files.apply_opened = lambda o: step("open: take in the workbook", lambda: opened(o))
    c.open_file(path)
    wait(lambda: c.problem is not None and not c.opener.is_running(), 300)
    win.tabs.setCurrentIndex(MainWindow.TAB_LEARNERS)
    wait(lambda: False, 0.3)
    table = win.learners_page.table
    step("sort the learners (Status)", lambda: table.sortByColumn(1, Qt.SortOrder.DescendingOrder))
    restore = c.restore
    c.restore = lambda *a, **k: step("take in the plan", lambda: restore(*a, **k))
    win.optimize_page.time_limit.setValue(int(seconds))
    win.solve()
    wait(lambda: not c.busy and c.plan is not None, seconds + 600)
    c.restore = restore
    state = c.state
    waiting = next(a.learner_id for a in state.plan.assignments.values() if not a.placed)
    target = next(k.id for k in state.plan.classes if not k.running)
    win.tabs.setCurrentIndex(MainWindow.TAB_PLAN)
    wait(lambda: False, 0.3)
    step("move a learner (Ctrl+M)", lambda: c.move_learners([waiting], target))
    step("undo", lambda: c.undo_stack.undo())
    step("save the project (Ctrl+S)", lambda: c.save_project(tmp / "plan.klasvormer"))
    c.mark_saved()
    win.close()


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("what", choices=["inputs", "window"])
    ap.add_argument("path", type=Path)
    ap.add_argument("--seconds", type=float, default=20.0)
    args = ap.parse_args(argv)
    if args.what == "inputs":
        for p in write_inputs(args.path):
            print(p)
    else:
        window(args.path, args.seconds)


if __name__ == "__main__":
    main(sys.argv[1:])
