"""Reviewers moving through the work (issue #12): the board's cards and filters, the reminder
to units not yet submitted, accepting after a confirmation and its undo, the next filing to
review, and every page after a notification saying who was told."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from certificates.reference import LoadReport
from filings.models import EventKind, Filing, FilingEvent, FilingState, SubmittingUnit
from filings.reference import load_units
from filings.services import NOT_SUBMITTED

from .. import factories as f
from .helpers import flashed, page, url

pytestmark = pytest.mark.django_db

HUBEI = "420000"


def set_state(filing: Filing, state: str) -> Filing:
    submitted_at = filing.batch.filing_deadline - timedelta(days=1)
    Filing.objects.filter(pk=filing.pk).update(
        state=state, submitted_at=None if state == FilingState.DRAFT else submitted_at
    )
    return Filing.objects.get(pk=filing.pk)


def with_rows(unit_code: str, name: str, batch, state: str) -> Filing:
    filing = f.make_filing(f.make_unit(unit_code, name), batch)
    f.make_row(filing, f.make_school(filing, f"{name}职业技术学院"))
    return set_state(filing, state)


@pytest.fixture
def many_states(batch, unit, other_unit):
    """33 units: 2 submitted (one late), 1 accepted, 1 returned, 1 draft, the rest not started."""
    load_units(LoadReport())
    hubei = with_rows(HUBEI, "湖北省", batch, FilingState.SUBMITTED)
    late = batch.filing_deadline + timedelta(days=1)
    Filing.objects.filter(pk=hubei.pk).update(submitted_at=late)
    with_rows("430000", "湖南省", batch, FilingState.SUBMITTED)
    with_rows("110000", "北京市", batch, FilingState.ACCEPTED)
    with_rows("120000", "天津市", batch, FilingState.RETURNED)
    with_rows("130000", "河北省", batch, FilingState.DRAFT)
    assert SubmittingUnit.objects.count() == 33


# --- the board's cards and filters ---------------------------------------------------------------


def test_every_card_on_the_board_counts_what_its_link_lists(reviewer_client, many_states):
    response = reviewer_client.get(url("review_board"))
    cards = response.context["cards"]
    html = page(response)
    counts = {}
    for card in cards:
        assert f'href="?{card.query}"' in html
        listed = reviewer_client.get(url("review_board") + "?" + card.query).context["lines"]
        assert len(listed) == card.count, card.label
        counts[card.label] = card.count
    assert counts == {
        "已提交（含已确认）": 3,
        "待审核（已提交）": 2,
        "已确认": 1,
        "未提交": 30,
        "已退回": 1,
        "草稿": 1,
        "未开始": 28,
        "截止后提交（含延期内）": 1,
    }
    assert "3/33" in html


def test_the_not_submitted_filter_lists_units_not_started_in_draft_or_returned(
    reviewer_client, many_states
):
    response = reviewer_client.get(url("review_board"), {"state": "未提交"})
    states = {line.unit.code: line.state for line in response.context["lines"]}
    assert len(states) == 30
    assert (states["120000"], states["130000"], states["900000"]) == ("已退回", "草稿", "未开始")
    assert not {HUBEI, "430000", "110000"} & set(states)
    assert '<option value="未提交" selected>未提交（未开始、草稿、已退回）</option>' in page(
        response
    )


# --- reminding the units not yet submitted -------------------------------------------------------


@pytest.fixture
def two_units(batch, unit, other_unit, staff):
    """湖北省 in draft (its staff have an e-mail, its header a contact), 湖南省 never opened its
    filing and has no address anywhere."""
    staff.email = "liqiang@hbe.gov.cn"
    staff.save()
    f.make_row(f.make_filing(unit, batch))


def test_a_reviewer_reminds_the_units_not_submitted_and_sees_who_was_told(
    reviewer_client, reviewer, two_units, mailoutbox, django_capture_on_commit_callbacks
):
    board = page(reviewer_client.get(url("review_board")))
    assert "向 2 个未提交的单位发送催报邮件" in board
    assert f'action="{url("remind")}"' in board
    with django_capture_on_commit_callbacks(execute=True):
        response = reviewer_client.post(url("remind"))
    assert response.status_code == 302
    assert response.url == url("review_board")
    assert flashed(response) == [
        "已向 1 个未提交的单位发送催报邮件：湖北省（liqiang@hbe.gov.cn、zhangmin@hbe.gov.cn）。",
        "1 个单位未能通知（没有填写邮箱的工作人员账号，汇总表表头也未填写联系邮箱）：湖南省。",
    ]
    [message] = mailoutbox
    assert message.to == ["liqiang@hbe.gov.cn", "zhangmin@hbe.gov.cn"]
    events = FilingEvent.objects.filter(kind=EventKind.REMINDED)
    assert sorted(e.filing.unit.code for e in events) == [HUBEI, "430000"]
    assert {e.user for e in events} == {reviewer}
    # The history shows it, and the board says when the last reminder went out.
    history = page(reviewer_client.get(url("history", HUBEI)))
    assert "催报" in history
    assert "上次催报：" in page(reviewer_client.get(url("review_board")))


def test_a_double_click_on_remind_e_mails_once(
    reviewer_client, two_units, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        reviewer_client.post(url("remind"))
        second = reviewer_client.post(url("remind"))
    assert len(mailoutbox) == 1
    said = flashed(second)[-1]  # after the first reminder's own, not yet shown
    assert said.endswith("刚催报过，10 分钟内不再重复发送催报邮件，以免各单位收到两封。")
    assert "（北京时间）" in said
    assert FilingEvent.objects.filter(kind=EventKind.REMINDED).count() == 2


def test_with_every_unit_submitted_there_is_nobody_to_remind(
    reviewer_client, batch, unit, mailoutbox
):
    set_state(f.make_filing(unit, batch), FilingState.SUBMITTED)
    assert "催报邮件" not in page(reviewer_client.get(url("review_board")))
    response = reviewer_client.post(url("remind"))
    assert flashed(response) == ["所有单位均已提交，无需催报。"]
    assert not FilingEvent.objects.exists()


def test_only_reviewers_remind_and_only_with_the_csrf_token(
    staff_client, client, outsider, reviewer, two_units, mailoutbox
):
    assert staff_client.post(url("remind")).status_code == 404
    client.force_login(outsider)
    assert client.post(url("remind")).status_code == 404
    guarded = Client(enforce_csrf_checks=True)
    guarded.force_login(reviewer)
    assert guarded.post(url("remind")).status_code == 403
    assert not FilingEvent.objects.filter(kind=EventKind.REMINDED).exists()
    assert mailoutbox == []


# --- accepting after a confirmation, and undoing it ----------------------------------------------


@pytest.fixture
def submitted(batch, unit):
    return with_rows(HUBEI, "湖北省", batch, FilingState.SUBMITTED)


def test_accepting_asks_first_and_changes_nothing_until_confirmed(reviewer_client, submitted):
    home = page(reviewer_client.get(url("unit_home", HUBEI)))
    assert f'href="{url("accept", HUBEI)}"' in home
    response = reviewer_client.get(url("accept", HUBEI))
    assert response.status_code == 200
    html = page(response)
    assert "确认湖北省的汇总表？" in html
    assert '<button type="submit" class="btn btn-success">确认汇总表</button>' in html
    assert f'href="{url("unit_home", HUBEI)}">返回，暂不确认</a>' in html
    assert Filing.objects.get(pk=submitted.pk).state == FilingState.SUBMITTED
    assert not submitted.events.exists()


def test_a_filing_not_submitted_cannot_be_confirmed(reviewer_client, batch, unit):
    f.make_filing(unit, batch)
    response = reviewer_client.get(url("accept", HUBEI))
    assert response.url == url("unit_home", HUBEI)
    assert flashed(response) == [NOT_SUBMITTED]


def test_staff_never_see_the_confirmation(staff_client, submitted):
    assert staff_client.get(url("accept", HUBEI)).status_code == 404
    assert staff_client.post(url("accept", HUBEI)).status_code == 404
    assert Filing.objects.get(pk=submitted.pk).state == FilingState.SUBMITTED


def test_after_accepting_the_page_links_the_next_filing_waiting_for_review(
    reviewer_client, batch, submitted, mailoutbox, django_capture_on_commit_callbacks
):
    with_rows("110000", "北京市", batch, FilingState.SUBMITTED)  # before 湖北省 by code
    with_rows("500000", "重庆市", batch, FilingState.SUBMITTED)
    with django_capture_on_commit_callbacks(execute=True):
        response = reviewer_client.post(url("accept", HUBEI), follow=True)
    html = page(response)
    assert "已确认湖北省的汇总表。已发送通知邮件至 zhangmin@hbe.gov.cn。" in html
    assert f'下一份待审核：<a href="{url("unit_home", "500000")}">重庆市</a>' in html
    assert [m.to for m in mailoutbox] == [["zhangmin@hbe.gov.cn"]]


def test_an_accepted_filing_offers_only_the_undo(reviewer_client, submitted):
    set_state(submitted, FilingState.ACCEPTED)
    html = page(reviewer_client.get(url("unit_home", HUBEI)))
    assert 'value="unaccept"' in html
    assert "撤销确认" in html
    assert "提交后才能确认或退回" not in html
    assert 'value="extend"' not in html
    assert 'value="return"' not in html
    assert "目前没有其他等待审核的汇总表。" in html


def test_a_reviewer_undoes_an_acceptance(
    reviewer_client, reviewer, submitted, mailoutbox, django_capture_on_commit_callbacks
):
    reviewer_client.post(url("accept", HUBEI))
    with django_capture_on_commit_callbacks(execute=True):
        response = reviewer_client.post(url("review", HUBEI), {"action": "unaccept"})
    assert response.url == url("unit_home", HUBEI)
    assert flashed(response)[-1] == (
        "已撤销对湖北省汇总表的确认，汇总表恢复为“已提交”。已发送通知邮件至 zhangmin@hbe.gov.cn。"
    )
    filing = Filing.objects.get(pk=submitted.pk)
    assert filing.state == FilingState.SUBMITTED
    event = filing.events.order_by("-pk").first()
    assert (event.kind, event.user) == (EventKind.UNACCEPTED, reviewer)
    assert "撤销确认" in page(reviewer_client.get(url("history", HUBEI)))


def test_undoing_what_is_not_accepted_is_refused(reviewer_client, submitted):
    response = reviewer_client.post(url("review", HUBEI), {"action": "unaccept"})
    assert flashed(response) == ["只有已确认的汇总表可以撤销确认。"]
    assert not submitted.events.exists()


def test_staff_cannot_undo_an_acceptance(staff_client, submitted):
    set_state(submitted, FilingState.ACCEPTED)
    response = staff_client.post(url("review", HUBEI), {"action": "unaccept"})
    assert response.status_code == 404
    assert Filing.objects.get(pk=submitted.pk).state == FilingState.ACCEPTED


def test_a_draft_offers_the_extension_and_says_why_there_is_nothing_to_review(
    reviewer_client, batch, unit
):
    f.make_filing(unit, batch)
    html = page(reviewer_client.get(url("unit_home", HUBEI)))
    assert "报送单位尚未提交汇总表；提交后才能确认或退回。" in html
    assert 'value="extend"' in html
    assert 'value="unaccept"' not in html


# --- who was notified --------------------------------------------------------------------------


def test_a_return_says_who_was_told(reviewer_client, submitted, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = reviewer_client.post(
            url("review", HUBEI), {"action": "return", "reason": "请补充示范校类别。"}
        )
    assert flashed(response) == ["已退回湖北省的汇总表。已发送通知邮件至 zhangmin@hbe.gov.cn。"]


def test_a_return_says_when_nobody_could_be_told(reviewer_client, submitted, mailoutbox):
    Filing.objects.filter(pk=submitted.pk).update(contact_email="")
    response = reviewer_client.post(
        url("review", HUBEI), {"action": "return", "reason": "请补充示范校类别。"}
    )
    assert flashed(response) == [
        "已退回湖北省的汇总表。未能通知湖北省：该单位没有填写邮箱的工作人员账号，"
        "汇总表表头也未填写联系邮箱。"
    ]
    assert mailoutbox == []


def test_an_extension_says_who_was_told(reviewer_client, batch, unit, staff):
    staff.email = "liqiang@hbe.gov.cn"
    staff.save()
    f.make_filing(unit, batch)
    until = timezone.localdate() + timedelta(days=5)
    response = reviewer_client.post(
        url("review", HUBEI), {"action": "extend", "until": until.isoformat()}
    )
    [message] = flashed(response)
    assert message.endswith("已发送通知邮件至 liqiang@hbe.gov.cn、zhangmin@hbe.gov.cn。")


# --- the check's badges ------------------------------------------------------------------------


def test_no_errors_is_not_shown_in_red(staff_client, batch, unit):
    filing = f.make_filing(unit, batch)
    f.make_row(filing)
    html = page(staff_client.get(url("unit_home", HUBEI)))
    assert "0 个错误</a>" not in html
    assert '<span class="badge text-bg-light border fs-6 fw-normal">没有错误</span>' in html
    assert "text-bg-danger" not in html


def test_errors_are_shown_in_red(staff_client, batch, unit):
    filing = f.make_filing(unit, batch)
    f.make_row(filing, student_count=None)
    html = page(staff_client.get(url("unit_home", HUBEI)))
    assert 'badge text-bg-danger fs-6 text-decoration-none">1 个错误</a>' in html
