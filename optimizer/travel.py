"""Travel-time estimate between Amsterdam districts (stadsdelen) and postcodes (PC4).

``minutes = overhead + max(km, min_km) * detour / speed * 60``, where ``km`` is the
straight-line (haversine) distance between two anchor points: the PC4 point for a postcode,
the mean of its PC4 points for a stadsdeel (a population anchor). All parameters are in
:class:`TravelSettings` (part of the problem's settings, ``Problem.travel_settings``). This is an assumption, not a journey planner: a
travel matrix supplied by the user always wins (see ``Learner.travel``).

Data: optimizer/data/README.md (GeoNames CC BY 4.0; Gemeente Amsterdam open geodata).
"""

from __future__ import annotations

import csv
import math
import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from importlib import resources

STADSDELEN: tuple[str, ...] = (
    "Centrum", "West", "Nieuw-West", "Zuid", "Oost", "Noord", "Zuidoost", "Weesp", "Westpoort",
)
"""Amsterdam's areas; learners from Westpoort (port and industry) count as Nieuw-West."""


@dataclass(frozen=True)
class TravelSettings:
    """The travel-time estimate: ``overhead + km * detour / speed``, in minutes.

    ``km`` is the straight-line distance between the learner's PC4 (or district anchor) and the
    location's, at least ``min_km``. The defaults are assumptions (tram 16 km/h, bus 22 km/h,
    metro 39 km/h, see optimizer/data/README.md); a supplied travel matrix always wins.
    """

    overhead_minutes: float = 10.0
    detour_factor: float = 1.3
    speed_kmh: float = 20.0
    min_km: float = 1.0


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return re.sub(r"[\s\-_]+", "", text.lower())


@cache
def _tables() -> tuple[dict[str, tuple[float, float]], dict[str, tuple[float, float]],
                        dict[str, str], dict[str, str]]:
    data = resources.files("optimizer") / "data"
    pc4: dict[str, tuple[float, float]] = {}
    pc4_area: dict[str, str] = {}
    with (data / "derived_pc4_stadsdeel.csv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            pc4[row["pc4"]] = (float(row["lat"]), float(row["lon"]))
            pc4_area[row["pc4"]] = row["stadsdeel"]
    areas: dict[str, tuple[float, float]] = {}
    names: dict[str, str] = {}
    with (data / "derived_stadsdeel_centroids.csv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            point = (float(row["pc4_mean_lat"]), float(row["pc4_mean_lon"]))
            areas[row["stadsdeel"]] = point
            names[_fold(row["stadsdeel"])] = row["stadsdeel"]
            names[_fold(row["stadsdeelcode"])] = row["stadsdeel"]
    names[_fold("Nieuw West")] = "Nieuw-West"
    names[_fold("Amsterdam-Noord")] = "Noord"
    names[_fold("Amsterdam Zuidoost")] = "Zuidoost"
    names[_fold("ZO")] = "Zuidoost"
    names[_fold("NW")] = "Nieuw-West"
    # Learners and locations in Westpoort are placed in Nieuw-West (see data README).
    areas["Westpoort"] = areas["Nieuw-West"]
    return pc4, areas, names, pc4_area


def normalize_stadsdeel(text: str) -> str | None:
    """Canonical stadsdeel name for a name or code (``"nieuw west"``, ``"F"``), else None."""
    _, _, names, _ = _tables()
    return names.get(_fold(text))


def normalize_pc4(text: str) -> str | None:
    """``"1102 AB"`` -> ``"1102"``; None if it is not a 4-digit postcode."""
    m = re.fullmatch(r"\s*(\d{4})\s*([A-Za-z]{2})?\s*", str(text))
    return m.group(1) if m else None


def stadsdeel_of(place: str) -> str | None:
    """The stadsdeel a place (stadsdeel or PC4) lies in."""
    _, _, _, pc4_area = _tables()
    pc = normalize_pc4(place)
    if pc is not None:
        return pc4_area.get(pc)
    return normalize_stadsdeel(place)


def resolve_place(place: str | None) -> tuple[float, float] | None:
    """(lat, lon) anchor for a PC4 or stadsdeel; None if unknown."""
    if place is None:
        return None
    pc4, areas, _, _ = _tables()
    pc = normalize_pc4(place)
    if pc is not None:
        if pc in pc4:
            return pc4[pc]
        return None
    name = normalize_stadsdeel(place)
    return areas.get(name) if name else None


def haversine_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    lat1, lon1 = map(math.radians, a)
    lat2, lon2 = map(math.radians, b)
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(h))


def travel_minutes(origin: str | None, destination: str | None, settings: TravelSettings) -> int | None:
    """Estimated one-way public-transport minutes, rounded; None when a place is unknown."""
    a = resolve_place(origin)
    b = resolve_place(destination)
    if a is None or b is None:
        return None
    km = max(haversine_km(a, b), settings.min_km)
    return round(settings.overhead_minutes + km * settings.detour_factor / settings.speed_kmh * 60)
