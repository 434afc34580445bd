"""The import's preview, prepared by the reading process so that showing it costs little.

The full ImportResult of a large file is slow to load (ten thousand rows, each with its
unsaved PilotRow and School, took a server thread 0.8 s to unpickle and 1.3 s to show, and
held its worker's other threads meanwhile: issue #10). The reading process, which has the
result in hand and runs below the server's priority, writes what the preview shows: the
figures and notes above the table (`Preview`) and the table a page of rows at a time
(`PreviewLine`s). Only a confirmation loads the full result.
"""

from dataclasses import dataclass, field

from . import layout
from .import_result import ImportedRow, ImportResult, Issue

# A page of the preview stays quick to build and to read whatever the file's size: its rows
# a page at a time, and the list of problems above them cut short (each row shows its own).
ROWS_PER_PAGE = 200
LISTED_ISSUES = 200
COLUMNS = [c for c in layout.COLUMNS if c.key != "index"]


@dataclass
class PreviewCell:
    value: str
    mark: str  # "cell-error", "cell-warning" or ""


@dataclass
class PreviewLine:
    """One row of the preview: each cell as the file has it, marked with its problems."""

    line: int
    cells: list[PreviewCell]
    blocking: bool
    shown_issues: list[Issue]
    needs_evidence: bool


@dataclass
class Preview:
    """What the preview says above its table, and what it takes to show a page of it."""

    sheet: str
    header: dict[str, str]
    notes: list[str]
    columns: list[tuple[str, str]]  # each column's heading and the file's letters under it
    row_count: int
    school_count: int
    student_count: int
    evidence_rows: int
    rows_needing_evidence: int
    blocking: bool
    issue_count: int  # problems shown (evidence to complete is summed up apart)
    listed_issues: list[Issue] = field(default_factory=list)
    # Why the file cannot be previewed at all (no table, no rows, too many), or "".
    refusal: str = ""

    @property
    def issues_left_out(self) -> int:
        return max(self.issue_count - len(self.listed_issues), 0)

    @property
    def pages(self) -> int:
        return max((self.row_count + ROWS_PER_PAGE - 1) // ROWS_PER_PAGE, 1)


def build_preview(result: ImportResult) -> tuple[Preview, list[list[PreviewLine]]]:
    """The preview's figures and its pages of rows."""
    shown = result.shown_issues
    refusal = ""
    if result.issues and not result.rows:
        refusal = "；".join(i.message for i in result.issues if i.blocking)
    preview = Preview(
        sheet=result.sheet,
        header=result.header,
        notes=result.notes,
        columns=[(c.header, "、".join(sorted(_letters(result, c.key)))) for c in COLUMNS],
        row_count=len(result.rows),
        school_count=result.school_count,
        student_count=result.student_count,
        evidence_rows=result.evidence_rows,
        rows_needing_evidence=result.rows_needing_evidence,
        blocking=result.blocking,
        issue_count=len(shown),
        listed_issues=shown[:LISTED_ISSUES],
        refusal=refusal,
    )
    letters = {c.key: _letters(result, c.key) for c in COLUMNS}
    lines = [_line(row, letters) for row in result.rows]
    pages = [lines[i : i + ROWS_PER_PAGE] for i in range(0, len(lines), ROWS_PER_PAGE)]
    return preview, pages


def _letters(result: ImportResult, key: str) -> set[str]:
    """The file's columns shown under one column of the preview: the certificate's with its
    levels when the file has them in columns of their own."""
    keys = {key}
    if key == "certificate":
        keys |= {k for k in result.columns if k == "levels" or k.startswith("level:")}
    return {result.columns[k] for k in keys if result.columns.get(k)}


def _line(imported: ImportedRow, letters: dict[str, set[str]]) -> PreviewLine:
    shown = imported.shown_issues
    cells = []
    for column in COLUMNS:
        issues = [i for i in shown if i.column in letters[column.key]]
        mark = ""
        if any(i.blocking for i in issues):
            mark = "cell-error"
        elif issues:
            mark = "cell-warning"
        cells.append(PreviewCell(imported.cells.get(column.key, ""), mark))
    return PreviewLine(
        line=imported.line,
        cells=cells,
        blocking=imported.blocking,
        shown_issues=shown,
        needs_evidence=imported.needs_evidence,
    )
