"""Spreadsheet helpers shared by every .xlsx the portal writes.

Three concerns live here so that no export can forget them: text that a person typed must
never become a formula when the file is opened; Chinese text needs a Chinese font and columns
about twice as wide as its character count; and a printed table must give each row the height
of its wrapped text, because no spreadsheet program can be relied on to do it (LibreOffice
prints a row without a height at the default height, whatever its text: issue #9). How text
sets is measured in certificates.text_metrics; rows are written by certificates.sheet_xml.
"""

import math
from collections.abc import Iterable
from datetime import datetime
from typing import Any

from django.utils import timezone
from openpyxl import Workbook
from openpyxl.cell.cell import ERROR_CODES, ILLEGAL_CHARACTERS_RE, Cell, WriteOnlyCell
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from openpyxl.utils.indexed_list import IndexedList
from openpyxl.worksheet.worksheet import Worksheet

from .sheet_xml import RowTextSheet, Styled
from .text_metrics import POINTS_PER_UNIT, TextMetrics

# A cell starting with one of these is a formula (or DDE payload) to a spreadsheet program.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def clean_text(value: str) -> str:
    """Text without the control characters a spreadsheet file cannot hold. Any of them makes
    str.isprintable() false, which runs in C: most text skips the regular expression."""
    return value if value.isprintable() else ILLEGAL_CHARACTERS_RE.sub("", value)


def set_text(cell: Cell, value: Any) -> Cell:
    """Write a value; strings are always stored as text, never evaluated as formulas."""
    if isinstance(value, str):
        value = clean_text(value)
    cell.value = value
    if isinstance(value, str) and value:
        cell.data_type = "s"
        if value.startswith(FORMULA_TRIGGERS):
            # Excel and LibreOffice keep a quote-prefixed cell as text even when edited.
            cell.quotePrefix = True
    return cell


# --- Fonts --------------------------------------------------------------------------------------
# The text of every printed cell: 宋体 (SimSun), the font of Chinese official tables, on every
# Chinese Windows. Family 3 and charset 134 (GB2312) are what Chinese Excel writes beside it; a
# program that lacks the font substitutes a Chinese one for that charset instead of a Western
# one. (LibreOffice on Linux without it, checked with pdffonts: Noto Sans CJK for the Chinese,
# with the simplified glyphs although the collection's shared font is named "NotoSansCJKjp",
# and DejaVu Sans for the Latin letters and digits.)
CJK_FONT_NAME = "宋体"
GB2312 = 134
BODY_SIZE = 10.5  # 五号, the size of a table in an official document
TITLE_SIZE = 16  # 三号


def cjk_font(size: float = BODY_SIZE, bold: bool = False) -> Font:
    return Font(name=CJK_FONT_NAME, size=size, bold=bold, family=3, charset=GB2312)


# Column widths count digits of the workbook's Normal font, and each program measures the digit
# of the font it actually has. Calibri (openpyxl's default) is missing where LibreOffice runs
# without its metric twin Carlito: it then measured DejaVu Sans, 7 pt a digit against Excel's
# 5.25, and printed every column a third wider than Excel. Arial 10 has Excel's 7-pixel digit
# too, and a metric twin that ships with LibreOffice everywhere (Liberation Sans, 5.55 pt), so
# the table prints alike in both. No cell of Attachment 1 or 2 is set in it (they all name 宋体);
# the national workbook, a data workbook, keeps it for its cells.
REFERENCE_FONT = Font(name="Arial", size=10)


def new_workbook(write_only: bool = False) -> Workbook:
    """A workbook whose Normal style (the unit of its column widths) is REFERENCE_FONT."""
    wb = Workbook(write_only=write_only)
    # openpyxl has no public setting for the default font: the first font of the style table
    # is the one unstyled cells use, and the Normal style's is the one widths are measured in.
    wb._fonts = IndexedList([REFERENCE_FONT])
    wb._named_styles["Normal"].font = REFERENCE_FONT
    return wb


def write_only_sheet(wb: Workbook, title: str) -> RowTextSheet:
    """A sheet of a write-only workbook whose rows are written as XML text
    (certificates.sheet_xml): the same file openpyxl writes, several times faster, with
    styled cells (CellStyle.cell) costing little more than bare values."""
    ws = RowTextSheet(parent=wb, title=title)
    wb._add_sheet(ws)
    return ws


THIN = Side(style="thin", color="000000")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
WRAP = Alignment(wrap_text=True, vertical="center")
WRAP_CENTER = Alignment(wrap_text=True, vertical="center", horizontal="center")
WRAP_LEFT = Alignment(wrap_text=True, vertical="center", horizontal="left")
HEADER_FONT = cjk_font(bold=True)
BODY_FONT = cjk_font()

# --- Widths and heights on paper ------------------------------------------------------------------
# How text sets on paper is certificates.text_metrics; these are the fonts the exports use.
# 宋体 五号. Its Latin letters are counted as wide as DejaVu Sans', which LibreOffice prints
# where SimSun is missing (0.64 em a digit; SimSun's are half an em).
SONG = TextMetrics(BODY_SIZE, latin_em=0.625)
SONG_TITLE = TextMetrics(TITLE_SIZE, latin_em=0.625)
# Unstyled cells: Arial 10 (Liberation Sans in LibreOffice), a digit exactly one unit; Chinese
# text falls back on the system's Chinese font, one em a character as above.
ARIAL = TextMetrics(REFERENCE_FONT.size, latin_em=0.58)


def text_width(value: Any) -> int:
    """Column width that holds the widest line of a cell's value in 宋体, unwrapped."""
    if value is None:
        return 0
    return max((math.ceil(SONG.width(line)) for line in str(value).split("\n")), default=0)


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


def set_row_height(
    ws: Worksheet, row: int, values: list[Any], widths: list[float], text: TextMetrics = SONG
) -> None:
    ws.row_dimensions[row].height = text.row_height(values, widths)


# --- The page ----------------------------------------------------------------------------------
PAGE_NUMBER = "第 &P 页 共 &N 页"
# A4 is 595 × 842 pt; with the margins below a page holds this many column-width units.
A4_SHORT, A4_LONG = 595.0, 842.0
SIDE_MARGIN = 0.4  # inches
PORTRAIT_UNITS = (A4_SHORT - 2 * 72 * SIDE_MARGIN) / POINTS_PER_UNIT


def beijing_time(moment: datetime) -> str:
    """A moment as the pages show it: in the project's time zone (Asia/Shanghai), whatever
    zone is active."""
    return f"{timezone.localtime(moment, timezone.get_default_timezone()):%Y-%m-%d %H:%M}"


def exported_text(moment: datetime) -> str:
    return f"导出于 {beijing_time(moment)}（北京时间）"


def _page_text(text: str) -> str:
    # "&" starts a code in a page header or footer; the text's own is doubled.
    return text.replace("&", "&&")


def prepare_for_print(
    ws: Worksheet,
    title_rows: str,
    *,
    landscape: bool = True,
    header: str | None = None,
    header_sheet_name: bool = False,
    footer_left: str | None = None,
    footer_right: str | None = None,
) -> None:
    """A4, one page wide and as many tall as it takes, the title rows repeated on every page,
    page numbers (第 N 页 共 M 页) in the footer with what else identifies the paper; the page
    header may name the sheet (after `header`)."""
    # Plain values: write-only sheets lack the constants.
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.page_setup.paperSize = Worksheet.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = title_rows
    ws.print_options.horizontalCentered = True
    margins = ws.page_margins
    margins.left = margins.right = SIDE_MARGIN
    margins.top = margins.bottom = 0.6
    margins.header = margins.footer = 0.3
    parts = [(ws.oddFooter.center, PAGE_NUMBER)]
    if footer_left:
        parts.append((ws.oddFooter.left, _page_text(footer_left)))
    if footer_right:
        parts.append((ws.oddFooter.right, _page_text(footer_right)))
    if header or header_sheet_name:
        text = " · ".join(
            [*([_page_text(header)] if header else []), *(["&A"] if header_sheet_name else [])]
        )
        parts.append((ws.oddHeader.center, text))
    for part, text in parts:
        part.text = text
        part.font = f"{CJK_FONT_NAME},Regular"
        part.size = 9


def landscape_for(widths: Iterable[float]) -> bool:
    """Landscape when the columns are wider than a portrait page."""
    return sum(widths) > PORTRAIT_UNITS


class _StyledCell(Cell):
    """A cell whose repr is cheap: openpyxl's own write-only append formats the value's repr
    into an error message before it takes a ready cell, and Cell's own repr is slow. (Only a
    sheet not made by write_only_sheet takes openpyxl cells.)"""

    __slots__ = ()

    def __repr__(self) -> str:
        return "<styled cell>"


class CellStyle:
    """A cell style registered once with a write-only workbook, stamped onto many cells.

    A sheet from write_only_sheet takes Styled values, the value and the style's id; any other
    write-only sheet takes openpyxl cells carrying a copy of the ready style array. Either way
    no cell looks its font, border and alignment up in the workbook's style tables.
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
        self._as_values = getattr(ws, "takes_styled_values", False)
        # Registered with the workbook when first used, as openpyxl registers a cell's style
        # when it writes the cell: the workbook's style table lists only the styles in use.
        self._ids: dict[bool, int] = {}

    def _style_id(self, quoted: bool) -> int:
        style_id = self._ids.get(quoted)
        if style_id is None:
            style = self.quoted if quoted else self.plain
            style_id = self._ids[quoted] = self.ws.parent._cell_styles.add(style)
        return style_id

    def cell(self, value: Any) -> Cell | Styled:
        """A styled cell; text is always text (never a formula), cleaned of characters a
        spreadsheet file cannot hold."""
        if isinstance(value, str):
            value = clean_text(value)
            quoted = value.startswith(FORMULA_TRIGGERS)
            if self._as_values:
                return Styled(value, self._style_id(quoted), True)
            # row and column are set by the sheet; openpyxl needs them to exist meanwhile.
            cell = _StyledCell(
                self.ws, row=1, column=1, style_array=self.quoted if quoted else self.plain
            )
            cell._value = value
            cell.data_type = "s"
            return cell
        if self._as_values:
            return Styled(value, self._style_id(False), False)
        return _StyledCell(self.ws, row=1, column=1, value=value, style_array=self.plain)

    def bare(self, value: Any) -> Any:
        """A value for a bare write-only append, the fast path for unstyled cells; only text
        a spreadsheet would read as a formula or an error code becomes a (quoted) cell."""
        if isinstance(value, str):
            value = clean_text(value)
            if value.startswith(FORMULA_TRIGGERS) or value in ERROR_CODES:
                return self.cell(value)
        return value
