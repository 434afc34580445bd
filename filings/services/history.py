"""The filing's history: who did what and when, with the values before and after."""

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import datetime
from typing import Any

from django.utils import timezone

from ..models import (
    Channel,
    EventKind,
    Facilities,
    Filing,
    FilingEvent,
    PilotRow,
    School,
)
from ..rules import (
    CONDITIONS,
    NOT_ATTESTED,
)

# Where the changes being made come from; the API's views set it for their requests.
_channel: ContextVar[str] = ContextVar("filing_event_channel", default=Channel.WEB)


@contextmanager
def recorded_as(channel: str) -> Iterator[None]:
    """Every change made inside is recorded in the filing's history as coming from `channel`."""
    token = _channel.set(channel)
    try:
        yield
    finally:
        _channel.reset(token)


def _record(
    filing: Filing,
    user,
    kind: EventKind,
    subject: str = "",
    changes: list[dict] | None = None,
    note: str = "",
    at: datetime | None = None,
) -> FilingEvent:
    return FilingEvent.objects.create(
        filing=filing,
        user=user if getattr(user, "is_authenticated", False) else None,
        kind=kind,
        subject=subject[:200],
        changes=changes or [],
        note=note,
        at=at or timezone.now(),
        channel=_channel.get(),
    )


def _yes_no(value: bool | None) -> str:
    return {True: "是", False: "否", None: NOT_ATTESTED}[value]


def row_snapshot(row: PilotRow) -> dict[str, str]:
    """A row's values as the history shows them."""
    return {
        "证书": row.certificate.name if row.certificate_id else "",
        "等级": "、".join(level.label for level in row.levels),
        "参与试点专业": "、".join(_major(m) for m in row.majors or []),
        "参与试点专业数量": _text(row.major_count),
        "参与试点学生规模": _text(row.student_count),
        "培训团队人数": _text(row.team_size),
        "“双师型”教师": _text(row.dual_qualified_count),
        "行业企业专家": _text(row.industry_expert_count),
        "创新团队": _yes_no(row.innovation_team),
        CONDITIONS["training_experience"].short: _attested(row, "training_experience"),
        CONDITIONS["teaching_resources"].short: _attested(row, "teaching_resources"),
        CONDITIONS["facilities"].short: (
            Facilities(row.facilities).label if row.facilities else NOT_ATTESTED
        )
        + _note(row.facilities_note),
        CONDITIONS["management"].short: _attested(row, "management"),
    }


NO_YEARS = "未填招生年份"


def _major(major: dict) -> str:
    """电子商务（2017，2018，2019）: a major with the years it enrolled, in Chinese punctuation."""
    years = "，".join(str(year) for year in major.get("years") or [])
    return f"{major.get('name', '')}（{years or NO_YEARS}）"


def _attested(row: PilotRow, field: str) -> str:
    return _yes_no(getattr(row, field)) + _note(getattr(row, f"{field}_note"))


def school_snapshot(school: School) -> dict[str, str]:
    return {
        "试点院校名称": school.name,
        "学校类型": school.get_school_type_display(),
        "学校标识码": school.school_code,
        "示范类别": "、".join(s.label for s in school.status_list),
        "备注": school.remarks,
    }


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def _note(note: str) -> str:
    return f"（{note}）" if note else ""


def diff(before: dict[str, str], after: dict[str, str]) -> list[dict[str, str]]:
    return [
        {"field": key, "before": before.get(key, ""), "after": value}
        for key, value in after.items()
        if before.get(key, "") != value
    ]


def _created(snapshot: dict[str, str]) -> list[dict[str, str]]:
    return [{"field": k, "before": "", "after": v} for k, v in snapshot.items() if v]


def _deleted(snapshot: dict[str, str]) -> list[dict[str, str]]:
    return [{"field": k, "before": v, "after": ""} for k, v in snapshot.items() if v]
