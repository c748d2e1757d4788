"""The main window's safety net: its own recovery file, written every two minutes when there are
unsaved changes (a failure shows in the status bar and once in a dialog, and is tried again on the
next tick); on start only recovery files whose instance is gone are offered."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QTimer, Slot
from PySide6.QtWidgets import QMessageBox

from app.os_errors import os_error_text
from app.planner.recovery import Recovery, RecoverySlot, discard_recovery, find_recoveries
from app.safefile import cleanup_temp_files
from ui import settings as prefs
from ui.i18n import date_text, lang_arg, tr

AUTOSAVE_MS = 120_000


class RecoveryKeeper:
    """Mixin of :class:`ui.mainwindow.MainWindow`: the recovery file and autosave."""

    _restoring = False

    def _init_recovery(self, recovery_dir: Path | None) -> None:
        """This window's recovery slot (None when its folder cannot be used: the status bar says so)."""
        self.recovery_dir = recovery_dir or prefs.recovery_dir()
        self.recovery: RecoverySlot | None = None
        self._recovery_error = ""
        try:
            self.recovery = RecoverySlot(self.recovery_dir)
        except OSError as exc:
            self._recovery_error = os_error_text(exc, lang_arg())
        self._autosave_warned = False

    def _start_autosave(self) -> None:
        self.autosave_timer = QTimer(self)
        self.autosave_timer.setInterval(AUTOSAVE_MS)
        self.autosave_timer.timeout.connect(self.autosave)
        self.autosave_timer.start()

    def start(self, path: str | Path | None) -> None:
        """On start: clean up temporary files interrupted saves left, offer to restore unsaved work
        of an instance that ended without closing (never a running one's), else open ``path``."""
        for folder in {Path(f).parent for f in prefs.recent_files()}:
            cleanup_temp_files(folder)
        for rec in find_recoveries(self.recovery_dir):
            if self.ask_restore(rec):
                # take the file over (one rename): this window's autosave now keeps it
                claimed = self.recovery.claim(rec) if self.recovery is not None else rec.path
                if claimed is None:
                    self._status(tr("Dat werk wordt al in een ander Klasvormer-venster hersteld."))
                    continue
                self._restoring = True
                self.controller.open_file(claimed, lock=False)
                return
            discard_recovery(rec)
        if path is not None:
            self.open_path(path)

    def ask_restore(self, rec: Recovery) -> bool:
        when = rec.saved_at.strftime("%H:%M") if rec.saved_at else "?"
        day = date_text(rec.saved_at.date()) if rec.saved_at else ""
        origin = Path(rec.origin).name if rec.origin else tr("(onbekend)")
        answer = QMessageBox.question(
            self, tr("Werk herstellen?"),
            tr("Klasvormer is de vorige keer niet netjes afgesloten. Er is niet-opgeslagen werk van {day} "
               "{time} ({origin}). Wilt u dat herstellen?", day=day, time=when, origin=origin))
        return answer == QMessageBox.StandardButton.Yes

    @Slot(bool)
    def _open_finished(self, ok: bool) -> None:
        if ok and self._restoring:
            # restored work is not saved anywhere yet
            self.controller.undo_stack.resetClean()
            self.controller.session.project_path = None
            self._status(tr("Het werk van de vorige keer is hersteld. Sla het op als project (Ctrl+S)."))
            self._restoring = False
        self._update_title()
        self._update_actions()

    def autosave(self) -> bool:
        """The autosave tick: show that this instance lives (lock refresh), then autosave."""
        if self.controller.project_lock is not None:
            self.controller.project_lock.refresh()
        if self.recovery is None:
            return False
        self.recovery.lock.refresh()
        return self.controller.autosave(self.recovery)

    def _autosave_finished(self, error: str) -> None:
        """Show a failed autosave in the status bar (until one succeeds) and once in a dialog."""
        if not error:
            self.autosave_label.setText("")
            self.autosave_label.setVisible(False)
            self._autosave_warned = False
            return
        text = tr("Automatisch opslaan mislukt: {why}. Niet-opgeslagen werk is niet beveiligd; Klasvormer "
                  "probeert het opnieuw. Sla uw werk op als project (Ctrl+S).", why=error)
        self.autosave_label.setText(tr("Automatisch opslaan mislukt"))
        self.autosave_label.setToolTip(text)
        self.autosave_label.setVisible(True)
        self._status(text)
        if not self._autosave_warned:
            self._autosave_warned = True
            self.show_message(tr("Automatisch opslaan mislukt"), text)
