"""The command line's options: checked values (usage errors name the option and the allowed range),
the options every subcommand shares, and the rule that outputs never name an input."""

from __future__ import annotations

import argparse
import math
from pathlib import Path
from typing import Any

from app.cli.files import cannot_write_in, nearest_folder
from app.cli.helptexts import h
from app.cli.texts import reason_text, t
from optimizer.domain import MAX_HORIZON_WEEKS

MAX_SEED = 2**31 - 1  # CP-SAT's random_seed is a 32-bit integer
MAX_WORKERS = 256
MAX_HORIZON = MAX_HORIZON_WEEKS  # as on the Instellingen sheet


def number_arg(kind: type, low: float, high: float | None = None, *, above: bool = False, word: str | None = None) -> Any:
    """An argparse ``type=``: a finite ``kind`` (int or float) of at least ``low`` (more than ``low``
    with ``above``) and at most ``high``, or the ``word`` if one is given (e.g. 'auto'). Anything
    else (nan, inf, out of range, not a number) is a usage error that argparse reports with the
    option's name and the allowed range (exit 2)."""
    if kind is int:
        allowed_key, params = ("int_range", {"low": low, "high": high}) if high is not None else ("int_from", {"low": low})
    elif above:
        allowed_key, params = "float_above", {"low": low}
    else:
        allowed_key, params = ("float_range", {"low": low, "high": high}) if high is not None else ("float_from", {"low": low})

    def parse(text: str) -> Any:
        if word is not None and text.strip().lower() == word:
            return word
        try:
            value = kind(text)
        except (TypeError, ValueError):
            value = None
        if (value is None or not math.isfinite(value) or (value <= low if above else value < low)
                or (high is not None and value > high)):
            allowed = t(allowed_key, **params)
            if word is not None:
                allowed = t("or_word", word=word, allowed=allowed)
            raise argparse.ArgumentTypeError(t("bad_value", allowed=allowed, value=text))
        return value

    parse.__name__ = kind.__name__
    return parse


def preset_arg(text: str) -> str:
    from optimizer import preset
    from optimizer.domain import PRESETS

    try:
        preset(text)
    except KeyError:
        raise argparse.ArgumentTypeError(t("preset_bad", value=text, known=", ".join(PRESETS))) from None
    return text


def lang_in(argv: list[str]) -> str | None:
    """The ``--lang`` in ``argv`` (the last one given), so that usage errors found while parsing
    are already in that language."""
    lang = None
    for k, a in enumerate(argv):
        value = argv[k + 1] if a == "--lang" and k + 1 < len(argv) else a.partition("=")[2] if a.startswith("--lang=") else None
        if value in ("nl", "en"):
            lang = value
    return lang


def exists(path: str | Path) -> bool:
    """Whether ``path`` exists; False for a path the system cannot even look up (a name too
    long for the file system, a NUL byte), where ``Path.exists`` raises."""
    try:
        return Path(path).exists()
    except (OSError, ValueError):
        return False


def same_file(a: str | Path, b: str | Path) -> bool:
    """Whether two paths name one file: the same resolved path (``./x``, ``../d/x``, links), or,
    when both exist, the same file on disk (case-insensitive file systems, hard links)."""
    pa, pb = Path(a), Path(b)
    try:
        if pa.resolve() == pb.resolve():
            return True
        return pa.exists() and pb.exists() and pa.samefile(pb)
    except (OSError, ValueError):  # a name the system cannot look up is no file
        return False


OUTPUT_OPTIONS = (("output", "-o/--output"), ("chart", "--chart"), ("errors", "--errors"), ("out", "--out"))
"""The options that name a file (or folder) the command writes: never the input, never each other."""


def chart_file(args: argparse.Namespace) -> None:
    """``--chart`` as the file it becomes: without an extension the chart is written as PNG with
    ``.png`` added (matplotlib's rule), so the checks and messages name that file (seen from
    outside: ``--chart d`` checked ``d`` for being Klasvormer's and wrote over someone's ``d.png``)."""
    chart = getattr(args, "chart", None)
    if chart and not Path(chart).suffix and not Path(chart).is_dir():  # a folder: refused as one (check_writable)
        args.chart = f"{chart}.png"


def sample_input(args: argparse.Namespace) -> None:
    """``sample`` as the input of solve, check and tradeoff is the bundled sample workbook (as
    ``simulate sample`` already took the word), where no file of that name is here: in the desktop
    build the workbook lies deep in the program's folder. So is ``--settings sample`` (every
    command that has it): a learner list (.csv) planned with the sample's locations, schedules,
    routes, teachers and settings (it said "Bestand 'sample' bestaat niet")."""
    from app.cli.files import SAMPLE

    text = getattr(args, "input", None)
    if args.command in ("solve", "check", "tradeoff") and _means_sample(text):
        args.input = str(SAMPLE)
    if _means_sample(getattr(args, "settings", None)):
        args.settings = str(SAMPLE)


def _means_sample(text: str | None) -> bool:
    """Is ``text`` the word ``sample`` (any case), with no file of that name here?"""
    return text is not None and text.strip().lower() == "sample" and not Path(text).exists()


def check_outputs(args: argparse.Namespace) -> str | None:
    """Why the outputs of ``args`` cannot be written (one names the input, or two name the same
    file), or None. Checked before any work."""
    outputs = [(flag, getattr(args, name)) for name, flag in OUTPUT_OPTIONS if getattr(args, name, None)]
    for source in (getattr(args, "input", None), getattr(args, "settings", None)):  # inputs are never overwritten
        if source is not None and exists(source):
            for flag, path in outputs:
                if same_file(source, path):
                    return t("is_input", option=flag, path=path)
    for k, (first, a) in enumerate(outputs):
        for second, b in outputs[k + 1:]:
            if same_file(a, b):
                return t("same_output", first=first, second=second, path=b)
    return None


_OWN_KIND = {"output": "plan", "errors": "errors", "chart": "chart"}
"""What each output option writes (``--out``: a simulation's result folder, checked file by file)."""


_EXAMPLE = {"output": "plan.xlsx", "errors": "fouten.xlsx", "chart": "afweging.png"}
"""A file name to give in the folder an output option named (``-o mymap``: ``mymap/plan.xlsx``)."""


def check_writable(args: argparse.Namespace) -> str | None:
    """Why a file output of ``args`` (``-o``, ``--errors``, ``--chart``) cannot be written at all:
    it names a folder, a path under a file, or a folder no file can be written in; or None.
    Checked before any work (seen from outside: ``solve -o MAP`` solved, then said "Is a
    directory" and kept the plan elsewhere). ``simulate --out`` is a folder and checked by
    ``simulate``; ``template`` says itself that its file exists."""
    if getattr(args, "command", None) == "template":
        return None
    for name, flag in OUTPUT_OPTIONS:
        path = getattr(args, name, None)
        if not path or name not in _EXAMPLE:
            continue
        target = Path(path)
        try:
            if target.is_dir():
                return t("output_is_folder", option=flag, path=path, example=target / _EXAMPLE[name])
            probe = nearest_folder(target.parent)
            reason = t("is_file", path=probe) if not probe.is_dir() else cannot_write_in(probe)
        except ValueError:  # a name the system cannot look up (a NUL byte): the write says why
            continue
        except OSError as exc:  # a folder on the way that cannot be looked into
            reason = reason_text(exc).rstrip(".") + "."
        if reason:
            return t("output_unwritable", option=flag, path=path, reason=reason)
    return None


def check_overwrites(args: argparse.Namespace) -> str | None:
    """Why an output of ``args`` cannot be written (:func:`check_writable`, even with ``--force``)
    or would replace a file that Klasvormer did not write itself (or wrote as another kind: a plan
    workbook is no error workbook), or None. Such a file, say a learner list given by mistake as
    ``-o``, is only overwritten with ``--force``; an earlier output of the same kind is
    (coordinators re-run ``solve`` to the same plan file). An empty file holds nothing to lose.
    ``template`` refuses any existing file itself. Checked before any work; either is exit 4."""
    unwritable = check_writable(args)
    if unwritable:
        return unwritable
    if getattr(args, "force", False) or getattr(args, "command", None) == "template":
        return None
    for name, flag in OUTPUT_OPTIONS:
        path = getattr(args, name, None)
        if not path:
            continue
        if name == "out":
            from app.simulation.results import foreign_results

            found = foreign_results(path)
            if found:
                return t("out_not_ours", option=flag, path=path, files=", ".join(found))
            continue
        kind = _OWN_KIND[name]
        if not _replaceable(Path(path), kind):
            what = {"plan": t("kind_plan"), "errors": t("kind_errors"), "chart": t("kind_chart")}[kind]
            return t("not_ours", option=flag, path=path, what=what)
    return None


def _replaceable(path: Path, kind: str) -> bool:
    """Whether an output of ``kind`` may be written over ``path`` without ``--force``."""
    try:
        if not path.exists() or path.is_dir() or path.stat().st_size == 0:
            return True  # nothing there (a folder: refused before, check_writable), or nothing to lose
    except (OSError, ValueError):
        return True  # a name the system cannot look up: the write says why
    if kind == "chart":
        from app.cli.charts import is_own_chart

        return is_own_chart(path)
    from app.workbook.ownership import written_kind

    return written_kind(path) == kind


def names_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--zonder-namen", action="store_true", help=h("zonder_namen"))
    p.add_argument("--houd-kolom", action="append", metavar=h("name_metavar"), help=h("houd_kolom"))


def settings_argument(p: argparse.ArgumentParser) -> None:
    p.add_argument("--settings", metavar=h("workbook_metavar"), help=h("settings"))


def global_options(parser: argparse.ArgumentParser, default: Any = argparse.SUPPRESS) -> argparse.ArgumentParser:
    """The options that hold for every subcommand (before or after its name).

    On the subcommands they default to SUPPRESS, so that an option given before the subcommand
    is not reset by the subcommand's default.
    """
    parser.add_argument("--lang", choices=("nl", "en"), default="nl" if default is None else default, help=h("lang"))
    parser.add_argument("-v", "--verbose", action="store_true", default=False if default is None else default,
                        help=h("verbose"))
    return parser
