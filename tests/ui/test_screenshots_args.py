"""``python -m ui.screenshots --lang en``: English screenshots, under names that keep the Dutch ones."""

from __future__ import annotations

import pytest

from ui.screenshots import parse_args


def test_the_language_is_dutch_by_default_and_english_on_request():
    assert parse_args([]).lang == "nl" and parse_args([]).suffix == ""
    english = parse_args(["--lang", "en"])
    assert english.lang == "en" and english.suffix == "_en"  # 01_deelnemers_en.png beside 01_deelnemers.png
    assert parse_args(["--lang", "en", "--suffix", "_150"]).suffix == "_150"


def test_another_language_is_refused():
    with pytest.raises(SystemExit):
        parse_args(["--lang", "de"])
