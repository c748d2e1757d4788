"""``klasvormer template`` and ``klasvormer check``: the input workbook without planning."""

from __future__ import annotations

import argparse
from pathlib import Path

from app.cli.exits import EXIT_INPUT, EXIT_OK, EXIT_OUTPUT
from app.cli.files import is_reimport, load_input, print_capped
from app.cli.texts import err, problem_line, t


def cmd_template(args: argparse.Namespace) -> int:
    from app.workbook.template import write_template

    if Path(args.output).exists() and not args.force:
        err(t("template_exists", path=args.output))
        return EXIT_OUTPUT
    try:
        write_template(args.output)
    except OSError as exc:
        err(t("cannot_write", path=args.output, reason=exc.strerror or exc))
        return EXIT_OUTPUT
    print(t("template_written", path=Path(args.output).resolve()))
    return EXIT_OK


def cmd_check(args: argparse.Namespace) -> int:
    loaded = load_input(args.input, args)
    if isinstance(loaded, int):
        return loaded
    p = loaded.problem
    if is_reimport(loaded):
        from app.workbook.reimport import edit_problems

        edits = loaded.plan_edits
        print(t("edits_found", path=args.input, n=len(edits), colon=":" if edits else "."))
        for e in edits:
            print(f"  {e.text(args.lang)}")
        problems = edit_problems(p)
        if problems:
            print_capped([problem_line(m.text(args.lang)) for m in problems], args.max_messages, "more_errors")
            err(t("edit_problems", path=args.input, n=len(problems)))
            return EXIT_INPUT
    print(t("check_ok", path=args.input, learners=len(p.learners), locations=len(p.locations),
             schedules=len(p.schedules), routes=len(p.routes), running=len(p.running)))
    return EXIT_OK
