"""Hypothesis strategies for fuzz cases (see ``cases.py``); knobs in ``KNOWN_BROKEN`` switch
off the inputs of known defects."""

from __future__ import annotations

from hypothesis import strategies as st

from tests.fuzz.cases import (
    ANY_VALUES,
    ENGLISH_COLUMNS,
    ENGLISH_SHEETS,
    HUGE_HORIZON,
    LEARNER_VALUES,
    SETTING_VALUES,
    SHEETS,
    TABLE_VALUES,
    Case,
    avoid,
)

idx = st.integers(0, 400)


def cell_values(column):
    vals = LEARNER_VALUES[column] + ANY_VALUES
    return [v for v in vals if not (avoid("long_text") and isinstance(v, str) and len(v) > 100)]


def cell_mutation():
    col = st.sampled_from(sorted(LEARNER_VALUES))
    return col.flatmap(lambda c: st.tuples(st.just("cell"), idx, st.just(c), st.sampled_from(cell_values(c))))


def setting_mutation():
    def values(name):
        vals = list(SETTING_VALUES[name])
        if name == "planperiode weken" and not avoid("huge_horizon"):
            vals += HUGE_HORIZON
        return st.sampled_from(vals + ANY_VALUES[:8])
    return st.sampled_from(sorted(SETTING_VALUES)).flatmap(
        lambda n: st.tuples(st.just("setting"), st.just(n), values(n))).filter(
        lambda m: not (m[1] == "snelheid" and isinstance(m[2], int | float) and (
            (avoid("zero_speed") and m[2] == 0) or (avoid("negative_speed") and m[2] < 0))))


def table_mutation():
    return st.sampled_from(sorted(TABLE_VALUES)).flatmap(
        lambda k: st.tuples(st.just("table"), st.just(k[0]), st.just(k[1]), idx,
                            st.sampled_from(TABLE_VALUES[k] + ANY_VALUES[:6])))


def structure_mutation():
    cols = sorted(ENGLISH_COLUMNS)
    return st.one_of(
        st.tuples(st.just("del_sheet"), st.sampled_from(SHEETS)),
        st.tuples(st.just("rename_sheet"), st.sampled_from(SHEETS).flatmap(
            lambda s: st.tuples(st.just(s), st.sampled_from([ENGLISH_SHEETS[s], "Blad1", s + " "] + ([] if avoid("sheet_name_case") else [s.upper()]))))
        ).map(lambda t: ("rename_sheet", *t[1])),
        st.tuples(st.just("extra_sheet"), st.sampled_from(["Extra", "Klassen", "Reistijden", "Blad2"])),
        st.tuples(st.just("del_column"), st.sampled_from(cols)),
        st.sampled_from(cols).flatmap(lambda c: st.tuples(
            st.just("rename_column"), st.just(c),
            st.sampled_from([ENGLISH_COLUMNS[c], c.upper(), f" {c.lower()} ", c + " (min)", "Kolom X", None]))),
        st.tuples(st.just("extra_column"), st.sampled_from(["Extra", "Klas", "Opmerking", "Id"]),
                  st.sampled_from([v for v in ANY_VALUES
                                   if not (avoid("long_text") and isinstance(v, str) and len(v) > 100)])),
        st.tuples(st.just("blank_rows"), idx, st.integers(1, 3)),
        st.tuples(st.just("dup_row"), idx),
    )


def relation_mutation():
    big = 20 if not avoid("household_over_max") else 2
    return st.one_of(
        st.tuples(st.just("household"), st.sampled_from(["HX", "HY", "H0003"]),
                  st.lists(idx, min_size=1, max_size=big)),
        st.tuples(st.just("not_with"), idx, st.lists(idx, min_size=1, max_size=3)),
        st.tuples(st.just("pin"), idx, st.sampled_from(LEARNER_VALUES["Vastgezet"])),
    )


def mutations():
    return st.lists(st.one_of(cell_mutation(), setting_mutation(), table_mutation(), structure_mutation(),
                              relation_mutation()), max_size=4)


@st.composite
def args(draw):
    out: list[str] = []
    bad = False
    limits = ["1", "0.5", "1.5"]
    if not avoid("time_limit_nan_negative"):
        limits += ["nan", "-1"]
    out += ["--time-limit", draw(st.sampled_from(limits))]
    if draw(st.booleans()):
        out += ["--preset", draw(st.sampled_from(["homogeen", "snelle start", "gebalanceerd"]))]
    if draw(st.integers(0, 4)) == 4:
        horizon = draw(st.sampled_from(["1", "4", "260", "0", "-1", "261", "10000"]))
        bad = bad or not 1 <= int(horizon) <= 260  # --horizon takes 1-260 weeks (MAX_HORIZON_WEEKS)
        out += ["--horizon", horizon]
    if draw(st.integers(0, 3)) == 3:
        out += ["--json"]
    if draw(st.integers(0, 9)) == 9:
        bad = True
        out += draw(st.sampled_from([["--bogus"], ["--time-limit", "abc"], ["--workers", "x"]]))
    return out, bad


@st.composite
def cases(draw):
    fmts = ["xlsx"] * 6 + ["csv:utf-8:comma", "csv:utf-8-sig:semi", "csv:cp1252:semi", "csv:utf-16:comma"]
    if not avoid("csv_nul"):
        fmts.append("csv:utf-8:comma:nul")
    if not avoid("csv_bad_utf16"):
        fmts.append("csv:utf-16:comma:badutf16")
    command = draw(st.sampled_from(["solve"] * 4 + ["check"]))
    a, bad = draw(args()) if command == "solve" else draw(st.sampled_from([([], False)] * 5 + [(["--bogus"], True)]))
    case = Case(sample=draw(st.sampled_from(["b1", "b1", "z"])), n=draw(st.sampled_from([12, 24])),
                seed=draw(st.integers(0, 2)), mutations=draw(mutations()), fmt=draw(st.sampled_from(fmts)),
                args=a, bad_usage=bad, lang=draw(st.sampled_from([None, "en", "nl"])), command=command,
                output=draw(st.sampled_from(["ok"] * 6 + ["newdir", "none"] + (
                    [] if command == "check" and avoid("errors_unwritable") else ["underfile", "isdir"]))))
    return case
