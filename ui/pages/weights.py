"""Afweging: presets and the weights of waiting, fit and travel, each explained in one sentence."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QGridLayout,
    QGroupBox,
    QLabel,
    QPushButton,
    QSlider,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.planner import capacity
from app.planner.planning import weights_ratio_text
from optimizer.domain import PRESETS, Weights
from ui.controller import Controller
from ui.i18n import N_, lang_arg, tr
from ui.style import fill_with_scroll, heading, hint, undo_by_window

PRESET_TEXT = {
    "snelle start": (N_("Snelle start"), N_("Iedereen zo snel mogelijk beginnen, ook in een groep die minder goed past.")),
    "gebalanceerd": (N_("Gebalanceerd"), N_("Een middenweg tussen snel starten en een passende groep.")),
    "homogeen": (N_("Homogeen"), N_("Groepen van gelijke leerbaarheid; sommige deelnemers wachten daarvoor langer.")),
}
MAIN_WEIGHTS = [
    ("wait", N_("Wachttijd"), N_("Punten per week dat iemand wacht (keer de prioriteit): hoger betekent sneller "
                                 "starten, ook in een minder passende groep."), 100),
    ("misfit", N_("Niveauverschil"), N_("Punten per punt verschil tussen iemands leerbaarheid en het niveau van de "
                                        "klas: hoger betekent homogenere klassen, soms langer wachten."), 20),
    ("travel", N_("Reistijd"), N_("Punten per minuut reizen (enkele reis): hoger betekent les dichter bij huis, "
                                  "soms langer wachten of een minder passende groep."), 20),
]
OTHER_WEIGHTS = [
    ("daypart", N_("Dagdeelvoorkeur"), N_("Punten per lesdagdeel dat niet bij iemands voorkeursdagdelen hoort.")),
    ("language", N_("Taalvoorkeur"), N_("Punten als de lestaal niet iemands voorkeurstaal is.")),
    ("move", N_("Verplaatsen"), N_("Punten per deelnemer die bij heroptimaliseren naar een andere klas gaat.")),
    ("new_class", N_("Nieuwe klas"), N_("Punten per nieuw geopende klas (bijvoorbeeld de kosten van een docent).")),
]


class WeightsPage(QWidget):
    """The Afweging tab; every change is an undoable problem edit."""

    def __init__(self, controller: Controller, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self._updating = False

        presets = QGroupBox(tr("Kies een vertrekpunt"))
        pl = QGridLayout(presets)
        self.preset_group = QButtonGroup(self)
        self.preset_group.setExclusive(True)
        self.preset_buttons: dict[str, QPushButton] = {}
        for col, (key, (title, text)) in enumerate(PRESET_TEXT.items()):
            b = QPushButton(tr(title))
            b.setCheckable(True)
            b.setMinimumHeight(b.fontMetrics().height() * 2)
            b.clicked.connect(lambda _c=False, key=key: self.apply_preset(key))
            self.preset_group.addButton(b)
            self.preset_buttons[key] = b
            pl.addWidget(b, 0, col)
            lab = QLabel(tr(text))
            lab.setWordWrap(True)
            lab.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
            pl.addWidget(lab, 1, col)
            pl.setColumnStretch(col, 1)

        main = QGroupBox(tr("Wachten, passen en reizen"))
        ml = QGridLayout(main)
        ml.setColumnStretch(1, 1)
        self.spins: dict[str, QSpinBox] = {}
        self.sliders: dict[str, QSlider] = {}
        row = 0
        for key, title, text, top in MAIN_WEIGHTS:
            name = heading(tr(title), size_delta=0)
            slider = QSlider(Qt.Orientation.Horizontal)
            slider.setRange(0, top)
            slider.setAccessibleName(tr(title))
            spin = QSpinBox()
            spin.setRange(*capacity.WEIGHT_RANGE)
            spin.setAccessibleName(tr(title))
            spin.setSuffix(" " + tr("punten"))
            name.setBuddy(spin)
            slider.valueChanged.connect(lambda v, key=key: self._changed(key, v))
            spin.valueChanged.connect(lambda v, key=key: self._changed(key, v))
            undo_by_window(spin)
            ml.addWidget(name, row, 0)
            ml.addWidget(slider, row, 1)
            ml.addWidget(spin, row, 2)
            ml.addWidget(hint(tr(text)), row + 1, 0, 1, 3)
            self.spins[key], self.sliders[key] = spin, slider
            row += 2
        self.ratio = QLabel()
        self.ratio.setWordWrap(True)
        self.ratio.setStyleSheet("font-weight: bold;")
        ml.addWidget(self.ratio, row, 0, 1, 3)

        other = QGroupBox(tr("Overige gewichten"))
        ol = QGridLayout(other)
        ol.setColumnStretch(2, 1)
        for i, (key, title, text) in enumerate(OTHER_WEIGHTS):
            spin = QSpinBox()
            spin.setRange(*capacity.WEIGHT_RANGE)
            spin.setSuffix(" " + tr("punten"))
            spin.setAccessibleName(tr(title))
            spin.valueChanged.connect(lambda v, key=key: self._changed(key, v))
            undo_by_window(spin)
            lab = QLabel(tr(title))
            lab.setBuddy(spin)
            ol.addWidget(lab, i, 0)
            ol.addWidget(spin, i, 1)
            ol.addWidget(hint(tr(text)), i, 2)
            self.spins[key] = spin

        intro = hint(tr("Het afwegingskader: wat is een week eerder starten waard tegenover een passende groep "
                        "en een korte reis? Gewichten zijn punten; het plan met de minste punten wint. "
                        "Op het tabblad Vergelijken ziet u meerdere plannen naast elkaar."))
        body = QWidget()
        lay = QVBoxLayout(body)
        lay.addWidget(intro)
        lay.addWidget(presets)
        lay.addWidget(main)
        lay.addWidget(other)
        lay.addStretch(1)
        fill_with_scroll(self, body)

        controller.problemChanged.connect(self.refresh)
        self.body = body
        controller.busyChanged.connect(self._busy)
        self.refresh()

    def _busy(self, busy: bool) -> None:
        self.body.setEnabled(not busy)

    def refresh(self) -> None:
        problem = self.controller.problem
        self.setEnabled(problem is not None)
        w = problem.weights if problem else Weights()
        self._updating = True
        try:
            for key, spin in self.spins.items():
                spin.setValue(getattr(w, key))
                spin.setSuffix(" " + (tr("punt") if spin.value() == 1 else tr("punten")))
            for key, slider in self.sliders.items():
                slider.setValue(min(slider.maximum(), getattr(w, key)))
        finally:
            self._updating = False
        active = next((k for k, p in PRESETS.items() if replace(p, new_class=w.new_class) == w), None)
        self.preset_group.setExclusive(False)
        for key, b in self.preset_buttons.items():
            b.setChecked(key == active)
        self.preset_group.setExclusive(True)
        self.ratio.setText(weights_ratio_text(w, lang_arg()))

    def _changed(self, key: str, value: int) -> None:
        if self._updating:
            return
        title = next((t for k, t, *_ in MAIN_WEIGHTS + OTHER_WEIGHTS if k == key), key)
        error = self.controller.edit_problem(tr("Gewicht {name}: {n}", name=tr(title).lower(), n=value),
                                             lambda p: capacity.set_weight(p, key, value), key=f"weight:{key}")
        if error:
            self.controller.editRejected.emit(error)
        self.refresh()

    def apply_preset(self, key: str) -> None:
        problem = self.controller.problem
        if problem is None:
            return
        preset = PRESETS[key]
        # presets fix the balance; the new-class weight stays as the planner set it
        weights = replace(preset, new_class=problem.weights.new_class)
        title = PRESET_TEXT[key][0]
        error = self.controller.edit_problem(tr("Afweging: {name}", name=tr(title)),
                                             lambda p: capacity.set_weights(p, weights))
        if error:
            self.controller.editRejected.emit(error)
        self.refresh()
