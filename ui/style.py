"""Colours and small look-and-feel helpers (Okabe-Ito: safe for colour-blind readers)."""

from __future__ import annotations

import time

from PySide6.QtCore import QEvent, QObject, QSize, Qt
from PySide6.QtGui import QColor, QFont, QKeyEvent, QKeySequence, QPalette, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QDial,
    QFrame,
    QLabel,
    QLineEdit,
    QScrollArea,
    QSlider,
    QSplitter,
    QStatusBar,
    QVBoxLayout,
    QWidget,
)

from app.cli.charts import PALETTE

BLUE, ORANGE, GREEN, VERMILLION, PURPLE, SKY, YELLOW, BLACK = PALETTE
GREY = "#8a8a8a"
LIGHT_GREY = "#e9e9e9"
WARN_BG = "#fbe3c4"
"""Light orange behind warnings (with dark text; the meaning is also in words)."""
LOCK_BG = "#d9ecf7"
"""Light sky blue behind locked learners and classes."""


def color(hex_code: str, alpha: int = 255) -> QColor:
    c = QColor(hex_code)
    c.setAlpha(alpha)
    return c


def series_color(i: int) -> QColor:
    """The i-th chart colour (black and yellow skipped: too dark or too light on white)."""
    usable = (BLUE, ORANGE, GREEN, VERMILLION, PURPLE, SKY)
    return QColor(usable[i % len(usable)])


def apply_app_style(app: QApplication) -> None:
    """Fusion style with a light palette, so the app looks the same on Windows and Linux."""
    app.setStyle("Fusion")
    pal = app.palette()
    pal.setColor(QPalette.ColorRole.Highlight, QColor(BLUE))
    pal.setColor(QPalette.ColorRole.HighlightedText, QColor("white"))
    pal.setColor(QPalette.ColorRole.Link, QColor(BLUE))
    app.setPalette(pal)
    if not isinstance(getattr(app, "_wheel_guard", None), WheelGuard):
        guard = WheelGuard(app)
        app.installEventFilter(guard)
        app._wheel_guard = guard  # type: ignore[attr-defined]


VALUE_WIDGETS = (QAbstractSpinBox, QComboBox, QSlider, QDial)
"""Widgets whose value the mouse wheel changes (scroll bars are not among them)."""


def _value_widget(obj: QObject) -> QWidget | None:
    """The spin box, combo box or slider ``obj`` is (or whose line edit it is), else None."""
    if isinstance(obj, VALUE_WIDGETS):
        return obj
    if isinstance(obj, QLineEdit) and isinstance(obj.parent(), (QAbstractSpinBox, QComboBox)):
        return obj.parent()  # type: ignore[return-value]
    return None


class WheelGuard(QObject):
    """The mouse wheel changes a spin box, combo box or slider only when it has the keyboard focus.

    Over one that has no focus, the wheel scrolls the page (the nearest scroll area that can
    scroll) instead, so scrolling through a form never changes a setting by accident. Clicking
    or tabbing into the field gives it the focus; the wheel no longer does.
    """

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.Polish and isinstance(obj, VALUE_WIDGETS):
            if obj.focusPolicy() == Qt.FocusPolicy.WheelFocus:
                obj.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
            return False
        if kind != QEvent.Type.Wheel:
            return False
        widget = _value_widget(obj)
        if widget is None or widget.hasFocus():
            return False
        delta = event.angleDelta()  # type: ignore[attr-defined]
        vertical = abs(delta.y()) >= abs(delta.x())
        area = _scroll_area_for(widget, vertical)
        if area is not None:
            bar = area.verticalScrollBar() if vertical else area.horizontalScrollBar()
            QApplication.sendEvent(bar, event)
        return True  # the value stays as it is


class WindowUndo(QObject):
    """Ctrl+Z and Ctrl+Shift+Z (Ctrl+Y) in a spin box whose value is an undoable edit reach the
    window's Ongedaan maken and Opnieuw instead of the box's own text undo (which, as every
    keystroke is already an edit, would undo nothing the planner sees)."""

    KEYS = (QKeySequence.StandardKey.Undo, QKeySequence.StandardKey.Redo)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        # consumed, not accepted: the window's shortcut fires
        return event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent) \
            and any(event.matches(k) for k in self.KEYS)


def undo_by_window(spin: QAbstractSpinBox) -> None:
    """Let the window's undo and redo shortcuts act while ``spin`` has the focus (:class:`WindowUndo`)."""
    guard = WindowUndo(spin)
    spin.installEventFilter(guard)
    spin.findChild(QLineEdit).installEventFilter(guard)


class ElidingStatusBar(QStatusBar):
    """A status bar whose message ends in '…' where it would run into the permanent widgets (the
    plan summary) instead of being cut off mid-word against them; the whole message stays in
    :meth:`currentMessage` and in the tooltip."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._full = ""
        self._until: float | None = None
        """When the message shown goes (time.monotonic); None: it stays."""
        self._permanent: list[QWidget] = []

    def addPermanentWidget(self, widget: QWidget, stretch: int = 0) -> None:  # noqa: N802 - Qt's name
        super().addPermanentWidget(widget, stretch)
        self._permanent.append(widget)

    def removeWidget(self, widget: QWidget) -> None:  # noqa: N802 - Qt's name
        super().removeWidget(widget)
        if widget in self._permanent:
            self._permanent.remove(widget)

    def message_room(self) -> int:
        """The width the message may take: left of the visible permanent widgets."""
        taken = sum(max(w.width(), w.sizeHint().width()) + 6 for w in self._permanent if w.isVisible())
        grip = 16 if self.isSizeGripEnabled() else 0
        return max(0, self.width() - taken - grip - 12)

    def showMessage(self, text: str, timeout: int = 0) -> None:  # noqa: N802 - Qt's name
        self._full = text
        self._until = time.monotonic() + timeout / 1000 if timeout > 0 else None
        self._show(timeout)

    def _show(self, timeout: int) -> None:
        text = self._full
        shown = self.fontMetrics().elidedText(text, Qt.TextElideMode.ElideRight, self.message_room())
        self.setToolTip(text if shown != text else "")
        super().showMessage(shown, timeout)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt's name
        """A narrower (or wider) window: the message shown is elided again for the new room, for
        the rest of its time (else it is cut off mid-word under the plan summary)."""
        super().resizeEvent(event)
        if not super().currentMessage():
            return
        if self._until is None:
            self._show(0)
            return
        left = round((self._until - time.monotonic()) * 1000)
        if left > 0:
            self._show(left)

    def currentMessage(self) -> str:  # noqa: N802 - Qt's name
        return self._full if super().currentMessage() else ""


def _scroll_area_for(widget: QWidget, vertical: bool) -> QAbstractScrollArea | None:
    """The nearest scroll area around ``widget`` that can scroll that way (else the nearest one)."""
    nearest = None
    w = widget.parentWidget()
    while w is not None:
        if isinstance(w, QAbstractScrollArea):
            nearest = nearest or w
            bar = w.verticalScrollBar() if vertical else w.horizontalScrollBar()
            if bar.maximum() > bar.minimum():
                return w
        w = w.parentWidget()
    return nearest


def heading(text: str, parent: QWidget | None = None, size_delta: int = 2) -> QLabel:
    """A bold label a little larger than the body text."""
    label = QLabel(text, parent)
    f = QFont(label.font())
    f.setBold(True)
    if f.pointSizeF() > 0:
        f.setPointSizeF(f.pointSizeF() + size_delta)
    label.setFont(f)
    return label


def hint(text: str, parent: QWidget | None = None) -> QLabel:
    """A grey, wrapping explanation line."""
    label = QLabel(text, parent)
    label.setWordWrap(True)
    label.setStyleSheet(f"color: {GREY_TEXT};")
    return label


GREY_TEXT = "#555555"



class _Holder(QWidget):
    """Holds a page inside a scroll area at the page's minimum size or more.

    A page with wrapping labels has a height-for-width layout, and QScrollArea then sizes it
    by its preferred height (scroll bars although the page fits). The holder has no layout, so
    the area sizes it by its minimum size hint, which is the page's.
    """

    def __init__(self, page: QWidget, area: QScrollArea) -> None:
        super().__init__()
        self.page = page
        self._area = area
        page.setParent(self)

    def minimumSizeHint(self) -> QSize:
        return self.page.minimumSizeHint().expandedTo(self.page.minimumSize())

    def sizeHint(self) -> QSize:
        return self.page.sizeHint()

    def resizeEvent(self, event: QResizeEvent) -> None:
        self.page.setGeometry(self.rect())
        super().resizeEvent(event)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.LayoutRequest:  # the page's minimum may have changed
            QApplication.postEvent(self._area, QEvent(QEvent.Type.LayoutRequest))
        return super().event(event)


def scrolled(widget: QWidget, *, horizontal: bool = True) -> QScrollArea:
    """``widget`` in a frameless scroll area that resizes it: scroll bars only appear when the
    space is smaller than the widget's minimum size (small screens, large scaling).

    With ``horizontal=False`` the area keeps the widget's full width and scrolls only vertically.
    """
    area = QScrollArea()
    area.setWidget(_Holder(widget, area))
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    if not horizontal:
        area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        area.setMinimumWidth(widget.minimumSizeHint().width() + area.verticalScrollBar().sizeHint().width())
    return area


def splitter(orientation: Qt.Orientation, *parts: tuple[QWidget, int]) -> QSplitter:
    """A splitter of ``parts`` (a widget and its stretch factor), none of which can be collapsed."""
    split = QSplitter(orientation)
    for i, (widget, stretch) in enumerate(parts):
        split.addWidget(widget)
        split.setStretchFactor(i, stretch)
    split.setChildrenCollapsible(False)
    return split


def fill_with_scroll(page: QWidget, body: QWidget) -> None:
    """``body`` as the whole of ``page`` (no margins), in a scroll area that resizes it."""
    scroll = QScrollArea()
    scroll.setWidget(body)
    scroll.setWidgetResizable(True)
    outer = QVBoxLayout(page)
    outer.setContentsMargins(0, 0, 0, 0)
    outer.addWidget(scroll)
