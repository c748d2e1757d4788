"""An Amsterdam map drawn with QPainter from the district polygons (no web view, no tiles).

Layers: districts shaded by how many waiting learners live there (with the count in the
label), a circle per postcode sized by its waiting learners, the class locations (squares),
and the selected class's members (triangles with lines to their location). Shapes differ per
layer, so colour is never the only cue. Hovering a marker shows what it stands for.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetrics,
    QHelpEvent,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPen,
    QPolygonF,
)
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from app.planner.geo import District, MapPoint
from ui.i18n import tr
from ui.style import BLACK, BLUE, GREEN, GREY, VERMILLION

SHADES = ("#f4f4f4", "#deebf7", "#c6dbef", "#9ecae1", "#6baed6")
"""Sequential light-to-darker blue for district shading (readable for colour-blind users)."""


@dataclass
class MapLayers:
    districts: tuple[District, ...] = ()
    counts: dict[str, int] = field(default_factory=dict)
    waiting: list[MapPoint] = field(default_factory=list)
    locations: list[MapPoint] = field(default_factory=list)
    members: list[MapPoint] = field(default_factory=list)
    class_location: MapPoint | None = None
    class_label: str = ""
    show_waiting: bool = True
    show_locations: bool = True
    show_members: bool = True


class MapWidget(QWidget):
    """Draws :class:`MapLayers`; keeps the aspect ratio of the city."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.layers = MapLayers()
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAutoFillBackground(True)
        self.setMouseTracking(True)
        self._markers: list[tuple[QPointF, float, str]] = []

    def sizeHint(self) -> QSize:
        fm = self.fontMetrics()
        return QSize(fm.horizontalAdvance("0") * 90, fm.height() * 32)

    def minimumSizeHint(self) -> QSize:
        fm = self.fontMetrics()
        return QSize(fm.horizontalAdvance("0") * 40, fm.height() * 16)

    def set_layers(self, layers: MapLayers) -> None:
        self.layers = layers
        self.update()

    # ---- projection ----------------------------------------------------------------------------
    def _projection(self):
        ds = self.layers.districts
        lats = [pt[0] for d in ds for pt in d.outline]
        lons = [pt[1] for d in ds for pt in d.outline]
        lat0, lat1, lon0, lon1 = min(lats), max(lats), min(lons), max(lons)
        k = math.cos(math.radians((lat0 + lat1) / 2))
        w_geo = (lon1 - lon0) * k
        h_geo = lat1 - lat0
        fm = self.fontMetrics()
        margin = fm.height() * 1.5
        legend_w = fm.horizontalAdvance("0") * 26
        avail_w = max(10.0, self.width() - 2 * margin - legend_w)
        avail_h = max(10.0, self.height() - 2 * margin)
        scale = min(avail_w / w_geo, avail_h / h_geo)
        ox = margin + (avail_w - w_geo * scale) / 2
        oy = margin + (avail_h - h_geo * scale) / 2

        def project(lat: float, lon: float) -> QPointF:
            return QPointF(ox + (lon - lon0) * k * scale, oy + (lat1 - lat) * scale)

        return project

    # ---- painting ------------------------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.fillRect(self.rect(), QColor("white"))
        L = self.layers
        self._markers = []
        self.label_boxes: list[tuple[str, str, QRectF]] = []
        """(kind "location" or "district", name, box) of every label drawn: labels never overlap."""
        taken: list[QRectF] = []
        if not L.districts:
            p.drawText(self.rect(), int(Qt.AlignmentFlag.AlignCenter), tr("Geen kaartgegevens."))
            return
        project = self._projection()
        fm = QFontMetrics(self.font())
        vmax = max(L.counts.values(), default=0)
        for d in L.districts:
            n = L.counts.get(d.name, 0)
            shade = SHADES[0] if not vmax or not n else SHADES[1 + min(3, int(3.999 * n / vmax))]
            path = QPainterPath()
            for ring in d.rings:
                poly = QPolygonF([project(lat, lon) for lat, lon in ring])
                path.addPolygon(poly)
                path.closeSubpath()
            path.setFillRule(Qt.FillRule.OddEvenFill)
            p.setPen(QPen(QColor(GREY), 1.2))
            p.setBrush(QBrush(QColor(shade)))
            p.drawPath(path)
        if L.show_waiting:
            wmax = max((pt.count for pt in L.waiting), default=1)
            for pt in L.waiting:
                c = project(pt.lat, pt.lon)
                r = fm.height() * (0.22 + 0.55 * math.sqrt(pt.count / wmax))
                fill = QColor(VERMILLION)
                fill.setAlpha(170)
                p.setPen(QPen(QColor("#7a2f00"), 1))
                p.setBrush(QBrush(fill))
                p.drawEllipse(c, r, r)
                self._markers.append((c, r, tr("Postcode {pc}: {n} wachtend", pc=pt.label, n=pt.count)))
        if L.show_members and L.members:
            target = project(L.class_location.lat, L.class_location.lon) if L.class_location else None
            for pt in L.members:
                c = project(pt.lat, pt.lon)
                if target is not None:
                    p.setPen(QPen(QColor(GREEN), 1.2, Qt.PenStyle.DashLine))
                    p.drawLine(c, target)
            for pt in L.members:
                c = project(pt.lat, pt.lon)
                r = fm.height() * (0.35 + 0.12 * min(4, pt.count))
                tri = QPolygonF([QPointF(c.x(), c.y() - r), QPointF(c.x() + r, c.y() + r * 0.8),
                                 QPointF(c.x() - r, c.y() + r * 0.8)])
                p.setPen(QPen(QColor(BLACK), 1))
                p.setBrush(QBrush(QColor(GREEN)))
                p.drawPolygon(tri)
                self._markers.append((c, r, tr("{label}: {n:deelnemer|deelnemers} van klas {cls}", label=pt.label,
                                                n=pt.count, cls=L.class_label)))
        if L.show_locations:
            for pt in L.locations:
                c = project(pt.lat, pt.lon)
                s = fm.height() * 0.45
                chosen = L.class_location is not None and pt.label == L.class_location.label
                p.setPen(QPen(QColor(BLACK), 2 if chosen else 1))
                p.setBrush(QBrush(QColor(BLUE)))
                square = QRectF(c.x() - s, c.y() - s, 2 * s, 2 * s)
                p.drawRect(square)
                taken.append(square)
                self._markers.append((c, s, tr("Leslocatie {name}", name=pt.label)))
            for pt in L.locations:
                c = project(pt.lat, pt.lon)
                s = fm.height() * 0.45
                chosen = L.class_location is not None and pt.label == L.class_location.label
                f = p.font()
                f.setBold(chosen)
                p.setFont(f)
                w = QFontMetrics(f).horizontalAdvance(pt.label) + 2
                h = fm.height()
                # right of the square, else left, above or below: the first place no other label takes
                right = QRectF(c.x() + s + 3, c.y() - h / 2, w, h)
                box = place_box(right, taken, [(0, 0), (-(w + 2 * s + 6), 0), (-(w / 2 + s + 3), -h - 2),
                                               (-(w / 2 + s + 3), h + 2)])
                taken.append(box)
                self.label_boxes.append(("location", pt.label, box))
                p.setPen(QPen(QColor(BLACK)))
                p.drawText(QPointF(box.left() + 1, box.top() + fm.ascent()), pt.label)
                f.setBold(False)
                p.setFont(f)
        # district labels on top, so they stay readable
        p.setBrush(Qt.BrushStyle.NoBrush)
        for d in L.districts:
            if d.name == "Westpoort":
                continue
            lat, lon = _label_anchor(d)
            c = project(lat, lon)
            n = L.counts.get(d.name, 0)
            lines = [d.name] + ([tr("{n} wachtend", n=n)] if L.show_waiting else [])
            box = self._draw_label(p, c, lines, fm, taken)
            taken.append(box)
            self.label_boxes.append(("district", d.name, box))
        self._draw_legend(p, fm)

    def _draw_label(self, p: QPainter, c: QPointF, lines: list[str], fm: QFontMetrics,
                    taken: list[QRectF]) -> QRectF:
        bold = QFont(p.font())
        bold.setBold(True)
        w = max(QFontMetrics(bold).horizontalAdvance(t) for t in lines) + 8
        h = fm.height() * len(lines) + 4
        # centred on the district, else moved up, down or sideways until no location label is covered
        steps = [(0, 0)] + [(dx * w * k / 2, dy * h * k / 2) for k in (1, 2, 3)
                            for dx, dy in ((0, -1), (0, 1), (-1, 0), (1, 0), (-1, -1), (1, -1), (-1, 1), (1, 1))]
        box = place_box(QRectF(c.x() - w / 2, c.y() - h / 2, w, h), taken, steps)
        c = box.center()
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(QBrush(QColor(255, 255, 255, 190)))
        p.drawRoundedRect(box, 3, 3)
        p.setPen(QPen(QColor("#333333")))
        for i, t in enumerate(lines):
            f = p.font()
            f.setBold(i == 0)
            p.setFont(f)
            p.drawText(QPointF(c.x() - fm.horizontalAdvance(t) / 2, box.top() + 2 + fm.ascent() + i * fm.height()), t)
        f = p.font()
        f.setBold(False)
        p.setFont(f)
        return box

    def _draw_legend(self, p: QPainter, fm: QFontMetrics) -> None:
        L = self.layers
        items: list[tuple[str, str]] = []
        if L.show_waiting:
            items.append(("circle", tr("wachtenden per postcode")))
            items.append(("shade", tr("kleur: wachtenden per stadsdeel")))
        if L.show_locations:
            items.append(("square", tr("leslocatie")))
        if L.show_members and L.members:
            items.append(("triangle", tr("deelnemers van klas {cls}", cls=L.class_label)))
        if not items:
            return
        lh = fm.height() * 1.4
        w = max(fm.horizontalAdvance(t) for _, t in items) + fm.height() * 2.5
        x = self.width() - w - fm.height() * 0.8
        y = fm.height() * 0.8
        p.setPen(QPen(QColor(GREY)))
        p.setBrush(QBrush(QColor(255, 255, 255, 230)))
        p.drawRoundedRect(QRectF(x, y, w, lh * len(items) + fm.height() * 0.5), 4, 4)
        for i, (kind, text) in enumerate(items):
            cy = y + fm.height() * 0.25 + lh * i + lh / 2
            cx = x + fm.height() * 0.9
            r = fm.height() * 0.35
            p.setPen(QPen(QColor(BLACK), 1))
            if kind == "circle":
                c = QColor(VERMILLION)
                c.setAlpha(170)
                p.setBrush(QBrush(c))
                p.drawEllipse(QPointF(cx, cy), r, r)
            elif kind == "shade":
                p.setBrush(QBrush(QColor(SHADES[3])))
                p.drawRect(QRectF(cx - r, cy - r, 2 * r, 2 * r))
            elif kind == "square":
                p.setBrush(QBrush(QColor(BLUE)))
                p.drawRect(QRectF(cx - r, cy - r, 2 * r, 2 * r))
            else:
                p.setBrush(QBrush(QColor(GREEN)))
                p.drawPolygon(QPolygonF([QPointF(cx, cy - r), QPointF(cx + r, cy + r * 0.8),
                                         QPointF(cx - r, cy + r * 0.8)]))
            p.setPen(QPen(QColor(BLACK)))
            p.drawText(QPointF(cx + fm.height() * 0.8, cy + fm.ascent() / 2 - 1), text)

    def event(self, e: QEvent) -> bool:
        if e.type() == QEvent.Type.ToolTip and isinstance(e, QHelpEvent):
            pos = QPointF(e.pos())
            for c, r, text in reversed(self._markers):
                if math.hypot(c.x() - pos.x(), c.y() - pos.y()) <= r + 3:
                    QToolTip.showText(e.globalPos(), text, self)
                    return True
            QToolTip.hideText()
            e.ignore()
            return True
        return super().event(e)


LABEL_NUDGE = {"Noord": (52.404, 4.965), "Oost": (52.352, 4.965), "Weesp": (52.300, 5.060),
               "Centrum": (52.376, 4.893), "West": (52.384, 4.855)}
"""Where to put a district's label when its area centroid falls in water or empty polder."""


def place_box(box: QRectF, taken: list[QRectF], steps: list[tuple[float, float]]) -> QRectF:
    """``box`` moved by the first step that overlaps nothing in ``taken`` (else the least overlap)."""
    best, best_overlap = box, float("inf")
    for dx, dy in steps:
        moved = box.translated(dx, dy)
        overlap = sum(_area(moved.intersected(t)) for t in taken)
        if overlap == 0:
            return moved
        if overlap < best_overlap:
            best, best_overlap = moved, overlap
    return best


def _area(r: QRectF) -> float:
    return max(0.0, r.width()) * max(0.0, r.height())


def _label_anchor(d: District) -> tuple[float, float]:
    return LABEL_NUDGE.get(d.name) or d.label_point()
