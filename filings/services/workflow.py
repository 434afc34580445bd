"""Submission, review (return, accept, undo), reminders and extensions."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from ..glossary import submission_timing
from ..models import (
    EDITABLE_STATES,
    EventKind,
    Filing,
    FilingEvent,
    FilingState,
    SubmittingUnit,
)
from ..notifications import notify_unit, unit_addresses
from ..rules import (
    FilingCheck,
    check_filing,
)
from ..selectors import current_scan, rows_for_check
from ..wording import beijing_time
from .common import ensure_batch_open
from .errors import FilingError
from .history import _record

ALREADY_SUBMITTED = "汇总表已提交，等待职教所审核。"
ALREADY_ACCEPTED = "汇总表已由职教所确认，不能再次提交。"
NO_ROWS_FOR_SCHOOL = "请至少为该校填写一个参与试点的证书。"
PAST_DEADLINE = "已过报送截止时间（北京时间 {deadline}），不能提交。如需延期，请联系职教所。"
HAS_ERRORS = "还有 {n} 个错误未修改。"
HEADER_INCOMPLETE = "表头（联系人、电话、邮箱）未填写完整。"
NO_CURRENT_SCAN = "尚未上传与当前表格版本对应的盖章扫描件（退回后须重新上传）。"
WARNINGS_NOT_ACKNOWLEDGED = "请确认已阅读全部 {n} 条提醒。"
RETURN_NEEDS_REASON = "退回时必须填写原因。"
NOT_SUBMITTED = "只有已提交的汇总表可以确认或退回。"
NOT_ACCEPTED = "只有已确认的汇总表可以撤销确认。"


def submission_blockers(
    filing: Filing, check: FilingCheck, *, acknowledged: bool, now: datetime | None = None
) -> list[str]:
    """Why this filing cannot be submitted now; empty when it can."""
    reasons = []
    if filing.state == FilingState.ACCEPTED:
        reasons.append(ALREADY_ACCEPTED)
    elif filing.state not in EDITABLE_STATES:
        reasons.append(ALREADY_SUBMITTED)
    if filing.is_past_deadline(now):
        deadline = beijing_time(filing.deadline, suffix=False)
        reasons.append(PAST_DEADLINE.format(deadline=deadline))
    if not filing.header_complete:
        reasons.append(HEADER_INCOMPLETE)
    if check.error_count:
        reasons.append(HAS_ERRORS.format(n=check.error_count))
    if current_scan(filing) is None:
        reasons.append(NO_CURRENT_SCAN)
    if check.warning_count and not acknowledged:
        reasons.append(WARNINGS_NOT_ACKNOWLEDGED.format(n=check.warning_count))
    return reasons


@transaction.atomic
def filing_submit(*, filing: Filing, user, acknowledged: bool, now: datetime | None = None) -> None:
    filing = Filing.objects.select_for_update().select_related("batch", "unit").get(pk=filing.pk)
    ensure_batch_open(filing.batch)
    check = check_filing(filing, rows_for_check(filing))
    reasons = submission_blockers(filing, check, acknowledged=acknowledged, now=now)
    if reasons:
        raise FilingError("暂不能提交：", reasons, code="not_submittable")
    filing.state = FilingState.SUBMITTED
    filing.submitted_at = now or timezone.now()
    filing.save(update_fields=["state", "submitted_at", "updated_at"])
    note = f"确认了 {check.warning_count} 条提醒" if check.warning_count else ""
    note = "；".join(filter(None, [note, submission_timing(filing)]))
    _record(
        filing,
        user,
        EventKind.SUBMITTED,
        f"表格版本 {filing.revision}",
        note=note,
        at=filing.submitted_at,
    )


@dataclass(frozen=True)
class Reviewed:
    """What a reviewer's action leaves: the filing as saved, and the addresses the e-mail
    about it goes to (empty when the unit has none), for the page to name."""

    filing: Filing
    notified: list[str]


def _notify(filing: Filing, message: str, **context) -> list[str]:
    """E-mail the unit once the action is committed (an action rolled back tells nobody).
    The addresses are decided now, with the action, so that the page can name them."""
    recipients = unit_addresses(filing)
    if recipients:
        transaction.on_commit(
            lambda: notify_unit(filing, message, recipients=recipients, **context)
        )
    return recipients


def _review(filing: Filing) -> Filing:
    filing = Filing.objects.select_for_update().select_related("batch", "unit").get(pk=filing.pk)
    ensure_batch_open(filing.batch)
    if filing.state != FilingState.SUBMITTED:
        raise FilingError(NOT_SUBMITTED, code="not_submitted")
    return filing


@transaction.atomic
def filing_return(*, filing: Filing, user, reason: str, now: datetime | None = None) -> Reviewed:
    reason = (reason or "").strip()
    if not reason:
        raise FilingError(RETURN_NEEDS_REASON, code="no_reason", field="reason")
    filing = _review(filing)
    filing.state = FilingState.RETURNED
    filing.return_reason = reason
    filing.reviewed_at = now or timezone.now()
    filing.reviewed_by = user
    filing.save()
    _record(filing, user, EventKind.RETURNED, note=reason, at=filing.reviewed_at)
    return Reviewed(filing, _notify(filing, "returned", reason=reason))


@transaction.atomic
def filing_accept(*, filing: Filing, user, now: datetime | None = None) -> Reviewed:
    filing = _review(filing)
    filing.state = FilingState.ACCEPTED
    filing.return_reason = ""
    filing.reviewed_at = now or timezone.now()
    filing.reviewed_by = user
    filing.save()
    _record(filing, user, EventKind.ACCEPTED, at=filing.reviewed_at)
    return Reviewed(filing, _notify(filing, "accepted"))


@transaction.atomic
def filing_unaccept(*, filing: Filing, user, now: datetime | None = None) -> Reviewed:
    """Undo an acceptance made by mistake: the filing is submitted again and waits for a
    review. Who accepted it, and when, stays in the history."""
    filing = Filing.objects.select_for_update().select_related("batch", "unit").get(pk=filing.pk)
    ensure_batch_open(filing.batch)
    if filing.state != FilingState.ACCEPTED:
        raise FilingError(NOT_ACCEPTED)
    filing.state = FilingState.SUBMITTED
    filing.reviewed_at = None
    filing.reviewed_by = None
    filing.save()
    _record(filing, user, EventKind.UNACCEPTED, at=now)
    # The unit was told its table was accepted: it is told that this no longer holds.
    return Reviewed(filing, _notify(filing, "unaccepted"))


# A second click on 催报, or two reviewers at once, must not e-mail every unit twice.
REMIND_INTERVAL = timedelta(minutes=10)
REMINDED_RECENTLY = "{at}刚催报过，{minutes} 分钟内不再重复发送催报邮件，以免各单位收到两封。"


@transaction.atomic
def filings_remind(*, batch, user, now: datetime | None = None) -> list[Reviewed]:
    """Remind every unit that has not submitted its filing of `batch` (not started, draft or
    returned): each is e-mailed, and the reminder is recorded in its history with the time
    and the addresses. A unit that never opened its filing gets its empty one now, so that
    the reminder has a history to be recorded in. Returns one entry per unit, by unit code."""
    now = now or timezone.now()
    ensure_batch_open(batch)
    for unit in SubmittingUnit.objects.exclude(filings__batch=batch):
        Filing.objects.get_or_create(unit=unit, batch=batch)
    filings = (
        Filing.objects.select_for_update()
        .select_related("batch", "unit")
        .filter(batch=batch, state__in=EDITABLE_STATES)
        .order_by("unit__code")
    )
    filings = list(filings)  # locked: a second reminder waits here, then sees this one
    _refuse_if_reminded_recently(batch, now)
    reminded = []
    for filing in filings:
        notified = _notify(filing, "reminded", past_deadline=filing.is_past_deadline(now))
        note = "通知邮件发送至 " + "、".join(notified) if notified else "无可通知的邮箱"
        _record(filing, user, EventKind.REMINDED, "尚未提交", note=note, at=now)
        reminded.append(Reviewed(filing, notified))
    return reminded


def _refuse_if_reminded_recently(batch, now: datetime) -> None:
    last = (
        FilingEvent.objects.filter(filing__batch=batch, kind=EventKind.REMINDED)
        .order_by("-at")
        .first()
    )
    if last is not None and last.at > now - REMIND_INTERVAL:
        raise FilingError(
            REMINDED_RECENTLY.format(
                at=beijing_time(last.at), minutes=REMIND_INTERVAL.seconds // 60
            ),
            code="reminded_recently",
        )


# An extension is for a unit that is late by days, not a way to leave a filing open: a
# typo such as 9999-12-31 would otherwise keep it open for good.
MAX_EXTENSION_DAYS = 90
EXTEND_NOT_AWAITING = (
    "只有等待报送单位填报或修改的汇总表（草稿、已退回）可以延期，该汇总表当前为“{state}”。"
)
EXTEND_NOT_AFTER_BATCH = "延期后的截止时间应晚于批次截止时间。"
EXTEND_IN_PAST = "延期日期不能早于今天（{today:%Y-%m-%d}）。"
EXTEND_TOO_FAR = (
    "延期最长至批次截止日期或今天之后 "
    + str(MAX_EXTENSION_DAYS)
    + " 天，即不晚于 {latest:%Y-%m-%d}。"
)


def end_of_day(day: date) -> datetime:
    """An extension "to" a day runs to the end of that day, Beijing time."""
    return timezone.make_aware(datetime.combine(day, time(23, 59, 59)))


def extension_date_problem(filing: Filing, until: datetime, now: datetime | None = None) -> str:
    """Why a unit's deadline cannot be moved to `until`; empty when it can. The window opens
    today and closes MAX_EXTENSION_DAYS after the later of the batch deadline and today."""
    today = timezone.localdate(now or timezone.now())
    if until <= filing.batch.filing_deadline:
        return EXTEND_NOT_AFTER_BATCH
    day = timezone.localdate(until)
    if day < today:
        return EXTEND_IN_PAST.format(today=today)
    latest = max(timezone.localdate(filing.batch.filing_deadline), today) + timedelta(
        days=MAX_EXTENSION_DAYS
    )
    if day > latest:
        return EXTEND_TOO_FAR.format(days=MAX_EXTENSION_DAYS, latest=latest)
    return ""


@transaction.atomic
def filing_extend(
    *, filing: Filing, user, until: datetime, now: datetime | None = None
) -> Reviewed:
    filing = Filing.objects.select_for_update().select_related("batch", "unit").get(pk=filing.pk)
    ensure_batch_open(filing.batch)
    # Only a filing the unit still has to (re)submit has a deadline that matters: a submitted
    # filing waits for the reviewer, an accepted one is done.
    if filing.state not in EDITABLE_STATES:
        raise FilingError(
            EXTEND_NOT_AWAITING.format(state=filing.get_state_display()), code="not_awaiting"
        )
    problem = extension_date_problem(filing, until, now)
    if problem:
        raise FilingError(problem, code="extension_date", field="until")
    before = filing.deadline
    filing.deadline_extended_to = until
    filing.save(update_fields=["deadline_extended_to", "updated_at"])
    notified = _notify(filing, "extended", until=until)
    _record(
        filing,
        user,
        EventKind.EXTENDED,
        "截止时间",
        [
            {
                "field": "截止时间",
                "before": beijing_time(before, suffix=False),
                "after": beijing_time(until, suffix=False),
            }
        ],
        at=now,
    )
    return Reviewed(filing, notified)
