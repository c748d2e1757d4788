"""Where an import's sheets come from: one interface over every kind of input.

A :class:`Source` yields the sheets it has, one :class:`SheetRows` per canonical sheet, with
where each row is (file, sheet title, row number, and by position the column), so that every
issue found later names its place. It reports on the issue sink what belongs to finding the
sheets: a required sheet missing, a sheet title found twice, a sheet that cannot be read, a
settings workbook that is not a workbook. A file that cannot be read at all raises
:class:`FileProblem`. Sources:

- :class:`WorkbookSource`: a canonical .xlsx workbook (a sheet it lacks comes from ``settings``);
- :class:`CsvSource`: a CSV of learners, every other sheet from a settings workbook;
- :class:`FileSource`: either of these, by the file's content (what :func:`load_problem` reads),
  and the workbook's sheet *Gestart* (:attr:`Source.started`);
- :class:`app.workbook.frames.FrameSource`: pandas DataFrames, one per sheet;
- :class:`app.workbook.plan_edits.PlanSource`: an edited plan workbook (also its Klassen sheet,
  the hidden marker sheet and the class lists).

Sheets are yielded lazily, in the order of :attr:`Source.specs`, so the issues of reading one
sheet come before those of finding the next (the order a planner reads them in).
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from app.workbook.reader import FileProblem, RawSheet, Workbook, read_csv, sniff
from app.workbook.schema import CLASSES, INPUT_SHEETS, LEARNERS, SheetSpec, fold
from app.workbook.started import StartedRow, read_started
from app.workbook.tables import IssueSink, build_table
from app.workbook.values import fold_key, is_blank

log = logging.getLogger(__name__)


@dataclass
class SourceInfo:
    """Where the data came from and how it was laid out."""

    path: Path
    kind: str = ""
    """'xlsx', 'csv' or 'frames'."""
    settings_path: Path | None = None
    sheets: dict[str, str] = field(default_factory=dict)
    """Sheet key ('learners', ...) -> sheet title as found."""
    learner_columns: list[str] = field(default_factory=list)
    """Headers of the learner sheet, in original order."""
    extra_columns: list[str] = field(default_factory=list)
    """Unknown learner columns (kept and returned untouched)."""
    name_column: str | None = None
    learner_rows: dict[str, int] = field(default_factory=dict)
    """Learner id -> Excel row number."""
    learner_cells: dict[str, tuple[str, str]] = field(default_factory=dict)
    """Column key of the learner sheet ('class', 'pin', ...) -> (header as found, column letter)."""
    encoding: str | None = None
    delimiter: str | None = None
    plan_workbook: bool = False
    """The main workbook has a Klassen sheet: a plan workbook (its Klas, Startdatum, ... columns are
    the plan's own, read again or left out, never the learners' own)."""
    plan_classes: tuple[str, ...] = ()
    """The class ids on the Klassen sheet of a plan workbook read as an input workbook (its
    classes not read): a *Vastgezet* naming one is a pin of the plan, not an unknown class."""


@dataclass
class SheetRows:
    """One canonical sheet as a source gives it: its rows and where they are."""

    spec: SheetSpec
    raw: RawSheet
    """Title as found; each row with its row number, values by 0-based column."""
    file: str | None
    """The file named in messages: None for the main workbook, else the file's name (a CSV of
    learners, the settings workbook beside it)."""

    @property
    def title(self) -> str:
        return self.raw.title


@cache
def _sheet_names(spec: SheetSpec) -> frozenset[str]:
    """The folded titles that name ``spec`` (a plan workbook has hundreds of sheets to look through)."""
    return frozenset(fold(n) for n in spec.names)


class Source:
    """Yields the canonical sheets of one input (see the module rules); close it when done."""

    specs: tuple[SheetSpec, ...] = INPUT_SHEETS
    """The sheets to look for, in this order."""

    def __init__(self, path: str | Path, settings: str | Path | None = None, *,
                 info: SourceInfo | None = None) -> None:
        settings_path = Path(settings) if settings is not None else None
        self.info = info or SourceInfo(Path(path), settings_path=settings_path)
        self.settings_file: str | None = None
        self.settings_failed = False
        """The settings workbook could not be opened (an error said so)."""
        self.started: tuple[StartedRow, ...] = ()
        """The rows of the main workbook's sheet *Gestart* (:func:`app.workbook.started.read_started`)."""
        self._open: list[Workbook] = []

    @property
    def is_csv(self) -> bool:
        return self.info.kind == "csv"

    def sheets(self, sink: IssueSink) -> Iterator[SheetRows]:
        raise NotImplementedError

    def close(self) -> None:
        for wb in self._open:
            wb.close()
        self._open.clear()

    def __enter__(self) -> Source:
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    # ---- shared by the file sources ------------------------------------------------------------
    def _open_settings(self, sink: IssueSink) -> Workbook | None:
        """The settings workbook (``settings=``), or None; a file that is no workbook is an error."""
        path = self.info.settings_path
        if path is None:
            return None
        self.settings_file = path.name
        try:
            if sniff(path) != "xlsx":
                raise FileProblem("file_not_excel", file=path.name)
            wb = Workbook(path)
        except FileProblem as exc:
            sink.error(exc.code, **exc.params)
            self.settings_failed = True  # its sheets are not each "missing" too
            return None
        self._open.append(wb)
        return wb

    @staticmethod
    def _find(wb: Workbook | None, spec: SheetSpec, file: str | None,
              sink: IssueSink) -> tuple[Workbook, str, str | None] | None:
        """The sheet of ``wb`` that ``spec`` names (when two do, the first visible one, with a warning:
        a coordinator who hides the old sheet and edits a copy means the copy)."""
        if wb is None:
            return None
        names = _sheet_names(spec)
        titles = [t for t in wb.titles if fold_key(t) in names]  # as match_sheet(t, (spec,))
        if not titles:
            return None
        if len(titles) > 1:
            visible = [t for t in titles if wb.sheet_state(t) == "visible"]
            hidden = [t for t in titles if t not in visible]
            if visible and hidden:
                sink.warn("sheet_duplicate_hidden", sheet=visible[0], first=visible[0], second=hidden[0], file=file)
                return wb, visible[0], file
            sink.warn("sheet_duplicate", sheet=titles[0], first=titles[0], second=titles[1], file=file)
        return wb, titles[0], file

    def _take(self, spec: SheetSpec, found: tuple[Workbook, str, str | None] | None,
              sink: IssueSink) -> SheetRows | None:
        """A found sheet's rows; a required one missing or one that cannot be read is reported."""
        if found is None:
            if spec.required:
                self._missing(spec, sink)
            return None
        wb, title, file = found
        try:
            raw = wb.read(title)
        except Exception as exc:  # damaged XML inside an otherwise valid package
            log.warning("cannot read sheet %r of %s", title, wb.path, exc_info=True)
            sink.error("read_failed", sheet=title, file=file or wb.path.name, reason=type(exc).__name__)
            return None
        return SheetRows(spec, raw, file)

    def _missing(self, spec: SheetSpec, sink: IssueSink) -> None:
        if self.settings_failed:
            return  # the one error on the settings workbook says it all
        alone = self.is_csv and self.info.settings_path is None
        if spec.key in ("settings", "routes") and alone:
            return  # defaults (routes: default rules per route, warned when learners are read)
        if spec.key == "classes":
            sink.error("plan_no_classes", sheet=spec.nl)
        elif alone:
            sink.error("settings_needed", sheet=spec.nl)
        else:
            sink.error("sheet_missing", sheet=spec.nl, file=self.settings_file if self.is_csv else None)


class WorkbookSource(Source):
    """A canonical .xlsx workbook; a sheet it lacks is taken from the settings workbook."""

    def __init__(self, path: str | Path, settings: str | Path | None = None, *,
                 info: SourceInfo | None = None) -> None:
        super().__init__(path, settings, info=info)
        self.info.kind = "xlsx"
        self.main: Workbook | None = None

    def sheets(self, sink: IssueSink) -> Iterator[SheetRows]:
        self.main = Workbook(self.info.path)
        self._open.append(self.main)
        second = self._open_settings(sink)
        shadowed = []  # settings sheets the input has itself (its own Deelnemers is expected there)
        for spec in self.specs:
            found = self._find(self.main, spec, None, sink)
            if found is None and spec.key == LEARNERS.key:
                # the learners are the file's own: never those of the settings workbook
                found = self._lone_sheet(self.main, sink)
                if found is None:
                    self._learners_missing(self.main, sink)
                    continue
            if found is None and second is not None:
                found = self._find(second, spec, self.settings_file, sink)
            elif second is not None and spec is not LEARNERS and self._find(second, spec, None, sink):
                shadowed.append(found[1] if found is not None else spec.nl)
            sheet = self._take(spec, found, sink)
            if sheet is not None:
                yield sheet
        if shadowed:  # seen from outside: --settings with a whole workbook was ignored without a word
            sink.warn("settings_sheets_ignored", file=self.settings_file, names=", ".join(shadowed))

    def _lone_sheet(self, wb: Workbook, sink: IssueSink) -> tuple[Workbook, str, str | None] | None:
        """The only sheet of a workbook without a Deelnemers sheet (a list saved from another
        program, such as ``Blad1``), read as the learners with a warning; None otherwise."""
        titles = wb.titles
        if len(titles) != 1 or any(fold_key(titles[0]) in _sheet_names(spec) for spec in INPUT_SHEETS):
            return None
        sink.warn("sheet_read_as_learners", sheet=titles[0])
        return wb, titles[0], None

    def _learners_missing(self, wb: Workbook, sink: IssueSink) -> None:
        """No Deelnemers sheet: say which sheets the file has (the learners never come from the
        settings workbook, whose own Deelnemers would be planned instead without a word)."""
        titles = ", ".join(f"'{t}'" for t in wb.titles)
        if self.info.settings_path is not None:
            sink.error("learners_sheet_missing_settings", sheet=LEARNERS.nl,
                       titles=titles, settings=self.info.settings_path.name)
        else:
            sink.error("learners_sheet_missing", sheet=LEARNERS.nl, titles=titles)


class CsvSource(Source):
    """A CSV file of learners (the Deelnemers sheet); every other sheet from the settings workbook."""

    def __init__(self, path: str | Path, settings: str | Path | None = None, *,
                 info: SourceInfo | None = None) -> None:
        super().__init__(path, settings, info=info)
        self.info.kind = "csv"

    def sheets(self, sink: IssueSink) -> Iterator[SheetRows]:
        raw, csv_info = read_csv(self.info.path, LEARNERS.nl)
        self.info.encoding, self.info.delimiter = csv_info.encoding, csv_info.delimiter
        if _is_explanation_sheet(raw):
            # Save As CSV keeps only the sheet open, and the template opens on Uitleg: not six
            # missing columns, but what happened and what to do
            raise FileProblem("csv_explanation_sheet", file=self.info.path.name, learners=LEARNERS.nl)
        yield SheetRows(LEARNERS, raw, self.info.path.name)  # named: the CSV is not the only file
        second = self._open_settings(sink)
        for spec in self.specs:
            if spec.key == LEARNERS.key:
                continue
            sheet = self._take(spec, self._find(second, spec, self.settings_file, sink), sink)
            if sheet is not None:
                yield sheet
        if second is not None and self._find(second, LEARNERS, None, sink):
            sink.warn("settings_learners_ignored", file=self.settings_file)


def _is_explanation_sheet(raw: RawSheet) -> bool:
    """Whether a CSV's first row is the template's Uitleg sheet's title (Dutch or English)."""
    from app.workbook.template import UITLEG

    first = raw.rows[0].values[0] if raw.rows and raw.rows[0].values else None
    if is_blank(first):
        return False
    return fold_key(str(first)) in {fold_key(UITLEG.text("title", lang)) for lang in ("nl", "en")}


class FileSource(Source):
    """A file read as what its content says it is: a workbook or a CSV of learners."""

    def __init__(self, path: str | Path, settings: str | Path | None = None) -> None:
        super().__init__(path, settings)
        self.inner: Source | None = None

    def sheets(self, sink: IssueSink) -> Iterator[SheetRows]:
        kind = sniff(self.info.path)
        cls = CsvSource if kind == "csv" else WorkbookSource
        self.inner = cls(self.info.path, info=self.info)
        self.inner.specs = self.specs
        try:
            yield from self.inner.sheets(sink)
        finally:
            self.settings_file = self.inner.settings_file
        if isinstance(self.inner, WorkbookSource):
            self.info.plan_workbook = self._find(self.inner.main, CLASSES, None, IssueSink()) is not None
            if self.inner.main is not None:
                self.started = read_started(self.inner.main, sink)
        if CLASSES not in self.specs and isinstance(self.inner, WorkbookSource):
            self.info.plan_classes = self._class_ids(self.inner.main)

    @classmethod
    def _class_ids(cls, wb: Workbook | None) -> tuple[str, ...]:
        """The ids in the Id column of ``wb``'s Klassen sheet (a plan workbook's); none without one."""
        found = cls._find(wb, CLASSES, None, IssueSink())
        if found is None:
            return ()
        try:
            raw = found[0].read(found[1])
        except Exception:  # as an input workbook the Klassen sheet is not read: not this import's to report
            log.warning("cannot read sheet %r of %s", found[1], found[0].path, exc_info=True)
            return ()
        table = build_table(raw, CLASSES, IssueSink())
        col = table.col("id")
        if col is None:
            return ()
        values = (row.values[col.index] if col.index < len(row.values) else None for row in table.rows)
        return tuple(str(v).strip() for v in values if not is_blank(v))

    def close(self) -> None:
        if self.inner is not None:
            self.inner.close()
        super().close()
