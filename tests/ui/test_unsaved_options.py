"""Options changed in the window are unsaved work, like edits: the title shows it, closing asks,
autosave keeps them, and unticking 'Invoerbestand in het project bewaren' then saving drops the
input workbook from the project. Opening a file or switching the language changes nothing."""

from __future__ import annotations

import json
import zipfile

import pytest

from app.planner.session import DEFAULT_SETTINGS, Opened, Source
from ui.window.files import CANCEL, DISCARD, SAVE

WAIT = 60_000
SOURCE = b"PK\x03\x04 the input workbook's bytes, with Persoon Geheim-001"


def _load(win, problem, state=None, extras=None):
    win.controller.apply_opened(Opened(Source(name="in.xlsx", data=SOURCE, extras=dict(extras or {}),
                                              name_column="Naam" if extras else None),
                                       problem, state, dict(DEFAULT_SETTINGS)))


def _names(problem):
    return {lr.id: {"Naam": f"Persoon Geheim-{i:03d}"} for i, lr in enumerate(problem.learners)}


def _spin(widget):
    """Set a spin box one step away from its value; return how to set it back."""
    old = widget.value()
    widget.setValue(old + widget.singleStep() if old < widget.maximum() else old - widget.singleStep())
    return lambda: widget.setValue(old)


def _check(box):
    box.toggle()
    return box.toggle


def _combo(combo):
    old = combo.currentIndex()
    combo.setCurrentIndex((old + 1) % combo.count())
    return lambda: combo.setCurrentIndex(old)


def _action(act):
    act.trigger()
    return act.trigger


# every option of the window: where it is, and how to change it (returning how to change it back)
OPTIONS = {
    "time_limit": lambda w: _spin(w.optimize_page.time_limit),
    "prove_bound": lambda w: _check(w.optimize_page.prove),
    "keep_source": lambda w: _action(w.act_keep_source),
    "tradeoff_points": lambda w: _spin(w.compare_page.points),
    "tradeoff_time": lambda w: _spin(w.compare_page.seconds),
    "sim_policies": lambda w: _check(w.simulation_page.policy_boxes["homogeen"]),
    "sim_target": lambda w: _check(w.simulation_page.target_check),
    "sim_target_weeks": lambda w: _spin(w.simulation_page.target_weeks),
    "sim_weeks": lambda w: _spin(w.simulation_page.weeks),
    "sim_arrivals": lambda w: _spin(w.simulation_page.arrivals),
    "sim_seconds": lambda w: _spin(w.simulation_page.seconds),
    "sim_seed": lambda w: _spin(w.simulation_page.seed),
    "sim_seeds": lambda w: _spin(w.simulation_page.seeds),
    "sim_scenario": lambda w: _combo(w.simulation_page.scenario),
    "sim_peak": lambda w: _check(w.simulation_page.peak),
}


@pytest.mark.parametrize("key", list(OPTIONS))
def test_changing_an_option_marks_the_project_modified(window, small_problem, key):
    _load(window, small_problem)
    c = window.controller
    assert not c.is_dirty() and not window.isWindowModified()
    before = c.session.settings.get(key)
    back = OPTIONS[key](window)
    assert c.session.settings.get(key) != before
    assert c.is_dirty() and window.isWindowModified()  # the title's asterisk
    assert not c.undo_stack.canUndo()  # an option is no undo step: Ctrl+Z stays with the plan's edits
    back()
    assert c.session.settings.get(key) == before
    assert not c.is_dirty() and not window.isWindowModified()  # set back: nothing left to save


def test_undoing_the_edits_leaves_a_changed_option_unsaved(window, small_problem, solved_state):
    _load(window, small_problem, solved_state)
    c = window.controller
    lid = next(a.learner_id for a in solved_state.plan.assignments.values() if a.placed)
    c.set_learner_lock([lid], True)
    window.optimize_page.time_limit.setValue(45)
    c.undo_stack.undo()
    assert c.undo_stack.isClean() and c.is_dirty() and window.isWindowModified()


@pytest.mark.parametrize("answer", [CANCEL, DISCARD])
def test_closing_after_an_option_change_asks(window, small_problem, monkeypatch, answer):
    _load(window, small_problem)
    asked = []
    monkeypatch.setattr(window, "ask_save_changes", lambda: asked.append(1) or answer)
    window.compare_page.points.setValue(window.compare_page.points.value() + 1)
    window.close()
    assert asked == [1]
    assert window.isVisible() == (answer == CANCEL)
    monkeypatch.setattr(window, "ask_save_changes", lambda: DISCARD)


def test_unticking_keep_source_then_saving_on_close_drops_the_input_from_the_project(
        qtbot, window, small_problem, solved_state, tmp_path, monkeypatch):
    project = tmp_path / "p.klasvormer"
    _load(window, small_problem, solved_state, _names(small_problem))
    c = window.controller
    window.act_keep_source.trigger()
    monkeypatch.setattr(window, "ask_save_path", lambda *a: str(project))
    assert window.save_as()
    with zipfile.ZipFile(project) as zf:
        assert zf.read("source/in.xlsx") == SOURCE

    with qtbot.waitSignal(c.openFinished, timeout=WAIT):
        window.open_path(project)
    assert c.keep_source() and window.act_keep_source.isChecked()
    assert not c.is_dirty() and not window.isWindowModified()  # opening is no change
    window.act_keep_source.trigger()
    window.optimize_page.time_limit.setValue(45)
    assert not c.keep_source() and c.is_dirty() and window.isWindowModified()

    asked = []
    monkeypatch.setattr(window, "ask_save_changes", lambda: asked.append(1) or SAVE)
    window.close()
    assert asked == [1] and not window.isVisible()
    with zipfile.ZipFile(project) as zf:
        assert not [n for n in zf.namelist() if n.startswith("source/")]
        assert not any(SOURCE in zf.read(n) for n in zf.namelist())
        settings = json.loads(zf.read("settings.json"))
    assert settings["keep_source"] is False and settings["time_limit"] == 45


def test_opening_a_project_or_switching_language_is_no_change(qtbot, window, small_problem, solved_state,
                                                                tmp_path):
    _load(window, small_problem, solved_state)
    c = window.controller
    assert not c.is_dirty()
    # options away from their defaults, saved in a project
    window.optimize_page.time_limit.setValue(45)
    window.optimize_page.prove.setChecked(True)
    window.compare_page.points.setValue(7)
    window.compare_page.seconds.setValue(90)
    sim = window.simulation_page
    sim.weeks.setValue(30)
    sim.seeds.setValue(3)
    sim.seconds.setValue(2.5)
    sim.target_check.setChecked(True)
    sim.scenario.setCurrentIndex(1)
    project = tmp_path / "opties.klasvormer"
    assert c.save_project(project)
    assert not c.is_dirty()

    _load(window, small_problem, solved_state)  # another input: its own options, nothing changed
    assert not c.is_dirty() and not window.isWindowModified()
    with qtbot.waitSignal(c.openFinished, timeout=WAIT):
        window.open_path(project)
    assert c.session.settings["sim_weeks"] == 30 and c.session.settings["time_limit"] == 45
    assert not c.is_dirty() and not window.isWindowModified()
    window.switch_language("en")
    assert not c.is_dirty() and not window.isWindowModified()
    window.switch_language("nl")
    assert not c.is_dirty() and not window.isWindowModified()


def test_autosave_keeps_a_changed_option(qtbot, window, small_problem, solved_state):
    _load(window, small_problem, solved_state)
    c = window.controller
    assert not window.autosave()  # nothing to lose
    window.optimize_page.time_limit.setValue(45)
    with qtbot.waitSignal(c.autosaveFinished, timeout=WAIT) as blocker:
        assert window.autosave()  # an option alone is work to keep
    assert blocker.args == [""]
    assert not window.autosave()  # written already

    lid = next(a.learner_id for a in solved_state.plan.assignments.values() if a.placed)
    c.set_learner_lock([lid], True)
    with qtbot.waitSignal(c.autosaveFinished, timeout=WAIT):
        assert window.autosave()
    window.act_keep_source.trigger()  # an option changed since, the plan not: written again
    with qtbot.waitSignal(c.autosaveFinished, timeout=WAIT):
        assert window.autosave()
    with zipfile.ZipFile(window.recovery.path) as zf:
        settings = json.loads(zf.read("settings.json"))
        assert zf.read("source/in.xlsx") == SOURCE
    assert settings["time_limit"] == 45 and settings["keep_source"] is True


def test_an_opened_project_shows_and_uses_its_options(qtbot, window, small_problem, solved_state, tmp_path):
    _load(window, small_problem, solved_state)
    c = window.controller
    for key, value in (("time_limit", 45), ("prove_bound", True), ("tradeoff_points", 7), ("tradeoff_time", 90)):
        c.set_setting(key, value)
    project = tmp_path / "opties.klasvormer"
    assert c.save_project(project)

    _load(window, small_problem, solved_state)  # a workbook: the default options, on screen too
    page, compare = window.optimize_page, window.compare_page
    assert (page.time_limit.value(), page.prove.isChecked()) == (20, False)
    assert (compare.points.value(), compare.seconds.value()) == (5, 60)
    with qtbot.waitSignal(c.openFinished, timeout=WAIT):
        window.open_path(project)
    assert (page.time_limit.value(), page.prove.isChecked()) == (45, True)  # what a solve will use
    assert (compare.points.value(), compare.seconds.value()) == (7, 90)
    assert not c.is_dirty() and not window.isWindowModified()
    window.switch_language("en")  # the pages rebuilt show them too
    assert window.optimize_page.time_limit.value() == 45 and window.compare_page.points.value() == 7
    window.switch_language("nl")
