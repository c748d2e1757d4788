"""The main window's file work: opening (with the project lock question), saving a project (asking
before replacing work that is not ours), exporting the plan, the template, recent files, dropped files.

The questions are methods of the window (``ask_*``) so tests can answer them without a dialog.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from app.planner.project import SUFFIX, project_holder
from app.safefile import LockInfo, is_read_only
from app.workbook.reimport import is_plan_workbook
from ui import settings as prefs
from ui.dialogs import KeepColumnsDialog
from ui.i18n import date_text, lang_arg, language, tr

OPEN_SUFFIXES = (".xlsx", ".xlsm", ".csv", ".txt", SUFFIX)
SAVE = "save"
DISCARD = "discard"
CANCEL = "cancel"
READ_ONLY = "read-only"
OPEN_ANYWAY = "anyway"


class FileFlows:
    """Mixin of :class:`ui.mainwindow.MainWindow`: opening, saving, exporting."""

    _next_week_cursor = False
    """The busy cursor of a *Volgende planweek…* job is on."""

    def ask_save_changes(self) -> str:
        """SAVE, DISCARD or CANCEL (tests replace this to stay non-modal)."""
        box = QMessageBox(QMessageBox.Icon.Question, tr("Wijzigingen opslaan?"),
                          tr("Er zijn wijzigingen die nog niet zijn opgeslagen. Wilt u ze als project opslaan?"),
                          parent=self)
        save = box.addButton(tr("Opslaan"), QMessageBox.ButtonRole.AcceptRole)
        discard = box.addButton(tr("Niet opslaan"), QMessageBox.ButtonRole.DestructiveRole)
        box.addButton(tr("Annuleren"), QMessageBox.ButtonRole.RejectRole)
        box.exec()
        clicked = box.clickedButton()
        return SAVE if clicked is save else DISCARD if clicked is discard else CANCEL

    def _may_discard(self) -> bool:
        if not self.controller.is_dirty():
            return True
        answer = self.ask_save_changes()
        if answer == SAVE:
            return self.save()
        if answer == DISCARD:
            self.controller.clear_recovery(self.recovery)
            return True
        return False

    def ask_locked(self, holder: LockInfo) -> str:
        """READ_ONLY, OPEN_ANYWAY or CANCEL for a project another instance has open (tests replace this)."""
        box = QMessageBox(QMessageBox.Icon.Warning, tr("Project is al geopend"), self._holder_text(holder),
                          parent=self)
        read_only = box.addButton(tr("Alleen-lezen openen"), QMessageBox.ButtonRole.AcceptRole)
        anyway = box.addButton(tr("Toch openen"), QMessageBox.ButtonRole.DestructiveRole)
        box.addButton(tr("Annuleren"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(read_only)
        box.exec()
        clicked = box.clickedButton()
        return READ_ONLY if clicked is read_only else OPEN_ANYWAY if clicked is anyway else CANCEL

    @staticmethod
    def _holder_text(holder: LockInfo) -> str:
        owner = holder.owner
        who = tr("{user} op {host}", user=owner.user, host=owner.host) if owner else tr("een ander venster")
        since = f"{date_text(owner.since.date())} {owner.since.strftime('%H:%M')}" if owner else "?"
        return tr("{name} is geopend door {who} sinds {since}. Als u het ook bewerkt, gaat bij opslaan het "
                  "werk van een van beiden verloren. Open het alleen-lezen (opslaan kan dan onder een andere "
                  "naam) of toch bewerkbaar.", name=holder.path.name.removeprefix(".").removesuffix(".lock"),
                  who=who, since=since)

    def open_path(self, path: str | Path, *, edited_plan: bool = False) -> bool:
        p = Path(path)
        if self.controller.busy:  # a dropped file or a recent file while a solve runs: say why not
            self._rejected(tr("Wacht tot het optimaliseren klaar is, of stop het (Esc)."))
            return False
        if not p.exists():
            self._error(tr("Openen mislukt"), tr("Het bestand {name} bestaat niet.", name=p.name))
            return False
        read_only = False
        if p.suffix.lower() == SUFFIX and not edited_plan:
            holder = project_holder(p)
            if holder is not None:
                answer = self.ask_locked(holder)
                if answer == CANCEL:
                    return False
                read_only = answer == READ_ONLY
        may_replace = None
        if self._reads_into_project(p, edited_plan):
            # a plan workbook of the open project is read into it (nothing is discarded); only when it
            # turns out to be another's does it replace the session, after the question
            may_replace = self._may_discard
        elif not self._may_discard():
            return False
        self._restoring = False
        ok = self.controller.open_file(p, edited_plan=edited_plan, read_only=read_only, may_replace=may_replace)
        if ok:
            prefs.add_recent_file(p)
        return ok

    def _reads_into_project(self, path: Path, edited_plan: bool) -> bool:
        """Whether ``path`` may be an edited plan workbook to read into the open project: a project
        with a problem is open and ``path`` is (read as) a plan workbook."""
        s = self.controller.session
        if s.project_path is None or s.problem is None or path.suffix.lower() == SUFFIX:
            return False
        return edited_plan or is_plan_workbook(path)

    def open_dialog(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, tr("Openen"), self._last_dir(),
            tr("Klasvormer-bestanden (*.xlsx *.csv *{suffix});;Alle bestanden (*)", suffix=SUFFIX))
        if path:
            prefs.remember_folder(path)
            self.open_path(path)

    def open_edited_plan_dialog(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, tr("Aangepast plan inlezen"), self._last_dir(),
                                              tr("Excel-werkmappen (*.xlsx)"))
        if path:
            prefs.remember_folder(path)
            self.open_path(path, edited_plan=True)

    def next_week_dialog(self) -> None:
        """*Volgende planweek…*: a plan workbook carried over to a later plan date, as
        ``klasvormer volgende-week`` does (:func:`app.planner.next_week.next_week`): started classes
        become running classes, started learners go to the sheet Gestart; then offers to open it.
        Reading and writing run in the background (:class:`ui.control.next_week.NextWeekJobs`); the
        questions between come in :meth:`_next_week_read`, the report in :meth:`_next_week_written`."""
        path, _ = QFileDialog.getOpenFileName(self, tr("Volgende planweek"), self._last_dir(),
                                              tr("Excel-werkmappen (*.xlsx)"))
        if not path:
            return
        prefs.remember_folder(path)
        self.controller.next_week_jobs.read(path)

    def _next_week_read(self, read: object) -> None:
        """The plan workbook is read: refuse it or ask the new plan date and where to write, then write."""
        from ui.control.next_week import NextWeekRead

        assert isinstance(read, NextWeekRead)
        title, name, loaded = tr("Volgende planweek"), read.path.name, read.loaded
        if loaded is None:
            self.show_message(title, tr("{name} is geen planwerkmap van Klasvormer (geen blad Klassen). Kies de "
                                        "planwerkmap van de vorige planweek.", name=name))
            return
        if loaded.problem is None:
            self.show_message(title, tr("{name} bevat fouten; herstel ze en probeer opnieuw:", name=name) + "\n"
                              + loaded.summary(language()))
            return
        new_date = self._ask_next_plan_date(loaded.problem.plan_date, name)
        if new_date is None:
            return
        start = str(Path(self._last_dir()) / f"{read.path.stem}_{new_date.isoformat()}.xlsx")
        out = self.ask_save_path(title, start, tr("Excel-werkmap (*.xlsx)"))
        if not out:
            return
        if not out.lower().endswith(".xlsx"):
            out += ".xlsx"
        self.controller.next_week_jobs.write(read, new_date, out)

    def _ask_next_plan_date(self, current: date, name: str) -> date | None:
        """The new plan date after ``current`` (the plan date of workbook ``name``), asked again
        (with why) until it is whole weeks later; None when cancelled."""
        from app.planner.next_week import NextWeekError, check_plan_date

        default = current + timedelta(days=7)
        while True:
            new_date = self.ask_plan_date(default)
            if new_date is None:
                return None
            try:
                check_plan_date(current, new_date)
            except NextWeekError as exc:
                self.show_message(tr("Volgende planweek"), exc.text(lang_arg(), name=name, day=date_text))
                default = exc.suggested
                continue
            return new_date

    def _next_week_written(self, done: object) -> None:
        """The next period's workbook is written (or why not): the report, then offer to open it."""
        from ui.control.next_week import NextWeekWritten

        assert isinstance(done, NextWeekWritten)
        title, nw, out = tr("Volgende planweek"), done.nw, str(done.out)
        if done.error:
            self.show_message(title, tr("Kan {path} niet schrijven: {reason}", path=out, reason=done.error))
            return
        lines = [tr("{name} overgezet naar plandatum {date}: {out}", name=done.read.path.name,
                    date=date_text(done.new_date), out=out)]
        lines += [tr("Klas {id} is gestart: nu een lopende klas, {free:vrije plaats|vrije plaatsen}, einddatum {end}.",
                     id=rc.id, free=rc.free_seats, end=date_text(rc.end_date)) for rc in nw.carried]
        lines += [tr("Klas {id} is afgelopen en vervalt.", id=rc.id) for rc in nw.finished]
        lines.append(tr("{n:deelnemer is|deelnemers zijn} gestart (blad Gestart); nog te plannen: "
                        "{left:deelnemer|deelnemers}.", n=len(nw.started), left=len(nw.problem.learners)))
        if done.started > len(nw.started):
            lines.append(tr("Het blad Gestart houdt nu {n:deelnemer|deelnemers}, ook wie in eerdere planweken "
                            "startte.", n=done.started))
        if not done.whole:
            lines.append(tr("Het vorige plan past niet in de nieuwe periode: de klassen die nog niet gestart zijn, "
                            "worden opnieuw gepland."))
        self.show_report(title, "\n".join(lines))
        if self.ask_yes_no(title, tr("De werkmap van de volgende planweek openen?")):
            self.open_path(out)

    def _next_week_busy(self, busy: bool) -> None:
        """A job of *Volgende planweek…* runs: the busy cursor, the action off until it ends."""
        self._update_actions()
        if busy == self._next_week_cursor:
            return
        self._next_week_cursor = busy
        if busy:
            QApplication.setOverrideCursor(Qt.CursorShape.BusyCursor)
        else:
            QApplication.restoreOverrideCursor()

    def ask_plan_date(self, default: date) -> date | None:
        """The new plan date, asked as DD-MM-JJJJ (also JJJJ-MM-DD or DD/MM/JJJJ, as the command
        line takes it: :func:`app.planner.next_week.parse_plan_date`), asked again after a text that
        is no date; None when cancelled (tests replace this)."""
        from PySide6.QtWidgets import QInputDialog

        from app.planner.next_week import PlanDateError, parse_plan_date

        text = default.strftime("%d-%m-%Y")
        while True:
            text, ok = QInputDialog.getText(self, tr("Volgende planweek"), tr("Nieuwe plandatum (DD-MM-JJJJ):"),
                                            text=text)
            if not ok:
                return None
            try:
                return parse_plan_date(text)
            except PlanDateError as exc:
                self.show_message(tr("Volgende planweek"), exc.text(lang_arg()))

    def _last_dir(self) -> str:
        """The folder used last in a file dialog, else the documents folder (not the program's samples)."""
        return str(prefs.last_folder())

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        files = prefs.recent_files()
        if not files:
            act = self.recent_menu.addAction(tr("(geen)"))
            act.setEnabled(False)
            return
        for i, f in enumerate(files, start=1):
            act = self.recent_menu.addAction(f"&{i} {Path(f).name}")
            act.setToolTip(f)
            act.triggered.connect(lambda _c=False, f=f: self.open_path(f))
        self.recent_menu.addSeparator()
        self.recent_menu.addAction(tr("Lijst wissen"), prefs.clear_recent_files)

    def save(self) -> bool:
        path = self.controller.session.project_path
        if path is None or self.controller.read_only:
            return self.save_as()
        confirmed = self._confirm_target(path)
        if confirmed is None:  # not over that file: under another name then
            return self.save_as()
        ok = self.controller.save_project(path, overwrite_readonly=confirmed)
        if ok:
            self.controller.clear_recovery(self.recovery)  # the saved project is newer than any autosave
            self._update_title()
        return ok

    def _keep_source(self, checked: bool) -> None:
        if self.controller.problem is None:
            return
        self.controller.set_setting("keep_source", bool(checked))
        self._status(tr("Het invoerbestand wordt bij opslaan in het project bewaard.") if checked
                     else tr("Het project bewaart alleen wat het nodig heeft, niet het invoerbestand zelf."))

    def _confirm_target(self, path: str | Path) -> bool | None:
        """Ask before saving over work that is not ours: a file open in another instance, changed on
        disk since it was opened, or read-only. None: do not save; else whether to replace a
        read-only file."""
        p = Path(path)
        holder = project_holder(p) if p.suffix.lower() == SUFFIX else None
        if holder is not None and not self.ask_yes_no(
                tr("Project is al geopend"),
                self._holder_text(holder) + "\n\n" + tr("Toch opslaan en de versie van de ander vervangen?")):
            return None
        if self.controller.changed_on_disk(p) and not self.ask_yes_no(
                tr("Bestand is gewijzigd"),
                tr("{name} is op schijf gewijzigd sinds u het opende (door een ander venster of een andere "
                   "gebruiker). Opslaan vervangt die wijzigingen. Toch opslaan? Kies 'Nee' om onder een "
                   "andere naam op te slaan.", name=p.name)):
            return None
        if is_read_only(p):
            if not self.ask_yes_no(tr("Bestand is alleen-lezen"),
                                   tr("{name} is alleen-lezen. Toch vervangen? Het blijft daarna alleen-lezen.",
                                      name=p.name)):
                return None
            return True
        return False

    def save_as(self) -> bool:
        s = self.controller.session
        base = Path(s.source.name or "plan").stem + SUFFIX
        start = str(Path(self._last_dir()) / base)
        path = self.ask_save_path(tr("Project opslaan"), start, tr("Klasvormer-project (*{suffix})", suffix=SUFFIX))
        if not path:
            return False
        if not path.endswith(SUFFIX):
            path += SUFFIX
        confirmed = self._confirm_target(path)
        if confirmed is None:
            return False
        ok = self.controller.save_project(path, overwrite_readonly=confirmed)
        if ok:
            self.controller.clear_recovery(self.recovery)
            prefs.add_recent_file(path)
            self._update_title()
        return ok

    def ask_save_path(self, title: str, start: str, filters: str) -> str:
        path, _ = QFileDialog.getSaveFileName(self, title, start, filters)
        if path:
            prefs.remember_folder(path)
        return path

    def export_dialog(self) -> None:
        s = self.controller.session
        start = str(Path(self._last_dir()) / (Path(s.source.name or "plan").stem + "_plan.xlsx"))
        path = self.ask_save_path(tr("Plan exporteren"), start, tr("Excel-werkmap (*.xlsx)"))
        if path:
            if not path.lower().endswith(".xlsx"):
                path += ".xlsx"
            overwrite = is_read_only(path)
            if overwrite and not self.ask_yes_no(
                    tr("Bestand is alleen-lezen"),
                    tr("{name} is alleen-lezen. Toch vervangen? Het blijft daarna alleen-lezen.", name=Path(path).name)):
                return
            self.controller.export_plan(path, overwrite_readonly=overwrite)

    def export_without_names_dialog(self) -> None:
        c = self.controller
        if c.plan is None:
            self._rejected(tr("Er is nog geen plan om te exporteren."))
            return
        keep = self.ask_keep_columns(c.shareable_columns())
        if keep is None:
            return
        s = c.session
        start = str(Path(self._last_dir()) / (Path(s.source.name or "plan").stem + "_plan_zonder_namen.xlsx"))
        path = self.ask_save_path(tr("Exporteren zonder namen"), start, tr("Excel-werkmap (*.xlsx)"))
        if path:
            if not path.lower().endswith(".xlsx"):
                path += ".xlsx"
            c.export_plan(path, pseudonymise=True, keep_columns=keep)

    def ask_keep_columns(self, columns: list[str]) -> list[str] | None:
        """The own columns to keep in an export without names; None when cancelled (tests replace this)."""
        dialog = KeepColumnsDialog(columns, self)
        return dialog.chosen() if dialog.exec() else None

    def _export_finished(self, path: str, error: str) -> None:
        if not error:
            self._status(tr("Plan geschreven: {path}", path=path))
            return
        # nothing is lost: offer another place for the same workbook
        name = Path(path).name
        if not self.ask_other_export_path(tr("{name} kan niet worden geschreven: {why}. Is het bestand open in "
                                             "Excel?\n\nHet plan op een andere plek of onder een andere naam "
                                             "opslaan?", name=name, why=error)):
            return
        start = str(Path(path).with_name(Path(path).stem + "_kopie.xlsx"))
        other = self.ask_save_path(tr("Plan exporteren"), start, tr("Excel-werkmap (*.xlsx)"))
        if other:
            if not other.lower().endswith(".xlsx"):
                other += ".xlsx"
            self.controller.retry_export(other)

    def ask_other_export_path(self, text: str) -> bool:
        """Ask whether to write a failed export elsewhere (tests replace this to stay non-modal)."""
        answer = QMessageBox.question(self, tr("Exporteren mislukt"), text)
        return answer == QMessageBox.StandardButton.Yes

    def template_dialog(self) -> None:
        start = str(Path(self._last_dir()) / "klasvormer_sjabloon.xlsx")
        path = self.ask_save_path(tr("Leeg sjabloon opslaan"), start, tr("Excel-werkmap (*.xlsx)"))
        if path:
            self.controller.write_template(path if path.lower().endswith(".xlsx") else path + ".xlsx")

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        urls = event.mimeData().urls() if event.mimeData().hasUrls() else []
        if any(u.isLocalFile() and Path(u.toLocalFile()).suffix.lower() in OPEN_SUFFIXES for u in urls):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        for u in event.mimeData().urls():
            if u.isLocalFile() and Path(u.toLocalFile()).suffix.lower() in OPEN_SUFFIXES:
                event.acceptProposedAction()
                self.open_path(u.toLocalFile())
                return
        event.ignore()
