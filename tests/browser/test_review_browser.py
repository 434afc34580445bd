"""A reviewer follows a filing period: who is missing, return, resubmission, acceptance,
and the national workbook whose figures match the board."""

import re
from io import BytesIO

import pytest
from django.utils import timezone
from openpyxl import load_workbook
from playwright.sync_api import expect

from .conftest import save_screenshot, seed_demo_period
from .test_filing_browser import login, logout, png_bytes, unfold_navigation

pytestmark = pytest.mark.browser


@pytest.fixture
def period(transactional_db, settings, tmp_path):
    from filings.models import Filing, FilingState

    seed_demo_period(settings, tmp_path)
    # 湖北省 has just submitted; the reviewer will look at it.
    filing = Filing.objects.get(unit__code="420000")
    filing.state = FilingState.SUBMITTED
    filing.submitted_at = timezone.now()
    filing.save()
    return filing


def test_a_reviewer_returns_then_accepts_and_downloads_the_national_workbook(
    screen, page_guard, live_server, period, tmp_path
):
    page, size, usable = screen.page, screen.size, screen.usable

    base = live_server.url
    login(page, base, "reviewer")
    expect(page.get_by_role("heading", level=1)).to_contain_text("审核总览")
    usable("the review board")
    # Who is missing.
    page.get_by_role("link", name="未开始").first.click()
    missing = page.locator("table.board-table tbody tr")
    expect(missing.first).to_contain_text("未开始")
    missing_count = missing.count()
    assert missing_count == 4  # the demo leaves four units without a filing
    save_screenshot(page, f"review-board-missing-{size}")
    usable("the board's units not started")
    # The units not yet submitted are reminded in one go; the page says who was told.
    page.get_by_role("button", name="未提交的单位发送催报邮件").click()
    told = page.get_by_role("alert").filter(has_text=re.compile("催报邮件|未能通知"))
    expect(told.first).to_be_visible()
    expect(page.locator("form").filter(has_text="上次催报：")).to_be_visible()
    usable("the board after reminding")

    page.get_by_role("link", name="各单位报送情况").click()
    page.get_by_role("link", name="湖北省", exact=True).click()
    expect(page.locator(".state-badge")).to_have_text("已提交")
    usable("a submitted unit's home")
    page.get_by_label("退回原因（必填，报送单位可见）").fill("请补充各校学生规模的依据。")
    page.get_by_role("button", name="退回").click()
    expect(page.locator(".state-badge")).to_have_text("已退回")
    usable("the unit's home after returning it")
    logout(page)

    # The unit sees the reason, changes a row, rescans and resubmits.
    login(page, base, "420000")
    expect(page.get_by_role("alert").filter(has_text="退回")).to_contain_text("学生规模的依据")
    page.get_by_role("link", name="试点院校").click()
    page.locator("table.rows-table tbody tr[data-row]").first.get_by_role(
        "link", name="编辑"
    ).click()
    page.get_by_label("参与试点学生规模").fill("88")
    page.get_by_role("button", name="保存").click()
    page.get_by_role("link", name="盖章扫描件").click()
    scan = tmp_path / "scan.png"
    scan.write_bytes(png_bytes())
    page.get_by_label("盖章扫描件").set_input_files(str(scan))
    page.get_by_role("button", name="上传").click()
    page.get_by_role("link", name="提交", exact=True).click()
    acknowledge = page.get_by_label("我已阅读以上全部提醒")
    if acknowledge.count():
        acknowledge.check()
    page.get_by_role("button", name="确认提交").click()
    expect(page.locator(".state-badge")).to_have_text("已提交")
    logout(page)

    # The reviewer sees it resubmitted and accepts it.
    login(page, base, "reviewer")
    page.get_by_label("状态").select_option("已提交")
    page.get_by_role("button", name="筛选").click()
    expect(page.locator("table.board-table")).to_contain_text("湖北省")
    page.get_by_role("link", name="湖北省", exact=True).click()
    # Accepting asks first; a mistaken acceptance can be undone, and then done again.
    page.get_by_role("link", name="确认汇总表").click()
    expect(page.get_by_role("heading", name="确认湖北省的汇总表？")).to_be_visible()
    usable("the accept confirmation")
    page.get_by_role("button", name="确认汇总表").click()
    expect(page.locator(".state-badge")).to_have_text("已确认")
    expect(page.get_by_role("alert").first).to_contain_text("已确认湖北省的汇总表。")
    usable("the unit's home after accepting")
    page.get_by_role("button", name="撤销确认").click()
    expect(page.locator(".state-badge")).to_have_text("已提交")
    page.get_by_role("link", name="确认汇总表").click()
    page.get_by_role("button", name="确认汇总表").click()
    expect(page.locator(".state-badge")).to_have_text("已确认")

    # National figures: the page and the workbook agree.
    unfold_navigation(page)
    page.get_by_role("link", name="全国汇总").first.click()
    students = page.locator(".national-summary .fs-4").first.inner_text()
    save_screenshot(page, f"national-{size}")
    usable("the national figures")
    with page.expect_download() as info:
        page.get_by_role("link", name="下载全国汇总 Excel").click()
    wb = load_workbook(BytesIO(info.value.path().read_bytes()))
    units = wb["各单位汇总"]
    total = [c.value for c in units[units.max_row]]
    assert total[1] == "全国合计"
    assert f"{total[5]:,}" == students  # the page with separators, the cell a number
    hubei = next(r for r in units.iter_rows(values_only=True) if r[0] == "420000")
    assert hubei[2] == "已确认"
    assert page_guard.external == []
