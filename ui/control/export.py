"""Export: the plan workbook in the background (with or without names), and the empty template."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Slot

from app.os_errors import os_error_text
from app.planner.planning import pinned_by_locks
from app.workbook.export import shareable_columns, write_plan_workbook
from app.workbook.template import write_template
from optimizer.plan import Plan
from ui.control.hub import Hub
from ui.i18n import lang_arg, language, tr
from ui.workers import Runner


class Export(QObject):
    """Writes the plan workbook (one at a time) and the template; remembers where exports went."""

    def __init__(self, hub: Hub, tradeoff_plans: Callable[[], list[tuple[str, Plan]]]) -> None:
        """``tradeoff_plans()``: the feasible trade-off plans (label, plan) the workbook shows too."""
        super().__init__(hub)
        self.hub = hub
        self.tradeoff_plans = tradeoff_plans
        self.exporter = hub.runner(self, self._exported, self._export_failed)
        self._export_target: Path | None = None
        self._export_options: dict[str, Any] = {}

    def shareable_columns(self) -> list[str]:
        """The learners' own columns an export without names may keep (names and notes never)."""
        return shareable_columns(self.hub.session.source.extras)

    def export_plan(self, path: str | Path, *, pseudonymise: bool = False, keep_columns: Iterable[str] = (),
                    overwrite_readonly: bool = False) -> bool:
        """Write the plan workbook in the background; ``exportFinished`` tells when done.

        ``pseudonymise``: learners by id only, with none of their own columns but ``keep_columns``
        (:func:`app.workbook.export.write_plan_workbook`). When writing fails, ``exportFinished`` carries the
        reason and the window offers another path (:meth:`retry_export` uses the same options).
        A read-only ``path`` is replaced only with ``overwrite_readonly``."""
        hub = self.hub
        problem, plan = hub.session.problem, hub.session.plan
        if problem is None or plan is None:
            hub.editRejected.emit(tr("Er is nog geen plan om te exporteren."))
            return False
        problem = pinned_by_locks(problem, hub.session.state)  # locked learners: Vastgezet, read back as pins
        if self.exporter.is_running():
            return False
        extras = hub.session.source.extras
        started = hub.session.source.started  # the input's sheet Gestart: written again
        changes = hub.session.replan_changes()
        tradeoff = self.tradeoff_plans()
        target = Path(path)
        keep = tuple(keep_columns)
        self._export_target = target
        self._export_options = {"pseudonymise": pseudonymise, "keep_columns": keep}
        lang = language()  # the workbook speaks the GUI's language (sheet names and what is read back stay Dutch)
        hub.statusMessage.emit(tr("Plan wordt geschreven naar {name}…", name=target.name))
        return self.exporter.start(lambda _w: write_plan_workbook(problem, plan, target, extras=extras,
                                                                  tradeoff=tradeoff or None, changes=changes,
                                                                  pseudonymise=pseudonymise, keep_columns=keep,
                                                                  overwrite_readonly=overwrite_readonly,
                                                                  lang=lang, started=started))

    def retry_export(self, path: str | Path) -> bool:
        """The last export again (same options) to another ``path``, after it failed."""
        return self.export_plan(path, **self._export_options)

    @Slot(object)
    def _exported(self, _result: object) -> None:
        target = self._export_target
        settings = self.hub.session.settings
        if target is not None:
            known = [p for p in settings.get("exports", []) if p != str(target)]
            settings["exports"] = [*known, str(target)]  # erasure names them (23.9)
        self.hub.statusMessage.emit(tr("Plan geschreven: {name}", name=target.name if target else ""))
        self.hub.exportFinished.emit(str(target), "")

    @Slot(str)
    def _export_failed(self, text: str) -> None:
        """The window shows ``text`` and offers another path (``exportFinished`` with the reason)."""
        target = self._export_target
        self.hub.statusMessage.emit(tr("Exporteren mislukt: {why}", why=text))
        self.hub.exportFinished.emit(str(target), text)

    def write_template(self, path: str | Path) -> bool:
        try:
            write_template(path, lang=language())
        except OSError as exc:
            self.hub.errorMessage.emit(tr("Opslaan mislukt"), os_error_text(exc, lang_arg()))
            return False
        self.hub.statusMessage.emit(tr("Sjabloon opgeslagen: {name}", name=Path(path).name))
        return True

    def runners(self) -> list[Runner]:
        return [self.exporter]
