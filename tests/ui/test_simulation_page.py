"""The Simulatie tab: a tiny simulation in the background, its table and chart, stop, close, save."""

from __future__ import annotations

import math

from PySide6.QtCore import Qt

from tests.ui.conftest import SAMPLE
from ui.mainwindow import MainWindow

WAIT = 60_000


def _open_sample(qtbot, window) -> None:
    with qtbot.waitSignal(window.controller.openFinished, timeout=WAIT):
        assert window.open_path(SAMPLE)


def _choose(page, policies, weeks: int = 2, arrivals: int = 4, seconds: float = 0.3) -> None:
    for spec, box in page.policy_boxes.items():
        box.setChecked(spec in policies)
    page.target_check.setChecked(False)
    page.weeks.setValue(weeks)
    page.arrivals.setValue(arrivals)
    page.seconds.setValue(seconds)


def test_simulation_runs_in_background_and_fills_table_chart_and_folder(qtbot, window, tmp_path, monkeypatch):
    _open_sample(qtbot, window)
    c, page = window.controller, window.simulation_page
    window.tabs.setCurrentIndex(MainWindow.TAB_SIMULATION)
    assert window.tabs.tabText(MainWindow.TAB_SIMULATION) == "Simulatie"
    assert not page.save_button.isEnabled() and page.model.rowCount() == 0
    assert not page.views.isTabEnabled(2)  # no statistics yet
    assert page.views.currentWidget() is page.controls_pane  # the settings first
    assert page.target_weeks.value() == c.problem.target_weeks
    _choose(page, ("status-quo", "gebalanceerd"), arrivals=6, seconds=0.1)  # the figures' kind is read, not their worth
    page.target_check.setChecked(True)
    page.target_weeks.setValue(4)
    specs = ["status-quo", "gebalanceerd", "gebalanceerd+streeftermijn=4"]
    assert page.policies() == specs
    progress = []
    c.simulationProgress.connect(progress.append)
    with qtbot.waitSignal(c.simulationFinished, timeout=WAIT) as blocker:
        assert page.run_button.isEnabled()
        page.run_button.click()
        assert page.stop_button.isEnabled() and not page.run_button.isEnabled() and not page.weeks.isEnabled()
    result = blocker.args[0]
    assert result is not None and not result.interrupted and c.simulation is result
    assert result.settings["weeks"] == 2 and result.settings["policies"] == specs
    assert progress and progress[-1].weeks_done == progress[-1].weeks_total == 6
    assert page.progress.value() == 1000
    assert "gepaard" in page.stats_text.text() and page.views.isTabEnabled(2)  # the paired differences
    assert page.views.currentWidget() is page.results_split  # the results shown when they come

    m = page.model
    assert m.rowCount() == 3 and m.policies() == specs
    for row in range(3):
        assert m.value(row, "weeks_done") == 2
        assert m.value(row, "classes_opened") >= 0 and m.value(row, "still_waiting") >= 0
        assert m.value(row, "wait_mean") >= 0 and m.value(row, "wait_p90") >= 0
        for key in ("misfit_mean", "travel_mean", "fill_mean"):
            # means over placed learners or new classes: '-' when there are none yet
            if (m.value(row, "placed") if key != "fill_mean" else m.value(row, "classes_opened")) > 0:
                assert m.value(row, key) >= 0
            else:
                assert math.isnan(m.value(row, key)) and m.data(m.index(row, m.column_of(key))) == "-"
        assert math.isnan(m.value(row, "fill_mean")) or 0 <= m.value(row, "fill_mean") <= 1
        # two weeks are shorter than the target wait: the share within target cannot be known
        assert m.data(m.index(row, m.column_of("within_target"))) == "-"
    assert m.data(m.index(0, 0)) == "Huidige werkwijze (status quo)"
    assert m.data(m.index(2, 0)) == "Gebalanceerd, streeftermijn 4 weken"
    # the chart shows the policies under which someone started (status quo fills running classes at once)
    plotted = [r for r in range(3) if m.value(r, "placed") > 0]
    assert 0 in plotted and len(page.chart.points()) == len(plotted)
    assert page.chart.points()[0].label == "Huidige werkwijze (status quo)"
    page.chart.pointClicked.emit(0)
    assert page.table.currentIndex().row() == 0
    assert page.save_button.isEnabled() and page.run_button.isEnabled() and not page.stop_button.isEnabled()

    # saving: a new folder is written without asking; a folder that is not empty is not used silently
    folder = tmp_path / "simulatie"
    asked = []
    monkeypatch.setattr(page, "ask_folder", lambda: str(folder))
    monkeypatch.setattr(page, "ask_overwrite", lambda path: asked.append(path) or False)
    with qtbot.waitSignal(c.simulationSaved, timeout=WAIT) as saved:
        assert page.save_dialog()
    assert saved.args == [str(folder), ""] and not asked
    for name in ("summary.csv", "weekly.csv", "settings.json", "afweging_wacht_passing.png"):
        assert (folder / name).stat().st_size > 0
    before = (folder / "summary.csv").stat().st_mtime_ns
    assert not page.save_dialog()
    assert asked == [folder] and (folder / "summary.csv").stat().st_mtime_ns == before

    # the table is a view of the controller's result: it survives the rebuild of a language switch
    try:
        window.switch_language("en")
        assert window.tabs.tabText(MainWindow.TAB_SIMULATION) == "Simulation"
        assert window.simulation_page.model.rowCount() == 3
        header = window.simulation_page.model.headerData(1, Qt.Orientation.Horizontal)
        assert header.replace("\n", " ") == "Wait mean (wk)"
    finally:
        window.switch_language("nl")


def test_stop_during_a_run_ends_it_and_closing_during_a_run_is_clean(qtbot, window):
    _open_sample(qtbot, window)
    c, page = window.controller, window.simulation_page
    _choose(page, ("gebalanceerd", "homogeen"), weeks=40, arrivals=4, seconds=0.5)
    with qtbot.waitSignal(c.simulationProgress, timeout=WAIT):
        assert page.start()
    with qtbot.waitSignal(c.simulationFinished, timeout=WAIT) as blocker:
        page.stop_button.click()
    result = blocker.args[0]
    assert result is not None and result.interrupted
    assert len(result.runs) == 1 and not result.runs[0].complete and result.runs[0].weeks_done < 40
    assert page.model.rowCount() == 1 and page.model.value(0, "weeks_done") < 40
    assert not c.simulator.is_running() and page.run_button.isEnabled() and not page.stop_button.isEnabled()

    assert page.start()
    qtbot.wait(200)
    window.close()  # sets the stop flag and waits for the thread
    assert not c.simulator.is_running()


def test_every_policy_modifier_is_named_in_the_planners_words() -> None:
    from ui.i18n import set_language
    from ui.pages.simulation import policy_label

    spec = "homogeen+niveau=16+wachten=4+eindwaarde=8+verwacht=3"
    try:
        nl = policy_label(spec)
        assert "16 punten per punt niveauverschil" in nl and "4 punten per week wachten" in nl
        assert "8 weken extra" in nl and "3 mogelijke toekomsten" in nl
        assert "verwachte aanmeldingen" in policy_label("gebalanceerd+verwacht")
        assert "referentie" in policy_label("homogeen+helderziend")
        set_language("en")
        en = policy_label(spec)
        assert "16 points per point of level gap" in en and "3 possible futures" in en
        assert "8 weeks more" in en and "reference" in policy_label("homogeen+helderziend")
    finally:
        set_language("nl")
