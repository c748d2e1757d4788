"""The main window: the eight tabs, the import-issues panel and the status bar.

The window owns no data: it builds the pages on the :class:`Controller` and turns menu actions
into controller calls. Its parts live apart (:mod:`ui.window`): the actions, menus and toolbar
(:mod:`ui.window.actions`), opening, saving and exporting (:mod:`ui.window.files`) and the
recovery file (:mod:`ui.window.recovery`). Switching the language rebuilds menus and pages in place (the data stay
in the controller). Autosave writes this window's own recovery file every two minutes when
there are unsaved changes (a failure shows in the status bar and once in a dialog, and is tried
again on the next tick); on start only recovery files whose instance is gone are offered. An open
project is locked; opening one that another instance has open asks first, and saving asks when
the file changed on disk, is open elsewhere or is read-only. Closing stops a running solve and
waits for it before the window goes.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QAction, QCloseEvent
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QLabel,
    QMainWindow,
    QMessageBox,
    QTabWidget,
    QWidget,
)

from app.planner import planning
from ui import settings as prefs
from ui.controller import Controller
from ui.dialogs import MoveDialog
from ui.i18n import language, set_language, tr
from ui.issues import IssuesPanel
from ui.pages.capacity import CapacityPage
from ui.pages.compare import ComparePage
from ui.pages.learners import LearnersPage
from ui.pages.map import MapPage
from ui.pages.optimize import OptimizePage
from ui.pages.plan import PlanPage
from ui.pages.simulation import SimulationPage
from ui.pages.weights import WeightsPage
from ui.style import ElidingStatusBar, scrolled
from ui.window.actions import WindowActions
from ui.window.files import FileFlows
from ui.window.recovery import RecoveryKeeper


class MainWindow(WindowActions, FileFlows, RecoveryKeeper, QMainWindow):
    """Klasvormer's planner window."""

    TAB_LEARNERS, TAB_CAPACITY, TAB_WEIGHTS, TAB_OPTIMIZE, TAB_PLAN, TAB_COMPARE, TAB_MAP, TAB_SIMULATION = range(8)

    def __init__(self, controller: Controller | None = None, *, recovery_dir: Path | None = None) -> None:
        super().__init__()
        self.controller = controller or Controller(self)
        self._init_recovery(recovery_dir)
        self.setAcceptDrops(True)
        self.setWindowTitle("Klasvormer[*]")
        fm = self.fontMetrics()
        self.resize(QSize(fm.horizontalAdvance("0") * 170, fm.height() * 48))
        self._ui: list[QWidget | QAction] = []
        self._closing = False
        self.setStatusBar(ElidingStatusBar(self))  # a long message does not run into the plan summary
        self._build_ui()
        self.autosave_label = QLabel()  # kept across language switches (not in self._ui)
        self.autosave_label.setStyleSheet("color: #b00020; font-weight: bold")
        self.autosave_label.setVisible(False)
        self.statusBar().addPermanentWidget(self.autosave_label)

        c = self.controller
        c.statusMessage.connect(self._status)
        c.errorMessage.connect(self._error)
        c.editRejected.connect(self._rejected)
        c.focusLearner.connect(self._focus_learner)
        c.sourceChanged.connect(self._source_changed)
        c.planChanged.connect(self._update_actions)
        c.problemChanged.connect(self._update_actions)
        c.busyChanged.connect(self._busy_changed)
        c.openFinished.connect(self._open_finished)
        c.solveFinished.connect(self._solve_finished)
        c.exportFinished.connect(self._export_finished)
        c.nextWeekRead.connect(self._next_week_read)
        c.nextWeekWritten.connect(self._next_week_written)
        c.nextWeekBusy.connect(self._next_week_busy)
        c.autosaveFinished.connect(self._autosave_finished)
        c.undo_stack.cleanChanged.connect(self._clean_changed)
        c.undo_stack.indexChanged.connect(self._update_title)
        c.optionsChanged.connect(self._update_title)

        self._start_autosave()
        geometry = prefs.settings().value("windowGeometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        self.fit_to_screen()
        self._update_actions()
        self._update_title()
        if self.recovery is None:
            self._autosave_finished(self._recovery_error)

    # ---- building --------------------------------------------------------------------------
    def _build_ui(self) -> None:
        c = self.controller
        self._build_actions()

        # pages
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.learners_page = LearnersPage(c)
        self.capacity_page = CapacityPage(c)
        self.weights_page = WeightsPage(c)
        self.optimize_page = OptimizePage(c, self.act_solve, self.act_reoptimize, self.act_stop)
        self.plan_page = PlanPage(c, [self.act_move, self.act_waitlist, self.act_lock, self.act_lock_class,
                                      self.act_reoptimize])
        self.compare_page = ComparePage(c, self.act_tradeoff, self.act_stop)
        self.map_page = MapPage(c)
        self.simulation_page = SimulationPage(c)
        for page, title in ((self.learners_page, tr("Deelnemers")), (self.capacity_page, tr("Capaciteit")),
                            (self.weights_page, tr("Afweging")), (self.optimize_page, tr("Optimaliseren")),
                            (self.plan_page, tr("Plan")), (self.compare_page, tr("Vergelijken")),
                            (self.map_page, tr("Kaart")), (self.simulation_page, tr("Simulatie"))):
            self.tabs.addTab(scrolled(page), title)  # scroll bars rather than cut-off pages on small screens
        self.setCentralWidget(self.tabs)
        learner_actions = [self.act_move, self.act_waitlist, self.act_lock, self.act_show_in_plan, self.act_erase]
        for table in (self.learners_page.table, self.plan_page.member_table, self.plan_page.waiting_table):
            table.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
            table.addActions(learner_actions)
        self.plan_page.class_table.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.plan_page.class_table.addActions([self.act_lock_class])


        self._build_menus()

        # issues dock
        self.issues = IssuesPanel(c)
        dock = QDockWidget(tr("Meldingen bij het inlezen"), self)
        dock.setObjectName("issues-dock")
        dock.setWidget(self.issues)
        dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetClosable | QDockWidget.DockWidgetFeature.DockWidgetMovable)
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, dock)
        dock.visibilityChanged.connect(self.act_issues.setChecked)
        dock.setVisible(self.issues.count() > 0)
        self.issues_dock = dock

        # status bar
        self.plan_label = QLabel()
        self.statusBar().addPermanentWidget(self.plan_label)
        self._ui += [self.tabs, self.toolbar, dock, self.plan_label]
        self.learners_page.selectionChanged.connect(self._update_actions)
        self.plan_page.selectionChanged.connect(self._update_actions)
        self.tabs.currentChanged.connect(self._update_actions)

    FRAME_ROOM = QSize(16, 40)
    """Room left on the screen for the window frame and title bar (not part of the geometry)."""

    def fit_to_screen(self) -> None:
        """Shrink the window to the screen's available area (taskbar excluded) and move it onto it."""
        screen = self.screen() or QApplication.primaryScreen()
        if screen is None or self.isMaximized() or self.isFullScreen():
            return
        avail = screen.availableGeometry()
        room = avail.size() - self.FRAME_ROOM
        self.resize(self.size().boundedTo(room).expandedTo(self.minimumSizeHint().boundedTo(room)))
        if not avail.contains(self.frameGeometry()):
            rect = self.frameGeometry()
            rect.moveCenter(avail.center())
            rect.moveTop(max(avail.top(), rect.top()))
            rect.moveLeft(max(avail.left(), rect.left()))
            self.move(rect.topLeft())

    def _clear_ui(self) -> None:
        self.menuBar().clear()
        self.removeToolBar(self.toolbar)
        self.removeDockWidget(self.issues_dock)
        for item in self._ui:
            if isinstance(item, QAction) or item is not self.menuBar():
                item.deleteLater()
        self.statusBar().removeWidget(self.plan_label)
        self._ui = []

    def switch_language(self, lang: str) -> None:
        """Switch between Dutch and English (stored in the settings); the pages are rebuilt."""
        self.act_nl.setChecked(lang == "nl")
        self.act_en.setChecked(lang == "en")
        if lang == language():
            return
        if self.controller.busy:
            self._rejected(tr("Wissel van taal als het optimaliseren klaar is."))
            self.act_nl.setChecked(language() == "nl")
            self.act_en.setChecked(language() == "en")
            return
        tab = self.tabs.currentIndex()
        set_language(lang)
        prefs.save_language(lang)
        self.controller.tradeoff.relabel()
        self.controller.retranslate_steps()
        self._clear_ui()
        self._build_ui()
        self.tabs.setCurrentIndex(tab)
        self._update_actions()
        self._update_title()
        self._status(tr("Taal: Nederlands") if lang == "nl" else tr("Taal: Engels"))

    # ---- state of actions ------------------------------------------------------------------------
    def _selected_learners(self) -> list[str]:
        tab = self.tabs.currentIndex()
        if tab == self.TAB_LEARNERS:
            return self.learners_page.selected_learner_ids()
        if tab == self.TAB_PLAN:
            return self.plan_page.selected_learner_ids()
        return []

    def _clean_changed(self, _clean: bool) -> None:
        self._update_title()

    def _update_title(self, *_args: object) -> None:
        s = self.controller.session
        name = (s.project_path.name if s.project_path else s.source.name) or ""
        if name and self.controller.read_only:
            name += " " + tr("(alleen-lezen)")
        self.setWindowTitle(f"Klasvormer — {name}[*]" if name else "Klasvormer[*]")
        self.setWindowModified(self.controller.is_dirty())

    # ---- messages ----------------------------------------------------------------------------------
    def _status(self, text: str) -> None:
        self.statusBar().showMessage(text, 15_000)

    def _error(self, title: str, text: str) -> None:
        self._status(text.splitlines()[0] if text else title)
        self.show_message(title, text)

    def show_message(self, title: str, text: str) -> None:
        """A warning dialog (tests replace this to stay non-modal)."""
        QMessageBox.warning(self, title, text)

    def ask_yes_no(self, title: str, text: str) -> bool:
        """A yes/no question, No by default (tests replace this to stay non-modal)."""
        answer = QMessageBox.question(self, title, text, QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                      QMessageBox.StandardButton.No)
        return answer == QMessageBox.StandardButton.Yes

    def _rejected(self, text: str) -> None:
        self._status(text)

    # ---- files ---------------------------------------------------------------------------------
    def _source_changed(self) -> None:
        n = self.issues.count()
        errors = sum(1 for i in self.controller.session.source.issues if i.is_error)
        appears = n > 0 and not self.issues_dock.isVisible()
        self.issues_dock.setVisible(n > 0)
        if appears:  # a third of the window, so the page above stays usable on a small screen
            self.resizeDocks([self.issues_dock], [max(self.height() // 3, self.issues.minimumSizeHint().height())],
                             Qt.Orientation.Vertical)
        if self.controller.problem is None and errors:
            self.issues_dock.raise_()
        elif self.controller.plan is not None:
            self.tabs.setCurrentIndex(self.TAB_PLAN)
        self._update_title()

    # ---- drag and drop of files ----------------------------------------------------------------
    # ---- plan actions ---------------------------------------------------------------------------
    def solve(self) -> None:
        if self.controller.start_solve(planning.FRESH, self.optimize_page.time_limit.value()):
            self.tabs.setCurrentIndex(self.TAB_OPTIMIZE)

    def reoptimize(self) -> None:
        if self.controller.start_solve(planning.REOPTIMIZE, self.optimize_page.time_limit.value()):
            self.tabs.setCurrentIndex(self.TAB_OPTIMIZE)

    def _solve_finished(self, outcome: object) -> None:
        if isinstance(outcome, planning.SolveOutcome) and outcome.ok and self.tabs.currentIndex() == self.TAB_OPTIMIZE:
            self.tabs.setCurrentIndex(self.TAB_PLAN)

    def compute_tradeoff(self) -> None:
        page = self.compare_page
        if self.controller.start_tradeoff(page.points.value(), float(page.seconds.value()), **page.cap()):
            self.tabs.setCurrentIndex(self.TAB_COMPARE)

    def move_dialog(self) -> None:
        ids = self._selected_learners()
        c = self.controller
        if not ids or c.problem is None or c.state is None:
            self._rejected(tr("Kies eerst een of meer deelnemers in een tabel."))
            return
        dialog = MoveDialog(c.problem, c.state, ids, self)
        if dialog.exec() and dialog.chosen:
            c.move_learners(ids, dialog.target)

    def to_waitlist(self) -> None:
        ids = self._selected_learners()
        if ids:
            self.controller.move_learners(ids, None)

    def toggle_learner_lock(self) -> None:
        ids = self._selected_learners()
        if ids:
            self.controller.toggle_learner_lock(ids)

    def toggle_class_lock(self) -> None:
        cid = self.plan_page.selected_class_id()
        if cid:
            self.controller.toggle_class_lock(cid)

    def show_in_plan(self) -> None:
        ids = self._selected_learners()
        if ids and self.plan_page.select_learner(ids[0]):
            self.tabs.setCurrentIndex(self.TAB_PLAN)

    def erase_learner(self) -> None:
        ids = self._selected_learners()
        if len(ids) != 1:
            self._rejected(tr("Kies precies één deelnemer om te verwijderen."))
            return
        lid = ids[0]
        c = self.controller
        name = c.session.learner_name(lid)
        who = f"{lid} ({name})" if name else lid
        project = c.session.project_path
        text = tr("Deelnemer {who} helemaal verwijderen? De deelnemer verdwijnt uit de lijst, het plan, de "
                  "bewerkgeschiedenis en het herstelbestand.", who=who)
        if project is not None:
            text += "\n\n" + tr("Het project {name} wordt meteen opnieuw opgeslagen.", name=project.name)
        text += "\n\n" + tr("Dit kan niet ongedaan worden gemaakt.")
        if not self.ask_confirm_erase(text):
            return
        report = c.erase_learner(lid, self.recovery)
        if report is None:
            return
        lang = "en" if language() == "en" else None
        lines = [tr("Verwijderd uit:")] + [f"• {t.text(lang)}" for t in report.removed]
        lines += ["", tr("Mogelijk nog te vinden in:")] + [f"• {t.text(lang)}" for t in report.remaining]
        self.show_report(tr("Deelnemer verwijderd"), "\n".join(lines))
        self._update_actions()
        self._update_title()

    def ask_confirm_erase(self, text: str) -> bool:
        """Confirm erasing a learner (tests replace this to stay non-modal)."""
        box = QMessageBox(QMessageBox.Icon.Warning, tr("Deelnemer verwijderen"), text, parent=self)
        erase = box.addButton(tr("Verwijderen"), QMessageBox.ButtonRole.DestructiveRole)
        box.addButton(tr("Annuleren"), QMessageBox.ButtonRole.RejectRole)
        box.exec()
        return box.clickedButton() is erase

    REPORT_LINES = 12
    """A report of more lines shows its first and last line, the whole under *Show Details*: a
    report per class (the next planning week on a large provider) outgrew a 1366x768 screen at 125%."""

    def show_report(self, title: str, text: str) -> None:
        """An information dialog (tests replace this to stay non-modal)."""
        lines = text.split("\n")
        if len(lines) <= self.REPORT_LINES:
            QMessageBox.information(self, title, text)
            return
        box = QMessageBox(QMessageBox.Icon.Information, title, f"{lines[0]}\n…\n{lines[-1]}",
                          QMessageBox.StandardButton.Ok, self)
        box.setDetailedText(text)
        box.exec()

    def _focus_learner(self, learner_id: str, column: str) -> None:
        self.tabs.setCurrentIndex(self.TAB_LEARNERS)
        self.learners_page.focus_learner(learner_id, column)

    def _toggle_issues(self, checked: bool) -> None:
        self.issues_dock.setVisible(checked)

    def show_glossary(self) -> None:
        from ui.glossary import GlossaryDialog

        self.glossary = GlossaryDialog(self)
        self.glossary.show()

    def about(self) -> None:
        """Over Klasvormer: the version (which build a planner runs, when asked) and the sources."""
        from importlib.metadata import PackageNotFoundError, version

        try:
            head = tr("Versie {version}", version=version("klasvormer")) + "\n\n"
        except PackageNotFoundError:  # a source tree that was never installed
            head = ""
        QMessageBox.about(self, tr("Over Klasvormer"), head + tr(
            "Klasvormer stelt klassen samen voor taalaanbieders in de inburgering: wie begint wanneer, waar en "
            "met wie, zodat deelnemers snel starten, in een passende groep zitten en niet te ver reizen.\n\n"
            "Kaart: Gemeente Amsterdam open geodata; postcodes: GeoNames (CC BY 4.0)."))

    # ---- closing -------------------------------------------------------------------------------
    def closeEvent(self, event: QCloseEvent) -> None:
        if not self._closing and not self._may_discard():
            event.ignore()
            return
        self._closing = True
        self.autosave_timer.stop()
        self.controller.shutdown()
        self.controller.clear_recovery(self.recovery)
        if self.recovery is not None:
            self.recovery.close()
        prefs.settings().setValue("windowGeometry", self.saveGeometry())
        if QApplication.overrideCursor() is not None:
            QApplication.restoreOverrideCursor()
        event.accept()
