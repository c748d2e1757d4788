"""The main window: menus, toolbar, the eight tabs, the import-issues panel and the status bar.

The window owns no data: it builds the pages on the :class:`Controller` and turns menu actions
into controller calls. Switching the language rebuilds menus and pages in place (the data stay
in the controller). Autosave writes this window's own recovery file every two minutes when
there are unsaved changes (a failure shows in the status bar and once in a dialog, and is tried
again on the next tick); on start only recovery files whose instance is gone are offered. An open
project is locked; opening one that another instance has open asks first, and saving asks when
the file changed on disk, is open elsewhere or is read-only. Closing stops a running solve and
waits for it before the window goes.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSize, Qt, QTimer, Slot
from PySide6.QtGui import QAction, QCloseEvent, QDragEnterEvent, QDropEvent, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QFileDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QTabWidget,
    QToolBar,
    QWidget,
)

from app.planner import planning
from app.planner.project import SUFFIX, project_holder
from app.planner.recovery import Recovery, RecoverySlot, discard_recovery, find_recoveries
from app.safefile import LockInfo, cleanup_temp_files, is_read_only
from ui import settings as prefs
from ui.controller import Controller
from ui.dialogs import KeepColumnsDialog, MoveDialog
from ui.i18n import date_text, language, set_language, tr
from ui.issues import IssuesPanel
from ui.pages.capacity import CapacityPage
from ui.pages.compare import ComparePage
from ui.pages.learners import LearnersPage
from ui.pages.map import MapPage
from ui.pages.optimize import OptimizePage
from ui.pages.plan import PlanPage
from ui.pages.simulation import SimulationPage
from ui.pages.weights import WeightsPage
from ui.style import scrolled

AUTOSAVE_MS = 120_000
OPEN_SUFFIXES = (".xlsx", ".xlsm", ".csv", ".txt", SUFFIX)
SAVE = "save"
DISCARD = "discard"
CANCEL = "cancel"
READ_ONLY = "read-only"
OPEN_ANYWAY = "anyway"


class MainWindow(QMainWindow):
    """Klasvormer's planner window."""

    TAB_LEARNERS, TAB_CAPACITY, TAB_WEIGHTS, TAB_OPTIMIZE, TAB_PLAN, TAB_COMPARE, TAB_MAP, TAB_SIMULATION = range(8)

    def __init__(self, controller: Controller | None = None, *, recovery_dir: Path | None = None) -> None:
        super().__init__()
        self.controller = controller or Controller(self)
        self.recovery_dir = recovery_dir or prefs.recovery_dir()
        self.recovery: RecoverySlot | None = None
        self._recovery_error = ""
        try:
            self.recovery = RecoverySlot(self.recovery_dir)
        except OSError as exc:
            self._recovery_error = exc.strerror or str(exc)
        self._autosave_warned = False
        self.setAcceptDrops(True)
        self.setWindowTitle("Klasvormer[*]")
        fm = self.fontMetrics()
        self.resize(QSize(fm.horizontalAdvance("0") * 170, fm.height() * 48))
        self._ui: list[QWidget | QAction] = []
        self._closing = False
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
        c.autosaveFinished.connect(self._autosave_finished)
        c.undo_stack.cleanChanged.connect(self._clean_changed)
        c.undo_stack.indexChanged.connect(self._update_title)

        self.autosave_timer = QTimer(self)
        self.autosave_timer.setInterval(AUTOSAVE_MS)
        self.autosave_timer.timeout.connect(self.autosave)
        self.autosave_timer.start()
        geometry = prefs.settings().value("windowGeometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        self.fit_to_screen()
        self._update_actions()
        self._update_title()
        if self.recovery is None:
            self._autosave_finished(self._recovery_error)

    # ---- building --------------------------------------------------------------------------
    def _action(self, text: str, slot, shortcut: QKeySequence | str | list | None = None, tip: str = "",
                checkable: bool = False) -> QAction:
        act = QAction(text, self)
        if shortcut is not None:
            if isinstance(shortcut, list):
                act.setShortcuts([QKeySequence(s) for s in shortcut])
            else:
                act.setShortcut(QKeySequence(shortcut))
        if tip or shortcut is not None:
            keys = act.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            act.setToolTip(f"{tip or text.replace('&', '')}" + (f" ({keys})" if keys else ""))
            act.setStatusTip(tip or text.replace("&", ""))
        act.setCheckable(checkable)
        act.triggered.connect(slot)
        self._ui.append(act)
        return act

    def _build_ui(self) -> None:
        c = self.controller
        A = self._action
        self.act_open = A(tr("&Openen…"), self.open_dialog, QKeySequence.StandardKey.Open,
                          tr("Een deelnemerswerkmap (.xlsx/.csv) of een project openen"))
        self.act_open_plan = A(tr("Aangepast plan inlezen…"), self.open_edited_plan_dialog, None,
                               tr("Een plan-werkmap met wijzigingen van de coördinator inlezen"))
        self.act_save = A(tr("Project op&slaan"), self.save, QKeySequence.StandardKey.Save,
                          tr("Invoer, instellingen, plan en vastzettingen opslaan"))
        self.act_save_as = A(tr("Project opslaan &als…"), self.save_as, "Ctrl+Shift+S")
        self.act_keep_source = A(tr("Invoerbestand in het project bewaren"), self._keep_source, None,
                                 tr("Ook de ingelezen werkmap zelf (alle kolommen, volledige postcodes) in het "
                                    "project opslaan; standaard alleen wat het project nodig heeft"),
                                 checkable=True)
        self.act_export = A(tr("Plan &exporteren…"), self.export_dialog, "Ctrl+E",
                            tr("Het plan als Excel-werkmap schrijven"))
        self.act_export_anon = A(tr("Exporteren zonder namen…"), self.export_without_names_dialog, None,
                                 tr("Een planwerkmap om te delen (bijv. met de gemeente): deelnemers alleen met id, "
                                    "zonder namen, notities en volledige postcodes"))
        self.act_template = A(tr("Leeg &sjabloon opslaan…"), self.template_dialog, None,
                              tr("Een lege invoerwerkmap met uitleg opslaan"))
        self.act_quit = A(tr("&Afsluiten"), self.close, "Ctrl+Q")
        self.act_undo = c.undo_stack.createUndoAction(self, tr("&Ongedaan maken"))
        self.act_undo.setShortcuts([QKeySequence(QKeySequence.StandardKey.Undo)])
        self.act_redo = c.undo_stack.createRedoAction(self, tr("Opnieuw &uitvoeren"))
        self.act_redo.setShortcuts([QKeySequence("Ctrl+Y"), QKeySequence("Ctrl+Shift+Z")])
        self._ui += [self.act_undo, self.act_redo]
        # toolbar versions with a short fixed text; the tooltip names the step
        stack = c.undo_stack
        self.act_undo_tb = A(tr("Ongedaan maken"), stack.undo)
        self.act_redo_tb = A(tr("Opnieuw"), stack.redo)
        self._stack_index = stack.index()
        self.act_redo.triggered.connect(self._redone)
        self.act_redo_tb.triggered.connect(self._redone)
        stack.indexChanged.connect(self._stack_moved)
        self.act_undo_tb.setEnabled(stack.canUndo())
        self.act_redo_tb.setEnabled(stack.canRedo())
        stack.canUndoChanged.connect(self.act_undo_tb.setEnabled)
        stack.canRedoChanged.connect(self.act_redo_tb.setEnabled)
        stack.undoTextChanged.connect(self._undo_tips)
        stack.redoTextChanged.connect(self._undo_tips)
        self._undo_tips()
        self.act_move = A(tr("&Verplaatsen naar…"), self.move_dialog, "Ctrl+M",
                          tr("De gekozen deelnemers naar een andere klas verplaatsen"))
        self.act_waitlist = A(tr("Naar &wachtlijst"), self.to_waitlist, "Ctrl+Shift+W",
                              tr("De gekozen deelnemers op de wachtlijst zetten"))
        self.act_lock = A(tr("Deelnemer vast&zetten/losmaken"), self.toggle_learner_lock, "Ctrl+L",
                          tr("Vastgezette deelnemers blijven waar ze zijn bij heroptimaliseren"))
        self.act_lock_class = A(tr("&Klas vastzetten/losmaken"), self.toggle_class_lock, "Ctrl+Shift+L",
                                tr("Een vastgezette klas opent precies zo bij heroptimaliseren"))
        self.act_show_in_plan = A(tr("Toon in het plan"), self.show_in_plan, None)
        self.act_erase = A(tr("Deelnemer verwijderen…"), self.erase_learner, None,
                           tr("Eén deelnemer helemaal uit Klasvormer verwijderen: lijst, plan, project en "
                              "herstelbestand (recht op vergetelheid)"))
        self.act_solve = A(tr("&Optimaliseren"), self.solve, "F5", tr("Een nieuw plan maken"))
        self.act_reoptimize = A(tr("&Heroptimaliseren"), self.reoptimize, "Shift+F5",
                                tr("Verbeteren vanuit het huidige plan; vastzettingen blijven, verplaatsen kost punten"))
        self.act_stop = A(tr("&Stoppen"), self.controller.stop, "Esc", tr("Stoppen en het beste plan tot nu toe bewaren"))
        self.act_tradeoff = A(tr("&Afwegingen berekenen"), self.compute_tradeoff, "F6",
                              tr("Meerdere plannen van snel starten tot homogeen berekenen"))
        self.act_nl = A("Nederlands", lambda: self.switch_language("nl"), checkable=True)
        self.act_en = A("English", lambda: self.switch_language("en"), checkable=True)
        self.act_nl.setChecked(language() == "nl")
        self.act_en.setChecked(language() == "en")
        self.act_about = A(tr("&Over Klasvormer"), self.about)
        self.act_glossary = A(tr("&Begrippen"), self.show_glossary, None,
                              tr("Wat betekenen doelfunctie, ondergrens, bandbreedte, spreiding, P90 …?"))

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

        # tab shortcuts
        self.tab_actions = []
        for i in range(self.tabs.count()):
            act = A(self.tabs.tabText(i), lambda _c=False, i=i: self.tabs.setCurrentIndex(i), f"Ctrl+{i + 1}")
            self.tab_actions.append(act)

        # menus
        mb = self.menuBar()
        m = mb.addMenu(tr("&Bestand"))
        m.addActions([self.act_open, self.act_open_plan])
        self.recent_menu = m.addMenu(tr("&Recente bestanden"))
        self.recent_menu.aboutToShow.connect(self._fill_recent)
        m.addSeparator()
        m.addActions([self.act_save, self.act_save_as, self.act_keep_source])
        m.addSeparator()
        m.addActions([self.act_export, self.act_export_anon, self.act_template])
        m.addSeparator()
        m.addAction(self.act_quit)
        m = mb.addMenu(tr("Be&werken"))
        m.addActions([self.act_undo, self.act_redo])
        m.addSeparator()
        m.addActions([self.act_move, self.act_waitlist, self.act_lock, self.act_lock_class, self.act_show_in_plan])
        m.addSeparator()
        m.addAction(self.act_erase)
        m = mb.addMenu(tr("&Plan"))
        m.addActions([self.act_solve, self.act_reoptimize, self.act_stop])
        m.addSeparator()
        m.addAction(self.act_tradeoff)
        m = mb.addMenu(tr("Beel&d"))
        m.addActions(self.tab_actions)
        self.act_issues = A(tr("Meldingen bij het inlezen"), self._toggle_issues, "Ctrl+I", checkable=True)
        m.addSeparator()
        m.addAction(self.act_issues)
        m = mb.addMenu(tr("&Taal"))
        m.addActions([self.act_nl, self.act_en])
        m = mb.addMenu(tr("&Help"))
        m.addAction(self.act_glossary)
        m.addAction(self.act_about)
        self._ui += [mb]

        # toolbar
        tb = QToolBar(tr("Werkbalk"))
        tb.setObjectName("main-toolbar")
        tb.setMovable(False)
        tb.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        tb.addActions([self.act_open, self.act_save])
        tb.addSeparator()
        tb.addActions([self.act_undo_tb, self.act_redo_tb])
        tb.addSeparator()
        tb.addActions([self.act_solve, self.act_reoptimize, self.act_stop])
        tb.addSeparator()
        tb.addAction(self.act_export)
        self.addToolBar(tb)
        self.toolbar = tb

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
        self._ui += [self.tabs, tb, dock, self.plan_label]
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

    def _stack_moved(self, index: int) -> None:
        """After undo or redo the status bar names the step; an older message (the warning of a
        move just undone) must not stay. A new step's own message follows this one."""
        stack = self.controller.undo_stack
        before, self._stack_index = self._stack_index, index
        if stack.count() == 0:
            self.statusBar().clearMessage()
        elif index < before:
            self._status(tr("Ongedaan gemaakt: {what}", what=stack.text(index)))
        else:  # a new step (its own message follows) or a redo (named by _redone)
            self.statusBar().clearMessage()

    def _redone(self) -> None:
        stack = self.controller.undo_stack
        if stack.index() > 0:
            self._status(tr("Opnieuw uitgevoerd: {what}", what=stack.text(stack.index() - 1)))

    def _undo_tips(self, *_args: object) -> None:
        stack = self.controller.undo_stack
        self.act_undo_tb.setToolTip(tr("Ongedaan maken") + (f": {stack.undoText()}" if stack.undoText() else "") + " (Ctrl+Z)")
        self.act_redo_tb.setToolTip(tr("Opnieuw") + (f": {stack.redoText()}" if stack.redoText() else "") + " (Ctrl+Y)")

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

    @Slot()
    def _update_actions(self, *_args: object) -> None:
        c = self.controller
        has_problem = c.problem is not None
        has_plan = c.plan is not None
        busy = c.busy
        learners = bool(self._selected_learners())
        self.act_save.setEnabled(has_problem)
        self.act_save_as.setEnabled(has_problem)
        self.act_keep_source.setEnabled(has_problem)
        self.act_keep_source.setChecked(c.keep_source())
        self.act_export.setEnabled(has_plan)
        self.act_export_anon.setEnabled(has_plan)
        self.act_solve.setEnabled(has_problem and not busy)
        self.act_reoptimize.setEnabled(has_plan and not busy)
        self.act_stop.setEnabled(busy)
        self.act_tradeoff.setEnabled(has_problem and not busy)
        for act in (self.act_move, self.act_waitlist, self.act_lock, self.act_show_in_plan):
            act.setEnabled(has_plan and not busy and learners)
        self.act_erase.setEnabled(not busy and len(self._selected_learners()) == 1)
        self.act_lock_class.setEnabled(has_plan and not busy and self.plan_page.selected_class_id() is not None)
        self.act_open.setEnabled(not busy)
        self.act_open_plan.setEnabled(not busy)
        plan = c.plan
        if plan is not None:
            f = plan.figures
            self.plan_label.setText(tr("{placed} van {n} geplaatst · {classes} klassen · {waiting} wachtend",
                                       placed=f.get("placed", 0), n=f.get("learners", 0),
                                       classes=f.get("classes_opened", 0), waiting=f.get("waiting", 0)))
        elif c.problem is not None:
            self.plan_label.setText(tr("{n} deelnemers · nog geen plan", n=len(c.problem.learners)))
        else:
            self.plan_label.setText("")

    def _busy_changed(self, busy: bool) -> None:
        self._update_actions()
        stack = self.controller.undo_stack
        # no undo while a solve runs: its result must land on the problem it started from
        self.act_undo.setEnabled(not busy and stack.canUndo())
        self.act_redo.setEnabled(not busy and stack.canRedo())
        self.act_undo_tb.setEnabled(not busy and stack.canUndo())
        self.act_redo_tb.setEnabled(not busy and stack.canRedo())
        if busy:
            QApplication.setOverrideCursor(Qt.CursorShape.BusyCursor)
        else:
            QApplication.restoreOverrideCursor()

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

    def _rejected(self, text: str) -> None:
        self._status(text)

    # ---- files ---------------------------------------------------------------------------------
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

    _restoring = False

    def ask_restore(self, rec: Recovery) -> bool:
        when = rec.saved_at.strftime("%H:%M") if rec.saved_at else "?"
        day = date_text(rec.saved_at.date()) if rec.saved_at else ""
        origin = Path(rec.origin).name if rec.origin else tr("(onbekend)")
        answer = QMessageBox.question(
            self, tr("Werk herstellen?"),
            tr("Klasvormer is de vorige keer niet netjes afgesloten. Er is niet-opgeslagen werk van {day} "
               "{time} ({origin}). Wilt u dat herstellen?", day=day, time=when, origin=origin))
        return answer == QMessageBox.StandardButton.Yes

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
        if not self._may_discard():
            return False
        self._restoring = False
        ok = self.controller.open_file(p, edited_plan=edited_plan, read_only=read_only)
        if ok:
            prefs.add_recent_file(p)
        return ok

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

    def autosave(self) -> bool:
        """The autosave tick: show that this instance lives (lock refresh), then autosave."""
        if self.controller.project_lock is not None:
            self.controller.project_lock.refresh()
        if self.recovery is None:
            return False
        self.recovery.lock.refresh()
        return self.controller.autosave(self.recovery)

    # ---- drag and drop of files ----------------------------------------------------------------
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

    def show_report(self, title: str, text: str) -> None:
        """An information dialog (tests replace this to stay non-modal)."""
        QMessageBox.information(self, title, text)

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
        QMessageBox.about(self, tr("Over Klasvormer"), tr(
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
