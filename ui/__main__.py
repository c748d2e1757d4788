"""``python -m ui`` (``make run``): open the planner with the bundled sample.

Without a screen (no DISPLAY, or QT_QPA_PLATFORM=offscreen) the sample is planned headless
through the CLI and the plan workbook is written instead. Before the window is built, a
short probe in a subprocess starts Qt's platform plugin: when that fails (on Linux usually
system libraries Qt's xcb plugin needs, e.g. ``libxcb-cursor0``; Qt would abort the whole
process) the exact ``apt-get install`` line is printed and the sample is planned headless.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

PROBE_SECONDS = 20
"""How long the platform probe may take (importing Qt the first time can take a few seconds)."""

_PROBE = (
    "from PySide6.QtGui import QGuiApplication\n"
    "app = QGuiApplication(['klasvormer'])\n"
    "print(app.platformName())\n"
)

XCB_PACKAGES = (
    "libxcb-cursor0", "libxcb-icccm4", "libxcb-image0", "libxcb-keysyms1", "libxcb-randr0",
    "libxcb-render-util0", "libxcb-shape0", "libxcb-xfixes0", "libxcb-xkb1", "libxkbcommon-x11-0",
    "libegl1", "libgl1", "libfontconfig1", "libdbus-1-3",
)
"""The Debian/Ubuntu packages Qt 6's xcb plugin needs beyond a bare system (``ldd libqxcb.so``);
README "Quick start" lists the same line."""

_PACKAGE_OF = {
    "libGL.so.1": "libgl1", "libEGL.so.1": "libegl1", "libGLX.so.0": "libglx0", "libGLdispatch.so.0": "libglvnd0",
    "libglib-2.0.so.0": "libglib2.0-0", "libgthread-2.0.so.0": "libglib2.0-0", "libdbus-1.so.3": "libdbus-1-3",
    "libX11.so.6": "libx11-6", "libX11-xcb.so.1": "libx11-xcb1", "libfontconfig.so.1": "libfontconfig1",
    "libfreetype.so.6": "libfreetype6",
}


def debian_package(soname: str) -> str:
    """The Debian package that ships ``soname`` (``libxcb-icccm.so.4`` -> ``libxcb-icccm4``)."""
    if soname in _PACKAGE_OF:
        return _PACKAGE_OF[soname]
    m = re.fullmatch(r"(lib[\w+.-]*?)\.so\.(\d+)(?:\.\d+)*", soname)
    if not m:
        return soname
    name, major = m.group(1).lower(), m.group(2)
    return f"{name}-{major}" if name[-1].isdigit() else f"{name}{major}"


def missing_libraries(ldd_output: str) -> list[str]:
    """The sonames ``ldd`` reports as ``not found``, once each, in order."""
    out: list[str] = []
    for line in ldd_output.splitlines():
        m = re.match(r"\s*(\S+)\s+=>\s+not found", line)
        if m and m.group(1) not in out:
            out.append(m.group(1))
    return out


def _xcb_plugin() -> Path | None:
    try:
        from PySide6.QtCore import QLibraryInfo
    except ImportError:
        return None
    plugin = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.PluginsPath)) / "platforms" / "libqxcb.so"
    return plugin if plugin.exists() else None


def xcb_missing_libraries() -> list[str]:
    """Libraries Qt's xcb plugin needs that this system lacks (empty when unknown or complete)."""
    plugin = _xcb_plugin()
    if plugin is None:
        return []
    try:
        done = subprocess.run(["ldd", str(plugin)], capture_output=True, text=True, timeout=PROBE_SECONDS)
    except (OSError, subprocess.SubprocessError):
        return []
    return missing_libraries(done.stdout)


def probe_gui(timeout: float = PROBE_SECONDS) -> tuple[bool, str]:
    """Start Qt's platform plugin in a subprocess: ``(True, platform)`` or ``(False, why)``.

    Qt aborts the process when no platform plugin loads, so this runs apart from the planner.
    """
    # The frozen application (packaging/launcher.py) has no ``-c``: it runs the probe on a flag.
    command = [sys.executable, "--qt-probe"] if getattr(sys, "frozen", False) else [sys.executable, "-c", _PROBE]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=timeout,
                              env=os.environ.copy())
    except subprocess.TimeoutExpired:
        return False, f"Qt startte niet binnen {timeout:.0f} s"
    except OSError as exc:
        from app.os_errors import os_error_text

        return False, os_error_text(exc)
    if done.returncode == 0:
        return True, done.stdout.strip()
    lines = [ln for ln in done.stderr.splitlines() if ln.strip()]
    return False, "\n".join(lines[-6:]) or f"afgebroken met code {done.returncode}"


DISPLAY_UNREACHABLE = "could not connect to display"
"""Qt's words when the X server named by DISPLAY does not answer or refuses (no X forwarding over
ssh, a closed session, no XAUTHORITY): no library is missing, so no install line helps."""


def explain_failure(why: str, missing: list[str]) -> str:
    """What to tell the planner when the window cannot open: the install line when it is known;
    when the screen itself cannot be reached, that (Qt then also names libxcb-cursor0, wrongly)."""
    if missing:
        packages = sorted(dict.fromkeys(debian_package(s) for s in missing))
        restart = "klasvormer-planner" if getattr(sys, "frozen", False) else "`make run`"
        return (
            "Het venster kan niet openen: Qt mist systeembibliotheken ({libs}).\n"
            "Installeer ze (Debian/Ubuntu) en start opnieuw met {restart}:\n"
            "    sudo apt-get install {pkgs}\n"
            "Het voorbeeld wordt nu zonder venster gepland."
        ).format(libs=", ".join(missing), pkgs=" ".join(packages), restart=restart)
    if DISPLAY_UNREACHABLE in why:
        return (
            "Het venster kan niet openen: het beeldscherm {display} is niet bereikbaar (Qt: {qt}).\n"
            "Start Klasvormer vanuit de grafische sessie zelf (via ssh: ssh -X, of met de juiste "
            "DISPLAY en XAUTHORITY).\n"
            "Het voorbeeld wordt nu zonder venster gepland."
        ).format(display=os.environ.get("DISPLAY") or "(DISPLAY)",
                 qt=next(ln.strip() for ln in why.splitlines() if DISPLAY_UNREACHABLE in ln))
    return (
        "Het venster kan niet openen; Qt meldt:\n{why}\n"
        "Op Debian/Ubuntu installeert deze regel wat Qt nodig heeft:\n"
        "    sudo apt-get install {pkgs}\n"
        "Het voorbeeld wordt nu zonder venster gepland."
    ).format(why="\n".join("    " + ln for ln in why.splitlines()), pkgs=" ".join(XCB_PACKAGES))


def _has_screen() -> bool:
    if os.environ.get("QT_QPA_PLATFORM") == "offscreen":
        return False
    if sys.platform.startswith("linux"):
        return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
    return True


def _gui_can_start() -> bool:
    """On Linux: probe the platform plugin first and explain what is missing; elsewhere: True."""
    if not sys.platform.startswith("linux"):
        return True
    ok, why = probe_gui()
    if not ok:
        print(explain_failure(why, xcb_missing_libraries()), file=sys.stderr)
    return ok


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if _has_screen() and "--no-gui" not in argv:
        try:
            from ui.main import main as gui_main
        except ImportError as exc:  # the GUI could not load: fall back to the headless plan
            print(f"Het venster kan niet openen ({exc}); het voorbeeld wordt zonder venster gepland.", file=sys.stderr)
        else:
            if _gui_can_start():
                return int(gui_main(argv))
    else:
        print("Geen beeldscherm gevonden: het voorbeeld wordt zonder venster gepland.", file=sys.stderr)
    from app.cli.klasvormer import main as cli_main

    return cli_main(["run-default"])


if __name__ == "__main__":
    sys.exit(main())
