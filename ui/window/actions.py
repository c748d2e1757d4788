"""The main window's actions, menus and toolbar, and when each action is enabled.

Every action is made by :meth:`WindowActions._action` (text, slot, shortcut, tooltip naming the
shortcut) and kept in the window's ``_ui`` list, so switching the language can rebuild them.
The undo and redo actions follow the controller's undo stack; the toolbar has short versions
whose tooltip names the step.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QToolBar

from ui.i18n import language, tr


class WindowActions:
    """Mixin of :class:`ui.mainwindow.MainWindow`: its actions, menus and toolbar."""

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

    def _build_actions(self) -> None:
        """The actions (menus, toolbar and context menus share them)."""
        c = self.controller
        A = self._action
        self.act_open = A(tr("&Openen…"), self.open_dialog, QKeySequence.StandardKey.Open,
                          tr("Een deelnemerswerkmap (.xlsx/.csv) of een project openen"))
        self.act_open_plan = A(tr("Aangepast plan inlezen…"), self.open_edited_plan_dialog, None,
                               tr("Een plan-werkmap met wijzigingen van de coördinator inlezen"))
        self.act_next_week = A(tr("Volgende planweek…"), self.next_week_dialog, None,
                               tr("Een planwerkmap naar een latere plandatum overzetten: gestarte klassen worden "
                                  "lopende klassen, gestarte deelnemers gaan naar het blad Gestart"))
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
        self._lock_class_tip = self.act_lock_class.toolTip()
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

    def _build_menus(self) -> None:
        """The tab shortcuts, the menu bar and the toolbar (after the pages: the tabs name the shortcuts)."""
        A = self._action
        self.tab_actions = []
        for i in range(self.tabs.count()):
            act = A(self.tabs.tabText(i), lambda _c=False, i=i: self.tabs.setCurrentIndex(i), f"Ctrl+{i + 1}")
            self.tab_actions.append(act)

        # menus
        mb = self.menuBar()
        m = mb.addMenu(tr("&Bestand"))
        m.addActions([self.act_open, self.act_open_plan, self.act_next_week])
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

    @Slot()
    def _update_actions(self, *_args: object) -> None:
        c = self.controller
        has_problem = c.problem is not None
        has_plan = c.plan is not None
        busy = c.busy
        plan = c.plan
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
        cid = self.plan_page.selected_class_id()
        running = plan is not None and cid is not None and cid in plan.class_by_id and plan.class_by_id[cid].running
        self.act_lock_class.setEnabled(has_plan and not busy and cid is not None and not running)
        self.act_lock_class.setToolTip(
            tr("Een lopende klas ligt al vast: alleen nieuwe klassen kunnen worden vastgezet") if running
            else self._lock_class_tip)
        self.act_open.setEnabled(not busy)
        self.act_open_plan.setEnabled(not busy)
        self.act_next_week.setEnabled(not busy and not c.next_week_jobs.running())
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
