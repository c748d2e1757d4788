"""Kaart: where waiting learners live, the class locations, and the chosen class's members."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QComboBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from app.planner import geo
from ui.controller import Controller
from ui.i18n import tr
from ui.mapview import MapLayers, MapWidget
from ui.style import hint


class MapPage(QWidget):
    """The Kaart tab."""

    def __init__(self, controller: Controller, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.map = MapWidget()
        self.show_waiting = QCheckBox(tr("Wachtenden"))
        self.show_waiting.setChecked(True)
        self.show_locations = QCheckBox(tr("Leslocaties"))
        self.show_locations.setChecked(True)
        self.show_members = QCheckBox(tr("Deelnemers van klas:"))
        self.show_members.setChecked(True)
        self.class_combo = QComboBox()
        self.class_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.class_combo.setAccessibleName(tr("Klas op de kaart"))
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        bar = QHBoxLayout()
        for w in (self.show_waiting, self.show_locations, self.show_members, self.class_combo):
            bar.addWidget(w)
        bar.addStretch(1)
        lay = QVBoxLayout(self)
        lay.addLayout(bar)
        lay.addWidget(self.map, 1)
        lay.addWidget(self.summary)
        lay.addWidget(hint(tr("Kaart: Gemeente Amsterdam open geodata (stadsdelen); postcodepunten: GeoNames "
                              "(CC BY 4.0). Zonder plan tonen de stippen alle deelnemers.")))
        for box in (self.show_waiting, self.show_locations, self.show_members):
            box.toggled.connect(self.refresh)
        self.class_combo.currentIndexChanged.connect(lambda _i: self.refresh())
        controller.planChanged.connect(self._fill_classes)
        controller.problemChanged.connect(self.refresh)
        controller.focusClass.connect(self.select_class)
        self._fill_classes()

    def _fill_classes(self) -> None:
        plan = self.controller.plan
        current = self.class_combo.currentData()
        self.class_combo.blockSignals(True)
        self.class_combo.clear()
        self.class_combo.addItem(tr("(geen)"), "")
        if plan is not None:
            for c in plan.classes:
                self.class_combo.addItem(f"{c.id} · {c.location} · {c.size}", c.id)
        i = self.class_combo.findData(current)
        if i < 0 and plan is not None and plan.classes:
            i = 1
        self.class_combo.setCurrentIndex(max(0, i))
        self.class_combo.blockSignals(False)
        self.refresh()

    def select_class(self, class_id: str) -> None:
        i = self.class_combo.findData(class_id)
        if i >= 0:
            self.class_combo.setCurrentIndex(i)

    def refresh(self) -> None:
        problem, plan = self.controller.problem, self.controller.plan
        layers = MapLayers(districts=geo.districts(), show_waiting=self.show_waiting.isChecked(),
                           show_locations=self.show_locations.isChecked(),
                           show_members=self.show_members.isChecked())
        if problem is None:
            self.map.set_layers(layers)
            self.summary.setText("")
            return
        if plan is None:
            ids = [lr.id for lr in problem.learners]
        else:
            ids = [a.learner_id for a in plan.assignments.values() if not a.placed]
        layers.waiting = geo.learner_points(problem, ids)
        layers.counts = geo.counts_per_district(problem, ids)
        layers.locations = geo.location_points(problem)
        cid = self.class_combo.currentData()
        text = tr("{n:wachtende|wachtenden} op de kaart.", n=len(ids)) if plan else tr("{n:deelnemer|deelnemers} op de kaart (nog geen plan).", n=len(ids))
        if plan is not None and cid:
            c = plan.class_by_id.get(cid)
            if c is not None:
                layers.members = geo.learner_points(problem, c.members)
                layers.class_location = geo.class_location_point(problem, c.location)
                layers.class_label = c.id
                text += " " + tr("Klas {id}: {n:deelnemer|deelnemers}, les in {loc}.", id=c.id, n=c.size, loc=c.location)
        self.map.set_layers(layers)
        self.summary.setText(text)
