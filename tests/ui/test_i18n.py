"""Every GUI text has an English translation; the language switch reaches the optimizer too."""

from __future__ import annotations

import ast
from pathlib import Path

from optimizer.messages import get_language
from ui.i18n import number, set_language, tr
from ui.strings_en import EN

UI = Path(__file__).resolve().parents[2] / "ui"


def _tr_texts() -> set[str]:
    texts: set[str] = set()
    for path in UI.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("tr", "N_")
                    and node.args and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str)):
                texts.add(node.args[0].value)
    return texts


def test_every_text_has_an_english_translation():
    missing = sorted(t for t in _tr_texts() if t not in EN)
    assert not missing, "add to ui/strings_en.py:\n" + "\n".join(missing)


def test_english_keeps_the_placeholders():
    import string

    for nl, en in EN.items():
        a = {f for _, f, _, _ in string.Formatter().parse(nl) if f}
        b = {f for _, f, _, _ in string.Formatter().parse(en) if f}
        assert a == b, nl


def test_switching_language_switches_optimizer_messages():
    try:
        set_language("en")
        assert tr("Deelnemers") == "Learners" and get_language() == "en"
        assert number(1234.5) == "1,234.5"
        set_language("nl")
        assert tr("Deelnemers") == "Deelnemers" and get_language() == "nl"
        assert number(1234.5) == "1.234,5"
    finally:
        set_language("nl")
