"""Issue 20.6: Dutch numbers and dates in messages, and the jargon explained (tooltips, Help → Begrippen)."""

from __future__ import annotations

import re
from datetime import date

from optimizer.messages import msg
from tests.ui.conftest import load
from ui.glossary import GLOSSARY, explain
from ui.i18n import set_language


def test_dutch_summary_has_decimal_commas_only(solved_state):
    set_language("nl")
    text = solved_state.plan.summary()
    # "6.8" next to "6,8" was the complaint; a dot between thousands (70.547) is Dutch
    assert not re.search(r"\d\.(?!\d{3}(?!\d))\d", text), text
    assert "P90" not in text
    assert re.search(r"\d\.\d", solved_state.plan.summary("en"))  # English keeps its points


def test_dates_in_dutch_messages_are_day_month_year():
    set_language("nl")
    assert "16-12-2026" in msg("wait_later", date=date(2026, 12, 16)).text()
    assert "2026-12-16" not in msg("wait_later", date=date(2026, 12, 16)).text()
    assert "2026-12-16" in msg("wait_later", date=date(2026, 12, 16)).text("en")


def test_glossary_explains_every_word_the_issue_names(qtbot, window, small_problem, solved_state):
    terms = {t for t, _ in GLOSSARY}
    assert {"Doelfunctie", "Ondergrens", "Bandbreedte", "Spreiding", "P90 (90% wacht hooguit)",
            "Reeks aanmeldingen (seed)"} <= terms
    help_menu = next(a.menu() for a in window.menuBar().actions() if a.menu() and "Help" in a.text())
    assert window.act_glossary in help_menu.actions()
    window.act_glossary.trigger()
    shown = window.glossary.browser.toPlainText()
    assert all(t in shown for t in ("Doelfunctie", "Ondergrens", "Bandbreedte", "Spreiding", "seed"))
    window.glossary.close()
    page = window.optimize_page
    assert page.objective.toolTip() == explain("Doelfunctie")
    assert page.bound.toolTip() == explain("Ondergrens")
    load(window, small_problem, solved_state)
    names = window.plan_page.figures.findChildren(type(page.status))
    p90 = next(n for n in names if n.text().startswith("Wachtweken 90%"))
    assert p90.toolTip() == explain("P90 (90% wacht hooguit)")
    assert next(n for n in names if n.text().startswith("Spreiding")).toolTip() == explain("Spreiding")
