"""Screenshots of every main view into ``docs/screenshots/`` (for the README and for review).

Run ``QT_QPA_PLATFORM=offscreen .venv/bin/python -m ui.screenshots`` (no display needed; with a
display, or under ``xvfb-run``, it works as well). ``--scale 1.5`` renders at 150% scaling to
check that no Dutch text is cut off; ``--time`` sets the solver's seconds; ``--lang en`` makes
them in English (the files then end in ``_en`` unless ``--suffix`` is given, so the Dutch ones
stay). The planner's own settings and recovery file are not touched (a temporary settings folder
is used).
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "screenshots"
MAX_BYTES = 300_000


def _wait(app, predicate, timeout: float) -> None:
    end = time.monotonic() + timeout
    while not predicate() and time.monotonic() < end:
        app.processEvents()
        time.sleep(0.02)
    app.processEvents()


def save(widget, path: Path) -> Path:
    """Grab ``widget`` into a PNG below :data:`MAX_BYTES` (palette PNG when needed)."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QImage

    image = widget.grab().toImage()
    image.save(str(path), "PNG", 9)
    if path.stat().st_size > MAX_BYTES:
        image.convertToFormat(QImage.Format.Format_Indexed8).save(str(path), "PNG", 9)
    width = image.width()
    while path.stat().st_size > MAX_BYTES and width > 600:
        width = int(width * 0.85)
        smaller = image.scaledToWidth(width, Qt.TransformationMode.SmoothTransformation)
        smaller.convertToFormat(QImage.Format.Format_Indexed8).save(str(path), "PNG", 9)
    return path


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    """The command line; ``suffix`` is ``_en`` for English unless one is given."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scale", type=float, default=1.0, help="screen scaling, e.g. 1.25 or 1.5")
    parser.add_argument("--time", type=float, default=15.0, help="solver seconds for the plan")
    parser.add_argument("--tradeoff-time", type=float, default=30.0, help="seconds for the trade-off sweep")
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--lang", choices=("nl", "en"), default="nl", help="the window's language (default nl)")
    parser.add_argument("--suffix", default=None, help="added to every file name (e.g. _150; default _en for English)")
    parser.add_argument("--size", default="1366x768",
                        help="the screen in physical pixels (a laptop: 1366x768); the window fills it")
    args = parser.parse_args(argv)
    if args.suffix is None:
        args.suffix = "_en" if args.lang == "en" else ""
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if args.scale != 1.0:
        os.environ["QT_SCALE_FACTOR"] = str(args.scale)
    if not os.environ.get("DISPLAY") and sys.platform.startswith("linux"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

    from ui.settings import use_private_settings

    tmp = use_private_settings("KlasvormerScreenshots")

    from ui.i18n import set_language
    from ui.main import SAMPLE, make_app
    from ui.mainwindow import MainWindow

    app = make_app()
    set_language(args.lang)
    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)
    win = MainWindow(recovery_dir=tmp / "herstel")
    win.show_message = lambda title, text: print(f"{title}: {text}", file=sys.stderr)  # type: ignore[method-assign]
    screen_w, screen_h = (int(v) for v in args.size.lower().split("x"))
    # logical pixels: at 125% a 1366×768 screen holds a 1093×614 window (the PNG is 1366×768)
    win.resize(round(screen_w / args.scale), round(screen_h / args.scale))
    win.show()
    c = win.controller
    shots: list[Path] = []

    def shot(name: str, tab: int | None = None) -> None:
        if tab is not None:
            win.tabs.setCurrentIndex(tab)
        _wait(app, lambda: False, 0.3)
        shots.append(save(win, out / f"{name}{args.suffix}.png"))

    # 1. the learner list, straight after opening the sample
    c.open_file(SAMPLE)
    _wait(app, lambda: c.problem is not None, 60)
    win.issues_dock.hide()
    shot("01_deelnemers", MainWindow.TAB_LEARNERS)
    shot("02_capaciteit", MainWindow.TAB_CAPACITY)
    shot("03_afweging", MainWindow.TAB_WEIGHTS)

    # 2. optimize with live progress: one shot while running, one when done
    win.optimize_page.time_limit.setValue(int(args.time))
    win.solve()
    _wait(app, lambda: len(win.optimize_page.chart.points()) >= 3 or not c.busy, args.time * 0.7)
    shot("04_optimaliseren", MainWindow.TAB_OPTIMIZE)
    _wait(app, lambda: not c.busy and c.plan is not None, args.time + 60)

    # 3. the plan, then a hand edit with its effect on the key figures
    win.plan_page.class_table.selectRow(1)
    shot("05_plan", MainWindow.TAB_PLAN)
    state = c.state
    if state is not None:
        waiting = [a for a in state.plan.assignments.values() if not a.placed and a.learner_id not in state.locks.learners]
        target = next((k for k in state.plan.classes if not k.running), None)
        if waiting and target is not None:
            c.move_learners([waiting[0].learner_id], target.id)
            win.plan_page.select_class(target.id)
            win.plan_page.select_learner(waiting[0].learner_id)
            c.set_learner_lock([target.members[0]], True)
    shot("06_plan_aangepast", MainWindow.TAB_PLAN)
    c.undo_stack.undo()
    c.undo_stack.undo()

    # 4. the trade-off view
    win.compare_page.points.setValue(5)
    win.compare_page.seconds.setValue(int(args.tradeoff_time))
    win.compute_tradeoff()
    _wait(app, lambda: not c.busy, args.tradeoff_time + 120)
    win.compare_page.select_point(2)
    shot("07_vergelijken", MainWindow.TAB_COMPARE)

    # 5. the map with a class selected
    plan = c.plan
    if plan is not None:
        cls = max((k for k in plan.classes if not k.running), key=lambda k: k.size, default=None)
        if cls is not None:
            win.map_page.select_class(cls.id)
    shot("08_kaart", MainWindow.TAB_MAP)

    # 5b. a half-year simulation of three policies (0.5 s per weekly plan keeps this short)
    sim = win.simulation_page
    for spec, box in sim.policy_boxes.items():
        box.setChecked(spec in ("status-quo", "gebalanceerd", "homogeen"))
    sim.target_check.setChecked(False)
    sim.weeks.setValue(26)
    sim.seconds.setValue(0.5)
    sim.start()
    _wait(app, lambda: not c.simulator.is_running(), 600)
    _wait(app, lambda: False, 0.3)
    shot("11_simulatie", MainWindow.TAB_SIMULATION)

    # 6. import messages for a workbook with mistakes
    bad = tmp / "deelnemers_met_fouten.xlsx"
    _write_bad_workbook(SAMPLE, bad)
    c.mark_saved()
    c.open_file(bad)
    _wait(app, lambda: not c.opener.is_running() and c.session.source.name == bad.name, 60)
    _wait(app, lambda: False, 0.3)
    win.issues.show_issue(0)
    win.tabs.setCurrentIndex(MainWindow.TAB_LEARNERS)
    shot("09_meldingen")

    # 7. the other language
    other = "nl" if args.lang == "en" else "en"
    c.open_file(SAMPLE)
    _wait(app, lambda: c.problem is not None and c.session.source.name == SAMPLE.name, 60)
    win.switch_language(other)
    shot(f"10_learners_{other}", MainWindow.TAB_LEARNERS)
    win.switch_language(args.lang)

    c.mark_saved()
    win.close()
    for p in shots:
        print(f"{p.relative_to(ROOT) if p.is_relative_to(ROOT) else p}  {p.stat().st_size // 1024} KB")
    return 0


def _write_bad_workbook(src: Path, dst: Path) -> None:
    """A copy of the sample with an unreadable score, a bad daypart and an unknown district."""
    import openpyxl

    wb = openpyxl.load_workbook(src)
    ws = wb["Deelnemers"]
    ws["C3"] = "heel snel"
    ws["D5"] = "maandag nacht"
    ws["E7"] = "Mars"
    wb.save(dst)


if __name__ == "__main__":
    sys.exit(main())
