"""Small input workbooks cut from the bundled samples, for the checker's tests and the fuzzer.

Plain openpyxl on the files (nothing from ``app`` or ``optimizer``), so a defect in the importer
cannot hide itself here.
"""

from __future__ import annotations

import random
from pathlib import Path

import openpyxl

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = {"b1": ROOT / "samples" / "b1_aanbieder.xlsx", "z": ROOT / "samples" / "z_route.xlsx"}


def learner_header(ws) -> list[str]:
    return [str(c.value) if c.value is not None else "" for c in ws[1]]


def cut_sample(dst: Path, n: int, *, sample: str = "b1", seed: int = 0) -> Path:
    """Write the sample with ``n`` of its learners (households kept whole, 'niet met' ids
    pointing at dropped learners removed) to ``dst``."""
    wb = openpyxl.load_workbook(SAMPLES[sample])
    ws = wb["Deelnemers"]
    head = learner_header(ws)
    col = {h: i for i, h in enumerate(head)}
    rows = [[c.value for c in r] for r in ws.iter_rows(min_row=2)]
    rows = [r for r in rows if r[0] is not None]
    rng = random.Random(seed)
    order = list(range(len(rows)))
    rng.shuffle(order)
    keep: set[int] = set()
    by_house: dict[object, list[int]] = {}
    for i, r in enumerate(rows):
        if r[col["Samen"]]:
            by_house.setdefault(r[col["Samen"]], []).append(i)
    for i in order:
        if len(keep) >= n:
            break
        house = rows[i][col["Samen"]]
        keep |= set(by_house[house]) if house else {i}
    kept = [rows[i] for i in sorted(keep)]
    ids = {str(r[0]) for r in kept}
    for r in kept:
        nm = r[col["Niet met"]]
        if nm:
            left = [x.strip() for x in str(nm).split(",") if x.strip() in ids]
            r[col["Niet met"]] = ", ".join(left) or None
    write_learners(wb, head, kept)
    dst = Path(dst)
    wb.save(dst)
    return dst


def write_learners(wb, head: list[str], rows: list[list[object]], title: str = "Deelnemers") -> None:
    """Replace the learners sheet's rows (keeping its place among the sheets)."""
    old = wb[title]
    idx = wb.sheetnames.index(title)
    wb.remove(old)
    ws = wb.create_sheet(title, idx)
    ws.append(head)
    for r in rows:
        ws.append(list(r))


def split_route(path: Path, new_route: str = "B1-bis") -> Path:
    """Give every other household (or single learner) of ``path`` a second route, a copy of the
    first route's row; in place."""
    wb = openpyxl.load_workbook(path)
    routes = wb["Routes"]
    first = [c.value for c in routes[2]]
    routes.append([new_route, *first[1:]])
    ws = wb["Deelnemers"]
    head = learner_header(ws)
    c_route, c_house = head.index("Route") + 1, head.index("Samen") + 1
    flip: dict[object, bool] = {}
    for k, r in enumerate(range(2, ws.max_row + 1)):
        house = ws.cell(r, c_house).value or f"row{r}"
        if flip.setdefault(house, k % 2 == 1):
            ws.cell(r, c_route).value = new_route
    wb.save(path)
    return path
