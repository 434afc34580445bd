"""Condition 3 of section 二: the training team, its "双师型" teachers and its experts from
industry, each at least its share of the team."""

from dataclasses import dataclass
from fractions import Fraction

from ..models import PilotRow
from .glossary import CONDITIONS, COUNT_LABELS
from .problems import Problem, error
from .shares import floor, share

MIN_DUAL_QUALIFIED_SHARE = Fraction(1, 2)
MIN_INDUSTRY_EXPERT_SHARE = Fraction(1, 5)

TEAM_FIELDS = ("team_size", "dual_qualified_count", "industry_expert_count")


@dataclass(frozen=True)
class _Members:
    """A part of the team the notice sets a minimum share for."""

    field: str
    who: str
    minimum: Fraction
    exceeds_code: str
    share_code: str


_MEMBERS = (
    _Members(
        "dual_qualified_count",
        "“双师型”教师",
        MIN_DUAL_QUALIFIED_SHARE,
        "dual_exceeds_team",
        "dual_share",
    ),
    _Members(
        "industry_expert_count",
        "行业企业专家",
        MIN_INDUSTRY_EXPERT_SHARE,
        "experts_exceed_team",
        "expert_share",
    ),
)


def team_problems(row: PilotRow) -> list[Problem]:
    tag = CONDITIONS["team"].tag
    missing = [COUNT_LABELS[field] for field in TEAM_FIELDS if getattr(row, field) is None]
    if missing:
        message = f"缺少培训团队情况：{'、'.join(missing)}（{tag}）。"
        return [error("team_missing", message, "team_size", missing=True)]
    team = row.team_size
    if team == 0:
        return [error("team_empty", f"培训团队人数应大于0（{tag}）。", "team_size")]
    problems = [
        _members_problem(members, getattr(row, members.field), team) for members in _MEMBERS
    ]
    return [problem for problem in problems if problem]


def _members_problem(members: _Members, count: int, team: int) -> Problem | None:
    if count > team:
        message = f"{members.who} {count} 人，多于培训团队总人数 {team} 人。"
        return error(members.exceeds_code, message, members.field)
    if Fraction(count, team) < members.minimum:
        message = (
            f"{members.who}占比 {share(count, team)}，"
            f"低于{floor(members.minimum)}（{CONDITIONS['team'].tag}）。"
        )
        return error(members.share_code, message, members.field)
    return None
