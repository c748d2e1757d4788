"""Issue 23 in the planner window: keep the source only on request, export without names,
another path when an export fails, erase a learner."""

from __future__ import annotations

import zipfile

from app.planner.session import DEFAULT_SETTINGS, Opened, Source

WAIT = 60_000
SOURCE = b"PK\x03\x04 the input workbook's bytes"


def _load(win, problem, state, extras=None):
    win.controller.apply_opened(Opened(Source(name="in.xlsx", data=SOURCE, extras=dict(extras or {}),
                                              name_column="Naam" if extras else None),
                                       problem, state, dict(DEFAULT_SETTINGS)))


def test_save_keeps_the_input_file_only_when_asked(window, small_problem, solved_state, tmp_path):
    _load(window, small_problem, solved_state)
    c = window.controller
    assert window.act_keep_source.isEnabled() and not window.act_keep_source.isChecked()
    assert c.save_project(tmp_path / "zonder.klasvormer")
    with zipfile.ZipFile(tmp_path / "zonder.klasvormer") as zf:
        assert not [n for n in zf.namelist() if n.startswith("source/")]
    window.act_keep_source.trigger()
    assert c.keep_source()
    assert c.save_project(tmp_path / "met.klasvormer")
    with zipfile.ZipFile(tmp_path / "met.klasvormer") as zf:
        assert zf.read("source/in.xlsx") == SOURCE


def _names(problem):
    return {lr.id: {"Naam": f"Persoon Geheim-{i:03d}", "BSN": f"88{i:07d}", "Mentor": f"mentor-{i:03d}"}
            for i, lr in enumerate(problem.learners)}


def test_export_without_names_from_the_menu(qtbot, window, small_problem, solved_state, tmp_path, monkeypatch):
    from tests.app.privacy import found, xlsx_texts

    extras = _names(small_problem)
    _load(window, small_problem, solved_state, extras)
    assert window.act_export_anon.isEnabled()
    offered = []
    monkeypatch.setattr(window, "ask_keep_columns", lambda cols: offered.append(cols) or ["Mentor"])
    out = tmp_path / "gemeente.xlsx"
    monkeypatch.setattr(window, "ask_save_path", lambda *a: str(out))
    with qtbot.waitSignal(window.controller.exportFinished, timeout=WAIT) as blocker:
        window.act_export_anon.trigger()
    assert blocker.args == [str(out), ""]
    assert offered == [["BSN", "Mentor"]]  # names never offered
    texts = xlsx_texts(out)
    secret = {v for row in extras.values() for k, v in row.items() if k != "Mentor"}
    assert not found(secret, texts)
    assert "mentor-001" in "\n".join(texts)


def test_failed_export_offers_another_path_with_the_same_options(qtbot, window, small_problem, solved_state,
                                                                  tmp_path, monkeypatch):
    from tests.app.privacy import found, xlsx_texts

    extras = _names(small_problem)
    _load(window, small_problem, solved_state, extras)
    c = window.controller
    blocker_file = tmp_path / "bestand"
    blocker_file.write_text("x")
    asked = []
    monkeypatch.setattr(window, "ask_other_export_path", lambda text: asked.append(text) or True)
    other = tmp_path / "elders.xlsx"
    monkeypatch.setattr(window, "ask_save_path", lambda *a: str(other))
    with qtbot.waitSignal(c.exportFinished, timeout=WAIT, check_params_cb=lambda p, e: p == str(other)) as done:
        assert c.export_plan(blocker_file / "plan.xlsx", pseudonymise=True)
    assert done.args == [str(other), ""]
    assert len(asked) == 1 and "plan.xlsx" in asked[0]
    assert not window.messages  # one question, not a second warning
    assert not found({v for row in extras.values() for v in row.values()}, xlsx_texts(other))
    assert c.session.settings["exports"] == [str(other)]


def test_erase_learner_from_the_learners_page(qtbot, window, small_problem, solved_state, tmp_path, monkeypatch):
    from tests.app.privacy import found, zip_texts

    extras = _names(small_problem)
    _load(window, small_problem, solved_state, extras)
    c = window.controller
    lid = next(a.learner_id for a in solved_state.plan.assignments.values() if a.placed)
    other = next(a.learner_id for a in solved_state.plan.assignments.values() if not a.placed)
    c.move_learners([other], solved_state.plan.assignments[lid].class_id)  # an undo step
    with qtbot.waitSignal(c.autosaver.finished, timeout=WAIT):
        assert window.autosave()
    recovery = window.recovery.path
    secrets = {lid, extras[lid]["Naam"], extras[lid]["BSN"]}
    assert found(secrets, zip_texts(recovery))

    window.tabs.setCurrentIndex(window.TAB_LEARNERS)
    window.learners_page.focus_learner(lid, "")
    assert window.learners_page.selected_learner_ids() == [lid]
    window._update_actions()
    assert window.act_erase.isEnabled()
    asked, reports = [], []
    monkeypatch.setattr(window, "ask_confirm_erase", lambda text: asked.append(text) or True)
    monkeypatch.setattr(window, "show_report", lambda title, text: reports.append(text))
    window.act_erase.trigger()
    assert len(asked) == 1 and lid in asked[0] and extras[lid]["Naam"] in asked[0]  # the dialog names them
    assert lid not in c.problem.learner_by_id and lid not in c.plan.assignments
    assert not c.undo_stack.canUndo()  # undo cannot bring them back
    assert c.is_dirty()  # not saved in a project yet
    assert not found(secrets, zip_texts(recovery))  # the autosave was rewritten
    assert reports and "bewerkgeschiedenis" in reports[0] and "herstelbestand" in reports[0]
    assert window.learners_page.model.rowCount() == len(small_problem.learners) - 1
