"""The reviewers (职教所): the board of all units, and accept / return / extend."""

from datetime import timedelta

import pytest
from django.utils import timezone

from certificates.reference import LoadReport
from filings.glossary import in_extension
from filings.models import EventKind, Filing, FilingState, PilotRow, SubmittingUnit
from filings.reference import load_units
from filings.services import NOT_SUBMITTED, scan_upload
from filings.summary import summarize

from .. import factories as f
from .helpers import errors_next_to, fill, flashed, page, queries_of, url

pytestmark = pytest.mark.django_db


@pytest.fixture
def submitted(filing, staff):
    """湖北省's filing with two rows of one school, and a scan, submitted in time."""
    school = f.make_school(filing)
    f.make_row(filing, school, f.certificate(1), student_count=40)
    f.make_row(filing, school, f.certificate(2), student_count=55)
    scan_upload(filing=filing, user=staff, uploaded=f.scan_file())
    Filing.objects.filter(pk=filing.pk).update(
        state=FilingState.SUBMITTED, submitted_at=filing.batch.filing_deadline - timedelta(days=2)
    )
    return Filing.objects.get(pk=filing.pk)


@pytest.fixture
def all_units(unit, other_unit):
    load_units(LoadReport())
    assert SubmittingUnit.objects.count() == 33
    return SubmittingUnit.objects.all()


def review(client, code="420000", **data):
    return client.post(url("review", code), data)


def fresh(filing) -> Filing:
    return Filing.objects.get(pk=filing.pk)


def snapshot(filing):
    filing = fresh(filing)
    return (
        filing.state,
        filing.return_reason,
        filing.deadline_extended_to,
        filing.reviewed_by_id,
        filing.events.count(),
    )


# --- accept, return, extend -------------------------------------------------------------------


def test_a_reviewer_accepts_a_submitted_filing(reviewer_client, reviewer, submitted):
    response = reviewer_client.post(url("accept", "420000"))
    assert response.status_code == 302
    assert response.url == url("unit_home", "420000")
    # The filing's own contact address is told, and the page says so.
    assert flashed(response) == ["已确认湖北省的汇总表。已发送通知邮件至 zhangmin@hbe.gov.cn。"]
    filing = fresh(submitted)
    assert (filing.state, filing.reviewed_by) == (FilingState.ACCEPTED, reviewer)
    assert filing.events.latest("pk").kind == EventKind.ACCEPTED


def test_a_reviewer_returns_a_filing_with_the_reason_the_unit_then_reads(
    reviewer_client, staff_client, submitted
):
    response = review(reviewer_client, action="return", reason="扫描件未加盖公章，请重新上传。")
    assert response.status_code == 302
    assert flashed(response)[0].startswith("已退回湖北省的汇总表。")
    filing = fresh(submitted)
    assert filing.state == FilingState.RETURNED
    assert filing.return_reason == "扫描件未加盖公章，请重新上传。"
    assert filing.events.latest("pk").note == "扫描件未加盖公章，请重新上传。"
    home = page(staff_client.get(url("unit_home", "420000")))
    assert home.index("扫描件未加盖公章，请重新上传。") < home.index("报送步骤")
    # A returned filing can be changed again.
    assert staff_client.get(url("school_add", "420000")).status_code == 200


@pytest.mark.parametrize("reason", ["", "   ", None])
def test_returning_without_a_reason_is_refused(reviewer_client, submitted, reason):
    before = snapshot(submitted)
    data = {"action": "return"} if reason is None else {"action": "return", "reason": reason}
    response = reviewer_client.post(url("review", "420000"), data)
    assert response.status_code == 302
    assert flashed(response) == ["退回时必须填写原因。"]
    assert snapshot(submitted) == before
    assert fresh(submitted).state == FilingState.SUBMITTED


def test_only_a_submitted_filing_can_be_accepted_or_returned(reviewer_client, filing):
    before = snapshot(filing)
    assert flashed(reviewer_client.post(url("accept", "420000"))) == [NOT_SUBMITTED]
    # (The first message is still waiting to be shown.)
    assert flashed(review(reviewer_client, action="return", reason="请修改"))[-1] == NOT_SUBMITTED
    assert snapshot(filing) == before


def test_an_unknown_action_is_refused(reviewer_client, submitted):
    before = snapshot(submitted)
    assert flashed(review(reviewer_client, action="delete")) == ["未知操作。"]
    assert flashed(review(reviewer_client))[-1] == "未知操作。"
    assert snapshot(submitted) == before


def test_after_an_extension_a_unit_past_the_deadline_submits_late(
    reviewer_client, staff_client, reviewer, staff, filing
):
    f.make_row(filing)
    scan_upload(filing=filing, user=staff, uploaded=f.scan_file())
    # Past the notice's deadline, the submission is refused.
    staff_client.post(url("submit", "420000"), {"acknowledge": "on"})
    assert fresh(filing).state == FilingState.DRAFT

    until = timezone.localdate() + timedelta(days=5)
    response = review(reviewer_client, action="extend", until=until.isoformat())
    assert response.status_code == 302
    assert flashed(response)[0].startswith(
        f"湖北省的截止时间已延至 {until:%Y-%m-%d} 23:59（北京时间）。"
    )
    extended = fresh(filing)
    assert timezone.localtime(extended.deadline_extended_to).date() == until
    assert timezone.localtime(extended.deadline_extended_to).strftime("%H:%M:%S") == "23:59:59"
    event = extended.events.latest("pk")
    assert (event.kind, event.user) == (EventKind.EXTENDED, reviewer)

    response = staff_client.post(url("submit", "420000"), {"acknowledge": "on"})
    assert response.status_code == 302
    submitted = fresh(filing)
    assert submitted.state == FilingState.SUBMITTED
    # Submitted within the extension: not late, and no page says so.
    assert not submitted.is_late
    assert in_extension(submitted)
    assert submitted.events.latest("pk").note == "延期内提交"
    home = page(staff_client.get(url("unit_home", "420000")))
    assert "已提交" in home
    assert "延期内提交" in home
    assert "逾期提交" not in home
    assert "已延期（原截止 2019年9月20日 23:59（北京时间））" in home
    board = page(reviewer_client.get(url("review_board")))
    assert "延期内提交" in board
    assert "逾期提交" not in board
    assert f"{until.month}月{until.day}日" in board


def _days(n: int) -> str:
    return (timezone.localdate() + timedelta(days=n)).isoformat()


TOO_FAR = "延期最长至批次截止日期或今天之后 90 天，即不晚于 {day90}。"


# Dates relative to today are worked out when the test runs, not when it is collected: a run
# that crosses midnight (Beijing time) would otherwise expect yesterday's dates.
@pytest.mark.parametrize(
    ("until", "message"),
    [
        ("2019-13-45", "请填写有效日期，如 2019-09-27。"),
        ("", "请填写延期日期。"),
        ("2019-09-19", "延期后的截止时间应晚于批次截止时间。"),
        ("{day-1}", "延期日期不能早于今天（{day0}）。"),
        ("{day91}", TOO_FAR),
        ("9999-12-31", TOO_FAR),
    ],
)
def test_an_invalid_extension_is_refused_next_to_the_date(reviewer_client, filing, until, message):
    days = {f"day{n}": _days(n) for n in (-1, 0, 90, 91)}
    until, message = until.format(**days), message.format(**days)
    before = snapshot(filing)
    response = review(reviewer_client, action="extend", until=until)
    assert response.status_code == 200
    html = page(response)
    assert errors_next_to(html, "until") == [message]
    # The date typed is kept, on the unit's page the reviewer came from.
    assert "报送步骤" in html
    if until:
        assert f'value="{until}"' in html
    assert snapshot(filing) == before


@pytest.mark.parametrize("state", [FilingState.SUBMITTED, FilingState.ACCEPTED])
def test_a_filing_not_awaiting_the_unit_is_not_extended(reviewer_client, filing, state):
    Filing.objects.filter(pk=filing.pk).update(state=state)
    before = snapshot(filing)
    html = page(reviewer_client.get(url("unit_home", "420000")))
    assert 'value="extend"' not in html
    response = review(reviewer_client, action="extend", until=_days(5))
    assert response.status_code == 302
    label = FilingState(state).label
    assert flashed(response) == [
        f"只有等待报送单位填报或修改的汇总表（草稿、已退回）可以延期，该汇总表当前为“{label}”。"
    ]
    assert snapshot(filing) == before


def test_get_on_the_review_url_is_not_allowed_and_changes_nothing(reviewer_client, submitted):
    before = snapshot(submitted)
    response = reviewer_client.get(url("review", "420000"), {"action": "return", "reason": "x"})
    assert response.status_code == 405
    assert snapshot(submitted) == before


def test_staff_cannot_review_even_their_own_filing(staff_client, submitted):
    before = snapshot(submitted)
    assert staff_client.post(url("accept", "420000")).status_code == 404
    assert review(staff_client, action="return", reason="x").status_code == 404
    assert snapshot(submitted) == before


# --- the board --------------------------------------------------------------------------------


def board_lines(response) -> dict:
    """The board's lines by unit code."""
    return {line.unit.code: line for line in response.context["lines"]}


def test_the_board_lists_all_33_units_with_their_state(
    reviewer_client, staff, submitted, all_units, batch
):
    hunan = f.make_filing(SubmittingUnit.objects.get(code="430000"), batch)
    f.make_row(hunan, f.make_school(hunan, "湖南铁道职业技术学院"))
    Filing.objects.filter(pk=hunan.pk).update(
        state=FilingState.ACCEPTED, submitted_at=submitted.submitted_at
    )
    beijing = f.make_filing(SubmittingUnit.objects.get(code="110000"), batch)
    f.make_row(beijing, f.make_school(beijing, "北京电子科技职业学院"))
    Filing.objects.filter(pk=beijing.pk).update(state=FilingState.RETURNED)
    tianjin = f.make_filing(SubmittingUnit.objects.get(code="120000"), batch)
    f.make_row(tianjin, f.make_school(tianjin, "天津职业大学"))
    f.make_filing(SubmittingUnit.objects.get(code="130000"), batch)  # opened, nothing entered

    response = reviewer_client.get(url("review_board"))
    assert response.status_code == 200
    lines = board_lines(response)
    assert len(lines) == 33
    assert list(lines) == sorted(u.code for u in all_units)
    labels = {code: line.state for code, line in lines.items()}
    assert labels["420000"] == "已提交"
    assert labels["430000"] == "已确认"
    assert labels["110000"] == "已退回"
    assert labels["120000"] == "草稿"
    assert labels["130000"] == "未开始"
    assert labels["660000"] == "未开始"  # 新疆生产建设兵团
    assert labels["900000"] == "未开始"  # 国家开放大学
    assert list(labels.values()).count("未开始") == 29

    html = page(response)
    for name in ("湖北省", "湖南省", "新疆生产建设兵团", "国家开放大学", "新疆维吾尔自治区"):
        assert f">{name}</a>" in html
    for label in ("已提交", "已确认", "已退回", "草稿"):
        assert f">{label}</span>" in html
    assert html.count(">未开始</span>") == 29
    context = response.context
    assert (context["submitted"], context["accepted"], context["returned"]) == (2, 1, 1)
    assert (context["not_started"], context["total_units"]) == (29, 33)
    assert "2/33" in html


def test_the_board_shows_each_units_rows_schools_and_students(
    reviewer_client, submitted, all_units
):
    response = reviewer_client.get(url("review_board"))
    summary = board_lines(response)["420000"].figures.summary
    assert (summary.rows, summary.schools, summary.students) == (2, 1, 95)
    assert f'href="{url("unit_home", "420000")}"' in page(response)


def test_the_boards_students_are_the_units_own_total(reviewer_client, filing):
    # A row with 0 or a negative number of students (possible from an import) adds none.
    school = f.make_school(filing)
    f.make_row(filing, school, f.certificate(1), student_count=40)
    f.make_row(filing, school, f.certificate(2), student_count=-5)
    f.make_row(filing, school, f.certificate(3), student_count=0)
    response = reviewer_client.get(url("review_board"))
    assert summarize(filing).students == 40
    assert board_lines(response)["420000"].figures.summary.students == 40


def test_staff_and_users_without_a_role_do_not_see_the_board(
    staff_client, outsider, client, filing
):
    assert staff_client.get(url("review_board")).status_code == 404
    client.force_login(outsider)
    assert client.get(url("review_board")).status_code == 404


def test_the_board_runs_as_many_queries_for_60_rows_as_for_5(
    reviewer_client, staff, other_staff, all_units, batch
):
    hubei = f.make_filing(SubmittingUnit.objects.get(code="420000"), batch)
    hunan = f.make_filing(SubmittingUnit.objects.get(code="430000"), batch)
    fill(hubei, staff, 3)
    fill(hunan, other_staff, 2)
    small = queries_of(reviewer_client, url("review_board"))
    fill(hubei, staff, 30)
    fill(hunan, other_staff, 25)
    for code in ("110000", "120000", "650000"):  # and more units with filings
        other = f.make_filing(SubmittingUnit.objects.get(code=code), batch)
        f.make_row(other, f.make_school(other, f"{code}职业学院"))
    Filing.objects.filter(pk=hunan.pk).update(
        state=FilingState.SUBMITTED, submitted_at=timezone.now()
    )
    assert PilotRow.objects.count() == 63
    large = queries_of(reviewer_client, url("review_board"))
    assert large == small
