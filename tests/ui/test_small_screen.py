"""The planner on a laptop: every page fits 1366x768 at 125% scaling, the window never opens
larger than the screen, and the mouse wheel changes no setting that does not have the focus."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, QSize, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication, QComboBox, QScrollArea, QSpinBox, QVBoxLayout, QWidget

from tests.ui.conftest import load

LAPTOP_125 = QSize(round(1366 / 1.25), round(768 / 1.25))
"""1366x768 at 125% scaling in logical pixels (Qt lays out in these): 1093x614."""
ROOM = QSize(16, 40 + 48)
"""Window frame and title bar, and a taskbar."""


def _fits(size: QSize, space: QSize) -> bool:
    return size.width() <= space.width() and size.height() <= space.height()


def test_every_page_fits_a_laptop_at_125_percent(window, qtbot, small_problem, solved_state):
    load(window, small_problem, solved_state)
    space = LAPTOP_125 - ROOM
    assert _fits(window.minimumSizeHint(), space), window.minimumSizeHint()
    window.resize(space)
    qtbot.waitUntil(lambda: window.size() == space)
    pages = [window.learners_page, window.capacity_page, window.weights_page, window.optimize_page,
             window.plan_page, window.compare_page, window.map_page, window.simulation_page]
    for i, page in enumerate(pages):
        window.tabs.setCurrentIndex(i)
        QApplication.processEvents()
        room = window.tabs.currentWidget().size()
        # the page fits the room the tab has without scrolling
        assert _fits(page.minimumSizeHint(), room), (window.tabs.tabText(i), page.minimumSizeHint(), room)
        assert page.size() == room, window.tabs.tabText(i)
    # the compare page's 'Doorgaan met gekozen plan' is on the screen
    window.tabs.setCurrentIndex(window.TAB_COMPARE)
    QApplication.processEvents()
    adopt = window.compare_page.adopt
    corner = adopt.mapTo(window, QPoint(adopt.width(), adopt.height()))
    assert window.rect().contains(corner - QPoint(1, 1))
    # the import messages panel does not push the window past the screen
    window.issues_dock.show()
    QApplication.processEvents()
    assert _fits(window.minimumSizeHint(), space), window.minimumSizeHint()


def test_window_opens_no_larger_than_the_screen(window):
    avail = window.screen().availableGeometry()
    assert avail.contains(window.frameGeometry()), (avail, window.frameGeometry())


def _wheel(widget: QWidget, steps: int = -1) -> None:
    """One notch of the mouse wheel (down for negative steps) over the middle of ``widget``."""
    pos = QPointF(widget.width() / 2, widget.height() / 2)
    event = QWheelEvent(pos, QPointF(widget.mapToGlobal(pos.toPoint())), QPoint(0, 0), QPoint(0, 120 * steps),
                        Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(widget, event)


def test_wheel_over_unfocused_spin_box_scrolls_the_page(qtbot):
    from ui.main import make_app

    make_app()
    area = QScrollArea()
    form = QWidget()
    lay = QVBoxLayout(form)
    spin = QSpinBox()
    spin.setRange(1, 52)
    spin.setValue(12)
    combo = QComboBox()
    combo.addItems(["a", "b", "c"])
    lay.addWidget(spin)
    lay.addWidget(combo)
    lay.addSpacing(2000)
    area.setWidget(form)
    area.setWidgetResizable(True)
    area.resize(300, 200)
    qtbot.addWidget(area)
    area.show()
    qtbot.waitExposed(area)
    assert spin.focusPolicy() == Qt.FocusPolicy.StrongFocus  # the wheel does not take the focus either
    area.setFocus()
    _wheel(spin)
    _wheel(spin.lineEdit())
    _wheel(combo)
    assert spin.value() == 12
    assert combo.currentIndex() == 0
    assert area.verticalScrollBar().value() > 0  # the page scrolled instead
    # with the focus the wheel changes the value as usual
    spin.setFocus()
    qtbot.waitUntil(spin.hasFocus)
    _wheel(spin)
    assert spin.value() == 11
