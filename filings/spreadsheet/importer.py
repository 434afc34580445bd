"""Reading an Attachment 2 workbook into rows, with every problem placed on its cell.

Nothing is written here: `read_attachment2` returns what the file says, what is wrong with
it and how it was read; `services.filing_import` writes it after the user has seen the
preview. The table is read the way a person reads it: the heading by meaning (`headings`),
merged and hidden cells as they appear on screen (`grid`), and the lines that are not pilot
schools (totals, signatures, 总体情况, notes) skipped, each with a note in the preview.
"""

import logging
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from io import BytesIO
from typing import Any

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from certificates.models import Batch, Certificate

from ..models import PilotRow, School, SubmittingUnit
from ..rules import (
    COUNT_LABELS,
    Problem,
    RowLike,
    check_row,
    duplicate_and_conflict_problems,
    enrolment_years,
    has_invisible,
    normalize_name,
    school_problems,
)
from ..unit_names import known_unit_names
from . import layout
from .evidence import apply_evidence, read_evidence
from .grid import MAX_LINES, Grid, read_grid
from .guard import CORRUPT, RefusedFile, check_workbook_bytes
from .header_lines import check_unit, checked_contact_fields, read_header_lines
from .headings import LEVEL_FLAGS, LEVELS, Header, describe_headings_found, find_header
from .parsing import (
    CertificateIndex,
    ParseError,
    compact,
    level_marked,
    parse_certificate,
    parse_count,
    parse_remarks,
    parse_school_type,
    raw_text,
    split_majors,
    text,
    written,
)

logger = logging.getLogger(__name__)

MAX_DATA_ROWS = 10_000
TOO_MANY_ROWS = f"文件超过 {MAX_DATA_ROWS:,} 行数据，请拆分后分别核对。"
# The sheet itself is too long, whatever its rows (template lines numbered far down, say).
TOO_MANY_LINES = (
    f"工作表超过 {MAX_LINES:,} 行（含编号但未填写的空行），平台不再往下读取。"
    "请删除表格下方多余的行，另存后再上传。"
)
NO_HEADER = (
    "没有找到附件2的表头：请确认前 30 行中有“试点院校名称”“学校类型”“参与试点证书及等级”"
    "等栏目名称。"
)
NO_ROWS = "表中没有任何试点院校行。"
EVIDENCE_NOT_IN_TABLE = "附件2无此栏，导入后请在平台补充"
NOT_IN_FILE = "文件中没有“{header}”栏"
# Where a rule's field lives in Attachment 2; fields not listed are evidence.
FIELD_COLUMNS = {
    "name": "school",
    "school_type": "school_type",
    "certificate": "certificate",
    "levels": "certificate",
    "major_count": "major_count",
    "majors": "majors",
    "student_count": "student_count",
    "remarks": "remarks",
}
# Columns that describe the school, which a province merges over the school's rows.
SCHOOL_KEYS = ("school", "school_type", "remarks")


@dataclass
class Issue:
    """A problem at a place in the file."""

    message: str
    line: int | None = None  # the spreadsheet's row number
    column: str = ""  # a column letter, or a description where the table has no column
    sheet: str = ""
    blocking: bool = True  # blocks the import (not only the submission)
    missing_evidence: bool = False
    warning: bool = False
    code: str = ""
    field: str = ""  # the rule's field (rules.Problem.field), or the column key parsed

    @property
    def is_evidence_note(self) -> bool:
        """Something Attachment 2 has no column for: to complete on the filing page."""
        return self.missing_evidence or self.code == "unattested"

    def place(self) -> str:
        parts = []
        if self.sheet:
            parts.append(f"“{self.sheet}”表")
        if self.line is not None:
            parts.append(f"第{self.line}行")
        if self.column:
            parts.append(
                f"{self.column}列"
                if re.fullmatch(r"[A-Z]{1,3}", self.column)
                else f"（{self.column}）"
            )
        return " ".join(parts)

    def __str__(self) -> str:
        place = self.place()
        return f"{place}：{self.message}" if place else self.message


@dataclass
class ImportedRow:
    line: int
    cells: dict[str, str]  # what the file says, by column key, for the preview
    school: School
    row: PilotRow | None  # None when the row cannot be stored
    issues: list[Issue] = field(default_factory=list)
    has_evidence: bool = False
    school_type: str = ""  # this row's own type, which may conflict with the school's first row

    @property
    def blocking(self) -> bool:
        return any(i.blocking for i in self.issues)

    @property
    def needs_evidence(self) -> bool:
        return any(i.is_evidence_note for i in self.issues)

    @property
    def shown_issues(self) -> list[Issue]:
        """The row's problems other than evidence to complete, which the preview sums up."""
        return [i for i in self.issues if not i.is_evidence_note]

    columns: dict[str, str] = field(default_factory=dict)  # column key -> letter


@dataclass
class ImportResult:
    header: dict[str, str] = field(default_factory=dict)
    rows: list[ImportedRow] = field(default_factory=list)
    issues: list[Issue] = field(default_factory=list)  # about the file as a whole
    sheet: str = ""
    columns: dict[str, str] = field(default_factory=dict)
    evidence_rows: int = 0
    # How the file was read: what was assumed, skipped or recognised by meaning. Shown
    # before the rows, so that "可以导入" never hides data read wrongly.
    notes: list[str] = field(default_factory=list)

    @property
    def all_issues(self) -> list[Issue]:
        return [*self.issues, *(i for r in self.rows for i in r.issues)]

    @property
    def blocking(self) -> bool:
        return any(i.blocking for i in self.all_issues)

    @property
    def shown_issues(self) -> list[Issue]:
        return [i for i in self.all_issues if not i.is_evidence_note]

    @property
    def rows_needing_evidence(self) -> int:
        return sum(1 for r in self.rows if r.needs_evidence)

    @property
    def error_count(self) -> int:
        return sum(1 for i in self.all_issues if not i.warning)

    @property
    def school_count(self) -> int:
        return len({r.school.name_key for r in self.rows})

    @property
    def student_count(self) -> int:
        return sum(
            (r.row.student_count or 0)
            for r in self.rows
            if r.row and (r.row.student_count or 0) > 0
        )


@dataclass
class ReadingContext:
    """What reading a table needs from the database, read before the file is: the reading
    process (`reading_worker`) is given this and never opens a database connection."""

    batch: Batch
    unit: SubmittingUnit | None  # the unit importing the table; None checks no unit
    certificates: list[Certificate]
    unit_names: list[str]

    @classmethod
    def load(cls, *, batch: Batch, unit: SubmittingUnit | None) -> "ReadingContext":
        return cls(
            batch=batch,
            unit=unit,
            certificates=list(Certificate.objects.filter(batch=batch)),
            unit_names=known_unit_names(),
        )


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
    batch, unit = context.batch, context.unit
    grid, header = _select_sheet(workbook, progress)
    result = ImportResult()
    if grid is None or header is None:
        found = describe_headings_found(grid) if grid is not None else ""
        result.issues.append(Issue(f"{NO_HEADER}{found}" if found else NO_HEADER))
        return result
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

    certificates = CertificateIndex(context.certificates)
    schools: dict[str, School] = {}

    def read_row(line: int, cell: dict[str, Any], levels: Any) -> ImportedRow:
        return _read_row(line, cell, result.columns, certificates, schools, levels)

    footer = _read_rows(grid, header, result, read_row)
    if not result.rows and not result.issues:
        result.issues.append(Issue(NO_ROWS))
    # Some provinces put 联系人 and 电话 under the table.
    read_header_lines((_line_values(grid, line) for line in footer), result.header)
    warning = check_unit(result.header, unit, context.unit_names)
    if warning:
        result.issues.append(Issue(warning, blocking=False, warning=True, code="unit"))
    for message in checked_contact_fields(result.header):
        result.issues.append(Issue(message, blocking=False, warning=True, code="header"))
    if not result.rows:
        return result

    evidence = read_evidence(workbook, normalize_name)
    years = enrolment_years(batch)
    result.evidence_rows = len(evidence)
    for imported in result.rows:
        apply_evidence(imported, evidence, years)
    _check(result, batch)
    return result


def _line_values(grid: Grid, line: int) -> list[Any]:
    cells = grid.rows.get(line, {})
    return [cells.get(column) for column in range(1, max(cells, default=0) + 1)]


# --- lines that are not pilot schools -----------------------------------------------------

END, TOTAL, FOOTER = "end", "total", "footer"
END_MARKS = ("试点学生总规模", "试点院校总规模", "试点院校数量")
TOTAL_LINE = re.compile(r"(合计|总计|小计|共计|累计|汇总|全省合计|全区合计|全市合计|共\d+所)")
FOOTER_LINE = re.compile(
    r"(填表人|填报人|制表人|审核人|审核|审批人|复核人|负责人|单位负责人|分管领导|主管领导|经办人"
    r"|联系人|联系电话|电话|手机|邮箱|电子邮箱|填表日期|填报日期|报送日期|制表日期|日期|时间"
    r"|单位盖章|盖章|\(盖章\)|签字|签名|签章|报送单位)"
)
DATE_TEXT = re.compile(r"\d{4}(年\d{1,2}月(\d{1,2}日)?|[-./]\d{1,2}[-./]\d{1,2})")


def _line_kind(grid: Grid, line: int, header: Header) -> str | None:
    """END for the 总体情况 block or the notes (the table is over), TOTAL for a 合计 line,
    FOOTER for 填表人/审核人/日期/盖章 lines, None for a line that may be a school's row."""
    values = [v for _, v in sorted(grid.rows.get(line, {}).items())]
    texts = [t for t in (compact(v) for v in values) if t]
    first = texts[0] if texts else ""
    if (
        first.startswith(layout.SUMMARY_HEADING)
        or any(mark in t for t in texts for mark in END_MARKS)
        or re.match(r"注(:|\d|$)", first)
    ):
        return END
    labels = [
        compact(grid.shown(line, header.columns[key]))
        for key in ("index", "school", "school_type", "certificate")
        if key in header.columns
    ]
    if any(TOTAL_LINE.match(t) for t in (first, *labels) if t):
        return TOTAL
    if FOOTER_LINE.match(first) or all(
        isinstance(v, date | datetime) or DATE_TEXT.fullmatch(compact(v)) for v in values
    ):
        return FOOTER
    return None


def _lines_text(lines: list[int]) -> str:
    """[5, 6, 7, 10] → '5–7、10'."""
    runs: list[list[int]] = []
    for line in lines:
        if runs and line == runs[-1][-1] + 1:
            runs[-1].append(line)
        else:
            runs.append([line])
    parts = [f"{r[0]}–{r[-1]}" if len(r) > 1 else str(r[0]) for r in runs[:20]]
    more = f"等（共{len(lines)}行）" if len(runs) > 20 else ""
    return "、".join(parts) + more


SKIPPED = {
    TOTAL: "第{lines}行是合计行，未作为试点院校读取。",
    FOOTER: "第{lines}行是表尾的填表人、日期、盖章等信息，未作为试点院校读取。",
    "hidden": "第{lines}行在表中是隐藏的，未导入；如需导入，请在 Excel 中取消隐藏后重新上传。",
    "filtered": "表格设置了筛选，第{lines}行被筛选隐藏，已一并读取。",
}


# --- the rows -------------------------------------------------------------------------------


def _read_rows(
    grid: Grid,
    header: Header,
    result: ImportResult,
    read_row: Callable[[int, dict[str, Any], Any], "ImportedRow"],
) -> list[int]:
    """Read every row of the table into `result`; return the footer lines."""
    skipped: dict[str, list[int]] = {kind: [] for kind in SKIPPED}
    merged: dict[tuple[int, tuple[int, int]], list[int]] = {}
    previous: dict[str, Any] | None = None
    if grid.truncated:
        result.issues.append(Issue(TOO_MANY_LINES))
        return []
    for line in grid.lines():
        if line <= header.line:
            continue
        kind = _line_kind(grid, line, header)
        if kind == END:
            result.notes.append(f"第{line}行起是“总体情况”或注释，不是试点院校，未读取。")
            break
        if kind is not None:
            skipped[kind].append(line)
            continue
        if line in grid.hidden_rows:
            skipped["filtered" if grid.filtered else "hidden"].append(line)
            if not grid.filtered:
                continue
        cell = {key: grid.shown(line, column) for key, column in header.columns.items()}
        if not any(text(v) for key, v in cell.items() if key != "index"):
            continue  # a numbered but empty line of a template
        if len(result.rows) >= MAX_DATA_ROWS:
            result.issues.append(Issue(TOO_MANY_ROWS))
            result.rows = []
            return []
        notes = _merged_cells(grid, header, line, cell, merged)
        assumed = None
        if not written(cell.get("school")) and previous is not None:
            # An empty school cell that is not merged: a person would read it as the school
            # above, but it may as well be a name left out. Read so, and say so on the row.
            assumed = written(previous.get("school"))
            for key in SCHOOL_KEYS:
                if not text(cell.get(key)):
                    cell[key] = previous.get(key)
        elif previous is not None and normalize_name(written(cell.get("school"))) == (
            normalize_name(written(previous.get("school")))
        ):
            # The school's type and remarks typed on its first row only.
            for key in ("school_type", "remarks"):
                if not text(cell.get(key)):
                    cell[key] = previous.get(key)
        previous = cell
        imported = read_row(line, cell, _levels_value(header, cell))
        if assumed:
            imported.issues.insert(
                0,
                Issue(
                    f"试点院校名称为空（单元格未合并），按上一行的“{assumed}”读取，请核实。",
                    line,
                    result.columns["school"],
                    blocking=False,
                    warning=True,
                    code="school_assumed",
                ),
            )
        imported.issues[:0] = notes
        result.rows.append(imported)
    for kind, lines in skipped.items():
        if lines:
            result.notes.append(SKIPPED[kind].format(lines=_lines_text(lines)))
    for (column, origin), lines in merged.items():
        letter = get_column_letter(column)
        result.notes.append(
            f"{letter}{origin[0]}–{letter}{lines[-1]}是合并单元格，"
            f"第{_lines_text([origin[0], *lines])}行都按其中的值读取。"
        )
    return skipped[FOOTER]


def _merged_cells(
    grid: Grid,
    header: Header,
    line: int,
    cell: dict[str, Any],
    merged: dict[tuple[int, tuple[int, int]], list[int]],
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


def _read_row(
    line: int,
    cell: dict[str, Any],
    columns: dict[str, str],
    certificates: CertificateIndex,
    schools: dict[str, School],
    levels_value: Any,
) -> ImportedRow:
    issues: list[Issue] = []

    def fail(key: str, error: ParseError | str) -> None:
        where = getattr(error, "field", "") or key
        column = columns.get(where) or columns.get(key, "")
        code = getattr(error, "code", "") or "unreadable"
        issues.append(Issue(str(error), line, column, code=code, field=where))

    shown = {key: raw_text(value) for key, value in cell.items()}
    if levels_value:
        shown["certificate"] = f"{shown.get('certificate', '')}（{levels_value}）"
    name = written(cell.get("school"))
    invisible = [key for key in ("school", "majors") if has_invisible(raw_text(cell.get(key)))]
    for key in invisible:
        issues.append(
            Issue(
                "名称中看不见的字符（零宽空格、方向控制符等）已删除，请核对。",
                line,
                columns.get(key, ""),
                blocking=False,
                warning=True,
                code="invisible",
            )
        )
    school_type = ""
    try:
        school_type = parse_school_type(cell.get("school_type"))
    except ParseError as error:
        fail("school_type", error)
    statuses, remarks = parse_remarks(cell.get("remarks"))
    key = normalize_name(name)
    school = schools.get(key)
    imported = ImportedRow(line, shown, school, None, issues, columns=columns)
    if school is None:
        school = imported.school = School(name=name, name_key=key, school_type=school_type)
        school.statuses = ",".join(statuses)
        school.remarks = remarks
        # The school's name and remarks, judged once, on its first row, as its form judges them.
        issues += [_issue(problem, imported) for problem in school_problems(school)]
        if key:
            schools[key] = school
    imported.school_type = school_type

    certificate, levels = None, []
    try:
        certificate, levels = parse_certificate(cell.get("certificate"), certificates, levels_value)
    except ParseError as error:
        fail("certificate", error)
    counts = {}
    for field_name in ("major_count", "student_count"):
        try:
            counts[field_name] = parse_count(cell.get(field_name), what=COUNT_LABELS[field_name])
        except ParseError as error:
            fail(field_name, error)
            counts[field_name] = None
    majors = split_majors(cell.get("majors"))
    if imported.blocking or certificate is None:
        return imported
    row = PilotRow(school=school, certificate=certificate)
    row.levels = levels
    # Attachment 2 does not say in which years a major enrolled: None, to be completed.
    row.majors = [{"name": m, "years": None} for m in majors]
    row.major_count = counts["major_count"]
    row.student_count = counts["student_count"]
    imported.row = row
    return imported


# --- the rules over the rows --------------------------------------------------------------


def _check(result: ImportResult, batch: Batch) -> None:
    """The filing rules over the parsed rows, with the verdict the row's form gives: an
    error blocks the import as it blocks the form's save; evidence Attachment 2 has no
    column for is to complete (待补充), and warnings are shown; both are stored with the
    rows."""
    labelled = [
        RowLike(
            key=imported.line,
            label=(
                f"第{imported.line}行（{imported.school.name} · {imported.row.certificate.name}）"
            ),
            school_key=imported.school.name_key,
            school_type=imported.school_type,
            certificate_id=imported.row.certificate_id,
        )
        for imported in result.rows
        if imported.row is not None
    ]
    by_line = {imported.line: imported for imported in result.rows}
    for line, problems in duplicate_and_conflict_problems(labelled).items():
        imported = by_line[line]
        for problem in problems:
            imported.issues.append(_issue(problem, imported))
    for imported in result.rows:
        if imported.row is None or imported.blocking:
            continue
        for problem in check_row(imported.row, batch=batch):
            if problem.code in ("school_type", "technician_school", "certificate", "no_level"):
                continue  # already reported by the parser
            imported.issues.append(_issue(problem, imported))


def _issue(problem: Problem, imported: ImportedRow) -> Issue:
    key = FIELD_COLUMNS.get(problem.field)
    if problem.field == "levels" and LEVELS in imported.columns:
        key = LEVELS
    column = imported.columns.get(key, "") if key else ""
    if not column and key:
        column = NOT_IN_FILE.format(header=layout.COLUMN_BY_KEY[key].header)
    elif not column:
        column = layout.EVIDENCE_SHEET_TITLE if imported.has_evidence else EVIDENCE_NOT_IN_TABLE
    return Issue(
        problem.message,
        imported.line,
        column,
        blocking=problem.blocks_saving,
        missing_evidence=problem.missing_evidence,
        warning=not problem.is_error,
        code=problem.code,
        field=problem.field,
    )
