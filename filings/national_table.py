"""The national page's certificate table and matrix at any number of certificates: searched
by certificate or organization name, sorted by a column, cut into pages of a few dozen, and the
unit × certificate matrix turned around (certificate × unit) on request.

Plain functions on the figures of filings.national: no request, no query.
"""

from dataclasses import dataclass
from typing import Any

from .national import CertificateTotal, HeatMap, MatrixCell

# Certificates per page of the table and of the matrix: the matrix's columns still fit a wide
# screen, its lines a screen's height.
PAGE_SIZE = 25
# A search no longer than a certificate's or an organization's name.
MAX_QUERY = 50

DEFAULT_SORT = "position"
# Column key -> (sort key, numeric). A numeric column sorts largest first on its first click,
# a text column from A; the notice's order breaks ties.
SORT_KEYS: dict[str, tuple[Any, bool]] = {
    "position": (lambda t: t.certificate.position, False),
    "name": (lambda t: t.certificate.name, False),
    "organization": (lambda t: t.certificate.organization.name, False),
    "rows": (lambda t: t.rows, True),
    "schools": (lambda t: t.schools, True),
    "students": (lambda t: t.students, True),
}

BY_UNIT = "units"  # a line per unit, a column per certificate (as the notice's table)
BY_CERTIFICATE = "certificates"  # a line per certificate, a column per unit
MATRIX_VIEWS = (BY_UNIT, BY_CERTIFICATE)


def clean_query(raw: str) -> str:
    return " ".join(raw.split())[:MAX_QUERY]


def search_certificates(totals: list[CertificateTotal], query: str) -> list[CertificateTotal]:
    """The certificates whose name or organization contains the query (any letter case)."""
    needle = query.casefold()
    if not needle:
        return list(totals)
    return [
        t
        for t in totals
        if needle in t.certificate.name.casefold()
        or needle in t.certificate.organization.name.casefold()
    ]


@dataclass(frozen=True)
class Sort:
    """A column key and its direction, written `rows` or `-rows` (descending) in a link."""

    key: str = DEFAULT_SORT
    descending: bool = False

    @classmethod
    def parse(cls, raw: str) -> "Sort | None":
        """None when the text names no column."""
        if not raw:
            return cls()
        key = raw.removeprefix("-")
        if key not in SORT_KEYS:
            return None
        return cls(key, raw.startswith("-"))

    def __str__(self) -> str:
        return f"-{self.key}" if self.descending else self.key

    def apply(self, totals: list[CertificateTotal]) -> list[CertificateTotal]:
        by_position = sorted(totals, key=SORT_KEYS[DEFAULT_SORT][0])
        return sorted(by_position, key=SORT_KEYS[self.key][0], reverse=self.descending)

    def heading(self, key: str) -> tuple[str, str]:
        """(the link's sort, the heading's aria-sort) of the column `key`: a click on the
        sorted column turns it around, on another column sorts by that one."""
        if key == self.key:
            state = "descending" if self.descending else "ascending"
            return str(Sort(key, not self.descending)), state
        return str(Sort(key, SORT_KEYS[key][1])), "none"


@dataclass
class MatrixView:
    """The matrix as the page draws it: a heading for the name column, one per other column,
    a line per unit or per certificate, and the totals."""

    corner: str
    headings: list[str]
    lines: list[tuple[str, list[MatrixCell], int]]
    column_totals: list[int]

    @property
    def grand_total(self) -> int:
        return sum(self.column_totals)


def matrix_view(
    matrix: HeatMap, totals: list[CertificateTotal], start: int, end: int, view: str
) -> MatrixView:
    """The certificates `start:end` of `matrix` (made from `totals`, in the same order), a line
    per unit, or per certificate when `view` is BY_CERTIFICATE. The colours stay those of the
    whole matrix, so that a page's cells compare with the next page's."""
    units = [unit.unit.name for unit, _, _ in matrix.lines]
    shown = [t.certificate.name for t in totals[start:end]]
    by_unit = [cells[start:end] for _, cells, _ in matrix.lines]
    if view == BY_CERTIFICATE:
        corner, headings = "证书", units
        rows = [[cells[index] for cells in by_unit] for index in range(len(shown))]
        names = shown
    else:
        corner, headings, rows, names = "报送单位", shown, by_unit, units
    lines = [
        (name, cells, sum(c.value for c in cells)) for name, cells in zip(names, rows, strict=True)
    ]
    column_totals = [sum(cells[i].value for _, cells, _ in lines) for i in range(len(headings))]
    return MatrixView(corner, headings, lines, column_totals)
