"""``klasvormer next-week`` (``volgende-week``): a plan workbook carried over to a later plan date.

Every class of the plan that started before the new plan date becomes a running class, the
learners who started leave the learners to plan and are kept on the sheet *Gestart*, running
classes that ended are dropped (:func:`app.planner.next_week.next_week`). The output is a plan
workbook of the next period (the classes not yet started still as planned), which ``check`` and
``solve`` read as any plan workbook.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from typing import Any

from app.cli.args import names_arguments, number_arg
from app.cli.exits import EXIT_INPUT, EXIT_OK, EXIT_OUTPUT, EXIT_USAGE
from app.cli.files import (
    ProgressLine,
    edit_errors,
    load_input,
    names_check,
    names_options,
    seconds_text,
    write_output,
)
from app.cli.helptexts import h
from app.cli.texts import err, lang, t
from app.workbook.values import fmt_date


def date_arg(text: str) -> date:
    """An argparse ``type=``: the new plan date as the window takes it too
    (:func:`app.planner.next_week.parse_plan_date`: DD-MM-JJJJ, JJJJ-MM-DD or DD/MM/JJJJ)."""
    from app.planner.next_week import PlanDateError, parse_plan_date

    try:
        return parse_plan_date(text)
    except PlanDateError as exc:
        raise argparse.ArgumentTypeError(exc.text(lang())) from None


def add_next_week_parser(sub: Any, parents: list[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("next-week", aliases=["volgende-week"], parents=parents, help=h("next_week"),
                       description=h("next_week"))
    p.add_argument("input", help=h("next_week_input"))
    p.add_argument("--plandatum", "--plan-date", dest="plan_date", type=date_arg, required=True,
                   metavar="DD-MM-JJJJ", help=h("next_week_date"))
    p.add_argument("-o", "--output", required=True, help=h("next_week_output"))
    p.add_argument("--max-messages", type=number_arg(int, 0), default=50, help=h("max_messages", default=50))
    p.add_argument("--force", action="store_true", help=h("force_output"))
    names_arguments(p)
    p.set_defaults(func=cmd_next_week)


def cmd_next_week(args: argparse.Namespace) -> int:
    from app.planner.next_week import NextWeekError, next_week, next_week_writer
    from app.workbook.reimport import is_plan_workbook
    from app.workbook.started import merged_started

    if not is_plan_workbook(args.input):
        err(t("next_week_not_plan", path=args.input))
        return EXIT_INPUT
    loaded = load_input(args.input, args)
    if isinstance(loaded, int):
        return loaded
    # the edits' check and the carried plan each take the candidates of the whole problem, then the
    # workbook is written: a line ticks meanwhile (3,000 learners: 12.7 s of nothing on a busy machine)
    progress = ProgressLine(sys.stderr.isatty(), waiting=lambda s: t("next_week_tick", s=seconds_text(s))).start()
    try:
        code = edit_errors(loaded, args, planning=False)  # edits that cannot hold: as check and solve say
        if code is not None:
            return code
        if not names_check(args, loaded.extras):
            return EXIT_USAGE
        problem = loaded.problem
        try:
            nw = next_week(problem, args.plan_date)
        except NextWeekError as exc:
            err(exc.text(lang(), name=args.input))
            return EXIT_INPUT
        write, whole = next_week_writer(nw, loaded.extras, lang(), earlier=loaded.started, **names_options(args))
        if not whole:  # the earlier plan does not hold in the next period: its learners and settings only
            err(t("next_week_no_start"))
        if not write_output(write, args.output, args.input):
            return EXIT_OUTPUT
    finally:
        progress.end(clear=True)
    print(t("next_week_done", path=args.input, old=fmt_date(problem.plan_date), new=fmt_date(args.plan_date),
            output=args.output))
    for rc in nw.carried:
        print(t("next_week_carried", id=rc.id, n=sum(1 for s in nw.started if s.class_id == rc.id),
                free=rc.free_seats, end=fmt_date(rc.end_date)))
    for rid, n in sorted(nw.joined.items()):
        print(t("next_week_joined", id=rid, n=n))
    for rc in nw.finished:
        print(t("next_week_finished", id=rc.id, end=fmt_date(rc.end_date)))
    print(t("next_week_summary", started=len(nw.started), learners=len(nw.problem.learners), kept=len(nw.kept)))
    if loaded.started:
        print(t("next_week_started_total", earlier=len(loaded.started),
                total=len(merged_started(loaded.started, nw.started))))
    return EXIT_OK
