"""The canonical format as data, and the value parsers (forms people type)."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from app.workbook.schema import (
    CLASSES,
    INPUT_SHEETS,
    LEARNERS,
    SETTINGS,
    fold,
    match_setting,
    match_sheet,
)
from app.workbook.values import (
    ValueProblem,
    as_date,
    as_int,
    as_level,
    as_list,
    as_literacy,
    as_text,
    as_yesno,
    parse_weeks,
)


def _owners(pairs: list[tuple[str, str]]) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for name, key in pairs:
        out.setdefault(fold(name), set()).add(key)
    return {name: keys for name, keys in out.items() if len(keys) > 1}


def test_no_header_name_means_two_columns_of_a_sheet() -> None:
    for spec in (*INPUT_SHEETS, CLASSES):
        assert _owners([(n, c.key) for c in spec.columns for n in c.names]) == {}, spec.nl
        for c in spec.columns:
            assert spec.match(c.nl) is c and spec.match(c.en) is c


def test_no_setting_name_means_two_settings() -> None:
    assert _owners([(n, s.key) for s in SETTINGS for n in s.names]) == {}


@pytest.mark.parametrize("header", ["Wacht sinds", "wacht_sinds", "WACHT-SINDS", "wachtend sinds",
                                    "Waiting since", "Wacht sinds (datum)", " wacht  sinds "])
def test_header_matching_ignores_case_accents_and_separators(header: str) -> None:
    col = LEARNERS.match(header)
    assert col is not None and col.key == "waiting_since"


@pytest.mark.parametrize("header", ["Stadsdeel", "district", "Wijk", "stadsdéél"])
def test_district_variants(header: str) -> None:
    assert LEARNERS.match(header).key == "district"  # type: ignore[union-attr]


def test_sheet_and_setting_matching() -> None:
    assert match_sheet("lopende_klassen").key == "running"  # type: ignore[union-attr]
    assert match_sheet("Learners").key == "learners"  # type: ignore[union-attr]
    assert match_sheet("Uitleg") is None
    assert match_setting("Planperiode weken").key == "horizon_weeks"  # type: ignore[union-attr]
    assert match_setting("Gewicht nieuwe klas").key == "weight_new_class"  # type: ignore[union-attr]


@pytest.mark.parametrize(("text", "expected"), [
    ("06-01-2025", date(2025, 1, 6)), ("2025-01-06", date(2025, 1, 6)), ("6-1-25", date(2025, 1, 6)),
    ("6/1/2025", date(2025, 1, 6)), ("6.1.2025", date(2025, 1, 6)), ("6 jan 2025", date(2025, 1, 6)),
    ("6 januari 2025", date(2025, 1, 6)), ("2025-01-06 00:00:00", date(2025, 1, 6)),
    (datetime(2025, 1, 6, 0, 0), date(2025, 1, 6)), (date(2025, 1, 6), date(2025, 1, 6)),
])
def test_dates(text: object, expected: date) -> None:
    assert as_date(text)[0] == expected


def test_excel_serial_date_is_read_with_a_note() -> None:
    day, note = as_date(45663)
    assert day == date(2025, 1, 6)
    assert note is not None and note.code == "date_serial"


@pytest.mark.parametrize("text", ["31-02-2025", "morgen", "2025", "1-2"])
def test_bad_dates(text: str) -> None:
    with pytest.raises(ValueProblem) as exc:
        as_date(text)
    assert exc.value.code == "not_date"


@pytest.mark.parametrize(("value", "score", "profile", "literacy", "note"), [
    (55, 55, None, None, None), (55.4, 55, None, None, "level_rounded"), ("65%", 65, None, None, None),
    ("62,5", 63, None, None, "level_rounded"), ("langzaam", 25, None, None, "level_category"),
    ("Gemiddeld", 50, None, None, "level_category"), ("snel", 75, None, None, "level_category"),
    ("langzaam niet-gealfabetiseerd", 25, "langzaam niet-gealfabetiseerd", "nee", "level_profile"),
    ("Snel niet gealfabetiseerd", 75, "snel niet-gealfabetiseerd", "nee", "level_profile"),
    ("langzaam gealfabetiseerd", 25, "langzaam gealfabetiseerd", "ja", "level_profile"),
    (0.65, 65, None, None, "level_fraction"),
    ("0,65", 65, None, None, "level_fraction"), ("0.65", 65, None, None, "level_fraction"),
    (0.5, 50, None, None, "level_fraction"), ("0,5", 50, None, None, "level_fraction"),
    (" ,5 ", 50, None, None, "level_fraction"), ("1,0", 1, None, None, None), ("1", 1, None, None, None),
])
def test_levels(value: object, score: int, profile: str | None, literacy: str | None, note: str | None) -> None:
    lv = as_level(value)
    assert (lv.score, lv.profile, lv.literacy) == (score, profile, literacy)
    assert (lv.note.code if lv.note else None) == note


def test_percent_formatted_cell() -> None:
    assert as_level(0.65, "0%").score == 65


@pytest.mark.parametrize(("value", "code"), [(150, "int_range"), ("heel snel", "level_bad"), (-1, "int_range")])
def test_bad_levels(value: object, code: str) -> None:
    with pytest.raises(ValueProblem) as exc:
        as_level(value)
    assert exc.value.code == code


def test_lists_yes_no_literacy_text_int() -> None:
    assert as_list("Arabisch, Engels; Turks/Dari") == ["Arabisch", "Engels", "Turks", "Dari"]
    assert as_list(None) == []
    assert [as_yesno(v) for v in ("ja", "Nee", "yes", "N", 1, "x", True)] == [True, False, True, False, True, True, True]
    assert [as_literacy(v) for v in ("ja", "no", "anders gealfabetiseerd")] == ["ja", "nee", "anders"]
    assert as_text(1001.0) == "1001"
    assert as_int("45 min") == 45 and as_int("12,0") == 12
    with pytest.raises(ValueProblem):
        as_int("twaalf")
    with pytest.raises(ValueProblem) as exc:
        as_text("x" * 300)
    assert exc.value.code == "too_long"


def test_weeks_from_numbers_ranges_and_dates() -> None:
    plan = date(2025, 1, 6)
    assert parse_weeks("0; 4, 8", plan) == ((0, 4, 8), [])
    assert parse_weeks("0-3", plan)[0] == (0, 1, 2, 3)
    assert parse_weeks(date(2025, 2, 3), plan) == ((4,), [])
    weeks, notes = parse_weeks("05-02-2025; 03-03-2025", plan)
    assert weeks == (5, 8) and notes[0].code == "week_not_aligned"
    with pytest.raises(ValueProblem) as exc:
        parse_weeks("01-01-2025", plan)
    assert exc.value.code == "week_before_plan"
