"""A unit's home: state and deadline, the five figures, the open problems, the checklist."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from filings.models import Filing, FilingState, SchoolType
from filings.services import filing_return, filing_submit, scan_upload

from .. import factories as f
from .helpers import client_for, fill, page, queries_of, url

pytestmark = pytest.mark.django_db


def figures(html: str) -> dict[str, int]:
    """The summary block: label -> number."""
    return {
        label: int(value)
        for label, value in re.findall(r"(第二批试点[^<]+)</th>\s*<td[^>]*>(\d+)</td>", html)
    }


def steps(response) -> list[bool]:
    return [step.done for step in response.context["steps"]]


def test_it_shows_the_five_summary_figures(staff_client, filing):
    higher = f.make_school(filing, "武汉船舶职业技术学院", SchoolType.HIGHER)
    f.make_row(filing, higher, f.certificate(1), student_count=40)
    f.make_row(filing, higher, f.certificate(2), student_count=55)
    secondary = f.make_school(filing, "恩施州卫生学校", SchoolType.SECONDARY)
    f.make_row(filing, secondary, f.certificate(7), student_count=30)
    applied = f.make_school(filing, "湖北工程学院", SchoolType.APPLIED_UNDERGRAD)
    f.make_row(filing, applied, f.certificate(3), student_count=20)
    pilot = f.make_school(filing, "湖北职业技术大学", SchoolType.UNDERGRAD_PILOT)
    f.make_row(filing, pilot, f.certificate(4), student_count=10)

    response = staff_client.get(url("unit_home", "420000"))

    assert response.status_code == 200
    assert figures(page(response)) == {
        "第二批试点学生总规模": 155,
        "第二批试点院校数量(中职)": 1,
        "第二批试点院校数量(高职)": 1,
        "第二批试点院校数量(本科)": 2,
        "第二批试点院校总规模": 4,
    }


def test_an_empty_filing_shows_zero_figures(staff_client, filing):
    html = page(staff_client.get(url("unit_home", "420000")))
    assert set(figures(html).values()) == {0}
    assert len(figures(html)) == 5


def test_it_shows_the_days_to_the_deadline(staff_client, filing, monkeypatch):
    # The page's clock stopped at noon, ten days before the deadline's day (no test can then
    # straddle a midnight between setting the deadline and reading the page).
    now = filing.deadline - timedelta(days=10, hours=12)
    monkeypatch.setattr(timezone, "now", lambda: now)

    response = staff_client.get(url("unit_home", "420000"))

    assert response.context["days_left"] == 10
    assert "还有 <strong>10</strong> 天" in page(response)
    assert "已过截止时间" not in page(response)


def test_past_the_deadline_it_says_so(staff_client, filing):
    html = page(staff_client.get(url("unit_home", "420000")))
    assert "已过截止时间" in html
    assert "2019年9月20日 23:59" in html


def test_it_counts_open_errors_warnings_and_missing_evidence(staff_client, filing):
    f.make_row(filing, student_count=None, team_size=None)  # 2 errors, 1 missing evidence
    f.make_row(filing, f.make_school(filing, "恩施职业技术学院"), facilities="")  # 1 warning
    html = page(staff_client.get(url("unit_home", "420000")))
    assert "2 个错误" in html
    assert "1 条提醒" in html
    assert "1 处缺少佐证" in html


def test_a_returned_filing_shows_the_reviewers_reason_first(staff, filing, reviewer):
    f.make_row(filing)
    Filing.objects.filter(pk=filing.pk).update(state=FilingState.SUBMITTED)
    filing_return(filing=filing, user=reviewer, reason="扫描件未加盖公章，请重新上传。")
    html = page(client_for(staff).get(url("unit_home", "420000")))
    reason = html.index("扫描件未加盖公章，请重新上传。")
    assert "职教所退回了本汇总表，原因：" in html
    # Before anything else of the filing: the deadline, the problems, the checklist.
    for later in ("报送截止", "检查结果", "报送步骤", "总体情况"):
        assert reason < html.index(later), later


def test_a_draft_after_a_return_still_shows_the_last_reason_but_not_as_returned(
    staff_client, staff, filing, reviewer
):
    row = f.make_row(filing)
    Filing.objects.filter(pk=filing.pk).update(state=FilingState.SUBMITTED)
    filing_return(filing=filing, user=reviewer, reason="请补充示范校类别。")
    staff_client.post(url("row_delete", "420000", row.pk))
    html = page(staff_client.get(url("unit_home", "420000")))
    assert "上次退回原因：请补充示范校类别。" in html
    assert "职教所退回了本汇总表" not in html


def test_the_checklist_ticks_itself_step_by_step(staff_client, staff, batch, unit):
    filing = f.make_filing(unit, batch, header=False)
    home = url("unit_home", "420000")
    assert steps(staff_client.get(home)) == [False] * 5

    Filing.objects.filter(pk=filing.pk).update(
        contact_name="张敏", contact_phone="027-87328057", contact_email="zhangmin@hbe.gov.cn"
    )
    assert steps(staff_client.get(home)) == [True, False, False, False, False]

    row = f.make_row(filing, student_count=None)  # entered, but with an error
    assert steps(staff_client.get(home)) == [True, True, False, False, False]

    row.student_count = 40
    row.save()
    assert steps(staff_client.get(home)) == [True, True, True, False, False]

    scan_upload(filing=Filing.objects.get(pk=filing.pk), user=staff, uploaded=f.scan_file())
    response = staff_client.get(home)
    assert steps(response) == [True, True, True, True, False]
    assert "扫描件对应表格版本 1" in page(response)

    batch.filing_deadline = timezone.now() + timedelta(days=3)
    batch.save()
    filing_submit(filing=filing, user=staff, acknowledged=True)
    response = staff_client.get(home)
    assert steps(response) == [True] * 5
    html = page(response)
    assert html.count("已完成：") == 5
    assert "未完成：" not in html


def test_each_step_links_to_where_it_is_done(staff_client, filing):
    response = staff_client.get(url("unit_home", "420000"))
    links = [step.url for step in response.context["steps"]]
    assert links[0] == url("header", "420000")
    assert links[2] == url("rows", "420000") + "?problems=errors"
    assert links[3] == url("scan", "420000")
    assert links[4] == url("submit", "420000")
    html = page(response)
    for link in links:
        assert f'href="{link}"' in html


def test_staff_may_edit_the_header_reviewers_see_the_review_forms(
    staff_client, reviewer_client, filing
):
    staff_html = page(staff_client.get(url("unit_home", "420000")))
    assert f'href="{url("header", "420000")}"' in staff_html
    assert url("review", "420000") not in staff_html

    # A draft can be extended; a submitted filing accepted or returned (not extended).
    assert 'value="extend"' in page(reviewer_client.get(url("unit_home", "420000")))
    Filing.objects.filter(pk=filing.pk).update(state=FilingState.SUBMITTED)
    reviewer_html = page(reviewer_client.get(url("unit_home", "420000")))
    assert f'action="{url("review", "420000")}"' in reviewer_html
    # Accepting goes through its confirmation page.
    assert f'href="{url("accept", "420000")}"' in reviewer_html
    assert 'value="return"' in reviewer_html
    assert 'value="extend"' not in reviewer_html
    assert f'href="{url("header", "420000")}"' not in reviewer_html


def test_the_unit_home_runs_as_many_queries_for_60_rows_as_for_5(staff_client, staff, filing):
    home = url("unit_home", "420000")
    fill(filing, staff, 5)
    small = queries_of(staff_client, home)
    fill(filing, staff, 55)
    assert Filing.objects.get(pk=filing.pk).rows.count() == 60
    large = queries_of(staff_client, home)
    assert large == small
