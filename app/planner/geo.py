"""Map data for the planner: Amsterdam's district polygons and where learners and locations are.

The polygons come from ``app/data/GEBIED_STADSDELEN.csv`` (Gemeente Amsterdam open geodata, see
``app/data/README.md``), parsed here from WKT without any GIS library. Points come from
:func:`optimizer.travel.resolve_place` (a PC4 point, or a district's population anchor).
Coordinates are (lat, lon) in WGS84 throughout; the GUI projects them itself.
"""

from __future__ import annotations

import csv
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from optimizer.domain import Problem
from optimizer.travel import normalize_pc4, resolve_place, stadsdeel_of

DATA = Path(__file__).resolve().parents[1] / "data" / "GEBIED_STADSDELEN.csv"

Ring = tuple[tuple[float, float], ...]
"""A closed ring of (lat, lon) points."""


@dataclass(frozen=True)
class District:
    """One of the city's areas: code, name and polygon rings (the first is the outline)."""

    code: str
    name: str
    rings: tuple[Ring, ...]

    @property
    def outline(self) -> Ring:
        return self.rings[0]

    def label_point(self) -> tuple[float, float]:
        """A point to put the district's label: the area centroid of its outline."""
        pts = self.outline
        a = cx = cy = 0.0
        for (y0, x0), (y1, x1) in zip(pts, pts[1:] + pts[:1], strict=True):
            cross = x0 * y1 - x1 * y0
            a += cross
            cx += (x0 + x1) * cross
            cy += (y0 + y1) * cross
        if abs(a) < 1e-12:
            return pts[0]
        return cy / (3 * a), cx / (3 * a)


_NUMBER_PAIR = re.compile(r"(-?\d+(?:\.\d+)?)\s+(-?\d+(?:\.\d+)?)")


def parse_wkt_polygon(text: str) -> tuple[Ring, ...]:
    """Rings of a WKT ``POLYGON`` or ``MULTIPOLYGON`` in lon-lat order, as (lat, lon) tuples."""
    body = text.strip()
    kind = body.split("(", 1)[0].strip().upper()
    if kind not in ("POLYGON", "MULTIPOLYGON"):
        raise ValueError(f"not a polygon: {body[:30]!r}")
    rings: list[Ring] = []
    for chunk in re.findall(r"\(([^()]+)\)", body):
        pts = tuple((float(lat), float(lon)) for lon, lat in _NUMBER_PAIR.findall(chunk))
        if len(pts) >= 3:
            rings.append(pts)
    if not rings:
        raise ValueError("polygon without rings")
    return tuple(rings)


@cache
def districts(path: str | None = None) -> tuple[District, ...]:
    """Amsterdam's areas, in the file's order."""
    src = Path(path) if path else DATA
    out = []
    with src.open(encoding="utf-8-sig", newline="") as fh:
        for row in csv.DictReader(fh, delimiter=";"):
            wkt = row.get("WKT_LNG_LAT") or ""
            if not wkt:
                continue
            out.append(District(row["Stadsdeelcode"].strip(), row["Stadsdeelnaam"].strip(), parse_wkt_polygon(wkt)))
    return tuple(out)


def bounds(items: Iterable[District]) -> tuple[float, float, float, float]:
    """(lat_min, lon_min, lat_max, lon_max) of the districts' outlines."""
    lats = [p[0] for d in items for p in d.outline]
    lons = [p[1] for d in items for p in d.outline]
    return min(lats), min(lons), max(lats), max(lons)


@dataclass(frozen=True)
class MapPoint:
    """A place on the map with how many learners (or which location) it stands for."""

    lat: float
    lon: float
    label: str
    count: int = 1


def learner_points(problem: Problem, learner_ids: Iterable[str]) -> list[MapPoint]:
    """One point per home place (PC4 or district anchor), sized by the number of learners there."""
    places = Counter(normalize_pc4(home) or home for home in _homes(problem, learner_ids))
    out = []
    for place, n in sorted(places.items()):
        pt = resolve_place(place)
        if pt is not None:
            out.append(MapPoint(pt[0], pt[1], place, n))
    return out


def _homes(problem: Problem, learner_ids: Iterable[str]) -> Iterator[str]:
    """The home (postcode or district) of each of ``learner_ids`` that is known and has one."""
    by_id = problem.learner_by_id
    for lid in learner_ids:
        lr = by_id.get(lid)
        if lr is not None and lr.home is not None:
            yield lr.home


def location_points(problem: Problem) -> list[MapPoint]:
    """One point per class location whose place is known."""
    out = []
    for loc in problem.locations:
        pt = resolve_place(loc.home)
        if pt is not None:
            out.append(MapPoint(pt[0], pt[1], loc.name))
    return out


def class_location_point(problem: Problem, location: str) -> MapPoint | None:
    """The point of a class location, labelled with its name (None when its place is unknown)."""
    loc = problem.location_by_name.get(location)
    pt = resolve_place(loc.home) if loc is not None else None
    return MapPoint(pt[0], pt[1], location) if pt is not None else None


def counts_per_district(problem: Problem, learner_ids: Iterable[str]) -> dict[str, int]:
    """Learners per district name (Westpoort counts as Nieuw-West); unknown homes are left out."""
    out: Counter[str] = Counter()
    for home in _homes(problem, learner_ids):
        name = stadsdeel_of(home)
        if name == "Westpoort":
            name = "Nieuw-West"
        if name:
            out[name] += 1
    return dict(out)
