"""The undo history's step names follow a language switch.

Found from outside (the GUI audit): after switching to English the Edit menu still said
"Ongedaan maken: Verplaats 2 deelnemers naar de wachtlijst" for every step made before the switch:
the names were fixed in the language they were made in."""

from __future__ import annotations

from tests.ui.conftest import load


def _names(c) -> list[str]:
    return [c.undo_stack.text(i) for i in range(c.undo_stack.count())]


def test_every_step_is_named_again_in_the_new_language_and_back(qtbot, window, small_problem, solved_state):
    c = window.controller
    load(window, small_problem, solved_state)
    placed = [a.learner_id for a in solved_state.plan.assignments.values() if a.class_id][:3]
    assert c.move_learners(placed[:2], None)
    assert c.set_learner_lock(placed[2:], True)
    window.weights_page._changed("wait", 7)
    window.weights_page._changed("wait", 8)  # merged into the step before: named by its last value
    dutch = _names(c)
    assert dutch == ["Verplaats 2 deelnemers naar de wachtlijst", f"Zet {placed[2]} vast", "Gewicht wachttijd: 8"]
    try:
        window.switch_language("en")
        assert _names(c) == ["Move 2 learners to the waiting list", f"Lock {placed[2]}", "Weight waiting: 8"]
        assert window.act_undo.text().endswith("Weight waiting: 8")
        c.undo_stack.undo()
        assert window.act_redo.text().endswith("Weight waiting: 8")
        assert window.act_undo.text().endswith(f"Lock {placed[2]}")
    finally:
        window.switch_language("nl")
    assert _names(c) == dutch


def test_a_said_text_pickles_as_plain_text_and_copies_as_itself():
    """tr()'s texts may travel (to a worker process) or be copied with what holds them: pickled they
    are the plain text of the moment (the way to say them again is a closure), copied they are the
    same text, still able to follow a switch."""
    import copy
    import pickle

    from ui.i18n import Said, again, set_language, tr

    set_language("nl")
    try:
        said = tr("{n} deelnemers", n=3)
        assert isinstance(said, Said)
        back = pickle.loads(pickle.dumps(said))
        assert back == "3 deelnemers" and type(back) is str
        copied = copy.deepcopy({"step": said})["step"]
        set_language("en")
        assert again(copied) == "3 learners"
    finally:
        set_language("nl")
