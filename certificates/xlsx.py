"""Spreadsheet helpers shared by every .xlsx the portal writes.

Two concerns live here so that no export can forget them: text that a person typed must
never become a formula when the file is opened, and Chinese text needs columns about twice
as wide as its character count.
"""

import math
import unicodedata
from collections.abc import Iterable
from typing import Any

from openpyxl.cell.cell import ERROR_CODES, ILLEGAL_CHARACTERS_RE, Cell, WriteOnlyCell
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

# A cell starting with one of these is a formula (or DDE payload) to a spreadsheet program.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")

THIN = Side(style="thin", color="000000")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
WRAP = Alignment(wrap_text=True, vertical="center")
WRAP_CENTER = Alignment(wrap_text=True, vertical="center", horizontal="center")
HEADER_FONT = Font(bold=True)
# Points per line of 11-point text, with a little air.
LINE_HEIGHT = 15


def set_text(cell: Cell, value: Any) -> Cell:
    """Write a value; strings are always stored as text, never evaluated as formulas."""
    if isinstance(value, str):
        value = ILLEGAL_CHARACTERS_RE.sub("", value)
    cell.value = value
    if isinstance(value, str) and value:
        cell.data_type = "s"
        if value.startswith(FORMULA_TRIGGERS):
            # Excel and LibreOffice keep a quote-prefixed cell as text even when edited.
            cell.quotePrefix = True
    return cell


def display_width(text: str) -> int:
    """Width of one line in Excel's character units: wide (CJK) characters count twice."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def text_width(value: Any) -> int:
    """Width of the widest line of a cell's value."""
    if value is None:
        return 0
    return max((display_width(line) for line in str(value).split("\n")), default=0)


def lines_needed(value: Any, column_width: float) -> int:
    """How many printed lines a wrapped cell takes in a column of the given width."""
    if value is None or value == "":
        return 1
    usable = max(column_width - 1, 1)
    return sum(max(1, math.ceil(display_width(line) / usable)) for line in str(value).split("\n"))


def fit_columns(
    ws: Worksheet, widths: Iterable[int], minimum: int = 6, maximum: int = 40
) -> list[float]:
    """Set each column to its content's width, within bounds; return the widths set."""
    result = []
    for index, width in enumerate(widths, start=1):
        fitted = float(min(max(width + 2, minimum), maximum))
        ws.column_dimensions[get_column_letter(index)].width = fitted
        result.append(fitted)
    return result


def set_row_height(ws: Worksheet, row: int, values: list[Any], widths: list[float]) -> None:
    lines = max(lines_needed(v, w) for v, w in zip(values, widths, strict=True))
    ws.row_dimensions[row].height = LINE_HEIGHT * lines + 3


def prepare_for_print(ws: Worksheet, title_rows: str) -> None:
    """A4 landscape, one page wide, the header repeated and page numbers in the footer."""
    # Plain values: write-only sheets lack the constants.
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = Worksheet.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = title_rows
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.oddFooter.center.text = "第 &P 页 共 &N 页"


class CellStyle:
    """A cell style registered once with a write-only workbook, stamped onto many cells.

    Assigning font, border and alignment to every cell looks each up in the workbook's
    style tables; copying a ready style array is what keeps a styled export close to the
    speed of writing bare values.
    """

    def __init__(
        self,
        ws: Worksheet,
        *,
        font: Font | None = None,
        alignment: Alignment | None = None,
        border: Border | None = None,
    ) -> None:
        proto = WriteOnlyCell(ws)
        if font is not None:
            proto.font = font
        if alignment is not None:
            proto.alignment = alignment
        if border is not None:
            proto.border = border
        self.ws = ws
        self.plain = proto._style
        quoted = Cell(ws, style_array=self.plain)
        quoted.quotePrefix = True
        self.quoted = quoted._style

    def cell(self, value: Any) -> Cell:
        """A styled cell; text is always text (never a formula), cleaned of characters a
        spreadsheet file cannot hold."""
        if isinstance(value, str):
            value = ILLEGAL_CHARACTERS_RE.sub("", value)
            style = self.quoted if value.startswith(FORMULA_TRIGGERS) else self.plain
            # row and column are set by the sheet; openpyxl needs them to exist meanwhile.
            cell = Cell(self.ws, row=1, column=1, style_array=style)
            cell._value = value
            cell.data_type = "s"
            return cell
        return Cell(self.ws, row=1, column=1, value=value, style_array=self.plain)

    def bare(self, value: Any) -> Any:
        """A value for a bare write-only append, the fast path for unstyled cells; only text
        a spreadsheet would read as a formula or an error code becomes a (quoted) cell."""
        if isinstance(value, str):
            value = ILLEGAL_CHARACTERS_RE.sub("", value)
            if value.startswith(FORMULA_TRIGGERS) or value in ERROR_CODES:
                return self.cell(value)
        return value
