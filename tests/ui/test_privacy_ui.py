"""Issue 23 in the planner window: keep the source only on request, export without names,
another path when an export fails, erase a learner."""

from __future__ import annotations

import zipfile

from app.session import DEFAULT_SETTINGS, Opened, Source

WAIT = 60_000
SOURCE = b"PK\x03\x04 the input workbook's bytes"


def _load(win, problem, state, extras=None):
    win.controller.apply_opened(Opened(Source(name="in.xlsx", data=SOURCE, extras=extras or {},
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
