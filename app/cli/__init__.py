"""The ``klasvormer`` command: plans, trade-off studies, simulations and templates without a screen.

:func:`main` loads the command (:mod:`app.cli.klasvormer`) when it is called: loading the solver
takes seconds on a busy machine, and a Ctrl-C meanwhile is then "Onderbroken." with exit 130, as
during the command's work, not a Python traceback."""

import sys

INTERRUPTED = ("Onderbroken.", "Interrupted.")
"""``app.cli.texts``' "interrupted" in Dutch and English (tests/app/test_cli_interrupt.py holds them equal)."""


def main(argv: list[str] | None = None) -> int:
    """Run the CLI (see :func:`app.cli.klasvormer.main`); returns the exit code."""
    try:
        from app.cli import klasvormer
    except KeyboardInterrupt:
        args = sys.argv[1:] if argv is None else list(argv)
        english = "--lang=en" in args or any(a == "--lang" and b == "en" for a, b in zip(args, args[1:], strict=False))
        # the catalogue's "interrupted" (app.cli.texts, which loads the solver: not at hand here)
        sys.stderr.write(INTERRUPTED[1 if english else 0] + "\n")
        return 130  # app.cli.exits.EXIT_INTERRUPTED
    return klasvormer.main(argv)


__all__ = ["main"]
