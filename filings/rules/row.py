"""One school-certificate row judged by itself: every rule of the notice that a row alone
can break, as the row's form, the importer and the filing's check all judge it."""

from certificates.models import Batch

from ..models import PilotRow, School
from .attestation import attestation_problems
from .limits import count_problems
from .majors import major_problems
from .names import school_type_problem
from .problems import Problem, error, warning
from .team import TEAM_FIELDS, team_problems


def check_row(row: PilotRow, *, batch: Batch) -> list[Problem]:
    """Everything wrong or doubtful in one school-certificate row."""
    problems: list[Problem] = []
    type_problem = school_type_problem(row.school.school_type)
    if type_problem:
        problems.append(type_problem)
    problems += _certificate_problems(row, batch)

    counts = count_problems(row)
    problems += counts
    # A figure out of range is said once: judging it further would only repeat it.
    out_of_range = {p.field for p in counts}
    problems += major_problems(row, batch, judge_count="major_count" not in out_of_range)
    if "student_count" not in out_of_range:
        problems += _student_problems(row.student_count)
    if not out_of_range.intersection(TEAM_FIELDS):
        problems += team_problems(row)
    problems += attestation_problems(row)
    problems += _remarks_problems(row.school)
    return problems


def certificate_problem(certificate_batch_id: int | None, batch: Batch) -> Problem | None:
    """A certificate not of the batch being filed (or none at all), as the row's form, the
    importer and the API say it."""
    if certificate_batch_id == batch.pk:
        return None
    # Counted only here, when it is said: checking a row costs no query otherwise.
    count = batch.certificates.count()
    return error("certificate", f"证书不属于{batch.name}的{count}个证书。", "certificate")


def _certificate_problems(row: PilotRow, batch: Batch) -> list[Problem]:
    problems = []
    foreign = certificate_problem(row.certificate.batch_id if row.certificate_id else None, batch)
    if foreign:
        problems.append(foreign)
    if not row.levels:
        problems.append(error("no_level", "至少选择一个证书等级（初级、中级、高级）。", "levels"))
    return problems


def _student_problems(student_count: int | None) -> list[Problem]:
    if student_count is None:
        return [error("students", "请填写参与试点学生规模。", "student_count")]
    if student_count <= 0:
        message = f"参与试点学生规模应为正整数，现为 {student_count}。"
        return [error("students", message, "student_count")]
    return []


def _remarks_problems(school: School) -> list[Problem]:
    if school.statuses or school.remarks.strip():
        return []
    message = "学校情况备注为空：请注明示范（骨干、优质）校等类别或其他需要说明的事项（注5）。"
    return [warning("no_remarks", message, "remarks")]
