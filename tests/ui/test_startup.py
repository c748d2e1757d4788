"""``python -m ui`` on a fresh machine: a platform plugin that cannot load is found before Qt
aborts, the install line is printed and the sample is planned headless instead."""

from __future__ import annotations

import sys

import pytest

import ui.__main__ as entry

LDD = """\
\tlinux-vdso.so.1 (0x00007ffd)
\tlibQt6XcbQpa.so.6 => /venv/PySide6/Qt/lib/libQt6XcbQpa.so.6 (0x00007f)
\tlibxcb-cursor.so.0 => not found
\tlibxcb-icccm.so.4 => not found
\tlibxcb-keysyms.so.1 => not found
\tlibxcb-icccm.so.4 => not found
\tlibxkbcommon-x11.so.0 => not found
\tlibxcb.so.1 => /lib/x86_64-linux-gnu/libxcb.so.1 (0x00007f)
"""


def test_missing_libraries_and_their_debian_packages():
    missing = entry.missing_libraries(LDD)
    assert missing == ["libxcb-cursor.so.0", "libxcb-icccm.so.4", "libxcb-keysyms.so.1", "libxkbcommon-x11.so.0"]
    assert [entry.debian_package(s) for s in missing] == [
        "libxcb-cursor0", "libxcb-icccm4", "libxcb-keysyms1", "libxkbcommon-x11-0"]
    assert entry.debian_package("libxcb-render-util.so.0") == "libxcb-render-util0"
    assert entry.debian_package("libglib-2.0.so.0") == "libglib2.0-0"
    assert entry.debian_package("libdbus-1.so.3") == "libdbus-1-3"


def test_explanation_gives_the_install_line():
    text = entry.explain_failure("qt.qpa.plugin: ...", ["libxcb-cursor.so.0", "libxcb-icccm.so.4",
                                                        "libxcb-keysyms.so.1"])
    assert "sudo apt-get install libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1\n" in text
    # unknown cause: Qt's own words and the full list for the xcb plugin
    text = entry.explain_failure("qt.qpa.plugin: Could not load the Qt platform plugin \"xcb\"", [])
    assert 'Could not load the Qt platform plugin "xcb"' in text
    assert "sudo apt-get install libxcb-cursor0 libxcb-icccm4" in text


# What Qt 6.11 prints when DISPLAY names a screen that refuses the program (no XAUTHORITY): it also
# names libxcb-cursor0, though every library is there.
UNREACHABLE = """\
Authorization required, but no authorization protocol specified
qt.qpa.xcb: could not connect to display :99
qt.qpa.plugin: From 6.5.0, xcb-cursor0 or libxcb-cursor0 is needed to load the Qt xcb platform plugin.
qt.qpa.plugin: Could not load the Qt platform plugin "xcb" in "" even though it was found.
This application failed to start because no Qt platform plugin could be initialized."""


@pytest.mark.parametrize("frozen", [False, True])
def test_a_screen_that_cannot_be_reached_is_not_told_to_install_libraries(monkeypatch, frozen):
    """It said "Op Debian/Ubuntu installeert deze regel wat Qt nodig heeft: sudo apt-get install
    ..." (audit 6, dist: the desktop build started with a DISPLAY it had no rights to)."""
    monkeypatch.setenv("DISPLAY", ":99")
    monkeypatch.setattr(sys, "frozen", frozen, raising=False)
    text = entry.explain_failure(UNREACHABLE, [])
    assert "apt-get" not in text
    assert ":99 is niet bereikbaar" in text and "qt.qpa.xcb: could not connect to display :99" in text
    assert "zonder venster gepland" in text
    # libraries that are missing still get their install line, restarted the way it was started
    text = entry.explain_failure("...", ["libxcb-cursor.so.0"])
    assert "sudo apt-get install libxcb-cursor0" in text
    assert ("klasvormer-planner" in text) == frozen and ("make run" in text) == (not frozen)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the xcb platform exists on Linux")
def test_probe_survives_a_plugin_that_aborts(monkeypatch):
    # an X display that does not exist makes Qt abort the process, like a missing library does
    monkeypatch.setenv("QT_QPA_PLATFORM", "xcb")
    monkeypatch.setenv("DISPLAY", ":9731")
    ok, why = entry.probe_gui()
    assert not ok
    assert why
    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")
    assert entry.probe_gui() == (True, "offscreen")


def test_failed_probe_plans_headless_and_says_what_to_install(monkeypatch, capsys):
    import app.cli.klasvormer
    import ui.main

    calls: list[list[str]] = []
    monkeypatch.setattr(sys, "platform", "linux")
    monkeypatch.setattr(entry, "_has_screen", lambda: True)
    monkeypatch.setattr(entry, "probe_gui", lambda: (False, "qt.qpa.plugin: could not load xcb"))
    monkeypatch.setattr(entry, "xcb_missing_libraries", lambda: ["libxcb-icccm.so.4", "libxcb-keysyms.so.1"])
    monkeypatch.setattr(ui.main, "main", lambda argv: pytest.fail("the window must not be built"))
    monkeypatch.setattr(app.cli.klasvormer, "main", lambda argv: calls.append(argv) or 0)
    assert entry.main([]) == 0
    assert calls == [["run-default"]]
    err = capsys.readouterr().err
    assert "sudo apt-get install libxcb-icccm4 libxcb-keysyms1" in err
    assert "zonder venster" in err
