"""``python -m ui`` (``make run``): open the planner with the bundled sample.

Without a screen (no DISPLAY, or QT_QPA_PLATFORM=offscreen) the sample is planned headless
through the CLI and the plan workbook is written instead.
"""

from __future__ import annotations

import os
import sys


def _has_screen() -> bool:
    if os.environ.get("QT_QPA_PLATFORM") == "offscreen":
        return False
    if sys.platform.startswith("linux"):
        return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
    return True


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if _has_screen() and "--no-gui" not in argv:
        try:
            from ui.main import main as gui_main
        except ImportError as exc:  # the GUI could not load: fall back to the headless plan
            print(f"Het venster kan niet openen ({exc}); het voorbeeld wordt zonder venster gepland.", file=sys.stderr)
        else:
            return int(gui_main(argv))
    else:
        print("Geen beeldscherm gevonden: het voorbeeld wordt zonder venster gepland.", file=sys.stderr)
    from app.cli import main as cli_main

    return cli_main(["run-default"])


if __name__ == "__main__":
    sys.exit(main())
