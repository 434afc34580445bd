"""A write-only sheet whose rows are written as XML text, not through openpyxl's cell writer.

openpyxl's write-only sheet builds every cell as an lxml element, with a `with` block per
cell and per inline string: at 33,000 rows of 17 cells that was most of the national
workbook's time, and a styled cell cost more again (issue #9: the print-ready exports missed
their time goals by that much). Here a row is one string, put together from the values and
the style ids that certificates.xlsx.CellStyle worked out once. Everything around the rows
(sheet properties, columns, merged cells, print setup, page header and footer) is still
openpyxl's own, serialised element by element, and tests/test_xlsx.py holds the whole part
byte for byte to what openpyxl's own write-only sheet writes for the same rows.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, NamedTuple

from openpyxl.cell._writer import etree_write_cell
from openpyxl.cell.cell import ERROR_CODES, WriteOnlyCell
from openpyxl.compat import safe_string
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet
from openpyxl.worksheet._writer import WorksheetWriter
from openpyxl.worksheet.dimensions import RowDimension
from openpyxl.worksheet.worksheet import Worksheet
from openpyxl.xml.constants import SHEET_MAIN_NS
from openpyxl.xml.functions import tostring

# The longest text a cell holds (openpyxl cuts there too).
MAX_TEXT = 32767
COLUMNS = [get_column_letter(i) for i in range(1, 16385)]


class Styled(NamedTuple):
    """A value with the id of its registered style (certificates.xlsx.CellStyle.cell): what a
    styled cell is to a sheet from write_only_sheet. `text` marks a string to be stored as
    text whatever it starts with."""

    value: Any
    style_id: int
    text: bool


def _openpyxl_reads_specially(text: str) -> bool:
    """A formula or an error code to openpyxl (never text a person typed: CellStyle quotes
    that)."""
    return (len(text) > 1 and text[0] == "=") or text in ERROR_CODES


def _escape(text: str) -> str:
    # As lxml escapes element text: &, <, > and the carriage return.
    if "&" in text:
        text = text.replace("&", "&amp;")
    if "<" in text:
        text = text.replace("<", "&lt;")
    if ">" in text:
        text = text.replace(">", "&gt;")
    if "\r" in text:
        text = text.replace("\r", "&#13;")
    return text


def _text_cell(ref: str, style: str, text: str) -> str:
    if not text:
        return f'<c r="{ref}"{style} t="inlineStr"/>'
    if len(text) > MAX_TEXT:
        text = text[:MAX_TEXT]
    space = ' xml:space="preserve"' if text != text.strip() else ""
    return f'<c r="{ref}"{style} t="inlineStr"><is><t{space}>{_escape(text)}</t></is></c>'


class _Collector:
    """What openpyxl's cell writer writes into, for the rare value this module leaves to it."""

    def __init__(self) -> None:
        self.parts: list[bytes] = []

    def write(self, element) -> None:
        self.parts.append(tostring(element))


class _Stream:
    """The little of lxml's incremental writer that openpyxl's sheet writer uses (write an
    element, open an element), writing to a file that rows are also written to as text."""

    def __init__(self, fh) -> None:
        self.fh = fh

    def write(self, element) -> None:
        self.fh.write(tostring(element))

    @contextmanager
    def element(self, tag: str, attrib: dict | None = None) -> Iterator["_Stream"]:
        attributes = "".join(f' {k}="{v}"' for k, v in (attrib or {}).items())
        self.fh.write(f"<{tag}{attributes}>".encode())
        yield self
        self.fh.write(f"</{tag}>".encode())


class RowTextWriter(WorksheetWriter):
    """openpyxl's worksheet writer with the rows written as text."""

    def get_stream(self):
        with open(self.out, "wb") as fh:
            fh.write(f'<worksheet xmlns="{SHEET_MAIN_NS}">'.encode())
            stream = _Stream(fh)
            self.fh = fh
            try:
                while True:
                    element = yield
                    if element is True:
                        yield stream
                    elif element is not None:
                        stream.write(element)
            except GeneratorExit:
                pass
            fh.write(b"</worksheet>")

    def write_row(self, xf, row, row_idx: int) -> None:
        self.fh.write(self.row_text(row, row_idx).encode())

    def row_text(self, values, row_idx: int) -> str:
        r = str(row_idx)
        dimension = self.ws.row_dimensions.get(row_idx)
        if dimension is None:
            parts = [f'<row r="{r}">']
        else:
            attributes = getattr(dimension, "xml_attributes", None)
            if attributes is None:
                attributes = "".join(f' {k}="{v}"' for k, v in dimension)
            parts = [f'<row r="{r}"{attributes}>']
        append = parts.append
        for column, value in enumerate(values):
            if value is None:
                continue
            kind = type(value)
            if kind is str:
                if _openpyxl_reads_specially(value):
                    append(self._openpyxl_cell(value, column, row_idx))
                else:
                    append(_text_cell(COLUMNS[column] + r, "", value))
            elif kind is int or kind is float:
                append(f'<c r="{COLUMNS[column]}{r}" t="n"><v>{safe_string(value)}</v></c>')
            elif kind is Styled:
                append(self._styled(value, COLUMNS[column] + r, column, row_idx))
            else:
                append(self._openpyxl_cell(value, column, row_idx))
        append("</row>")
        return "".join(parts)

    def _styled(self, cell: Styled, ref: str, column: int, row_idx: int) -> str:
        value, style_id = cell.value, cell.style_id
        style = f' s="{style_id}"' if style_id else ""
        kind = type(value)
        if kind is str and (cell.text or not _openpyxl_reads_specially(value)):
            return _text_cell(ref, style, value)
        if value is None:
            return f'<c r="{ref}"{style} t="n"/>' if style_id else ""
        if kind is int or kind is float:
            return f'<c r="{ref}"{style} t="n"><v>{safe_string(value)}</v></c>'
        return self._openpyxl_cell(value, column, row_idx, self.ws.parent._cell_styles[style_id])

    def _openpyxl_cell(self, value: Any, column: int, row_idx: int, style=None) -> str:
        """A value of a kind written here seldom (a date, a formula, an error code, a bool):
        openpyxl's own cell writer, so that it comes out exactly as openpyxl writes it."""
        cell = WriteOnlyCell(self.ws, value)
        if style is not None:
            cell._style = style.__copy__()
            cell.value = value  # a date takes its number format again
        cell.column, cell.row = column + 1, row_idx
        if cell._value is None and not cell.has_style:
            return ""
        out = _Collector()
        etree_write_cell(out, self.ws, cell, cell.has_style)
        return b"".join(out.parts).decode()


class RowTextSheet(WriteOnlyWorksheet):
    """A write-only sheet whose appended rows are lists of values and Styled cells."""

    # CellStyle.cell hands such a sheet Styled values instead of openpyxl cells.
    takes_styled_values = True

    def _get_writer(self):
        if self._writer is None:
            self._writer = RowTextWriter(self)
            self._writer.write_top()

    def _values_to_row(self, values, row_idx):
        return values


class _RowHeight(RowDimension):
    """A row's height, shared by every row of that height. The sheet's writer reads a row's
    attributes by iterating its dimension: worked out once here, not once per row."""

    def __init__(self, ws: Worksheet, height: float) -> None:
        super().__init__(ws, ht=height)
        self._attributes = tuple(super().__iter__())
        # What certificates.sheet_xml writes into the row's tag.
        self.xml_attributes = "".join(f' {k}="{v}"' for k, v in self._attributes)

    def __iter__(self):
        return iter(self._attributes)


class SizedRows:
    """Appends rows to a write-only sheet, each with its height.

    A write-only sheet writes a row's height from ws.row_dimensions when the row is appended,
    and never goes back to it. The rows of one height share one dimension (creating one per
    row cost 14 µs, a tenth of the national workbook's time), dropped once the row is written
    so that memory stays flat.
    """

    def __init__(self, ws: Worksheet) -> None:
        self.ws = ws
        self.count = 0
        self._heights: dict[float, _RowHeight] = {}

    def append(self, cells: list[Any], height: float | None) -> None:
        """Append a row of `height` points (None: the sheet's default height)."""
        self.count += 1
        if height is None:
            self.ws.append(cells)
            return
        dimension = self._heights.get(height)
        if dimension is None:
            dimension = self._heights[height] = _RowHeight(self.ws, height)
        self.ws.row_dimensions[self.count] = dimension
        self.ws.append(cells)
        del self.ws.row_dimensions[self.count]

    def default_height(self, height: float) -> None:
        """The height of every row appended without one (Excel and LibreOffice both honour a
        sheet's default height marked custom)."""
        self.ws.sheet_format.defaultRowHeight = height
        self.ws.sheet_format.customHeight = True
