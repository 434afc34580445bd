"""Walking the table's lines below its heading, the way a person reads them: lines that are
not schools skipped (`table_lines`), hidden lines left out unless a filter hid them, merged
cells read as they appear on screen, and a school's own cells (name, type, remarks) carried
down from the line above where a province typed them once. Each line left is handed to
`read_row`; how the table was read is said in the result's notes."""

from collections.abc import Callable, Iterator
from typing import Any

from openpyxl.utils import get_column_letter

from certificates.grid import MAX_LINES, Grid

from ..rules import normalize_name
from .headings import LEVEL_FLAGS, LEVELS, Header
from .import_result import ImportedRow, ImportResult, Issue
from .parsing import level_marked, text, written
from .table_lines import END, FOOTER, SKIPPED, line_kind, lines_text

MAX_DATA_ROWS = 10_000
TOO_MANY_ROWS = f"文件超过 {MAX_DATA_ROWS:,} 行数据，请拆分后分别核对。"
# The sheet itself is too long, whatever its rows (template lines numbered far down, say).
TOO_MANY_LINES = (
    f"工作表超过 {MAX_LINES:,} 行（含编号但未填写的空行），平台不再往下读取。"
    "请删除表格下方多余的行，另存后再上传。"
)
# Columns that describe the school, which a province merges over the school's rows.
SCHOOL_KEYS = ("school", "school_type", "remarks")

# The cells of a line by column key, the levels apart from the certificate -> the row read.
RowReader = Callable[[int, dict[str, Any], Any], ImportedRow]
# Where a value merged over several lines stands ((column, its origin)) -> the lines under it.
Merged = dict[tuple[int, tuple[int, int]], list[int]]


def read_rows(
    grid: Grid, header: Header, result: ImportResult, read_row: RowReader, *, max_rows: int
) -> list[int]:
    """Read every row of the table into `result`; return the footer lines."""
    if grid.truncated:
        result.issues.append(Issue(TOO_MANY_LINES))
        return []
    skipped: dict[str, list[int]] = {kind: [] for kind in SKIPPED}
    merged: Merged = {}
    previous: dict[str, Any] | None = None
    for line, cell in _school_lines(grid, header, result, skipped):
        if len(result.rows) >= max_rows:
            result.issues.append(Issue(TOO_MANY_ROWS))
            result.rows = []
            return []
        notes = _merged_cells(grid, header, line, cell, merged)
        assumed = _carry_down(cell, previous)
        previous = cell
        imported = read_row(line, cell, _levels_value(header, cell))
        if assumed:
            imported.issues.insert(0, _assumed_issue(assumed, line, result.columns["school"]))
        imported.issues[:0] = notes
        result.rows.append(imported)
    result.notes += _how_read(skipped, merged)
    return skipped[FOOTER]


def _school_lines(
    grid: Grid, header: Header, result: ImportResult, skipped: dict[str, list[int]]
) -> Iterator[tuple[int, dict[str, Any]]]:
    """The lines below the heading that may be schools' rows, each with its cells as shown,
    by column key. The lines skipped are kept in `skipped` by kind; where the table ends,
    a note says so."""
    for line in grid.lines():
        if line <= header.line:
            continue
        kind = line_kind(grid, line, header)
        if kind == END:
            result.notes.append(f"第{line}行起是“总体情况”或注释，不是试点院校，未读取。")
            return
        if kind is not None:
            skipped[kind].append(line)
            continue
        if line in grid.hidden_rows:
            skipped["filtered" if grid.filtered else "hidden"].append(line)
            if not grid.filtered:
                continue
        cell = {key: grid.shown(line, column) for key, column in header.columns.items()}
        if any(text(v) for key, v in cell.items() if key != "index"):
            yield line, cell
        # else: a numbered but empty line of a template


def _carry_down(cell: dict[str, Any], previous: dict[str, Any] | None) -> str | None:
    """Fill the school's cells left empty from the line above. Returns the school's name
    when the name itself was taken from above, which the row must say."""
    if previous is None:
        return None
    if not written(cell.get("school")):
        # An empty school cell that is not merged: a person would read it as the school
        # above, but it may as well be a name left out. Read so, and say so on the row.
        _fill(cell, previous, SCHOOL_KEYS)
        return written(previous.get("school"))
    if normalize_name(written(cell.get("school"))) == normalize_name(
        written(previous.get("school"))
    ):
        # The school's type and remarks typed on its first row only.
        _fill(cell, previous, ("school_type", "remarks"))
    return None


def _fill(cell: dict[str, Any], previous: dict[str, Any], keys: tuple[str, ...]) -> None:
    for key in keys:
        if not text(cell.get(key)):
            cell[key] = previous.get(key)


def _assumed_issue(school: str, line: int, column: str) -> Issue:
    return Issue(
        f"试点院校名称为空（单元格未合并），按上一行的“{school}”读取，请核实。",
        line,
        column,
        blocking=False,
        warning=True,
        code="school_assumed",
    )


def _how_read(skipped: dict[str, list[int]], merged: Merged) -> list[str]:
    """The notes on the lines skipped and the values merged over several lines."""
    notes = [
        SKIPPED[kind].format(lines=lines_text(lines)) for kind, lines in skipped.items() if lines
    ]
    for (column, origin), lines in merged.items():
        letter = get_column_letter(column)
        notes.append(
            f"{letter}{origin[0]}–{letter}{lines[-1]}是合并单元格，"
            f"第{lines_text([origin[0], *lines])}行都按其中的值读取。"
        )
    return notes


def _merged_cells(
    grid: Grid, header: Header, line: int, cell: dict[str, Any], merged: Merged
) -> list[Issue]:
    """A row's own values (certificate, majors, students) merged with the row above: each row
    reads the merged value, as it appears; but a student number merged over several rows
    cannot be split between them."""
    issues = []
    for key, column in header.columns.items():
        if key in SCHOOL_KEYS or key == "index":
            continue
        origin = grid.origin(line, column)
        if origin is None or not header.line < origin[0] < line:
            continue
        if key == "student_count":
            cell[key] = None
            issues.append(
                Issue(
                    f"与第{origin[0]}行合并成一个单元格：每所院校每个证书一行，"
                    f"学生规模须逐行分别填写。",
                    line,
                    header.letter(key),
                    code="merged_students",
                )
            )
        else:
            merged.setdefault((column, origin), []).append(line)
    return issues


def _levels_value(header: Header, cell: dict[str, Any]) -> Any:
    """The levels when the table has them apart from the certificate: a column of their own,
    or a column per level ticked; None when the certificate cell carries them."""
    if LEVELS in header.columns:
        return cell.get(LEVELS) or ""
    flags = [label for label, key in LEVEL_FLAGS.items() if key in header.columns]
    if flags:
        return "、".join(label for label in flags if level_marked(cell.get(LEVEL_FLAGS[label])))
    return None
