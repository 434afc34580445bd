"""The notice's rules over the rows read, each problem placed on its cell.

The rows get the verdict the row's form gives (filings.rules): an error blocks the import as
it blocks the form's save; evidence Attachment 2 has no column for is to complete (待补充),
and warnings are shown; both are stored with the rows. A problem names the column of the
file its field was read from, or says the file has no such column."""

from certificates.models import Batch

from ..rules import Problem, RowLike, check_row, duplicate_and_conflict_problems
from . import layout
from .headings import LEVELS
from .import_result import ImportedRow, ImportResult, Issue

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
# Problems the parsing of the cells has already reported on the row.
PARSED = ("school_type", "technician_school", "certificate", "no_level")


def check_rows(result: ImportResult, batch: Batch) -> None:
    """The filing rules over the parsed rows: those involving two rows, then each row's."""
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
            imported.issues.append(issue_at(problem, imported))
    for imported in result.rows:
        if imported.row is None or imported.blocking:
            continue
        for problem in check_row(imported.row, batch=batch):
            if problem.code not in PARSED:
                imported.issues.append(issue_at(problem, imported))


def issue_at(problem: Problem, imported: ImportedRow) -> Issue:
    """A rule's problem with a row, placed on the cell its field was read from."""
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
