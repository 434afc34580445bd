"""A worksheet as a person sees it: its values, which rows and columns are hidden, and which
cells are merged.

openpyxl's read-only mode streams values but drops what a reader of the table sees beyond
them: hidden rows and columns, merged ranges and filters. Full mode has them but holds every
cell as an object. `read_grid` runs openpyxl's own sheet parser once, keeps the values of the
non-empty rows, and collects the rest as the parser meets it (the merged ranges come after
the cells in the file, so a sheet is read to its end before it is interpreted).

Both tables of the notice are read through it: a province's Attachment 2 (filings' importer)
and a batch's Attachment 1 (`certificates.attachment1_reading`).
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from openpyxl.utils.cell import column_index_from_string, range_boundaries
from openpyxl.worksheet._reader import WorkSheetParser

# Attachment 2 has eight columns, Attachment 1 nine, and real tables a few more; cells far to
# the right are notes or leftovers and are not read (this also bounds what a hostile file can
# make us hold).
MAX_COLUMNS = 60
# Non-empty lines kept; a sheet with more is reported as too long by the importer.
MAX_LINES = 30_000
# Merged cells expanded into the lookup of covered cells, at most.
MAX_COVERED_CELLS = 500_000


@dataclass
class Grid:
    title: str
    rows: dict[int, dict[int, Any]] = field(default_factory=dict)  # line -> column -> value
    hidden_rows: set[int] = field(default_factory=set)
    hidden_columns: set[int] = field(default_factory=set)
    # (first line, first column, last line, last column) of each merged range
    merges: list[tuple[int, int, int, int]] = field(default_factory=list)
    filtered: bool = False  # the sheet has an AutoFilter: hidden rows may be filtered out
    truncated: bool = False  # more than MAX_LINES non-empty lines
    _origin: dict[tuple[int, int], tuple[int, int]] | None = None

    def value(self, line: int, column: int) -> Any:
        return self.rows.get(line, {}).get(column)

    def lines(self) -> list[int]:
        return sorted(self.rows)

    def width(self, line: int) -> int:
        return max(self.rows.get(line, {}), default=0)

    def origin(self, line: int, column: int) -> tuple[int, int] | None:
        """The top-left cell of the merged range covering (line, column), unless that cell is
        itself the top-left one or not merged at all."""
        if self._origin is None:
            self._origin = {}
            bottom = max(self.rows, default=0)
            for first_line, first_col, last_line, last_col in self.merges:
                for covered_line in range(first_line, min(last_line, bottom) + 1):
                    for covered_col in range(first_col, min(last_col, MAX_COLUMNS) + 1):
                        if (covered_line, covered_col) != (first_line, first_col):
                            self._origin[(covered_line, covered_col)] = (first_line, first_col)
                    if len(self._origin) > MAX_COVERED_CELLS:
                        return self._origin.get((line, column))
        return self._origin.get((line, column))

    def shown(self, line: int, column: int) -> Any:
        """The value a reader sees in a cell: a merged cell shows its range's value."""
        origin = self.origin(line, column)
        return self.value(*origin) if origin else self.value(line, column)


def _is_hidden(attrs: dict[str, str]) -> bool:
    if attrs.get("hidden") in ("1", "true"):
        return True
    # A column or row squeezed to nothing is hidden to the eye as well.
    for size in ("width", "ht"):
        if size in attrs:
            try:
                if float(attrs[size]) == 0:
                    return True
            except ValueError:
                pass
    return False


PROGRESS_EVERY = 500  # lines between two reports to `progress`


def read_grid(ws, progress: Callable[[int], None] | None = None) -> Grid:
    """Read a read-only openpyxl worksheet (from `load_workbook(read_only=True,
    data_only=True)`) into a Grid. `progress` hears of the lines read, now and then."""
    workbook = ws.parent
    grid = Grid(title=ws.title)
    # The same parser, with the same arguments, as ReadOnlyWorksheet uses for its rows.
    with ws._get_source() as source:
        parser = WorkSheetParser(
            source,
            ws._shared_strings,
            data_only=True,
            epoch=workbook.epoch,
            date_formats=workbook._date_formats,
            timedelta_formats=workbook._timedelta_formats,
        )
        for count, (line, cells) in enumerate(parser.parse(), 1):
            if progress is not None and count % PROGRESS_EVERY == 0:
                progress(count)
            values = {
                cell["column"]: cell["value"]
                for cell in cells
                if cell["value"] is not None
                and cell["value"] != ""
                and cell["column"] <= MAX_COLUMNS
            }
            if not values:
                continue
            if len(grid.rows) >= MAX_LINES:
                grid.truncated = True
                continue
            grid.rows[line] = values
    for line, attrs in parser.row_dimensions.items():
        if _is_hidden(attrs):
            grid.hidden_rows.add(int(line))
    for attrs in parser.column_dimensions.values():
        if _is_hidden(attrs):
            first = int(attrs.get("min", 0) or column_index_from_string(attrs["index"]))
            last = int(attrs.get("max", first))
            grid.hidden_columns.update(range(first, min(last, MAX_COLUMNS) + 1))
    if parser.merged_cells is not None:
        for merged in parser.merged_cells.mergeCell:
            try:
                first_col, first_line, last_col, last_line = range_boundaries(merged.ref)
            except (TypeError, ValueError):
                continue  # a malformed range: the cells read as they are
            if first_col <= MAX_COLUMNS:
                grid.merges.append((first_line, first_col, last_line, last_col))
    auto_filter = getattr(parser, "auto_filter", None)
    grid.filtered = bool(auto_filter is not None and auto_filter.ref)
    return grid
