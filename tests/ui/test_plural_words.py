"""Issue 16.18: counts in the GUI's texts take the form that fits ("1 regel", "2 regels"), in
Dutch and English, through ``tr`` (``{n:one|many}``)."""

from __future__ import annotations

import pytest

from ui.i18n import set_language, tr


@pytest.mark.parametrize(("lang", "one", "two"), [
    ("nl", "1 regel", "2 regels"),
    ("en", "1 rule", "2 rules"),
])
def test_rule_counts_take_the_form_that_fits(lang, one, two):
    try:
        set_language(lang)
        assert tr("{n:regel|regels}", n=1) == one
        assert tr("{n:regel|regels}", n=2) == two
        note = tr("Let op: dit plan breekt {n:regel|regels}. {first}", n=1, first="x")
        assert "(s)" not in note and one in note
    finally:
        set_language("nl")


def test_no_text_in_the_gui_counts_with_parentheses():
    import re
    from pathlib import Path

    root = Path(__file__).resolve().parents[2] / "ui"
    counted = re.compile(r"\"[^\"\n]*[a-z]\((s|en|ies)\)[^\"\n]*\"")  # "regel(s)" inside a string literal
    for path in [*root.glob("*.py"), *root.glob("pages/*.py")]:
        found = counted.findall(path.read_text(encoding="utf-8"))
        assert not found, f"{path.name}: {found}"
