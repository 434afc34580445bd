"""Reading an Attachment 2 workbook into rows, with every problem placed on its cell.

Nothing is written here: `read_attachment2` returns what the file says and what is wrong
with it; `services.filing_import` writes it after the user has seen the preview.
"""

import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from io import BytesIO
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from certificates.models import Batch, Certificate

from ..models import PilotRow, School
from ..rules import (
    Problem,
    RowLike,
    check_row,
    clean_name,
    duplicate_and_conflict_problems,
    is_contact_phone,
    normalize_name,
)
from . import layout
from .guard import CORRUPT, RefusedFile, check_workbook_bytes
from .parsing import (
    CertificateIndex,
    ParseError,
    compact,
    heading_key,
    parse_certificate,
    parse_count,
    parse_enrolment,
    parse_facilities,
    parse_remarks,
    parse_school_type,
    parse_yes_no,
    split_majors,
    text,
)

logger = logging.getLogger(__name__)

MAX_DATA_ROWS = 10_000
# Lines read past the header, empty template lines included, before giving up.
MAX_SCANNED_LINES = 3 * MAX_DATA_ROWS
MAX_SCHOOL_NAME = 100
MAX_MAJOR_NAME = 50
HEADER_SEARCH_ROWS = 30
TOO_MANY_ROWS = f"文件超过 {MAX_DATA_ROWS} 行数据，请拆分后分别核对。"
NO_HEADER = (
    "没有找到附件2的表头：请确认前 30 行中有“试点院校名称”“学校类型”“参与试点证书及等级”"
    "等栏目名称。"
)
NO_ROWS = "表中没有任何试点院校行。"
EVIDENCE_NOT_IN_TABLE = "附件2无此栏，导入后请在平台补充"
# Where a rule's field lives in Attachment 2; fields not listed are evidence.
FIELD_COLUMNS = {
    "school_type": "school_type",
    "certificate": "certificate",
    "levels": "certificate",
    "major_count": "major_count",
    "majors": "majors",
    "student_count": "student_count",
    "remarks": "remarks",
}


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


def _cells(row: tuple) -> list[Any]:
    return [getattr(cell, "value", cell) for cell in row]


def _find_header(rows: list[list[Any]]) -> tuple[int, dict[str, int]] | None:
    """The row index of the table's heading and the column index of each known column."""
    names = {heading_key(name): column.key for column in layout.COLUMNS for name in column.names}
    for index, values in enumerate(rows[:HEADER_SEARCH_ROWS]):
        found: dict[str, int] = {}
        for col, value in enumerate(values):
            key = names.get(heading_key(value))
            if key and key not in found:
                found[key] = col
        if {"school", "certificate"} <= found.keys() and len(found) >= 4:
            return index, found
    return None


HEADER_LABELS = re.compile(r"(报送单位(?:\(盖章\))?|联系人|联系电话|电话|电子邮箱|邮箱)\s*:?\s*")
HEADER_KEYS = {
    "报送单位": "unit",
    "报送单位(盖章)": "unit",
    "联系人": "contact_name",
    "联系电话": "contact_phone",
    "电话": "contact_phone",
    "电子邮箱": "contact_email",
    "邮箱": "contact_email",
}


def _read_header_lines(rows: list[list[Any]]) -> dict[str, str]:
    """报送单位/联系人/电话/邮箱 from the lines above the table: 'label: value' in one cell,
    several of them in one cell, or a label in one cell and its value in the next."""
    header: dict[str, str] = {}
    for values in rows:
        texts = [text(v) for v in values]
        for position, cell in enumerate(texts):
            labels = list(HEADER_LABELS.finditer(cell))
            if not labels or labels[0].start() != 0:
                continue
            for index, label in enumerate(labels):
                key = HEADER_KEYS[label.group(1)]
                end = labels[index + 1].start() if index + 1 < len(labels) else len(cell)
                value = cell[label.end() : end].strip()
                if not value and index == len(labels) - 1:
                    following = [t for t in texts[position + 1 :] if t]
                    if following and not HEADER_LABELS.match(following[0]):
                        value = following[0]
                if value and key not in header:
                    header[key] = value
    return header


def _is_end(values: list[Any]) -> bool:
    first = next((text(v) for v in values if text(v)), "")
    joined = "".join(compact(v) for v in values)
    # The summary block (总体情况 …) or the notes (注: / 注1.) end the rows.
    return (
        first.startswith(layout.SUMMARY_HEADING)
        or "第二批试点学生总规模" in joined
        or re.match(r"注\s*(:|\d|$)", first) is not None
    )


def _check_header(result: ImportResult) -> None:
    """Header values the portal would refuse in its form are reported and left out."""
    phone = re.sub(r"[\s()]", "", result.header.get("contact_phone", ""))
    if phone and not is_contact_phone(phone):
        result.issues.append(
            Issue(
                f"表头电话“{phone}”格式不正确，未导入；请在平台填写。", blocking=False, warning=True
            )
        )
        result.header.pop("contact_phone")
    elif phone:
        result.header["contact_phone"] = phone
    email = result.header.get("contact_email", "")
    if email:
        try:
            validate_email(email)
        except ValidationError:
            result.issues.append(
                Issue(
                    f"表头邮箱“{email}”格式不正确，未导入；请在平台填写。",
                    blocking=False,
                    warning=True,
                )
            )
            result.header.pop("contact_email")


def _select_sheet(workbook) -> tuple[Any, list[list[Any]], tuple[int, dict[str, int]] | None]:
    sheets = list(workbook.worksheets)
    sheets.sort(key=lambda ws: ws.title != layout.SHEET_TITLE)
    first = None
    for ws in sheets:
        if ws.title == layout.EVIDENCE_SHEET_TITLE:
            continue
        head = [_cells(r) for r in ws.iter_rows(max_row=HEADER_SEARCH_ROWS)]
        found = _find_header(head)
        if first is None:
            first = (ws, head, found)
        if found:
            return ws, head, found
    return first if first else (None, [], None)


def read_attachment2(data: bytes, *, batch: Batch) -> ImportResult:
    """Parse a workbook. Raises RefusedFile for a file that cannot be read at all."""
    check_workbook_bytes(data)
    try:
        workbook = load_workbook(BytesIO(data), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds of errors on a broken file
        raise RefusedFile(CORRUPT) from None
    try:
        return _read(workbook, batch)
    except RefusedFile:
        raise
    except Exception:
        # openpyxl reads a read-only sheet lazily: a damaged part surfaces only here, as
        # whatever its XML or zip layer raises. Logged, so that a bug of ours stays visible.
        logger.warning("Could not read an uploaded workbook", exc_info=True)
        raise RefusedFile(CORRUPT) from None
    finally:
        workbook.close()


def _read(workbook, batch: Batch) -> ImportResult:
    ws, head, found = _select_sheet(workbook)
    result = ImportResult()
    if ws is None or found is None:
        result.issues.append(Issue(NO_HEADER))
        return result
    header_index, positions = found
    result.sheet = ws.title
    result.columns = {key: get_column_letter(col + 1) for key, col in positions.items()}
    result.header = _read_header_lines(head[:header_index])
    _check_header(result)

    certificates = CertificateIndex(list(Certificate.objects.filter(batch=batch)))
    years = [batch.issued_on.year - 2, batch.issued_on.year - 1, batch.issued_on.year]
    schools: dict[str, School] = {}
    previous: dict[str, Any] = {}
    for scanned, (line, values) in enumerate(_data_rows(ws, header_index), start=1):
        cell = {key: values[col] if col < len(values) else None for key, col in positions.items()}
        if not any(text(value) for key, value in cell.items() if key != "index"):
            if scanned > MAX_SCANNED_LINES:
                # Hundreds of thousands of numbered empty lines: stop reading, not the server.
                result.issues.append(Issue(TOO_MANY_ROWS))
                result.rows = []
                return result
            continue  # a numbered but empty line of a template
        if len(result.rows) >= MAX_DATA_ROWS:
            result.issues.append(Issue(TOO_MANY_ROWS))
            result.rows = []
            return result
        # A school's name, type and remarks are often merged across its rows: the merged
        # cells below the first read as empty, and belong to the row above.
        if not text(cell.get("school")) and previous:
            for key in ("school", "school_type", "remarks"):
                if not text(cell.get(key)):
                    cell[key] = previous.get(key)
        elif previous and normalize_name(text(cell.get("school"))) == normalize_name(
            text(previous.get("school"))
        ):
            for key in ("school_type", "remarks"):
                if not text(cell.get(key)):
                    cell[key] = previous.get(key)
        previous = cell
        result.rows.append(_read_row(line, cell, result.columns, certificates, schools))

    if not result.rows:
        result.issues.append(Issue(NO_ROWS))
    evidence = _read_evidence(workbook, years)
    result.evidence_rows = len(evidence)
    for imported in result.rows:
        _apply_evidence(imported, evidence)
    _check(result, batch)
    return result


def _data_rows(ws, header_index: int) -> Iterator[tuple[int, list[Any]]]:
    for line, row in enumerate(ws.iter_rows(min_row=header_index + 2), start=header_index + 2):
        values = _cells(row)
        if _is_end(values):
            return
        yield_values = [v for v in values if text(v)]
        if not yield_values:
            continue
        yield line, values


def _read_row(
    line: int,
    cell: dict[str, Any],
    columns: dict[str, str],
    certificates: CertificateIndex,
    schools: dict[str, School],
) -> ImportedRow:
    issues: list[Issue] = []

    def fail(key: str, error: ParseError | str) -> None:
        issues.append(Issue(str(error), line, columns.get(key, "")))

    shown = {key: text(value) for key, value in cell.items()}
    name = clean_name(text(cell.get("school")))
    if not name:
        fail("school", "未填写试点院校名称")
    elif len(name) > MAX_SCHOOL_NAME:
        fail("school", f"试点院校名称过长（{len(name)}个字，最多{MAX_SCHOOL_NAME}个字）")
        name = name[:MAX_SCHOOL_NAME]
    school_type = ""
    try:
        school_type = parse_school_type(cell.get("school_type"))
    except ParseError as error:
        fail("school_type", error)
    statuses, remarks = parse_remarks(cell.get("remarks"))
    key = normalize_name(name)
    school = schools.get(key)
    if school is None:
        school = School(name=name, name_key=key, school_type=school_type)
        school.statuses = ",".join(statuses)
        school.remarks = remarks
        if key:
            schools[key] = school
    imported = ImportedRow(line, shown, school, None, issues, columns=columns)
    imported.school_type = school_type

    certificate, levels = None, []
    try:
        certificate, levels = parse_certificate(cell.get("certificate"), certificates)
    except ParseError as error:
        fail("certificate", error)
    counts = {}
    for field_name, what in (
        ("major_count", "参与试点专业数量"),
        ("student_count", "参与试点学生规模"),
    ):
        try:
            counts[field_name] = parse_count(
                cell.get(field_name), what=what, allow_negative=field_name == "student_count"
            )
        except ParseError as error:
            fail(field_name, error)
            counts[field_name] = None
    majors = split_majors(cell.get("majors"))
    for major in majors:
        if len(major) > MAX_MAJOR_NAME:
            fail("majors", f"专业名称“{major[:20]}…”过长（最多{MAX_MAJOR_NAME}个字）")
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


def _read_evidence(workbook, years: list[int]) -> dict[tuple[str, str], dict[str, Any]]:
    """The portal's own second sheet, by (school, certificate); empty for other files."""
    if layout.EVIDENCE_SHEET_TITLE not in workbook.sheetnames:
        return {}
    ws = workbook[layout.EVIDENCE_SHEET_TITLE]
    rows = ws.iter_rows(min_row=layout.EVIDENCE_HEADER_ROW)
    header = [heading_key(v) for v in _cells(next(rows, ()))]
    keys = {heading_key(c.header): c.key for c in layout.EVIDENCE_COLUMNS}
    positions = {keys[h]: i for i, h in enumerate(header) if h in keys}
    if not {"school", "certificate"} <= positions.keys():
        return {}
    evidence: dict[tuple[str, str], dict[str, Any]] = {}
    for row in rows:
        values = _cells(row)
        item = {k: values[i] if i < len(values) else None for k, i in positions.items()}
        school = normalize_name(text(item.get("school")))
        if school:
            evidence[(school, compact(item.get("certificate")))] = item
    return evidence


def _apply_evidence(imported: ImportedRow, evidence: dict[tuple[str, str], dict[str, Any]]) -> None:
    row = imported.row
    if row is None:
        return
    item = evidence.get((imported.school.name_key, compact(row.certificate.name)))
    if item is None:
        return
    imported.has_evidence = True
    enrolment = parse_enrolment(item.get("enrolment"))
    row.majors = [{"name": m["name"], "years": enrolment.get(m["name"])} for m in row.majors]
    for name in ("team_size", "dual_qualified_count", "industry_expert_count"):
        try:
            setattr(row, name, parse_count(item.get(name), what=name))
        except ParseError:
            setattr(row, name, None)
    row.innovation_team = parse_yes_no(item.get("innovation_team")) is True
    for name in ("training_experience", "teaching_resources", "management"):
        setattr(row, name, parse_yes_no(item.get(name)))
        setattr(row, f"{name}_note", text(item.get(f"{name}_note"))[:200])
    row.facilities = parse_facilities(item.get("facilities"))
    row.facilities_note = text(item.get("facilities_note"))[:200]
    code = compact(item.get("school_code"))
    if code and not imported.school.school_code and re.fullmatch(r"\d{10}", code):
        imported.school.school_code = code


def _check(result: ImportResult, batch: Batch) -> None:
    """The filing rules over the parsed rows: conflicts between rows block the import;
    other rule problems are stored with the rows and shown on the filing page."""
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
            imported.issues.append(_issue(problem, imported, blocking=True))
    for imported in result.rows:
        if imported.row is None or imported.blocking:
            continue
        for problem in check_row(imported.row, batch=batch):
            if problem.code in ("school_type", "technician_school", "certificate", "no_level"):
                continue  # already reported by the parser
            imported.issues.append(_issue(problem, imported, blocking=False))


def _issue(problem: Problem, imported: ImportedRow, *, blocking: bool) -> Issue:
    key = FIELD_COLUMNS.get(problem.field)
    column = imported.columns.get(key, "") if key else ""
    if not column:
        column = layout.EVIDENCE_SHEET_TITLE if imported.has_evidence else EVIDENCE_NOT_IN_TABLE
    return Issue(
        problem.message,
        imported.line,
        column,
        blocking=blocking,
        missing_evidence=problem.missing_evidence,
        warning=not problem.is_error,
        code=problem.code,
    )
