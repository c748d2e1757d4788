"""Help > Over Klasvormer names the version: a planner asked "which version do you have?" (the
desktop build has no command line at hand) had no way to see it in the window (audit 6, dist)."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(("lang", "word"), [("nl", "Versie"), ("en", "Version")])
def test_about_names_the_version(window, monkeypatch, lang, word):
    from PySide6.QtWidgets import QMessageBox

    from ui.i18n import set_language

    with open(ROOT / "pyproject.toml", "rb") as f:
        version = tomllib.load(f)["project"]["version"]
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(QMessageBox, "about", lambda parent, title, text: shown.append((title, text)))
    set_language(lang)
    try:
        window.about()
    finally:
        set_language("nl")
    [(title, text)] = shown
    assert f"{word} {version}" in text.splitlines()[0], text
    assert "GeoNames" in text
