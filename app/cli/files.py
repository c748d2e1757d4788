"""Reading the input and writing the outputs for the subcommands: issues on stderr, the error
workbook, a plan that cannot be written kept elsewhere, the bundled sample's paths."""

from __future__ import annotations

import argparse
import errno
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from app.cli.exits import EXIT_INPUT, EXIT_OUTPUT, EXIT_USAGE
from app.cli.texts import BEFORE_ERR, err, lang, reason_text, t

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "samples" / "b1_aanbieder.xlsx"
DEFAULT_OUT = ROOT / "out" / "plan_b1_aanbieder.xlsx"


def default_out() -> Path:
    """Where ``run-default`` writes: ``out/`` in the current folder (``make run`` runs in the
    source tree, so there; before, always the source tree's, wherever it was run from); in the
    frozen application (packaging/) the user's Documents folder (home without one), never the
    program folder."""
    if not getattr(sys, "frozen", False):
        return Path.cwd() / "out" / DEFAULT_OUT.name
    docs = Path.home() / "Documents"
    return (docs if docs.is_dir() else Path.home()) / "Klasvormer" / DEFAULT_OUT.name


def version() -> str:
    """The installed version (the frozen application carries the package metadata)."""
    from importlib.metadata import PackageNotFoundError
    from importlib.metadata import version as dist_version

    try:
        return dist_version("klasvormer")
    except PackageNotFoundError:
        return t("version_unknown")


class ProgressLine:
    """One updating status line on stderr (only on a terminal, unless forced).

    Between reports it ticks: every :data:`TICK` seconds the line shows the time gone by, so a long
    step that reports nothing is not silence (from :meth:`start` to :meth:`end`). Before the first
    report it says ``waiting`` (a solve's candidates and starting plan: 10-25 s of a 30 s solve on
    3,000 learners), after one the last report with the time brought up to now. :meth:`say` prints a
    whole line above it."""

    TICK = 1.0

    def __init__(self, enabled: bool, waiting: Callable[[float], str] | None = None) -> None:
        self.enabled = enabled
        self.last = 0.0
        self.t0 = time.monotonic()
        self._waiting = waiting or (lambda elapsed: f"  {seconds_text(elapsed)} s  " + t("progress_start"))
        self._report: tuple[Any, float] | None = None  # the last report and when it came
        self._shown = False  # a partial line stands on stderr
        self._width = 0  # its length
        self._lock = threading.Lock()
        self._ended = threading.Event()

    def start(self) -> ProgressLine:
        """Tick from now on, until :meth:`end`; a message written with ``err`` meanwhile gets a
        line of its own."""
        self.t0 = time.monotonic()
        if self.enabled:
            BEFORE_ERR.append(self._blank)
            threading.Thread(target=self._run, daemon=True).start()
        return self

    def _blank(self) -> None:
        with self._lock:
            if self._shown:
                sys.stderr.write("\r" + " " * self._width + "\r")
                self._shown = False
                self._width = 0
            self.last = 0.0

    def _run(self) -> None:
        while not self._ended.wait(self.TICK):
            self.tick()

    def __call__(self, p: Any) -> None:
        if not self.enabled:
            return
        now = time.monotonic()
        with self._lock:
            self._report = (p, now)
            if now - self.last < 0.2:
                return
            self._write(progress_text(p), now)

    def tick(self) -> None:
        """Show the time gone by when nothing was shown for :data:`TICK` seconds."""
        now = time.monotonic()
        with self._lock:
            if self._ended.is_set() or now - self.last < self.TICK:
                return
            if self._report is None:
                self._write(self._waiting(now - self.t0), now)
            else:
                p, at = self._report
                self._write(progress_text(p, p.elapsed + now - at), now)

    def _write(self, text: str, now: float) -> None:
        self.last = now
        sys.stderr.write("\r" + text.ljust(self._width))  # (the rest of a longer earlier line blanked)
        sys.stderr.flush()
        self._width = len(text)
        self._shown = True

    def say(self, text: str) -> None:
        """``text`` as a line of its own (the status line, if any, goes on below it)."""
        self._blank()
        print(text, file=sys.stderr, flush=True)

    def end(self, clear: bool = False) -> None:
        """Stop ticking; the line shown stays (``clear``: is blanked)."""
        self._ended.set()
        if self._blank in BEFORE_ERR:
            BEFORE_ERR.remove(self._blank)
        with self._lock:
            if self.enabled and self._shown:
                sys.stderr.write("\r" + " " * self._width + "\r" if clear else "\n")
                sys.stderr.flush()
                self._shown = False
                self._width = 0


def seconds_text(value: float) -> str:
    """Seconds as the progress lines write them: a decimal comma in Dutch."""
    text = f"{value:6.1f}"
    return text.replace(".", ",") if lang() == "nl" else text


def progress_text(p: Any, elapsed: float | None = None) -> str:
    """One progress line of a solve: seconds (``elapsed``, else the report's), objective, bound and
    gap, with a decimal comma in Dutch ("3,4%", "12,5 s"; it printed "3.4%" in the Dutch line) and a
    point in English."""
    gap = f"{100 * p.gap:5.1f}%" if p.gap != float("inf") else "   - "
    if lang() == "nl":
        gap = gap.replace(".", ",")
    return f"  {seconds_text(p.elapsed if elapsed is None else elapsed)} s  " + t(
        "progress", objective=p.objective, bound=p.bound, gap=gap)


def name_too_long(exc: BaseException, path: str) -> str | None:
    """The message for a file name longer than the file system allows (such a file cannot exist:
    'not found', and give it a shorter name), naming the file of ``exc`` or else ``path``; None
    for any other error."""
    if isinstance(exc, OSError) and exc.errno == errno.ENAMETOOLONG:
        return t("name_too_long", path=exc.filename or path)
    return None


def load_input(path: str, args: argparse.Namespace):  # -> ImportResult, or the exit code when the input has errors
    """Read the input (a plan workbook as the app's 'Aangepast plan inlezen' does: edits become
    pins and locks, the exported plan the earlier plan), print its issues; on errors the exit code."""
    from app.workbook.importer import load_problem
    from app.workbook.reimport import is_plan_workbook, load_edited_plan

    settings = getattr(args, "settings", None)
    if is_plan_workbook(path):
        # the locked classes are checked against the plan period apply_options will set
        result = load_edited_plan(path, settings=settings, horizon=getattr(args, "horizon", None))
    else:
        result = load_problem(path, settings=settings)
    errors = [i for i in result.issues if i.severity == "fout"]
    warnings = [i for i in result.issues if i.severity != "fout"]
    language = lang()
    print_capped([i.line(language) for i in warnings], args.max_messages, "more_warnings")  # each line has its severity
    if errors or result.problem is None:
        print_capped([i.line(language) for i in errors], args.max_messages, "more_errors")
        written = write_errors(path, result.issues, args.errors) if getattr(args, "errors", None) else True
        err(t("no_plan_made", path=path, n=len(errors)))
        return EXIT_INPUT if written else EXIT_OUTPUT
    return result


def print_capped(lines: list[str], limit: int, more: str) -> None:
    """The first ``limit`` (0 or more) of ``lines`` on stderr, then how many were left out."""
    for line in lines[:limit]:
        err(line)
    if len(lines) > limit:
        err(t(more, n=len(lines) - limit))


def write_errors(path: str, issues, target: str) -> bool:
    """Write the error workbook of input ``path`` to ``target``; False when it cannot (open in
    Excel, also by its lock file alone; a folder, a path under a file, no permission): then a
    message naming ``target`` and the workbook kept elsewhere, as a plan is (:func:`write_output`)."""
    from app.workbook.errors_workbook import write_error_workbook

    if not write_output(lambda out: write_error_workbook(path, issues, out, lang()), target, path, "errors"):
        return False
    err(t("errors_written", path=target))
    return True


def nearest_folder(path: Path) -> Path:
    """``path`` or its nearest parent that exists (a write makes the missing folders)."""
    probe = path
    while not probe.exists() and probe.parent != probe:
        probe = probe.parent
    return probe


def cannot_write_in(folder: Path) -> str | None:
    """Why no file can be written in the existing folder ``folder``, or None: a temporary file is
    written and removed there."""
    try:
        with tempfile.TemporaryFile(dir=folder):
            pass
    except OSError as exc:
        return reason_text(exc).rstrip(".") + "."
    return None


def unwritable_reason(target: Path, exc: OSError) -> str:
    if target.is_dir():
        return t("is_folder")
    for parent in target.parents:
        if parent.exists():
            if not parent.is_dir():
                return t("is_file", path=parent)
            break
    return reason_text(exc).rstrip(".") + "."


def apply_options(problem, args: argparse.Namespace):
    from dataclasses import replace

    from optimizer import preset

    if getattr(args, "preset", None):
        problem = problem.with_weights(replace(preset(args.preset), move=problem.weights.move,
                                               new_class=problem.weights.new_class))
    if getattr(args, "horizon", None):
        problem = replace(problem, horizon_weeks=args.horizon)
    return problem


def names_check(args: argparse.Namespace, extras) -> bool:
    """--houd-kolom only with --zonder-namen, and only columns the input has (not names, notes)."""
    keep = getattr(args, "houd_kolom", None) or []
    if not keep:
        return True
    if not getattr(args, "zonder_namen", False):
        err(t("keep_needs_pseudonyms"))
        return False
    from app.workbook.export import pseudonymous_extras, shareable_columns
    from app.workbook.schema import LEARNERS

    try:
        pseudonymous_extras(extras, keep)
    except ValueError as exc:  # say which column and why, in the --lang language
        allowed = shareable_columns(extras)
        known = {h.strip().casefold() for h in allowed}
        for col in keep:
            spec = LEARNERS.match(col)
            if spec is not None and spec.key in ("name", "notes"):
                err(t("keep_names", column=col))
                break
            if col.strip().casefold() not in known:
                err(t("keep_unknown", column=col, choices=", ".join(allowed) or t("no_choices")))
                break
        else:
            err(str(exc))
        return False
    return True


def names_options(args: argparse.Namespace) -> dict[str, Any]:
    return {"pseudonymise": bool(getattr(args, "zonder_namen", False)),
            "keep_columns": tuple(getattr(args, "houd_kolom", None) or ())}


_KEPT = {"plan": ("plan", "plan_kept", "plan_lost"), "errors": ("fouten", "errors_kept", "errors_lost")}
"""Per output of :func:`write_output`: the fallback name's start and the messages kept / lost."""


def write_output(write: Callable[[Path], Any], output: str, input_path: str, what: str = "plan") -> bool:
    """Write the plan (``what="plan"``) or the error workbook (``"errors"``) with ``write(target)``
    to ``output``; True when that worked.

    When it fails (open in Excel, also when only Excel's lock file ``~$NAME`` next to it says so;
    a folder that cannot be written), the output is not lost: it is written as
    ``plan_<input>_<time>.xlsx`` (``fouten_...``) next to the input, else in the current folder,
    else in the temporary folder, and stderr says where. The caller still exits 4.
    """
    from app.safefile import excel_lock
    from app.workbook.xlsx_util import WriteError

    try:
        lock = excel_lock(output)
        if lock is not None:  # open in Excel: Windows would refuse the write, elsewhere it would go unseen
            raise WriteError("excel_lock", name=Path(output).name, lock=lock.name)
        write(Path(output))
        return True
    except OSError as exc:
        err(_not_written(what, output, exc))
    start, kept, lost = _KEPT[what]
    target = keep_elsewhere(write, f"{start}_{Path(input_path).stem}", input_path, ".xlsx")
    err(t(kept, path=target) if target is not None else t(lost))
    return False


def _not_written(what: str, output: str, exc: OSError) -> str:
    from app.safefile import ReadOnlyFileError
    from app.workbook.xlsx_util import WriteError

    if what == "errors":
        return t("errors_not_written", path=output, reason=unwritable_reason(Path(output), exc))
    if isinstance(exc, (WriteError, ReadOnlyFileError)):  # a whole sentence that already says what to do
        return t("cannot_write_because", path=output, reason=reason_text(exc))
    return t("cannot_write_excel", path=output, reason=reason_text(exc).rstrip("."))


def keep_elsewhere(write: Callable[[Path], Any], name: str, input_path: str, suffix: str = "") -> Path | None:
    """Output that could not go where asked, written with ``write(target)`` as ``<name>_<time>``
    (+ ``suffix``) next to the input, else in the current folder, else in the temporary folder,
    never over an earlier one: the target written, or None when nothing could be."""
    stamp = time.strftime("%Y%m%d-%H%M%S")
    folders: list[Path] = []
    for folder in (Path(input_path).resolve().parent, Path.cwd(), Path(tempfile.gettempdir())):
        if folder not in folders:
            folders.append(folder)
    for folder in folders:
        target = folder / f"{name}_{stamp}{suffix}"
        n = 1
        while target.exists():  # never overwrite an earlier fallback
            n += 1
            target = folder / f"{name}_{stamp}_{n}{suffix}"
        try:
            write(target)
        except OSError:
            continue
        return target
    return None


def is_reimport(loaded) -> bool:
    """Whether ``loaded`` came from a plan workbook (read with its Klassen sheet)."""
    return "classes" in loaded.source.sheets


def held_line(problem) -> str | None:
    """For a plan workbook: who starts on its plan date and stays where they start
    (:mod:`app.workbook.plan_date`), in one line; None when nobody does."""
    from app.workbook.values import fmt_date

    if not problem.held:
        return None
    classes = ", ".join(sorted(set(problem.held.values())))
    return t("reimport_held", date=fmt_date(problem.plan_date), n=len(problem.held), classes=classes)


def edit_errors(loaded, args: argparse.Namespace, planning: bool = True) -> int | None:
    """For a plan workbook: edits that cannot hold (a learner pinned to a class they do not fit,
    a class with too many pinned), each at its cell, on stderr and in the error workbook
    (``--errors``) as other input errors; the exit code, or None when every edit can hold.
    ``planning``: the command would plan (solve, tradeoff), not only check."""
    if not is_reimport(loaded):
        return None
    from app.workbook.reimport import edit_problem_issues

    issues = edit_problem_issues(loaded)
    if not issues:
        return None
    print_capped([i.line(lang()) for i in issues], args.max_messages, "more_errors")
    target = getattr(args, "errors", None)
    written = write_errors(args.input, [*issues, *loaded.issues], target) if target else True
    err(t("edit_problems_no_plan" if planning else "edit_problems", path=args.input, n=len(issues)))
    return EXIT_INPUT if written else EXIT_OUTPUT


def load_for_planning(args: argparse.Namespace):  # -> (ImportResult, Problem), or the exit code
    """The input read and checked (:func:`load_input`, :func:`edit_errors`), the names options
    checked, and the problem with the command line's preset and horizon; or the exit code to return."""
    loaded = load_input(args.input, args)
    if isinstance(loaded, int):
        return loaded
    code = edit_errors(loaded, args)
    if code is not None:
        return code
    if not names_check(args, loaded.extras):
        return EXIT_USAGE
    return loaded, apply_options(loaded.problem, args)
