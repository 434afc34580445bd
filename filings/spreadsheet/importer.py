"""Reading an Attachment 2 workbook into rows, with every problem placed on its cell.

Nothing is written here: `read_attachment2` returns what the file says, what is wrong with
it and how it was read; `services.filing_import` writes it after the user has seen the
preview. The table is read the way a person reads it: the heading by meaning (`headings`),
merged and hidden cells as they appear on screen (`grid`), and the lines that are not pilot
schools (totals, signatures, 总体情况, notes) skipped, each with a note in the preview.

This module finds the sheet and its heading and puts the parts together: the lines walked
(`table_rows`), each line's cells read (`row_cells`), the lines around the table read into
the header (`header_lines`), the evidence sheet (`evidence`) and the rules over the rows
(`row_rules`). What it returns is described in `import_result`.
"""

import logging
from collections.abc import Callable
from io import BytesIO
from typing import Any

from openpyxl import load_workbook

from certificates.grid import Grid, read_grid
from certificates.models import Batch
from certificates.upload_guard import CORRUPT, RefusedFile, check_workbook_bytes

from ..models import School, SubmittingUnit
from ..rules import enrolment_years, normalize_name
from . import layout
from .evidence import apply_evidence, read_evidence
from .header_lines import check_batch, check_unit, checked_contact_fields, read_header_lines
from .headings import Header, describe_headings_found, find_header
from .import_result import ImportedRow, ImportResult, Issue, ReadingContext
from .parsing import CertificateIndex
from .row_cells import read_row
from .row_rules import EVIDENCE_NOT_IN_TABLE, check_rows
from .table_rows import MAX_DATA_ROWS, TOO_MANY_LINES, TOO_MANY_ROWS, read_rows

__all__ = [
    "EVIDENCE_NOT_IN_TABLE",
    "MAX_DATA_ROWS",
    "NO_HEADER",
    "NO_ROWS",
    "TOO_MANY_LINES",
    "TOO_MANY_ROWS",
    "ImportResult",
    "ImportedRow",
    "Issue",
    "ReadingContext",
    "read_attachment2",
]

logger = logging.getLogger(__name__)

NO_HEADER = (
    "没有找到附件2的表头：请确认前 30 行中有“试点院校名称”“学校类型”“参与试点证书及等级”"
    "等栏目名称。"
)
NO_ROWS = "表中没有任何试点院校行。"


def read_attachment2(
    data: bytes,
    *,
    batch: Batch | None = None,
    unit: SubmittingUnit | None = None,
    context: ReadingContext | None = None,
    progress: Callable[[int], None] | None = None,
) -> ImportResult:
    """Parse a workbook. Raises RefusedFile for a file that cannot be read at all, or that is
    another unit's table (`unit`: the unit importing it; None checks no unit). Give either
    `batch` (and `unit`), or the `context` read before; `progress` hears of the lines read."""
    if context is None:
        if batch is None:
            raise TypeError("read_attachment2 needs a batch or a context")
        context = ReadingContext.load(batch=batch, unit=unit)
    check_workbook_bytes(data)
    try:
        workbook = load_workbook(BytesIO(data), read_only=True, data_only=True)
    except MemoryError:
        raise
    except Exception:  # openpyxl raises many kinds of errors on a broken file
        raise RefusedFile(CORRUPT) from None
    try:
        return _read(workbook, context, progress)
    except (RefusedFile, MemoryError):
        raise
    except Exception:
        # openpyxl reads a read-only sheet lazily: a damaged part surfaces only here, as
        # whatever its XML or zip layer raises. Logged, so that a bug of ours stays visible.
        logger.warning("Could not read an uploaded workbook", exc_info=True)
        raise RefusedFile(CORRUPT) from None
    finally:
        workbook.close()


def _select_sheet(workbook, progress=None) -> tuple[Grid | None, Header | None]:
    """The sheet with the table: 附件2 first, visible sheets before hidden ones, never the
    portal's evidence sheet. Without a heading anywhere, the first sheet and None."""
    sheets = [ws for ws in workbook.worksheets if ws.title != layout.EVIDENCE_SHEET_TITLE]
    sheets.sort(key=lambda ws: (ws.sheet_state != "visible", ws.title != layout.SHEET_TITLE))
    first = None
    for ws in sheets:
        grid = read_grid(ws, progress)
        first = first or grid
        header = find_header(grid)
        if header is not None:
            return grid, header
    return first, None


def _read(workbook, context: ReadingContext, progress=None) -> ImportResult:
    grid, header = _select_sheet(workbook, progress)
    result = ImportResult()
    if grid is None or header is None:
        found = describe_headings_found(grid) if grid is not None else ""
        result.issues.append(Issue(f"{NO_HEADER}{found}" if found else NO_HEADER))
        return result
    _read_heading(workbook, grid, header, result)
    check_batch(
        (_line_values(grid, line) for line in grid.lines() if line < header.first_line),
        context.batch,
    )
    footer = _read_table(grid, header, result, context)
    # Some provinces put 联系人 and 电话 under the table.
    read_header_lines((_line_values(grid, line) for line in footer), result.header)
    warning = check_unit(result.header, context.unit, context.unit_names)
    if warning:
        result.issues.append(Issue(warning, blocking=False, warning=True, code="unit"))
    for message in checked_contact_fields(result.header):
        result.issues.append(Issue(message, blocking=False, warning=True, code="header"))
    if not result.rows:
        return result
    evidence = read_evidence(workbook, normalize_name)
    years = enrolment_years(context.batch)
    result.evidence_rows = len(evidence)
    for imported in result.rows:
        apply_evidence(imported, evidence, years)
    check_rows(result, context.batch)
    return result


def _read_heading(workbook, grid: Grid, header: Header, result: ImportResult) -> None:
    """The sheet and its columns, how they were read, and the header lines above the table."""
    result.sheet = grid.title
    result.columns = {key: header.letter(key) for key in header.columns}
    others = [
        ws.title
        for ws in workbook.worksheets
        if ws.title not in (grid.title, layout.EVIDENCE_SHEET_TITLE)
    ]
    if others:
        result.notes.append(f"只读取了“{grid.title}”表；未读取的工作表：{'、'.join(others)}。")
    result.notes.extend(header.notes)
    read_header_lines(
        (_line_values(grid, line) for line in grid.lines() if line < header.first_line),
        result.header,
    )


def _read_table(
    grid: Grid, header: Header, result: ImportResult, context: ReadingContext
) -> list[int]:
    """The table's rows into `result`; returns the lines of its foot."""
    certificates = CertificateIndex(context.certificates, context.batch.ordinal)
    schools: dict[str, School] = {}

    def read_line(line: int, cell: dict[str, Any], levels: Any) -> ImportedRow:
        return read_row(line, cell, result.columns, certificates, schools, levels)

    # MAX_DATA_ROWS as this module holds it when called (tests lower it).
    footer = read_rows(grid, header, result, read_line, max_rows=MAX_DATA_ROWS)
    if not result.rows and not result.issues:
        result.issues.append(Issue(NO_ROWS))
    return footer


def _line_values(grid: Grid, line: int) -> list[Any]:
    cells = grid.rows.get(line, {})
    return [cells.get(column) for column in range(1, max(cells, default=0) + 1)]
