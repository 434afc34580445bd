"""The national institute's pages: the status board of all units, and the national view."""

from dataclasses import dataclass

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST, require_safe

from certificates.batch_scope import request_batch

from .. import access
from ..glossary import submission_timing
from ..models import EventKind, Filing, FilingEvent, FilingState
from ..national import (
    UnitFigures,
    unit_figures,
)
from ..services import FilingError, filings_remind

# The national view moved to its own module; the URLs still name it here.
from .national import national, national_export  # noqa: F401

NOT_STARTED = "未开始"


def state_label(line: UnitFigures) -> str:
    filing = line.filing
    if filing is None or (filing.state == FilingState.DRAFT and not line.summary.rows):
        return NOT_STARTED
    return filing.get_state_display()


@dataclass
class BoardLine:
    figures: UnitFigures
    state: str

    @property
    def unit(self):
        return self.figures.unit

    @property
    def filing(self) -> Filing | None:
        return self.figures.filing


BOARD_SORTS = {
    "code": lambda line: line.unit.code,
    "state": lambda line: (line.state, line.unit.code),
    "submitted": lambda line: (
        line.filing is None or line.filing.submitted_at is None,
        line.filing.submitted_at if line.filing and line.filing.submitted_at else 0,
    ),
    "rows": lambda line: -line.figures.summary.rows,
    "students": lambda line: -line.figures.summary.students,
    "warnings": lambda line: -(line.filing.open_warnings if line.filing else 0),
}
STATE_FILTERS = [NOT_STARTED, *FilingState.labels]
NOT_SUBMITTED = "未提交"
# Submitted after the batch's own deadline: late, or within an extension a reviewer granted.
AFTER_BATCH_DEADLINE = "截止后提交（含延期内）"
SUBMITTED_OR_ACCEPTED = "已提交及已确认"
# A filter may stand for several states; the board's cards count with the same sets as the
# filters their links open, so that a card never promises more units than its link lists.
STATE_GROUPS = {
    NOT_SUBMITTED: {NOT_STARTED, FilingState.DRAFT.label, FilingState.RETURNED.label},
    SUBMITTED_OR_ACCEPTED: {FilingState.SUBMITTED.label, FilingState.ACCEPTED.label},
    **{label: {label} for label in STATE_FILTERS},
}
STATE_GROUP_LABELS = {
    NOT_SUBMITTED: "未提交（未开始、草稿、已退回）",
    SUBMITTED_OR_ACCEPTED: "已提交（含已确认）",
}


def in_filter(line: BoardLine, state: str, late: bool) -> bool:
    if state in STATE_GROUPS and line.state not in STATE_GROUPS[state]:
        return False
    return not late or bool(line.filing and submission_timing(line.filing))


@dataclass
class Card:
    """A headline figure of the board and the filter that lists what it counts."""

    label: str
    count: int
    query: str
    total: int | None = None  # shown as count/total


def board_cards(lines: list[BoardLine]) -> list[Card]:
    def count(state: str = "", late: bool = False) -> int:
        return sum(1 for line in lines if in_filter(line, state, late))

    return [
        Card(
            "已提交（含已确认）",
            count(SUBMITTED_OR_ACCEPTED),
            f"state={SUBMITTED_OR_ACCEPTED}",
            total=len(lines),
        ),
        Card("待审核（已提交）", count(FilingState.SUBMITTED.label), "state=已提交"),
        Card("已确认", count(FilingState.ACCEPTED.label), "state=已确认"),
        Card("未提交", count(NOT_SUBMITTED), f"state={NOT_SUBMITTED}"),
        Card("已退回", count(FilingState.RETURNED.label), "state=已退回"),
        Card("草稿", count(FilingState.DRAFT.label), "state=草稿"),
        Card("未开始", count(NOT_STARTED), f"state={NOT_STARTED}"),
        Card(AFTER_BATCH_DEADLINE, count(late=True), "late=1"),
    ]


@require_safe
def board(request: HttpRequest) -> HttpResponse:
    """All units at once, in a fixed number of queries."""
    access.require_reviewer(request.user)
    batch = request_batch(request)
    figures = unit_figures(batch, Filing.objects.filter(batch=batch).select_related("batch"))
    lines = [BoardLine(f, state_label(f)) for f in figures]
    counts = {label: sum(1 for line in lines if line.state == label) for label in STATE_FILTERS}

    state = request.GET.get("state", "")
    late = request.GET.get("late") == "1"
    shown = [line for line in lines if in_filter(line, state, late)]
    query = request.GET.get("q", "").strip()[:20]
    if query:
        shown = [line for line in shown if query in line.unit.name or query in line.unit.code]
    sort = request.GET.get("sort", "code")
    shown = sorted(shown, key=BOARD_SORTS.get(sort, BOARD_SORTS["code"]))

    submitted = counts[FilingState.SUBMITTED.label] + counts[FilingState.ACCEPTED.label]
    last_reminder = (
        FilingEvent.objects.filter(filing__batch=batch, kind=EventKind.REMINDED)
        .select_related("user")
        .first()
    )
    return render(
        request,
        "filings/review_board.html",
        {
            "batch": batch,
            "lines": shown,
            "total_units": len(lines),
            "submitted": submitted,
            "accepted": counts[FilingState.ACCEPTED.label],
            "returned": counts[FilingState.RETURNED.label],
            "not_started": counts[NOT_STARTED],
            "drafts": counts[FilingState.DRAFT.label],
            "late": sum(1 for line in lines if in_filter(line, "", True)),
            "days_left": batch.days_to_deadline(),
            "state_filters": [
                (key, STATE_GROUP_LABELS.get(key, key))
                for key in [NOT_SUBMITTED, SUBMITTED_OR_ACCEPTED, *STATE_FILTERS]
            ],
            "cards": board_cards(lines),
            "to_remind": sum(1 for line in lines if in_filter(line, NOT_SUBMITTED, False)),
            "last_reminder": last_reminder,
            "params": request.GET,
            "sort": sort if sort in BOARD_SORTS else "code",
        },
    )


REMIND_SENT = "已向 {n} 个未提交的单位发送催报邮件：{units}。"
REMIND_NOBODY = (
    "{n} 个单位未能通知（没有填写邮箱的工作人员账号，汇总表表头也未填写联系邮箱）：{units}。"
)
NOBODY_TO_REMIND = "所有单位均已提交，无需催报。"


@require_POST
def remind(request: HttpRequest) -> HttpResponse:
    """Remind every unit that has not submitted; the page then says who got the e-mail and
    which units could not be told."""
    access.require_reviewer(request.user)
    try:
        reminded = filings_remind(batch=request_batch(request), user=request.user)
    except FilingError as error:
        messages.warning(request, error.message)
        return redirect("filings:review_board")
    if not reminded:
        messages.info(request, NOBODY_TO_REMIND)
        return redirect("filings:review_board")
    told = [r for r in reminded if r.notified]
    untold = [r.filing.unit.name for r in reminded if not r.notified]
    if told:
        units = "；".join(f"{r.filing.unit.name}（{'、'.join(r.notified)}）" for r in told)
        messages.success(request, REMIND_SENT.format(n=len(told), units=units))
    if untold:
        messages.warning(request, REMIND_NOBODY.format(n=len(untold), units="、".join(untold)))
    return redirect("filings:review_board")
