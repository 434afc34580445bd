"""The conditions the province attests for each row (conditions 1's training, 2, 4 and 5):
not answered yet, or answered "no" without saying why, is a warning to acknowledge."""

from ..models import Facilities, PilotRow
from .glossary import ATTESTATIONS, CONDITIONS
from .problems import Problem, warning


def attestation_problems(row: PilotRow) -> list[Problem]:
    problems = []
    for field, label in ATTESTATIONS:
        value = getattr(row, field)
        if value is None:
            problems.append(warning("unattested", f"尚未确认：{label}。", field))
        elif value is False and not getattr(row, f"{field}_note").strip():
            problems.append(
                warning("attested_no", f"确认为“不具备”：{label}，请在说明中写明原因。", field)
            )
    facilities = _facilities_problem(row)
    if facilities:
        problems.append(facilities)
    return problems


def _facilities_problem(row: PilotRow) -> Problem | None:
    condition = CONDITIONS["facilities"]
    if not row.facilities:
        return warning("unattested", f"尚未确认：{condition.label}。", "facilities")
    if row.facilities == Facilities.LACKING:
        return warning(
            "facilities_lacking",
            f"教学条件和实训设施“尚不具备”（{condition.tag}）："
            "可通过租用或与企业、基地、院校共用解决。",
            "facilities",
        )
    return None
