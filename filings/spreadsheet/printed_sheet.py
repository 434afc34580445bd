"""A sheet of a data workbook set up for print (the national workbook's sheets): one A4 page
wide, landscape where its columns are wider than a portrait page, its header row and gridlines
on every page, each row as tall as its wrapped text, the page header naming the workbook and
the sheet, the footer the page number and the export time."""

from datetime import datetime
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from certificates.sheet_xml import SizedRows
from certificates.xlsx import (
    ARIAL,
    REFERENCE_FONT,
    WRAP_CENTER,
    CellStyle,
    exported_text,
    landscape_for,
    prepare_for_print,
    write_only_sheet,
)

# A data workbook, not a form to stamp: its cells keep the Normal font (Arial 10; Chinese text
# falls back to the system's Chinese font), headings and totals in bold.
BOLD = Font(name=REFERENCE_FONT.name, size=REFERENCE_FONT.size, bold=True)
WRAP = Alignment(wrap_text=True)


class PageText:
    """What every printed page of the workbook says besides its sheet: the workbook's title
    (with the sheet's name) above, the export time in Beijing time below."""

    def __init__(self, title: str, exported: datetime) -> None:
        self.title = title
        self.footer = exported_text(exported)


class SheetWriter:
    """Appends rows to a write-only sheet set up for print.

    Every row gets the height of its longest cell, one line being the sheet's default height.
    A cell whose
    text is wider than its column is written wrapped; the others are bare values (the fast
    path, text never a formula). Both align at the bottom, the default, so that a row reads
    along one line. Headings wrap within their column.
    """

    def __init__(
        self, wb: Workbook, title: str, headers: list[str], widths: list[int], page: PageText
    ) -> None:
        self.ws = ws = write_only_sheet(wb, title)
        self.widths = widths
        for index, width in enumerate(widths, start=1):
            ws.column_dimensions[get_column_letter(index)].width = width
        ws.freeze_panes = "A2"
        prepare_for_print(
            ws,
            "1:1",
            landscape=landscape_for(widths),
            header=page.title,
            header_sheet_name=True,
            footer_right=page.footer,
        )
        ws.print_options.gridLines = True
        self.plain = CellStyle(ws)
        self.wrapped = CellStyle(ws, alignment=WRAP)
        self.heading = CellStyle(ws, font=BOLD, alignment=WRAP_CENTER)
        self.bold = CellStyle(ws, font=BOLD, alignment=WRAP)
        self.columns = len(headers)
        self.sure_fit = [ARIAL.sure_fit(w) for w in widths]
        self.lines = SizedRows(ws)
        # One line of Chinese text: the default height is for Latin text, and clips it.
        self.lines.default_height(ARIAL.height(1))
        self._write([self.heading.cell(h) for h in headers], self._lines(headers))

    def _lines(self, values: list[Any]) -> list[int]:
        # Most values are shorter than the characters that fit their column even if every one
        # is wide: those are one line without counting (half a million cells at 33,000 rows).
        return [
            ARIAL.lines(v, w) if type(v) is str and (len(v) > sure or "\n" in v) else 1
            for v, w, sure in zip(values, self.widths, self.sure_fit, strict=False)
        ]

    def _write(self, cells: list[Any], lines: list[int]) -> None:
        tallest = max(lines)
        self.lines.append(cells, ARIAL.height(tallest) if tallest > 1 else None)

    def append(self, values: list[Any], bold: bool = False) -> None:
        lines = self._lines(values)
        if bold:
            cells = [self.bold.cell(v) for v in values]
        elif max(lines) == 1:
            cells = [self.plain.bare(v) for v in values]
        else:
            plain, wrapped = self.plain, self.wrapped
            cells = [
                wrapped.cell(v) if n > 1 else plain.bare(v)
                for v, n in zip(values, lines, strict=False)
            ]
        self._write(cells, lines)

    @property
    def rows(self) -> int:
        return self.lines.count

    def finish(self, filter_rows: int | None = None) -> None:
        last = filter_rows if filter_rows is not None else self.rows
        if last >= 1:
            self.ws.auto_filter.ref = f"A1:{get_column_letter(self.columns)}{last}"
