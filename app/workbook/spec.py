"""How the canonical workbook format is described: the kinds of value, a column
(:class:`ColumnSpec`), a sheet (:class:`SheetSpec`), a setting (:class:`SettingSpec`) and the
header matching rule (:func:`fold`). The format itself, sheet by sheet, is in
:mod:`app.workbook.schema` (which re-exports these names).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cached_property

# Value kinds; the importer has one converter per kind.
TEXT = "tekst"
ID = "id"
INT = "geheel getal"
NUMBER = "getal"
MINUTES = "minuten"
LEVEL = "leerbaarheid"
DAYPARTS = "dagdelen"
DATE = "datum"
WEEKS = "weken"
LIST = "lijst"
REFLIST = "lijst van namen"
CHOICE = "keuze"
YESNO = "ja/nee"
DISTRICT = "stadsdeel"
POSTCODE = "postcode"

KIND_EN: dict[str, str] = {
    TEXT: "text", ID: "id", INT: "whole number", NUMBER: "number", MINUTES: "minutes", LEVEL: "learnability",
    DAYPARTS: "dayparts", DATE: "date", WEEKS: "weeks", LIST: "list", REFLIST: "list of names", CHOICE: "choice",
    YESNO: "ja/nee (yes/no)", DISTRICT: "stadsdeel (district)", POSTCODE: "postcode",
}
"""Value kind -> in English, for the template's Uitleg (the kinds themselves are Dutch)."""


def fold(text: object) -> str:
    """Header key: no accents, lower case, no spaces/underscores/hyphens/dots, no ``(unit)``."""
    s = unicodedata.normalize("NFKD", str(text))
    s = "".join(c for c in s if not unicodedata.combining(c)).lower()
    s = re.sub(r"\([^)]*\)\s*$", "", s.strip())
    return re.sub(r"[\s_\-.:]+", "", s)


@dataclass(frozen=True)
class ColumnSpec:
    """One column of a canonical sheet."""

    key: str
    """Internal name, used by the importer and exporter."""
    nl: str
    """Dutch header, as Klasvormer writes it."""
    en: str
    kind: str
    required: bool = False
    variants: tuple[str, ...] = ()
    allowed: tuple[str, ...] = ()
    help: str = ""
    example: object = ""
    default: object = None
    output: bool = False
    """A plan-result column: written in plan workbooks, never read as input."""

    @property
    def names(self) -> tuple[str, ...]:
        return (self.nl, self.en, *self.variants)


@dataclass(frozen=True)
class SheetSpec:
    """A sheet of the canonical workbook."""

    key: str
    nl: str
    en: str
    columns: tuple[ColumnSpec, ...]
    required: bool = True
    variants: tuple[str, ...] = ()
    key_column: str = "id"
    """The column that names a row; its value marks example rows (:data:`app.workbook.schema.EXAMPLE_PREFIX`)."""
    help: str = ""
    layout: str = "table"
    """'table', 'keyvalue' (Instellingen) or 'matrix' (Reistijden)."""

    @property
    def names(self) -> tuple[str, ...]:
        return (self.nl, self.en, *self.variants)

    def column(self, key: str) -> ColumnSpec:
        for c in self.columns:
            if c.key == key:
                return c
        raise KeyError(key)

    @property
    def input_columns(self) -> tuple[ColumnSpec, ...]:
        return tuple(c for c in self.columns if not c.output)

    def match(self, header: object) -> ColumnSpec | None:
        """The column a header names (see :func:`fold`), or None."""
        return self._by_folded_name.get(fold(header))

    @cached_property
    def _by_folded_name(self) -> dict[str, ColumnSpec]:
        return {fold(n): c for c in self.columns for n in c.names}


@dataclass(frozen=True)
class SettingSpec:
    """One row of the Instellingen sheet."""

    key: str
    nl: str
    en: str
    kind: str
    default: object
    help: str
    example: object = ""
    variants: tuple[str, ...] = ()
    allowed: tuple[str, ...] = ()
    lo: float | None = None
    """Smallest value accepted (numbers); below it the setting is an input error at its cell."""
    hi: float | None = None
    """Largest value accepted (numbers)."""

    @property
    def names(self) -> tuple[str, ...]:
        return (self.nl, self.en, *self.variants)
