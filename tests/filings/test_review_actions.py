"""The reviewers' actions that move through the work (issue #12): whom the unit's e-mail goes
to, the undo of an acceptance, and the reminder to every unit not yet submitted."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from filings.models import EventKind, Filing, FilingEvent, FilingState, SubmittingUnit
from filings.notifications import notified_text, notify_unit, unit_addresses
from filings.selectors import next_to_review
from filings.services import (
    NOT_ACCEPTED,
    FilingError,
    filing_accept,
    filing_return,
    filing_unaccept,
    filings_remind,
)

from . import factories as f

pytestmark = pytest.mark.django_db

BEIJING = ZoneInfo("Asia/Shanghai")
REMINDED_AT = datetime(2019, 9, 18, 9, 0, tzinfo=BEIJING)


def with_email(user, email: str):
    user.email = email
    user.save()
    return user


def submitted(unit, batch) -> Filing:
    filing = f.make_filing(unit, batch)
    Filing.objects.filter(pk=filing.pk).update(
        state=FilingState.SUBMITTED, submitted_at=batch.filing_deadline - timedelta(days=1)
    )
    return Filing.objects.get(pk=filing.pk)


# --- who is told --------------------------------------------------------------------------------


def test_the_unit_is_told_at_its_staff_and_at_the_filings_contact_address(batch, unit, staff):
    with_email(staff, "liqiang@hbe.gov.cn")
    with_email(f.make_staff(unit, "second"), "wangfang@hbe.gov.cn")
    f.make_staff(unit, "no-email")
    with_email(f.make_staff(f.make_unit("430000", "湖南省"), "hunan"), "hn@hne.gov.cn")
    inactive = with_email(f.make_staff(unit, "gone"), "gone@hbe.gov.cn")
    inactive.is_active = False
    inactive.save()
    filing = f.make_filing(unit, batch, contact_email="zhangmin@hbe.gov.cn")
    assert unit_addresses(filing) == [
        "liqiang@hbe.gov.cn",
        "wangfang@hbe.gov.cn",
        "zhangmin@hbe.gov.cn",
    ]


def test_an_address_both_on_an_account_and_in_the_header_is_written_to_once(batch, unit, staff):
    with_email(staff, "ZhangMin@hbe.gov.cn")
    filing = f.make_filing(unit, batch, contact_email="zhangmin@hbe.gov.cn")
    assert unit_addresses(filing) == ["ZhangMin@hbe.gov.cn"]


def test_a_unit_without_any_address_is_told_nothing_and_the_page_says_why(
    batch, unit, staff, mailoutbox
):
    filing = f.make_filing(unit, batch, contact_email="")
    assert unit_addresses(filing) == []
    assert notify_unit(filing, "accepted") == []
    assert mailoutbox == []
    assert notified_text(filing, []) == (
        "未能通知湖北省：该单位没有填写邮箱的工作人员账号，汇总表表头也未填写联系邮箱。"
    )
    assert notified_text(filing, ["a@hbe.gov.cn", "b@hbe.gov.cn"]) == (
        "已发送通知邮件至 a@hbe.gov.cn、b@hbe.gov.cn。"
    )


def test_notify_unit_returns_whom_it_wrote_to_and_nobody_when_the_mail_fails(
    batch, unit, staff, mailoutbox, monkeypatch
):
    filing = f.make_filing(unit, batch)
    assert notify_unit(filing, "accepted") == ["zhangmin@hbe.gov.cn"]
    assert mailoutbox[0].to == ["zhangmin@hbe.gov.cn"]

    def refuse(*args, **kwargs):
        raise OSError("mail server down")

    monkeypatch.setattr("filings.notifications.send_mail", refuse)
    assert notify_unit(filing, "accepted") == []


def test_a_return_names_and_writes_to_the_staff_and_the_contact_in_one_message(
    batch, unit, staff, reviewer, mailoutbox, django_capture_on_commit_callbacks
):
    with_email(staff, "liqiang@hbe.gov.cn")
    filing = submitted(unit, batch)
    with django_capture_on_commit_callbacks(execute=True):
        reviewed = filing_return(filing=filing, user=reviewer, reason="请补充示范校类别。")
    assert reviewed.filing.state == FilingState.RETURNED
    assert reviewed.notified == ["liqiang@hbe.gov.cn", "zhangmin@hbe.gov.cn"]
    [message] = mailoutbox
    assert message.to == ["liqiang@hbe.gov.cn", "zhangmin@hbe.gov.cn"]


def test_nothing_is_sent_for_an_action_rolled_back(
    batch, unit, staff, reviewer, mailoutbox, django_capture_on_commit_callbacks
):
    filing = f.make_filing(unit, batch)  # a draft: the acceptance is refused
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(FilingError):
        filing_accept(filing=filing, user=reviewer)
    assert mailoutbox == []


# --- undoing an acceptance ------------------------------------------------------------------------


def test_an_acceptance_is_undone_back_to_submitted_and_recorded(
    batch, unit, staff, reviewer, mailoutbox, django_capture_on_commit_callbacks
):
    filing = submitted(unit, batch)
    with django_capture_on_commit_callbacks(execute=True):
        filing_accept(filing=filing, user=reviewer)
        reviewed = filing_unaccept(filing=filing, user=reviewer, now=REMINDED_AT)
    filing = Filing.objects.get(pk=filing.pk)
    assert filing.state == FilingState.SUBMITTED
    assert (filing.reviewed_by, filing.reviewed_at) == (None, None)
    assert filing.submitted_at is not None
    undone, accepted = filing.events.order_by("-pk")[:2]
    assert (undone.kind, undone.user, undone.at) == (EventKind.UNACCEPTED, reviewer, REMINDED_AT)
    assert (accepted.kind, accepted.user) == (EventKind.ACCEPTED, reviewer)
    assert undone.get_kind_display() == "撤销确认"
    # The unit, told it was accepted, is told that this no longer holds.
    assert reviewed.notified == ["zhangmin@hbe.gov.cn"]
    assert [m.subject for m in mailoutbox] == [
        "[1+X试点报送] 汇总表已确认",
        "[1+X试点报送] 汇总表的确认已撤销",
    ]
    assert "恢复为“已提交”状态，等待职教所重新审核" in mailoutbox[1].body
    # And it can be reviewed again.
    filing_return(filing=filing, user=reviewer, reason="请补充。")
    assert Filing.objects.get(pk=filing.pk).state == FilingState.RETURNED


@pytest.mark.parametrize("state", [FilingState.DRAFT, FilingState.SUBMITTED, FilingState.RETURNED])
def test_only_an_accepted_filing_can_be_undone(batch, unit, reviewer, mailoutbox, state):
    filing = f.make_filing(unit, batch, state=state)
    with pytest.raises(FilingError) as refused:
        filing_unaccept(filing=filing, user=reviewer)
    assert refused.value.message == NOT_ACCEPTED
    assert Filing.objects.get(pk=filing.pk).state == state
    assert not filing.events.exists()
    assert mailoutbox == []


# --- the next filing to review --------------------------------------------------------------------


def test_the_next_filing_to_review_follows_by_unit_code_and_wraps_around(batch):
    units = {
        code: f.make_unit(code, name)
        for code, name in [
            ("110000", "北京市"),
            ("420000", "湖北省"),
            ("430000", "湖南省"),
            ("500000", "重庆市"),
        ]
    }
    beijing = submitted(units["110000"], batch)
    hubei = submitted(units["420000"], batch)
    f.make_filing(units["430000"], batch, state=FilingState.ACCEPTED)
    chongqing = submitted(units["500000"], batch)
    assert next_to_review(hubei) == chongqing
    assert next_to_review(chongqing) == beijing
    # From a filing just accepted: the next one after it.
    assert next_to_review(Filing.objects.get(unit=units["430000"])) == chongqing
    Filing.objects.exclude(pk=hubei.pk).update(state=FilingState.ACCEPTED)
    assert next_to_review(hubei) is None


# --- reminding the units not yet submitted -------------------------------------------------------


@pytest.fixture
def four_units(batch, unit, staff):
    """湖北省 a draft with rows (staff with an e-mail, and the header's contact), 湖南省
    returned (header only), 北京市 never opened its filing (and has no address at all),
    重庆市 submitted, 天津市 accepted."""
    with_email(staff, "liqiang@hbe.gov.cn")
    hubei = f.make_filing(unit, batch)
    f.make_row(hubei)
    hunan = f.make_filing(f.make_unit("430000", "湖南省"), batch, contact_email="hn@hne.gov.cn")
    Filing.objects.filter(pk=hunan.pk).update(
        state=FilingState.RETURNED, return_reason="请补充示范校类别。"
    )
    f.make_unit("110000", "北京市")
    submitted(f.make_unit("500000", "重庆市"), batch)
    f.make_filing(f.make_unit("120000", "天津市"), batch, state=FilingState.ACCEPTED)
    return hubei, hunan


def test_the_reminder_goes_to_every_unit_not_submitted_and_is_in_each_history(
    batch, reviewer, four_units, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        reminded = filings_remind(batch=batch, user=reviewer, now=REMINDED_AT)
    assert [(r.filing.unit.code, r.notified) for r in reminded] == [
        ("110000", []),
        ("420000", ["liqiang@hbe.gov.cn", "zhangmin@hbe.gov.cn"]),
        ("430000", ["hn@hne.gov.cn"]),
    ]
    # 北京市 had no filing: it has one now, with the reminder in its history.
    assert Filing.objects.filter(unit__code="110000", batch=batch).exists()
    events = FilingEvent.objects.filter(kind=EventKind.REMINDED).order_by("filing__unit__code")
    assert [(e.filing.unit.code, e.user, e.at) for e in events] == [
        ("110000", reviewer, REMINDED_AT),
        ("420000", reviewer, REMINDED_AT),
        ("430000", reviewer, REMINDED_AT),
    ]
    assert events[0].note == "无可通知的邮箱"
    assert events[1].note == "通知邮件发送至 liqiang@hbe.gov.cn、zhangmin@hbe.gov.cn"
    assert events[0].get_kind_display() == "催报"
    # Submitted and accepted units are left alone.
    assert not FilingEvent.objects.filter(
        filing__unit__code__in=["500000", "120000"], kind=EventKind.REMINDED
    ).exists()
    assert sorted(tuple(m.to) for m in mailoutbox) == [
        ("hn@hne.gov.cn",),
        ("liqiang@hbe.gov.cn", "zhangmin@hbe.gov.cn"),
    ]


def test_the_reminder_e_mail_names_the_deadline_and_what_to_do(
    batch, reviewer, four_units, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        filings_remind(batch=batch, user=reviewer, now=REMINDED_AT)
    by_address = {m.to[-1]: m for m in mailoutbox}
    hubei = by_address["zhangmin@hbe.gov.cn"]
    assert hubei.subject == "[1+X试点报送] 请尽快提交汇总表"
    assert hubei.body.startswith("湖北省的第二批1+X证书制度试点汇总表尚未提交。")
    assert "报送截止时间：2019年9月20日 23:59（北京时间）" in hubei.body
    assert "（北京时间）。" in hubei.body
    assert "逾期" not in hubei.body
    assert "上传加盖省级教育行政部门公章（省厅公章）的扫描件后提交" in hubei.body
    assert "查看汇总表：" in hubei.body
    hunan = by_address["hn@hne.gov.cn"]
    assert "已被职教所退回，尚未重新提交" in hunan.body


def test_a_reminder_after_the_deadline_says_to_ask_for_an_extension(
    batch, reviewer, four_units, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        filings_remind(batch=batch, user=reviewer, now=batch.filing_deadline + timedelta(days=1))
    assert all("现已逾期。如需延期，请尽快与职教所联系。" in m.body for m in mailoutbox)


def test_a_second_reminder_within_ten_minutes_is_refused_and_sends_nothing(
    batch, reviewer, four_units, mailoutbox, django_capture_on_commit_callbacks
):
    """A double click on 催报, or two reviewers at once: the units get one e-mail."""
    with django_capture_on_commit_callbacks(execute=True):
        filings_remind(batch=batch, user=reviewer, now=REMINDED_AT)
    sent = len(mailoutbox)
    with pytest.raises(FilingError) as refused:
        filings_remind(batch=batch, user=reviewer, now=REMINDED_AT + timedelta(minutes=9))
    assert refused.value.code == "reminded_recently"
    assert "10 分钟内不再重复发送" in refused.value.message
    assert len(mailoutbox) == sent
    assert FilingEvent.objects.filter(kind=EventKind.REMINDED).count() == 3
    # Ten minutes on, a reminder is a new one.
    with django_capture_on_commit_callbacks(execute=True):
        again = filings_remind(batch=batch, user=reviewer, now=REMINDED_AT + timedelta(minutes=10))
    assert len(again) == 3
    assert len(mailoutbox) == 2 * sent


def test_with_every_unit_submitted_nobody_is_reminded(batch, reviewer, mailoutbox):
    for code, name in [("420000", "湖北省"), ("430000", "湖南省")]:
        submitted(f.make_unit(code, name), batch)
    assert SubmittingUnit.objects.count() == 2
    assert filings_remind(batch=batch, user=reviewer) == []
    assert not FilingEvent.objects.exists()
    assert mailoutbox == []
