"""One way to speak two languages: every catalogue (optimizer.messages.Catalogue) is complete and
consistent, every key the code uses exists, and the texts built from keys render as before."""

from __future__ import annotations

import ast
import datetime
import importlib
import string
from collections.abc import Iterator
from pathlib import Path

import pytest

from optimizer.messages import Catalogue, Message, get_language, msg, set_language

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("optimizer", "app", "ui")


def _sources(*folders: str) -> Iterator[tuple[Path, ast.AST]]:
    for folder in folders:
        for path in sorted((ROOT / folder).rglob("*.py")):
            yield path, ast.parse(path.read_text(encoding="utf-8"))


def _catalogue_names() -> list[tuple[str, str]]:
    """``(module, name)`` of every module-level ``NAME = Catalogue(...)`` in optimizer/, app/ and ui/."""
    found = []
    for path, tree in _sources(*PACKAGES):
        module = ".".join(path.relative_to(ROOT).with_suffix("").parts)
        for node in tree.body:  # type: ignore[attr-defined]
            value = node.value if isinstance(node, (ast.Assign, ast.AnnAssign)) else None
            if (isinstance(value, ast.Call) and isinstance(value.func, ast.Name) and value.func.id == "Catalogue"):
                targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                found += [(module, t.id) for t in targets if isinstance(t, ast.Name)]
    return found


CATALOGUES = _catalogue_names()


def _catalogue(module: str, name: str) -> Catalogue:
    return getattr(importlib.import_module(module), name)


def test_the_catalogues_are_found():
    found = {f"{m}.{n}" for m, n in CATALOGUES}
    for expected in ("optimizer.messages.TEMPLATES", "optimizer.plan.TERM_LABELS", "app.workbook.issue_texts.TEMPLATES",
                     "app.planner.editing.NOTES", "app.planner.capacity.ERRORS", "ui.strings_en.TEXTS"):
        assert expected in found
    assert any(m.startswith("app.cli.") and n == "TEXTS" for m, n in CATALOGUES)


def _fields(template: str) -> dict[str, set[str]]:
    """Placeholder name -> its format specs (``{n:fout|fouten}`` gives ``{"n": {"fout|fouten"}}``)."""
    out: dict[str, set[str]] = {}
    for _, name, spec, _ in string.Formatter().parse(template):
        if name is not None:
            root = name.split(".")[0].split("[")[0]
            out.setdefault(root, set()).add(spec or "")
    return out


@pytest.mark.parametrize(("module", "name"), CATALOGUES, ids=[f"{m}.{n}" for m, n in CATALOGUES])
def test_every_key_has_both_languages_with_the_same_placeholders(module, name):
    catalogue = _catalogue(module, name)
    assert isinstance(catalogue, Catalogue) and catalogue
    for key, pair in catalogue.items():
        assert isinstance(pair, tuple) and len(pair) == 2, key
        nl, en = pair
        assert isinstance(nl, str) and nl.strip() and isinstance(en, str) and en.strip(), key
        nl_fields, en_fields = _fields(nl), _fields(en)
        assert set(nl_fields) == set(en_fields), f"{name}[{key!r}]: {sorted(nl_fields)} vs {sorted(en_fields)}"
        for field, specs in nl_fields.items():
            plural_nl = {s for s in specs if "|" in s}
            plural_en = {s for s in en_fields[field] if "|" in s}
            assert bool(plural_nl) == bool(plural_en), f"{name}[{key!r}]: {{{field}}} counted in one language only"
            for spec in plural_nl | plural_en:
                one, _, many = spec.partition("|")
                assert one.strip() and many.strip() and "|" not in many, f"{name}[{key!r}]: bad plural {spec!r}"
        params = {field: 2 for field in nl_fields}
        catalogue.text(key, "nl", **params)  # renders without error in both languages
        catalogue.text(key, "en", **params)


# ---- every key used in code exists ----------------------------------------------------------------
def _call_names(node: ast.Call) -> set[str]:
    """``f(...)`` -> {"f"}; ``x.f(...)`` -> {"f", "x.f"}."""
    f = node.func
    if isinstance(f, ast.Name):
        return {f.id}
    if isinstance(f, ast.Attribute):
        return {f.attr, f"{f.value.id}.{f.attr}"} if isinstance(f.value, ast.Name) else {f.attr}
    return set()


def _literals(node: ast.AST) -> list[str]:
    """The strings an argument can be: a literal, or either branch of ``"a" if c else "b"``."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.IfExp):
        return _literals(node.body) + _literals(node.orelse)
    return []


def _keys_used(folders: tuple[str, ...], callees: set[str], last: bool = False) -> set[tuple[str, str]]:
    """String literals passed to ``callees``: the first positional argument (``last``: the last
    positional string literal, as in ``r.error("id", "duplicate_id_row")``), with the file. A
    conditional argument (``"a" if c else "b"``) gives both keys."""
    used = set()
    for path, tree in _sources(*folders):
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Call) and _call_names(node) & callees and node.args):
                continue
            if last:
                keys = next((_literals(a) for a in reversed(node.args) if _literals(a)), [])
            else:
                keys = _literals(node.args[0])
            used |= {(key, path.name) for key in keys}
    return used


USES = [  # (catalogue, folders searched, callees, key is the last string argument)
    ("optimizer.messages.TEMPLATES", ("optimizer", "app", "ui"), {"msg", "Message"}, False),
    ("app.workbook.issue_texts.TEMPLATES", ("app/workbook",),
     {"error", "warn", "make", "ValueProblem", "FileProblem", "Note"}, True),
    ("app.planner.editing.NOTES", ("app/planner",), {"Note", "_note", "NOTES.text", "NOTES.template"}, False),
    ("app.planner.capacity.ERRORS", ("app", "ui"), {"CapacityError"}, False),
    ("app.cli.TEXTS", ("app/cli",), {"t", "TEXTS.text", "TEXTS.template"}, False),
    ("app.cli.TEXTS", ("app/cli",), {"print_capped"}, True),
    ("app.cli.helptexts.HELP", ("app/cli",), {"h"}, False),
    ("app.planner.encoding.ERRORS", ("app/planner",), {"ProjectError", "ProjectText", "BadValue", "_not_project",
                                                        "_damaged"}, True),
    ("app.planner.editing.NOTES", ("app/planner",), {"Fit"}, True),
    ("app.planner.session.TRACES", ("app",), {"Trace"}, False),
    ("app.workbook.xlsx_util.WRITE_ERRORS", ("app",), {"WriteError"}, False),
    ("app.simulation.policies.ERRORS", ("app/simulation",), {"PolicyError"}, False),
    ("app.workbook.words.WORDS", ("app/workbook",), {"WORDS.text", "w"}, False),
    ("app.workbook.template.UITLEG", ("app/workbook",), {"UITLEG.text"}, False),
    ("app.planner.next_week.TEXTS", ("app", "ui"), {"NextWeekError"}, False),
]


@pytest.mark.parametrize(("catalogue", "folders", "callees", "last"), USES, ids=[f"{u[0]}:{min(u[2])}" for u in USES])
def test_every_key_used_in_code_exists(catalogue, folders, callees, last):
    if catalogue == "app.cli.TEXTS":
        found = _catalogue(*next((m, n) for m, n in CATALOGUES if m.startswith("app.cli.") and n == "TEXTS"))
    else:
        found = _catalogue(*catalogue.rsplit(".", 1))
    used = _keys_used(folders, callees, last)
    assert used, f"no use of {catalogue} found: the scan is broken"
    missing = sorted(f"{file}: {key!r}" for key, file in used if key not in found)
    assert not missing, f"keys missing from {catalogue}:\n" + "\n".join(missing)


def test_term_labels_cover_the_objective_terms():
    from optimizer.plan import OBJECTIVE_TERMS, TERM_LABELS, TERM_LABELS_NL

    assert set(TERM_LABELS) == set(OBJECTIVE_TERMS)
    assert TERM_LABELS.table("nl") == TERM_LABELS_NL and TERM_LABELS.table("en")["misfit"] == "level gap"


# ---- the mechanism --------------------------------------------------------------------------------
def test_catalogue_renders_plural_language_specific_and_nested_parameters():
    cat = Catalogue({
        "count": ("{n:regel|regels} in {what}", "{n:rule|rules} in {what}"),
        "nested": ("Let op: {reason}", "Note: {reason}"),
    })
    assert cat.text("count", "nl", n=1, what="klas", what_en="class") == "1 regel in klas"
    assert cat.text("count", "en", n=3, what="klas", what_en="class") == "3 rules in class"
    reason = msg("wait_pinned")
    assert cat.text("nested", "en", reason=reason) == "Note: put on the waiting list by the planner"
    assert cat.text("nested", "nl", reason=reason) == "Let op: door de planner op de wachtlijst gezet"
    before = get_language()
    try:
        set_language("en")
        assert cat.text("count", n=1, what="x") == "1 rule in x"  # no language: the one switch
    finally:
        set_language(before)


def test_message_still_writes_dutch_dates():
    m = Message("wait_later", {"date": datetime.date(2026, 12, 16)})
    assert m.text("nl").startswith("pas beschikbaar vanaf 16-12-2026")
    assert m.text("en").startswith("only available from 2026-12-16")


def test_notes_and_capacity_errors_carry_a_key_and_parameters():
    from app.planner.capacity import CapacityError, parse_schedule_dayparts, parse_start_weeks
    from app.planner.editing import Note

    note = Note("class_size", {"label": "K1", "size": 9, "max": 8, "route": "B1"}, class_id="K1")
    assert note.text() == str(note) == "Klas K1 heeft 9 deelnemers, meer dan het maximum van 8 (route B1)."
    assert note.text("en") == "Class K1 has 9 learners, more than the maximum of 8 (route B1)."
    with pytest.raises(CapacityError) as err:
        parse_start_weeks("0, 20", 12)
    assert (err.value.key, err.value.params) == ("week_after_horizon", {"week": 20, "last": 11})
    assert str(err.value) == "Week 20 ligt na de planperiode (week 0 tot 11)."
    assert err.value.text("en") == "Week 20 lies after the horizon (weeks 0 to 11)."
    with pytest.raises(CapacityError) as err:
        parse_schedule_dayparts("maandag nacht")
    assert "'nacht' is geen dag" in err.value.text() and "'nacht' is not a day" in err.value.text("en")


def test_an_import_issue_about_a_daypart_is_english_in_english():
    """The English text of a daypart the importer cannot read named neither the offending word nor
    said what a day is; it now says what the Dutch says."""
    from app.workbook.issues import Issue
    from optimizer.dayparts import DaypartError, parse_dayparts

    with pytest.raises(DaypartError) as exc:
        parse_dayparts("ma xochtend")
    issue = Issue.make("fout", "daypart_bad", detail=exc.value.message, value="ma xochtend")
    assert issue.message == str(exc.value)
    assert issue.message_en == ("'ma xochtend' is not a daypart: 'xochtend' is not a day (ma..zo) or part of the day "
                                "(ochtend/middag/avond). Write e.g. 'ma-ochtend' or 'ochtend'.")


def test_project_errors_carry_a_key_and_parameters(tmp_path):
    """A project file that cannot be read says why with keys of one catalogue (nested: why it is
    damaged, what was expected and found), in Dutch by default and in English on demand."""
    import json
    import zipfile

    from app.planner.encoding import ProjectError
    from app.planner.project import load_project
    from app.planner.typecheck import BadValue, check_value

    path = tmp_path / "p.klasvormer"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("manifest.json", json.dumps({"format": "klasvormer-project", "version": 1, "saved": 3}))
    with pytest.raises(ProjectError) as err:
        load_project(path)
    assert err.value.key == "damaged" and err.value.params["why"].key == "at"
    assert str(err.value) == err.value.nl == err.value.text() == (
        "p.klasvormer is beschadigd: manifest.json, saved: verwacht tekst of leeg, gevonden het getal 3. "
        "Open een eerdere versie of de oorspronkelijke werkmap.")
    assert err.value.en == err.value.text("en") == (
        "p.klasvormer is damaged: manifest.json, saved: expected text or empty, found the number 3. "
        "Open an earlier version or the original workbook.")
    with pytest.raises(BadValue) as bad:
        check_value({"$tuple": []}, int | str | None, "x")
    assert (bad.value.key, bad.value.where) == ("mismatch", "x")
    assert bad.value.nl == "verwacht een geheel getal of tekst of leeg, gevonden een object"
    assert bad.value.en == "expected a whole number or text or empty, found an object"
    given = ProjectError("Kapot.", "Broken.")  # two finished texts, as the GUI re-raises one
    assert (str(given), given.en) == ("Kapot.", "Broken.")


def test_erasure_traces_and_file_errors_carry_a_key_and_parameters(tmp_path):
    from app.planner.session import Trace
    from app.safefile import ReadOnlyFileError

    trace = Trace("project_not_saved", path="/d/werk.klasvormer", error="schijf vol")
    assert (trace.key, trace.path, trace.params) == ("project_not_saved", "/d/werk.klasvormer", {"error": "schijf vol"})
    assert trace.text() == trace.nl == ("het project /d/werk.klasvormer: kon niet opnieuw worden opgeslagen "
                                        "(schijf vol); sla het project opnieuw op")
    assert trace.text("en") == "the project /d/werk.klasvormer: could not be saved again (schijf vol); save the project again"
    assert Trace("Iets.", "Something.").text("en") == "Something."  # two finished texts still work
    error = ReadOnlyFileError(tmp_path / "plan.xlsx")
    assert (error.key, error.params) == ("read_only", {"name": "plan.xlsx"})
    assert str(error) == error.nl == error.strerror and error.nl.startswith("Bestand 'plan.xlsx' is alleen-lezen.")
    assert error.text("en") == error.en == ("File 'plan.xlsx' is read-only. It is not replaced; choose another name, "
                                            "or confirm that you want to replace it anyway.")


def test_a_bad_running_class_is_english_in_english(small_problem):
    """The reasons a running class is refused were Dutch fragments inside the English message."""
    from dataclasses import replace

    from optimizer.domain import RunningClass

    rc = RunningClass(id="L9", route="Z9", location="Nergens", schedule="geen", level_min=50, level_max=40,
                      free_seats=-1, end_date=small_problem.plan_date + datetime.timedelta(weeks=20))
    found = [m for m in replace(small_problem, running=(rc,)).validate() if m.key == "running_bad"]
    assert [m.text("nl") for m in found][:3] == [
        "Lopende klas L9: route 'Z9' onbekend.", "Lopende klas L9: locatie 'Nergens' onbekend.",
        "Lopende klas L9: lesrooster 'geen' onbekend."]
    english = [m.text("en") for m in found]
    assert english[:3] == ["Running class L9: route 'Z9' unknown.", "Running class L9: location 'Nergens' unknown.",
                           "Running class L9: schedule 'geen' unknown."]
    assert english[3:] == ["Running class L9: lower level bound above the upper level bound.",
                           "Running class L9: negative number of free seats."]
    assert not any("onbekend" in t or "negatief" in t for t in english)
