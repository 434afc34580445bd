"""The limits of what a row and its school may hold: counts in range, names and remarks not
too long. The form and the importer refuse the same values here: what one lets in, the
other saves."""

from ..models import PilotRow, School
from .glossary import COUNT_LABELS
from .problems import Problem, error

# The largest count a row may hold (students, majors, a training team): larger than any real
# school's figure, and within every database's integer column (PostgreSQL's stops at 2³¹−1).
MAX_COUNT = 1_000_000
MAX_MAJORS = 30  # majors of one school in one certificate
MAX_MAJOR_NAME = 50
MAX_SCHOOL_NAME = 100  # School.name's column
MAX_REMARKS = 500
MAX_NOTE = 200  # the notes beside the attested conditions (PilotRow.*_note columns)
MAX_CONTACT_NAME = 50  # Filing.contact_name's column


def count_too_large(what: str, value: object) -> str:
    return f"{what}“{value}”过大，请核实（最多 {MAX_COUNT:,}）。"


def count_negative(what: str, value: object) -> str:
    return f"{what}“{value}”不能为负数。"


def too_long(code: str, what: str, text: str, limit: int, field: str) -> Problem:
    return error(code, f"{what}过长（{len(text)}个字，最多{limit}个字）。", field)


def school_problems(school: School) -> list[Problem]:
    """What the school's own cells may not hold: its name and its remarks (the remarks as
    stored, without the status categories recognised in them)."""
    problems = []
    name = school.name or ""
    if not name.strip():
        problems.append(error("school_name", "请填写试点院校名称。", "name"))
    elif len(name) > MAX_SCHOOL_NAME:
        problems.append(too_long("school_name_long", "试点院校名称", name, MAX_SCHOOL_NAME, "name"))
    remarks = school.remarks or ""
    if len(remarks) > MAX_REMARKS:
        problems.append(too_long("remarks_long", "学校情况备注", remarks, MAX_REMARKS, "remarks"))
    return problems


def count_problems(row: PilotRow) -> list[Problem]:
    """Counts out of range. A student number below one is the students rule's to judge."""
    problems = []
    for field, label in COUNT_LABELS.items():
        value = getattr(row, field)
        if value is None:
            continue
        if value > MAX_COUNT:
            problems.append(error("count_too_large", count_too_large(label, value), field))
        elif value < 0 and field != "student_count":
            problems.append(error("count_negative", count_negative(label, value), field))
    return problems
