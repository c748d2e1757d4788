"""The workbooks in a real spreadsheet program: LibreOffice Calc, headless.

Saved through Calc, the template, the sample and a plan workbook import as before, and an edit
made to a plan's Klas column comes back as a pin. Printed (converted to PDF), each sheet takes
the pages its print setup promises; the pages are told apart by their footer ("<sheet> - pagina
<n>"). Two Calc runs convert all files at once (each start takes seconds).
"""

from __future__ import annotations

import re
import shutil
import subprocess
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import openpyxl
import pytest

from app.workbook.canonical import append_rows
from app.workbook.export import write_plan_workbook
from app.workbook.importer import ImportResult, load_problem
from app.workbook.reimport import MOVED, RELEASED, PlanEdit, load_edited_plan
from app.workbook.template import write_template
from optimizer.baselines import status_quo_plan
from optimizer.plan import Plan

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(shutil.which("soffice") is None,
                       reason="LibreOffice (soffice) is not installed: apt-get install libreoffice-calc-nogui"),
]

SAMPLE = Path(__file__).resolve().parents[2] / "samples" / "b1_aanbieder.xlsx"


@dataclass
class Books:
    folder: Path
    sample: ImportResult
    plan: Plan
    moved: tuple[str, str, str]
    """(learner, class before, class after) of the edit made before Calc saved the plan."""
    released: str


def soffice(*jobs: tuple[str, list[Path], Path, Path]) -> list[list[Path]]:
    """Convert, per job (format, files, out folder, profile), ``files`` with one headless Calc run
    (its own profile: no clash with a running one). The runs go side by side: most of a run's
    time is Calc waiting, not working (two runs one after the other took 10 s)."""
    runs = []
    for fmt, files, outdir, profile in jobs:
        outdir.mkdir(exist_ok=True)
        runs.append(subprocess.Popen(["soffice", f"-env:UserInstallation={profile.as_uri()}", "--headless",
                                      "--norestore", "--convert-to", fmt, "--outdir", str(outdir), *map(str, files)],
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE))
    for run in runs:
        out, err = run.communicate(timeout=600)
        assert run.returncode == 0, (run.args, out, err)
    written = []
    for fmt, files, outdir, _ in jobs:
        out = [outdir / f"{f.stem}.{fmt.split(':')[0]}" for f in files]
        missing = [p.name for p in out if not p.exists()]
        assert not missing, f"Calc wrote no {missing}"
        written.append(out)
    return written


@pytest.fixture(scope="module")
def books(tmp_path_factory: pytest.TempPathFactory) -> Books:
    folder = tmp_path_factory.mktemp("calc")
    sample = load_problem(SAMPLE)
    problem = sample.problem
    plan = status_quo_plan(problem)  # a realistic plan in a fraction of a second
    names = {lr.id: {"Naam": f"Voornaam{i} Achternaam"} for i, lr in enumerate(problem.learners)}
    write_plan_workbook(problem, plan, folder / "plan.xlsx", extras=names)
    write_template(folder / "sjabloon.xlsx")
    shutil.copy(SAMPLE, folder / "voorbeeld.xlsx")

    # an edit as a coordinator makes it: one learner to another class of the route, one released
    placed = [a for a in plan.assignments.values() if a.class_id and not plan.class_by_id[a.class_id].running]
    first = placed[0]
    route = plan.class_by_id[first.class_id].route
    other = next(c.id for c in plan.classes if c.id != first.class_id and c.route == route and not c.running)
    released = placed[1].learner_id
    wb = openpyxl.load_workbook(folder / "plan.xlsx")
    ws = wb["Deelnemers"]
    klas = next(c.column for c in ws[1] if c.value == "Klas")
    rows = {c.value: c.row for c in ws["A"]}
    ws.cell(row=rows[first.learner_id], column=klas, value=other)
    ws.cell(row=rows[released], column=klas, value="vrij")
    wb.save(folder / "bewerkt.xlsx")

    # the template filled in below its examples, with cells computing the Route drop-down's list
    wb = openpyxl.load_workbook(folder / "sjabloon.xlsx")
    append_rows(wb["Routes"], [["B1"], ["Z"]])
    ws = wb["Deelnemers"]
    route = next(c.column_letter for c in ws[1] if c.value == "Route")
    (source,) = [dv.formula1 for dv in ws.data_validations.dataValidation if str(dv.sqref).startswith(f"{route}2:")]
    check = wb.create_sheet("Lijst Route")
    for row, formula in enumerate((f"ROWS({source})", f"INDEX({source},1)", f"INDEX({source},2)"), start=1):
        check.cell(row=row, column=1, value=f"={formula}")
    wb.save(folder / "keuzelijst.xlsx")

    soffice(("xlsx", [folder / n for n in ("sjabloon.xlsx", "voorbeeld.xlsx", "plan.xlsx", "bewerkt.xlsx",
                                           "keuzelijst.xlsx")], folder / "calc", folder / "profiel"),
            ("pdf", [folder / "plan.xlsx", folder / "sjabloon.xlsx"], folder / "pdf", folder / "profiel_pdf"),
            ("csv", [folder / "sjabloon.xlsx"], folder / "csv", folder / "profiel_csv"))  # Calc saves the first sheet
    return Books(folder, sample, plan, (first.learner_id, first.class_id, other), released)


def pages_per_sheet(pdf: Path) -> Counter[str]:
    """Sheet name -> pages, from each page's footer."""
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True,
                          text=True).stdout
    counts: Counter[str] = Counter()
    for page in text.split("\f")[:-1]:
        footers = re.findall(r"^\s*(\S.*?) - pagina \d+\s*$", page, re.M)
        counts[footers[-1] if footers else "(geen voettekst)"] += 1
    return counts


def test_template_saved_by_calc_imports_the_same(books: Books) -> None:
    before = load_problem(books.folder / "sjabloon.xlsx")
    after = load_problem(books.folder / "calc" / "sjabloon.xlsx")
    def where(result: ImportResult) -> list[tuple]:
        return [(i.code, i.sheet, i.row, i.column) for i in result.issues]
    assert where(after) == where(before)
    assert {i.code for i in after.errors} == {"no_rows"}  # empty, the example rows skipped
    assert not any("VOORBEELD" in i.message for i in after.issues)


def test_template_saved_as_csv_by_calc_says_it_is_the_uitleg_sheet(books: Books) -> None:
    """Calc's CSV of the template is its first sheet, Uitleg: the import says so and what to do
    (it said six required columns were missing)."""
    result = load_problem(books.folder / "csv" / "sjabloon.csv", settings=SAMPLE)
    assert [i.code for i in result.issues] == ["csv_explanation_sheet"]
    assert "lijkt het blad Uitleg van de invoerwerkmap te zijn" in result.issues[0].message


def test_template_route_drop_down_offers_the_routes_without_the_examples(books: Books) -> None:
    wb = openpyxl.load_workbook(books.folder / "calc" / "keuzelijst.xlsx", data_only=True)
    assert [c.value for c in wb["Lijst Route"]["A"]] == [2, "B1", "Z"]  # as Calc computes the list


def test_sample_saved_by_calc_imports_the_same(books: Books) -> None:
    after = load_problem(books.folder / "calc" / "voorbeeld.xlsx")
    assert after.ok, after.summary()
    assert after.problem == books.sample.problem
    assert after.extras == books.sample.extras


def test_plan_saved_by_calc_reimports_the_same(books: Books) -> None:
    before = load_edited_plan(books.folder / "plan.xlsx")
    after = load_edited_plan(books.folder / "calc" / "plan.xlsx")
    assert before.ok and after.ok, after.summary()
    assert after.problem == before.problem and after.plan_edits == [] == before.plan_edits
    assert after.extras == before.extras
    assert after.problem.previous == {lid: a.class_id for lid, a in books.plan.assignments.items()}


def test_klas_edit_saved_by_calc_comes_back_as_a_pin(books: Books) -> None:
    lid, old, new = books.moved
    result = load_edited_plan(books.folder / "calc" / "bewerkt.xlsx")
    assert result.ok, result.summary()
    learners = result.problem.learner_by_id
    assert learners[lid].pin == new and result.problem.known_by_label[new].locked
    assert learners[books.released].pin is None and books.released not in result.problem.previous
    assert set(result.plan_edits) == {PlanEdit(MOVED, lid, old, new),
                                      PlanEdit(RELEASED, books.released,
                                               books.plan.assignments[books.released].class_id, None)}


def test_plan_prints_on_the_pages_set(books: Books) -> None:
    pages = pages_per_sheet(books.folder / "pdf" / "plan.pdf")
    assert "(geen voettekst)" not in pages  # no hidden sheet printed, every page named
    assert pages["Overzicht"] == 1 and pages["Klassen"] == 1
    classes = {name: n for name, n in pages.items() if name.startswith("Klas ")}
    assert len(classes) == len(books.plan.classes) and set(classes.values()) == {1}  # a class: one page
    assert pages["Deelnemers"] % 3 == 0 and pages["Deelnemers"] <= 3 * 12  # three pages wide
    assert pages["Wachtlijst"] <= 6
    for name in ("Locaties", "Lesroosters", "Routes", "Docenten", "Instellingen", "Lopende klassen"):
        assert pages[name] == 1, name
    assert sum(pages.values()) <= 90


def test_template_prints_on_the_pages_set(books: Books) -> None:
    pages = pages_per_sheet(books.folder / "pdf" / "sjabloon.pdf")
    assert "(geen voettekst)" not in pages
    assert pages["Uitleg"] <= 5 and pages["Deelnemers"] <= 3
    assert all(n == 1 for name, n in pages.items() if name not in ("Uitleg", "Deelnemers")), pages
    assert sum(pages.values()) <= 16
