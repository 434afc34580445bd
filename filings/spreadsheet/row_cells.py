"""One line of the table read into a school and a pilot row: each cell parsed into the rules'
terms, what cannot be read placed on its cell, and the school's own cells judged once, on
its first row, as its form judges them. Nothing is written here."""

from collections.abc import Callable
from typing import Any

from ..models import PilotRow, School
from ..rules import COUNT_LABELS, has_invisible, normalize_name, school_problems
from .import_result import ImportedRow, Issue
from .parsing import (
    CertificateIndex,
    ParseError,
    parse_certificate,
    parse_count,
    parse_remarks,
    parse_school_type,
    raw_text,
    split_majors,
    written,
)
from .row_rules import issue_at

INVISIBLE_REMOVED = "名称中看不见的字符（零宽空格、方向控制符等）已删除，请核对。"
COUNTS = ("major_count", "student_count")


def read_row(
    line: int,
    cell: dict[str, Any],
    columns: dict[str, str],
    certificates: CertificateIndex,
    schools: dict[str, School],
    levels_value: Any,
) -> ImportedRow:
    """The line's cells by column key. `schools`: the schools read so far, by name key; a
    new one is added. `levels_value`: the levels when the table has them apart from the
    certificate. The row is None when it cannot be stored."""
    imported = ImportedRow(line, _shown(cell, levels_value), None, None, columns=columns)
    imported.issues += _invisible_issues(imported, cell)
    imported.school_type = _parsed(imported, cell, "school_type", parse_school_type) or ""
    imported.school = _school(imported, cell, schools)
    certificate, levels = _parsed(
        imported, cell, "certificate", parse_certificate, certificates, levels_value
    ) or (None, [])
    counts = {
        key: _parsed(imported, cell, key, parse_count, what=COUNT_LABELS[key]) for key in COUNTS
    }
    majors = split_majors(cell.get("majors"))
    if imported.blocking or certificate is None:
        return imported
    row = PilotRow(school=imported.school, certificate=certificate)
    row.levels = levels
    # Attachment 2 does not say in which years a major enrolled: None, to be completed.
    row.majors = [{"name": m, "years": None} for m in majors]
    row.major_count = counts["major_count"]
    row.student_count = counts["student_count"]
    imported.row = row
    return imported


def _shown(cell: dict[str, Any], levels_value: Any) -> dict[str, str]:
    """What the file says, by column key, for the preview."""
    shown = {key: raw_text(value) for key, value in cell.items()}
    if levels_value:
        shown["certificate"] = f"{shown.get('certificate', '')}（{levels_value}）"
    return shown


def _invisible_issues(imported: ImportedRow, cell: dict[str, Any]) -> list[Issue]:
    return [
        Issue(
            INVISIBLE_REMOVED,
            imported.line,
            imported.columns.get(key, ""),
            blocking=False,
            warning=True,
            code="invisible",
        )
        for key in ("school", "majors")
        if has_invisible(raw_text(cell.get(key)))
    ]


def _parsed(
    imported: ImportedRow, cell: dict[str, Any], key: str, parse: Callable, *args, **kwargs
) -> Any:
    """The cell under `key` parsed (`parse(value, *args, **kwargs)`); None, with the parser's
    message placed on its cell, when it cannot be read."""
    try:
        return parse(cell.get(key), *args, **kwargs)
    except ParseError as error:
        where = error.field or key
        column = imported.columns.get(where) or imported.columns.get(key, "")
        code = error.code or "unreadable"
        imported.issues.append(Issue(str(error), imported.line, column, code=code, field=where))
        return None


def _school(imported: ImportedRow, cell: dict[str, Any], schools: dict[str, School]) -> School:
    """The school the line names: the one read on an earlier line, or a new one, whose name
    and remarks are judged here, once, as its form judges them."""
    name = written(cell.get("school"))
    key = normalize_name(name)
    if key in schools:
        return schools[key]
    statuses, remarks = parse_remarks(cell.get("remarks"))
    school = School(name=name, name_key=key, school_type=imported.school_type)
    school.statuses = ",".join(statuses)
    school.remarks = remarks
    imported.issues += [issue_at(problem, imported) for problem in school_problems(school)]
    if key:
        schools[key] = school
    return school
