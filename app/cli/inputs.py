"""``klasvormer template`` and ``klasvormer check``: the input workbook without planning."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from app.cli.exits import EXIT_OK, EXIT_OUTPUT
from app.cli.files import (
    ProgressLine,
    edit_errors,
    held_line,
    is_reimport,
    load_input,
    seconds_text,
)
from app.cli.texts import err, reason_text, t


def cmd_template(args: argparse.Namespace) -> int:
    from app.workbook.template import write_template

    if Path(args.output).exists() and not args.force:
        err(t("template_exists", path=args.output))
        return EXIT_OUTPUT
    from app.safefile import ReadOnlyFileError
    from app.workbook.xlsx_util import WriteError

    try:
        write_template(args.output, lang=args.lang)
    except (WriteError, ReadOnlyFileError) as exc:  # a whole sentence, in the --lang language
        err(t("cannot_write_because", path=args.output, reason=reason_text(exc)))
        return EXIT_OUTPUT
    except OSError as exc:
        err(t("cannot_write", path=args.output, reason=reason_text(exc).rstrip(".")))
        return EXIT_OUTPUT
    print(t("template_written", path=Path(args.output).resolve()))
    return EXIT_OK


def cmd_check(args: argparse.Namespace) -> int:
    loaded = load_input(args.input, args)
    if isinstance(loaded, int):
        return loaded
    p = loaded.problem
    if is_reimport(loaded):
        edits = loaded.plan_edits
        print(t("edits_found", path=args.input, n=len(edits), colon=":" if edits else "."))
        for e in edits:
            print(f"  {e.text(args.lang)}")
    from app.workbook.reimport import settings_problems

    # what solve would say of the settings (seen from outside: check said only "in orde"); it takes
    # the candidates of the whole problem, so a line ticks meanwhile (on 3,000 learners at 35
    # locations "in orde" came, then 35 s of nothing)
    progress = ProgressLine(sys.stderr.isatty(), waiting=lambda s: t("check_tick", s=seconds_text(s))).start()
    try:
        notes = settings_problems(p)  # (the edits' check below takes the same diagnosis)
    finally:
        progress.end(clear=True)
    if is_reimport(loaded):
        code = edit_errors(loaded, args, planning=False)
        if code is not None:
            return code
        held = held_line(p)
        if held:
            print(held)
    print(t("check_ok", path=args.input, learners=len(p.learners), locations=len(p.locations),
             schedules=len(p.schedules), routes=len(p.routes), running=len(p.running)))
    if notes:
        print(t("check_notes"))
        for m in notes:
            print(f"- {m.text(args.lang)}")
        from optimizer.plan import BLOCKING_DIAGNOSES

        if any(m.key in BLOCKING_DIAGNOSES for m in notes):  # no new class can open: solve will stop (exit 3)
            print(t("check_blocked"))
    return EXIT_OK
