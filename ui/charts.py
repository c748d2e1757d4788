"""Small charts drawn with QPainter: solver progress, leerbaarheid histogram, trade-off scatter.

Sizes come from the widget's font metrics, so the charts stay readable at 125-150% scaling.
Colours are Okabe-Ito; every series also differs in line style or marker and is named in a
legend, so colour is never the only cue.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFontMetrics,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPen,
)
from PySide6.QtWidgets import QSizePolicy, QWidget

from ui.i18n import number, tr
from ui.style import BLACK, BLUE, GREY, LIGHT_GREY, ORANGE, series_color


def nice_ticks(lo: float, hi: float, count: int = 5) -> list[float]:
    """About ``count`` round tick values covering ``lo``..``hi``."""
    if not math.isfinite(lo) or not math.isfinite(hi):
        return []
    if hi <= lo:
        hi = lo + 1
    raw = (hi - lo) / max(1, count)
    mag = 10 ** math.floor(math.log10(raw))
    step = next(m * mag for m in (1, 2, 2.5, 5, 10) if m * mag >= raw)
    start = math.floor(lo / step + 1e-9) * step
    end = math.ceil(hi / step - 1e-9) * step
    n = int(round((end - start) / step))
    return [round(start + k * step, 10) for k in range(n + 1)]


def _tick_text(v: float, step: float) -> str:
    """A tick's value with as many decimals as the step between ticks has (a step of 0,25 reads
    4,25 4,50 4,75: with one decimal it read 4,2 4,5 4,8, as if unevenly spaced)."""
    decimals = next((d for d in range(6) if abs(round(step, d) - step) < 1e-9), 6)
    return number(v, decimals)


class ChartBase(QWidget):
    """Axes, ticks and a plot rectangle from the font metrics."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setBackgroundRole(self.backgroundRole())
        self.setAutoFillBackground(True)
        self.x_label = ""
        self.y_label = ""

    def sizeHint(self) -> QSize:
        fm = self.fontMetrics()
        return QSize(fm.horizontalAdvance("0") * 60, fm.height() * 16)

    def minimumSizeHint(self) -> QSize:
        fm = self.fontMetrics()
        return QSize(fm.horizontalAdvance("0") * 30, fm.height() * 8)

    def plot_rect(self, y_ticks: Sequence[str], legend_lines: int = 1) -> QRectF:
        fm = self.fontMetrics()
        left = max([fm.horizontalAdvance(t) for t in y_ticks] or [0]) + fm.height() * 2 + 8
        top = fm.height() * (legend_lines + 0.8)
        bottom = fm.height() * 3
        right = fm.horizontalAdvance("0") * 3
        return QRectF(left, top, max(10.0, self.width() - left - right), max(10.0, self.height() - top - bottom))

    def draw_axes(self, p: QPainter, rect: QRectF, xs: list[float], ys: list[float],
                  x_map, y_map, x_step: float, y_step: float) -> None:
        fm = QFontMetrics(self.font())
        grid = QPen(QColor(LIGHT_GREY))
        axis = QPen(QColor(GREY))
        text_pen = QPen(self.palette().windowText().color())
        for y in ys:
            py = y_map(y)
            p.setPen(grid)
            p.drawLine(QPointF(rect.left(), py), QPointF(rect.right(), py))
            p.setPen(text_pen)
            t = _tick_text(y, y_step)
            p.drawText(QPointF(rect.left() - 6 - fm.horizontalAdvance(t), py + fm.ascent() / 2 - 1), t)
        for x in xs:
            px = x_map(x)
            p.setPen(grid)
            p.drawLine(QPointF(px, rect.top()), QPointF(px, rect.bottom()))
            p.setPen(text_pen)
            t = _tick_text(x, x_step)
            p.drawText(QPointF(px - fm.horizontalAdvance(t) / 2, rect.bottom() + fm.ascent() + 4), t)
        p.setPen(axis)
        p.drawLine(rect.bottomLeft(), rect.bottomRight())
        p.drawLine(rect.bottomLeft(), rect.topLeft())
        p.setPen(text_pen)
        if self.x_label:
            w = fm.horizontalAdvance(self.x_label)
            p.drawText(QPointF(rect.center().x() - w / 2, rect.bottom() + fm.height() * 2 + fm.ascent() - 4),
                       self.x_label)
        if self.y_label:
            # Centred on the plot, but never past the widget's top or bottom (at 1366 x 768 and
            # 125% the trade-off chart is shorter than its label): moved, and cut with "…" last.
            room = max(10.0, self.height() - 4.0)
            label = fm.elidedText(self.y_label, Qt.TextElideMode.ElideRight, int(room))
            w = fm.horizontalAdvance(label)
            bottom = min(self.height() - 2.0, max(rect.center().y() + w / 2, w + 2.0))
            p.save()
            p.translate(fm.ascent() - 2, bottom)
            p.rotate(-90)
            p.drawText(QPointF(0, 0), label)
            p.restore()

    def draw_legend(self, p: QPainter, items: list[tuple[str, QPen, str]]) -> None:
        """Items of (text, pen, marker): marker '' draws a line sample, else a filled circle."""
        fm = QFontMetrics(self.font())
        x = fm.horizontalAdvance("0") * 2
        y = fm.height() * 0.9
        for text, pen, marker in items:
            p.setPen(pen)
            cy = y - fm.ascent() / 3
            if marker == "d":
                p.setBrush(QBrush(QColor("white")))
                p.setPen(QPen(pen.color(), 2))
                path = QPainterPath()
                path.moveTo(x + 10, cy - 6)
                path.lineTo(x + 16, cy)
                path.lineTo(x + 10, cy + 6)
                path.lineTo(x + 4, cy)
                path.closeSubpath()
                p.drawPath(path)
                p.setBrush(Qt.BrushStyle.NoBrush)
            elif marker:
                p.setBrush(QBrush(pen.color()))
                p.setPen(QPen(QColor(BLACK), 1))
                p.drawEllipse(QPointF(x + 10, cy), 6, 6)
                p.setBrush(Qt.BrushStyle.NoBrush)
            else:
                p.drawLine(QPointF(x, y - fm.ascent() / 3), QPointF(x + 22, y - fm.ascent() / 3))
            p.setPen(QPen(self.palette().windowText().color()))
            p.drawText(QPointF(x + 28, y), text)
            x += 28 + fm.horizontalAdvance(text) + fm.horizontalAdvance("0") * 3

    def draw_empty(self, p: QPainter, text: str) -> None:
        p.setPen(QPen(QColor(GREY)))
        p.drawText(self.rect(), int(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap), text)


class ProgressChart(ChartBase):
    """Objective and bound over time while solving (step lines; lower is better)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._points: list[tuple[float, float, float]] = []
        self._time_limit = 0.0
        self._now = 0.0

    def clear(self, time_limit: float = 0.0) -> None:
        self._points = []
        self._time_limit = time_limit
        self._now = 0.0
        self.update()

    def add(self, elapsed: float, objective: float, bound: float) -> None:
        self._points.append((elapsed, objective, bound))
        self._now = max(self._now, elapsed)
        self.update()

    def set_now(self, elapsed: float) -> None:
        self._now = elapsed
        self.update()

    def points(self) -> list[tuple[float, float, float]]:
        return list(self._points)

    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.x_label = tr("seconden")
        self.y_label = tr("punten")
        if not self._points:
            self.draw_empty(p, tr("Hier ziet u tijdens het optimaliseren de doelfunctie en de ondergrens. Start met F5."))
            return
        objs = [o for _, o, _ in self._points]
        bounds = [b for _, _, b in self._points if math.isfinite(b)]
        lo = min(objs + bounds) if bounds else min(objs)
        hi = max(objs)
        if hi - lo < 1:
            lo, hi = lo - 1, hi + 1
        pad = (hi - lo) * 0.05
        yt = nice_ticks(lo - pad, hi + pad)
        y0, y1 = (yt[0], yt[-1]) if len(yt) > 1 else (lo, hi)
        t_max = max(self._time_limit, self._now, self._points[-1][0], 1.0)
        xt = nice_ticks(0, t_max)
        x1 = max(t_max, xt[-1] if xt else t_max)
        ystep = yt[1] - yt[0] if len(yt) > 1 else 1
        xstep = xt[1] - xt[0] if len(xt) > 1 else 1
        rect = self.plot_rect([_tick_text(v, ystep) for v in yt])

        def xm(v: float) -> float:
            return rect.left() + rect.width() * v / x1

        def ym(v: float) -> float:
            return rect.bottom() - rect.height() * (v - y0) / (y1 - y0 or 1)

        self.draw_axes(p, rect, xt, yt, xm, ym, xstep, ystep)
        end = max(self._now, self._points[-1][0])
        obj_pen = QPen(QColor(BLUE), 2.5)
        bound_pen = QPen(QColor(ORANGE), 2.0, Qt.PenStyle.DashLine)
        for idx, pen in ((1, obj_pen), (2, bound_pen)):
            path = QPainterPath()
            started = False
            last = None
            for pt in self._points:
                v = pt[idx]
                if not math.isfinite(v):
                    continue
                x, y = xm(pt[0]), ym(v)
                if not started:
                    path.moveTo(x, y)
                    started = True
                else:
                    path.lineTo(x, last)
                    path.lineTo(x, y)
                last = y
            if started and last is not None:
                path.lineTo(xm(end), last)
                p.setPen(pen)
                p.drawPath(path)
        p.setPen(obj_pen)
        p.setBrush(QBrush(QColor(BLUE)))
        for t, o, _ in self._points:
            p.drawEllipse(QPointF(xm(t), ym(o)), 3, 3)
        p.setBrush(Qt.BrushStyle.NoBrush)
        self.draw_legend(p, [(tr("Doelfunctie (lager is beter)"), obj_pen, ""),
                             (tr("Ondergrens (beter kan niet)"), bound_pen, "")])


class LevelHistogram(ChartBase):
    """Learners per leerbaarheid band, one small bar chart per route."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._data: dict[str, list[int]] = {}

    def sizeHint(self) -> QSize:
        fm = self.fontMetrics()
        return QSize(fm.horizontalAdvance("0") * 44, fm.height() * (4 + 6 * max(1, len(self._data))))

    def minimumSizeHint(self) -> QSize:
        fm = self.fontMetrics()
        return QSize(fm.horizontalAdvance("0") * 34, fm.height() * 8)

    def set_data(self, data: dict[str, list[int]]) -> None:
        self._data = dict(data)
        self.updateGeometry()
        self.update()

    def data(self) -> dict[str, list[int]]:
        return dict(self._data)

    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        fm = QFontMetrics(self.font())
        if not self._data:
            self.draw_empty(p, tr("Geen deelnemers in de selectie."))
            return
        text_pen = QPen(self.palette().windowText().color())
        top = fm.height() * 0.5
        p.setPen(text_pen)
        title = tr("Leerbaarheid per route (aantal deelnemers per 10 punten)")
        p.drawText(QRectF(0, 0, self.width(), fm.height() * 2.2),
                   int(Qt.AlignmentFlag.AlignHCenter | Qt.TextFlag.TextWordWrap), title)
        top = fm.height() * 2.4
        n = len(self._data)
        block = (self.height() - top - fm.height() * 1.8) / n
        left = fm.horizontalAdvance("0") * 3
        right = self.width() - fm.horizontalAdvance("0") * 2
        width = right - left
        vmax = max(max(c) for c in self._data.values()) or 1
        for i, (route, counts) in enumerate(self._data.items()):
            y_top = top + i * block
            label_h = fm.height() * 1.1
            bar_bottom = y_top + block - fm.height() * 0.4
            bar_area = bar_bottom - (y_top + label_h) - fm.height() * 0.9
            col = series_color(i)
            p.setPen(text_pen)
            total = sum(counts)
            p.drawText(QPointF(left, y_top + fm.ascent()), tr("{route}: {n} deelnemers", route=route, n=total))
            bw = width / len(counts)
            for k, c in enumerate(counts):
                h = bar_area * c / vmax
                r = QRectF(left + k * bw + 1, bar_bottom - h, bw - 2, h)
                p.fillRect(r, col)
                if c:
                    t = str(c)
                    p.setPen(text_pen)
                    p.drawText(QPointF(r.center().x() - fm.horizontalAdvance(t) / 2, r.top() - 2), t)
            p.setPen(QPen(QColor(GREY)))
            p.drawLine(QPointF(left, bar_bottom), QPointF(right, bar_bottom))
        p.setPen(text_pen)
        bw = width / 10
        base = self.height() - fm.height() * 0.4
        for k in range(0, 11, 2):
            t = str(k * 10)
            p.drawText(QPointF(left + k * bw - fm.horizontalAdvance(t) / 2, base), t)


def _label_cost(box: QRectF, taken: list[QRectF], bounds: QRectF, plot: QRectF) -> float:
    """How bad a label position is: overlaps with markers and labels (by how much of the label
    they cover), leaving the plot area (over the axes' numbers) and leaving the widget."""
    area = max(1.0, box.width() * box.height())
    covered = sum(1 + (box & t).width() * (box & t).height() / area for t in taken if box.intersects(t))
    outside_plot = 0 if plot.contains(box) else 2
    return 3 * covered + outside_plot + (0 if bounds.contains(box) else 5)


@dataclass(frozen=True)
class ScatterPoint:
    """One plan in the trade-off chart."""

    label: str
    wait: float
    misfit: float
    travel: float
    current: bool = False
    short: str | None = None
    """A shorter label for a crowded chart (the plan's number in the list beside it)."""


class TradeoffChart(ChartBase):
    """Mean wait against mean misfit, one marker per plan; marker size shows mean travel.

    The simulation page reuses it for policies: ``empty_text`` and ``legend_text`` replace the
    trade-off texts, and ``connect=False`` leaves out the dotted line through the plans.
    """

    pointClicked = Signal(int)

    def __init__(self, parent: QWidget | None = None, *, empty_text: str | None = None,
                 legend_text: str | None = None, connect: bool = True) -> None:
        super().__init__(parent)
        self._empty_text = empty_text
        self._legend_text = legend_text
        self._connect = connect
        self._points: list[ScatterPoint] = []
        self._selected = -1
        self._hit: list[tuple[QPointF, float]] = []
        self._cap: tuple[float | None, float | None] = (None, None)
        self.drawn_labels: list[str] = []
        """The labels of the last paint (full, or the plans' numbers when crowded)."""
        self.setMouseTracking(False)
        self.setCursor(Qt.CursorShape.PointingHandCursor)

    def set_points(self, points: Sequence[ScatterPoint], selected: int = -1) -> None:
        self._points = list(points)
        self._selected = selected
        self.update()

    def set_cap(self, wait: float | None = None, misfit: float | None = None) -> None:
        """Draw the cap of a capped search: a line at that mean wait (or mean misfit)."""
        self._cap = (wait, misfit)
        self.update()

    def set_selected(self, index: int) -> None:
        self._selected = index
        self.update()

    def set_empty_text(self, text: str | None) -> None:
        """What the chart says when it has no points (None: the trade-off text)."""
        self._empty_text = text
        self.update()

    def points(self) -> list[ScatterPoint]:
        return list(self._points)

    def _radius(self, travel: float, top: float) -> float:
        """Marker area proportional to mean travel (so 27 and 28 minutes look alike)."""
        fm = self.fontMetrics()
        big = fm.height() * 0.9
        if top <= 0:
            return big * 0.6
        return max(fm.height() * 0.3, big * math.sqrt(max(0.0, travel) / top))

    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        fm = QFontMetrics(self.font())
        self.x_label = tr("gemiddelde wachttijd (weken)")
        self.y_label = tr("niveauverschil")  # "gemiddeld niveauverschil" was cut on a laptop (x: the mean wait)
        self._hit = []
        if not self._points:
            self.draw_empty(p, self._empty_text or tr("Nog geen afwegingen berekend. Klik op ‘Afwegingen berekenen’ (F6)."))
            return
        cap_wait, cap_misfit = self._cap
        xs = [q.wait for q in self._points] + ([cap_wait] if cap_wait is not None else [])
        ys = [q.misfit for q in self._points] + ([cap_misfit] if cap_misfit is not None else [])
        tr_top = max(q.travel for q in self._points)
        xpad = max(0.5, (max(xs) - min(xs)) * 0.15)
        ypad = max(0.3, (max(ys) - min(ys)) * 0.15)
        xt = nice_ticks(max(0.0, min(xs) - xpad), max(xs) + xpad)
        yt = nice_ticks(max(0.0, min(ys) - ypad), max(ys) + ypad)
        x0, x1 = xt[0], xt[-1]
        y0, y1 = yt[0], yt[-1]
        xstep = xt[1] - xt[0] if len(xt) > 1 else 1
        ystep = yt[1] - yt[0] if len(yt) > 1 else 1
        rect = self.plot_rect([_tick_text(v, ystep) for v in yt], legend_lines=1)

        def xm(v: float) -> float:
            return rect.left() + rect.width() * (v - x0) / (x1 - x0 or 1)

        def ym(v: float) -> float:
            return rect.bottom() - rect.height() * (v - y0) / (y1 - y0 or 1)

        self.draw_axes(p, rect, xt, yt, xm, ym, xstep, ystep)
        if cap_wait is not None or cap_misfit is not None:
            p.setPen(QPen(QColor(BLACK), 1.2, Qt.PenStyle.DashLine))
            if cap_wait is not None:
                a, b = QPointF(xm(cap_wait), rect.top()), QPointF(xm(cap_wait), rect.bottom())
            else:
                a, b = QPointF(rect.left(), ym(cap_misfit)), QPointF(rect.right(), ym(cap_misfit))  # type: ignore[arg-type]
            p.drawLine(a, b)
            p.drawText(QPointF(a.x() + 4, a.y() + fm.ascent() + 2), tr("grens"))
        sweep = [(i, q) for i, q in enumerate(self._points) if not q.current]
        if self._connect and len(sweep) > 1:
            p.setPen(QPen(QColor(BLUE), 1.5, Qt.PenStyle.DotLine))
            path = QPainterPath()
            for k, (_, q) in enumerate(sorted(sweep, key=lambda iq: iq[1].wait)):
                pt = QPointF(xm(q.wait), ym(q.misfit))
                path.moveTo(pt) if k == 0 else path.lineTo(pt)
            p.drawPath(path)
        centres: list[tuple[QPointF, float]] = []
        for i, q in enumerate(self._points):
            c = QPointF(xm(q.wait), ym(q.misfit))
            r = self._radius(q.travel, tr_top)
            centres.append((c, r))
            self._hit.append((c, max(r, fm.height() * 0.6)))
            if q.current:
                p.setPen(QPen(QColor(BLACK), 2))
                p.setBrush(QBrush(QColor(255, 255, 255, 200)))
                path = QPainterPath()
                path.moveTo(c.x(), c.y() - r)
                path.lineTo(c.x() + r, c.y())
                path.lineTo(c.x(), c.y() + r)
                path.lineTo(c.x() - r, c.y())
                path.closeSubpath()
                p.drawPath(path)
            else:
                fill = QColor(ORANGE)
                fill.setAlpha(220)
                p.setPen(QPen(QColor(BLACK), 1))
                p.setBrush(QBrush(fill))
                p.drawEllipse(c, r, r)
            if i == self._selected:
                p.setBrush(Qt.BrushStyle.NoBrush)
                p.setPen(QPen(QColor(BLUE), 3))
                p.drawEllipse(c, r + 5, r + 5)
        self._draw_labels(p, fm, rect, centres)
        p.setBrush(Qt.BrushStyle.NoBrush)
        legend = [(self._legend_text or tr("plan uit de afweging (grootte = gem. reistijd)"), QPen(QColor(ORANGE)), "o")]
        if self._legend_text is None or any(q.current for q in self._points):
            legend.append((tr("huidig plan (ruit)"), QPen(QColor(BLACK)), "d"))
        self.draw_legend(p, legend)

    def _draw_labels(self, p: QPainter, fm: QFontMetrics, rect: QRectF,
                     centres: list[tuple[QPointF, float]]) -> None:
        """One label per position (plans at the same spot share it), placed where it overlaps least."""
        groups: list[tuple[QPointF, float, list[ScatterPoint], float]] = []
        for q, (c, r) in zip(self._points, centres, strict=True):
            for k, (gc, gr, members, travel) in enumerate(groups):
                if abs(gc.x() - c.x()) < 2 and abs(gc.y() - c.y()) < 2:
                    groups[k] = (gc, max(gr, r), [*members, q], travel)
                    break
            else:
                groups.append((c, r, [q], q.travel))
        markers = [QRectF(c.x() - r, c.y() - r, 2 * r, 2 * r) for c, r in centres]
        widget = QRectF(self.rect())
        p.setPen(QPen(self.palette().windowText().color()))

        def placed(text: str, c: QPointF, r: float, taken: list[QRectF]) -> tuple[float, QRectF]:
            """The least bad of ten positions around the marker, and how bad it is."""
            w, h = fm.horizontalAdvance(text) + 4, fm.height()
            gap = r + 4
            options = [QRectF(c.x() + gap, c.y() - h, w, h), QRectF(c.x() + gap, c.y(), w, h),
                       QRectF(c.x() - gap - w, c.y() - h, w, h), QRectF(c.x() - gap - w, c.y(), w, h),
                       QRectF(c.x() - w / 2, c.y() - gap - h, w, h), QRectF(c.x() - w / 2, c.y() + gap, w, h),
                       QRectF(c.x() + gap, c.y() - 2 * h, w, h), QRectF(c.x() + gap, c.y() + h, w, h),
                       QRectF(c.x() - gap - w, c.y() - 2 * h, w, h), QRectF(c.x() - gap - w, c.y() + h, w, h)]
            costs = [_label_cost(box, taken, widget, rect) for box in options]
            k = min(range(len(options)), key=costs.__getitem__)
            return costs[k], options[k]

        def layout(short: bool) -> tuple[float, list[tuple[str, QRectF]]]:
            taken = list(markers)
            total, out = 0.0, []
            for c, r, members, travel in groups:
                names = ", ".join((q.short or q.label) if short else q.label for q in members)
                text = f"{names} · {tr('{n} min', n=round(travel))}"
                cost, best = placed(text, c, r, taken)
                total += cost
                taken.append(best)
                out.append((text, best))
            return total, out

        cost, labels = layout(False)
        if cost > 0 and any(q.short for q in self._points):
            # Crowded (a laptop's screen): every plan by its number, as in the list beside the chart.
            short_cost, short_labels = layout(True)
            if short_cost < cost:
                labels = short_labels
        self.drawn_labels = [text for text, _ in labels]
        for text, box in labels:
            p.drawText(QPointF(box.left() + 2, box.top() + fm.ascent()), text)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        pos = event.position()
        best, best_d = -1, float("inf")
        for i, (c, r) in enumerate(self._hit):
            d = math.hypot(c.x() - pos.x(), c.y() - pos.y())
            if d <= r + 4 and d < best_d:
                best, best_d = i, d
        if best >= 0:
            self._selected = best
            self.update()
            self.pointClicked.emit(best)
        super().mousePressEvent(event)
