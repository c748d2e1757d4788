"""The ``klasvormer`` command: plans, trade-off studies, simulations and templates without a
screen. Its parser and ``main``; each subcommand lives in its own module, the exit codes in
:mod:`app.cli.exits`."""
from __future__ import annotations

import argparse
import contextlib
import logging
import os
import sys
from typing import Any, TextIO

from app.cli.args import (
    MAX_HORIZON,
    MAX_SEED,
    MAX_WORKERS,
    chart_file,
    check_outputs,
    check_overwrites,
    global_options,
    lang_in,
    names_arguments,
    number_arg,
    preset_arg,
    sample_input,
    settings_argument,
)
from app.cli.exits import EXIT_INPUT, EXIT_INTERRUPTED, EXIT_NO_PLAN, EXIT_OUTPUT, EXIT_USAGE
from app.cli.files import SAMPLE, default_out, name_too_long, version
from app.cli.helptexts import argparse_speaks, h
from app.cli.inputs import cmd_check, cmd_template
from app.cli.solve import cmd_solve
from app.cli.texts import err, os_error_line, problem_line, t
from app.cli.tradeoff import cmd_tradeoff


def cmd_run_default(args: argparse.Namespace) -> int:
    """Plan the bundled sample headless and write the plan workbook (``make run`` without a screen)."""
    out = default_out()
    out.parent.mkdir(parents=True, exist_ok=True)
    ns = build_parser().parse_args(["solve", str(SAMPLE), "-o", str(out), "--time-limit", str(args.time_limit)])
    refused = check_overwrites(ns)
    if refused:
        err(refused)
        return EXIT_OUTPUT
    return cmd_solve(ns)


def build_parser() -> argparse.ArgumentParser:
    """The parser, its help lines in the current ``--lang`` language (build it after setting it;
    argparse's own words follow :func:`~app.cli.helptexts.argparse_speaks`)."""
    parser = argparse.ArgumentParser(prog="klasvormer", description=h("description"))
    global_options(parser, default=None)
    parser.add_argument("--version", action="version", version=f"%(prog)s {version()}", help=h("version"))
    shared = global_options(argparse.ArgumentParser(add_help=False))
    sub = parser.add_subparsers(dest="command", required=True)

    def common(p: argparse.ArgumentParser, seconds: float = 30.0, what: str = "time_limit") -> None:
        p.add_argument("input", help=h("input"))
        settings_argument(p)
        p.add_argument("--time-limit", type=number_arg(float, 0, above=True), default=seconds,
                       help=h(what, seconds=f"{seconds:g}"))
        p.add_argument("--preset", type=preset_arg, help=h("preset"))
        p.add_argument("--horizon", type=number_arg(int, 1, MAX_HORIZON), help=h("horizon", max=MAX_HORIZON))
        p.add_argument("--deterministic", action="store_true", help=h("deterministic"))
        p.add_argument("--seed", type=number_arg(int, 0, MAX_SEED), default=0, help=h("seed", max=MAX_SEED))
        p.add_argument("--workers", type=number_arg(int, 1, MAX_WORKERS), default=None, help=h("workers", max=MAX_WORKERS))
        p.add_argument("--json", action="store_true", help=h("json"))
        p.add_argument("--errors", help=h("errors"))
        p.add_argument("--max-messages", type=number_arg(int, 0), default=50, help=h("max_messages", default=50))
        p.add_argument("--force", action="store_true", help=h("force_output"))

    s = sub.add_parser("solve", parents=[shared], help=h("solve"), description=h("solve"))
    common(s)
    s.add_argument("-o", "--output", help=h("solve_output"))
    names_arguments(s)
    s.add_argument("--progress", action="store_true", help=h("progress"))
    s.add_argument("--bound-time", type=number_arg(float, 0), default=0.0, help=h("bound_time"))
    s.set_defaults(func=cmd_solve)

    t = sub.add_parser("tradeoff", parents=[shared], help=h("tradeoff"), description=h("tradeoff"))
    common(t, 60.0, "time_limit_all")
    t.add_argument("--points", type=number_arg(int, 1), default=5, help=h("points"))
    t.add_argument("-o", "--output", help=h("tradeoff_output"))
    names_arguments(t)
    t.add_argument("--chart", help=h("chart"))
    t.add_argument("--max-wait", type=number_arg(float, 0), metavar=h("weeks_metavar"), help=h("max_wait"))
    t.add_argument("--max-misfit", type=number_arg(float, 0), metavar=h("points_metavar"), help=h("max_misfit"))
    t.set_defaults(func=cmd_tradeoff)

    c = sub.add_parser("check", parents=[shared], help=h("check"), description=h("check"))
    c.add_argument("input", help=h("input"))
    settings_argument(c)
    c.add_argument("--errors", help=h("check_errors"))
    c.add_argument("--max-messages", type=number_arg(int, 0), default=200, help=h("max_messages", default=200))
    c.add_argument("--force", action="store_true", help=h("force_output"))
    c.set_defaults(func=cmd_check)

    tp = sub.add_parser("template", parents=[shared], help=h("template"), description=h("template"))
    tp.add_argument("output", help=h("template_output"))
    tp.add_argument("--force", action="store_true", help=h("force"))
    tp.set_defaults(func=cmd_template)

    # The desktop build writes to the user's documents (files.default_out), not to out/ here.
    run_help = (h("run_default_frozen", folder=str(default_out().parent)) if getattr(sys, "frozen", False)
                else h("run_default"))
    r = sub.add_parser("run-default", parents=[shared], help=run_help, description=run_help)
    r.add_argument("--time-limit", type=number_arg(float, 0, above=True), default=20.0, help=h("time_limit", seconds="20"))
    r.set_defaults(func=cmd_run_default)

    from app.cli.next_week import add_next_week_parser

    add_next_week_parser(sub, parents=[shared])

    try:
        from app.cli.simulate import add_simulate_parser
    except ImportError:
        pass
    else:
        add_simulate_parser(sub, parents=[shared])
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the CLI; returns the exit code. The message language it sets (``--lang``) is the
    caller's again afterwards, so an in-process call leaves no trace."""
    from optimizer.messages import get_language, set_language

    before, streams = get_language(), (sys.stdout, sys.stderr)
    closed: list[TextIO] = []
    for name, stream in zip(("stdout", "stderr"), streams, strict=True):
        if stream is None:  # no console (pythonw, a scheduled task): what would be said goes nowhere
            stream = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115 (closed below)
            closed.append(stream)
        setattr(sys, name, _ReaderMayGo(stream))
    try:
        return _main(argv)
    except KeyboardInterrupt:  # Ctrl-C before the command's own work (loading, the parser): no traceback
        err(t("interrupted"))
        return EXIT_INTERRUPTED
    finally:
        set_language(before)
        sys.stdout.flush()  # what is still buffered, through the guard
        sys.stderr.flush()
        sys.stdout, sys.stderr = streams
        for stream in closed:
            stream.close()


class _ReaderMayGo:
    """Standard output or error whose reader may go away (``klasvormer solve ... | head``,
    ``2>&1 | head``): the command still finishes its work (the plan is written) and says
    nothing more. Seen from outside: "Onverwachte fout: BrokenPipeError" and exit 3 though the
    plan was written; with standard error's reader gone (progress lines), no plan at all."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream
        self._gone = False

    def write(self, text: str) -> int:
        if not self._gone:
            try:
                return self._stream.write(text)
            except BrokenPipeError:
                self._went()
        return len(text)

    def flush(self) -> None:
        if not self._gone:
            try:
                self._stream.flush()
            except BrokenPipeError:
                self._went()

    def _went(self) -> None:
        self._gone = True
        # the interpreter flushes standard output at exit: into nothing, not the closed pipe
        with contextlib.suppress(OSError, ValueError, AttributeError):  # not a real file (a test's capture)
            os.dup2(os.open(os.devnull, os.O_WRONLY), self._stream.fileno())

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


def _main(argv: list[str] | None) -> int:
    from optimizer import set_language

    argv = sys.argv[1:] if argv is None else list(argv)
    language = lang_in(argv) or "nl"
    set_language(language)
    with argparse_speaks(language):
        parser = build_parser()
        try:
            args = parser.parse_args(argv)
        except SystemExit as exc:
            return int(exc.code or 0) and EXIT_USAGE
    set_language(args.lang)
    chart_file(args)
    sample_input(args)
    refused = check_outputs(args)
    if refused:
        err(refused)
        return EXIT_USAGE
    refused = check_overwrites(args)  # as template: an existing file not ours is kept (exit 4)
    if refused:
        err(refused)
        return EXIT_OUTPUT
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    try:
        return int(args.func(args))
    except KeyboardInterrupt:
        err(t("interrupted"))
        return EXIT_INTERRUPTED
    except FileNotFoundError as exc:
        err(t("file_not_found", path=exc.filename))
        return EXIT_INPUT
    except Exception as exc:  # the last line of defence: a message, never a traceback
        too_long = name_too_long(exc, getattr(args, "input", ""))
        if too_long is not None:  # such a file cannot exist
            err(too_long)
            return EXIT_INPUT
        if args.verbose:
            logging.getLogger(__name__).exception("unexpected error")
        if isinstance(exc, OSError):  # a file the system refused: which and why, in words (not "[Errno 13] ...")
            err(problem_line(os_error_line(exc)))
            return EXIT_NO_PLAN
        err(t("unexpected", error=f"{exc.__class__.__name__}: {str(exc).rstrip('.')}"))
        return EXIT_INPUT if isinstance(exc, ValueError) else EXIT_NO_PLAN


if __name__ == "__main__":
    sys.exit(main())
