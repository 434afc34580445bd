"""Staff of a unit enter, check and submit a filing; a reviewer returns and accepts it."""

import re
import struct
import zlib
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from .conftest import save_screenshot

pytestmark = pytest.mark.browser

PASSWORD = "browser-test-pw-2019"


def png_bytes() -> bytes:
    """A real, tiny PNG: what a scanner might produce, minus the stamp."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    raw = b"\x00\xff\xff\xff"
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )


@pytest.fixture
def portal(transactional_db):
    """Reference data, units, demo accounts and an open filing period."""
    from certificates.models import Batch
    from certificates.reference import load_reference_data
    from filings.accounts import demo_accounts_ensure
    from filings.reference import load_units

    report = load_reference_data()
    load_units(report)
    demo_accounts_ensure(password=PASSWORD)
    Batch.objects.update(filing_deadline=timezone.now() + timedelta(days=10))


def login(page, base: str, username: str) -> None:
    page.goto(f"{base}/accounts/login/")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()


def unfold_navigation(page) -> None:
    """On a phone the navigation is folded behind its button (which shows only once the
    page's style sheets have loaded)."""
    page.wait_for_load_state("load")
    toggler = page.locator(".navbar-toggler")
    if toggler.is_visible() and toggler.get_attribute("aria-expanded") != "true":
        toggler.click()
        expect(page.locator(".collapsing")).to_have_count(0)


def logout(page) -> None:
    unfold_navigation(page)
    page.get_by_role("button", name="退出").click()


def fill_certificate(card, certificate: str, levels, majors, students, team) -> None:
    card.get_by_label("参与试点证书").select_option(label=certificate)
    for level in levels:
        card.get_by_label(level, exact=True).check()
    for index, major in enumerate(majors):
        if index:
            card.get_by_role("button", name="添加专业").click()
        card.get_by_label(f"第{index + 1}个专业名称").fill(major)
        for year in (2017, 2018, 2019):
            card.get_by_label(f"第{index + 1}个专业{year}年招生").check()
    card.get_by_label("参与试点学生规模").fill(str(students))
    size, dual, experts = team
    card.get_by_label("培训团队人数").fill(str(size))
    card.get_by_label("其中“双师型”教师").fill(str(dual))
    card.get_by_label("其中行业企业专家").fill(str(experts))
    for label in ("具备相关领域职业培训经验", "人才培养方案完备", "制度体系健全"):
        card.get_by_label(label).select_option(label="是")
    card.get_by_label("教学条件和实习实训设施设备").select_option(label="自有")


def test_staff_enter_check_and_submit_then_a_reviewer_returns_and_accepts(
    screen, page_guard, live_server, portal, tmp_path
):
    page, size, usable = screen.page, screen.size, screen.usable

    base = live_server.url
    login(page, base, "420000")
    expect(page.get_by_role("heading", level=1)).to_contain_text("湖北省")
    usable("the unit's home")

    # Header.
    page.get_by_role("link", name="填写表头").click()
    page.get_by_label("联系人").fill("张老师")
    page.get_by_label("电话").fill("027-87328")  # too short for a landline
    page.get_by_label("邮箱").fill("zhang@hbe.gov.cn")
    page.get_by_role("button", name="保存").click()
    # Said in the summary at the top and under the field.
    expect(page.locator("[data-error-summary]")).to_contain_text("电话格式不正确")
    expect(page.locator("#id_contact_phone_error")).to_contain_text("电话格式不正确")
    expect(page.get_by_label("联系人")).to_have_value("张老师")  # nothing typed is lost
    usable("the header after a failed save")
    page.get_by_label("电话").fill("027-87328057")
    page.get_by_role("button", name="保存").click()
    expect(page.get_by_text("表头已保存")).to_be_visible()
    usable("the unit's home after saving the header")

    # A school with two certificates, in one go.
    page.get_by_role("link", name="录入院校").click()
    page.get_by_role("link", name="添加院校").click()
    page.get_by_label("试点院校名称").fill("  武汉职业技术学院　")
    page.get_by_label("学校类型").select_option(label="高职")
    page.get_by_label("国家示范（骨干、优质）高等职业学校").check()
    first = page.locator(".certificate-card").nth(0)
    fill_certificate(
        first, "网店运营推广", ["初级", "中级"], ["电子商务", "市场营销"], 120, (10, 4, 2)
    )
    expect(first.locator(".share-verdict[data-share=dual]")).to_contain_text("低于50%")
    first.get_by_label("其中“双师型”教师").fill("6")
    expect(first.locator(".share-verdict[data-share=dual]")).to_contain_text("符合50%")
    expect(first.locator(".share-verdict[data-share=experts]")).to_contain_text("符合20%")

    page.get_by_role("button", name="再添加一个证书").click()
    second = page.locator(".certificate-card").nth(1)
    fill_certificate(second, "电子商务数据分析", ["中级"], ["电子商务"], 60, (8, 5, 1))
    page.get_by_role("button", name="保存", exact=True).click()
    # 1 expert of 8 is 13%: refused, next to the field, with everything kept.
    expect(second.get_by_text("行业企业专家占比 12.5%（1/8），低于20%")).to_be_visible()
    expect(page.get_by_label("试点院校名称")).to_have_value(re.compile("武汉职业技术学院"))
    expect(second.get_by_label("第1个专业名称")).to_have_value("电子商务")
    usable("the add-school form after a failed save")
    second.get_by_label("其中行业企业专家").fill("2")
    page.get_by_role("button", name="保存", exact=True).click()
    expect(page.get_by_text("已添加“武汉职业技术学院”")).to_be_visible()

    rows = page.locator("table.rows-table tbody tr[data-row]")
    expect(rows).to_have_count(2)
    # Rows of a school follow the notice's order of certificates.
    expect(rows.nth(0)).to_contain_text("电子商务数据分析（中级）")
    expect(rows.nth(1)).to_contain_text("网店运营推广（初级、中级）")
    expect(rows.nth(1)).to_contain_text("电子商务、市场营销")
    expect(page.locator(".summary-table")).to_contain_text("180")
    save_screenshot(page, f"filing-rows-{size}")
    usable("the rows list")

    # The stamped scan, then submission.
    page.get_by_role("link", name="盖章扫描件").click()
    scan = tmp_path / "stamped.png"
    scan.write_bytes(png_bytes())
    page.get_by_label("盖章扫描件").set_input_files(str(scan))
    page.get_by_role("button", name="上传").click()
    expect(page.get_by_text("对应当前版本")).to_be_visible()
    usable("the scan page")

    page.get_by_role("link", name="提交", exact=True).click()
    usable("the submit page")
    page.get_by_role("button", name="确认提交").click()
    expect(page.get_by_text("汇总表已提交，等待职教所审核")).to_be_visible()
    usable("the unit's home, submitted")
    expect(page.locator(".state-badge")).to_have_text("已提交")
    logout(page)

    # The reviewer returns it with a reason.
    login(page, base, "reviewer")
    expect(page.get_by_role("heading", level=1)).to_contain_text("审核总览")
    usable("the review board")
    page.get_by_role("link", name="湖北省", exact=True).click()
    usable("a submitted unit's home, for the reviewer")
    page.get_by_label("退回原因").fill("武汉职业技术学院学生规模有误，请核实。")
    page.get_by_role("button", name="退回").click()
    expect(page.locator(".state-badge")).to_have_text("已退回")
    logout(page)

    # Staff see the reason first, correct, rescan and resubmit.
    login(page, base, "420000")
    expect(page.get_by_role("alert").filter(has_text="退回")).to_contain_text("学生规模有误")
    usable("the unit's home, returned")
    page.get_by_role("link", name="试点院校").click()
    page.locator("table.rows-table tbody tr[data-row]").nth(1).get_by_role(
        "link", name="编辑"
    ).click()
    usable("a row's edit form")
    page.get_by_label("参与试点学生规模").fill("100")
    page.get_by_role("button", name="保存").click()
    expect(page.locator(".summary-table")).to_contain_text("160")
    page.get_by_role("link", name="提交", exact=True).click()
    expect(page.get_by_text("尚未上传与当前表格版本对应的盖章扫描件")).to_be_visible()
    page.get_by_role("link", name="盖章扫描件").click()
    page.get_by_label("盖章扫描件").set_input_files(str(scan))
    page.get_by_role("button", name="上传").click()
    page.get_by_role("link", name="提交", exact=True).click()
    page.get_by_role("button", name="确认提交").click()
    expect(page.locator(".state-badge")).to_have_text("已提交")
    logout(page)

    login(page, base, "reviewer")
    page.get_by_role("link", name="湖北省", exact=True).click()
    # Accepting asks for a confirmation first.
    page.get_by_role("link", name="确认汇总表").click()
    usable("the accept confirmation")
    page.get_by_role("button", name="确认汇总表").click()
    expect(page.locator(".state-badge")).to_have_text("已确认")
    usable("the unit's home, accepted")
    page.get_by_role("link", name="操作记录").click()
    history = page.locator("table.history-table")
    for kind in ("提交", "退回", "确认", "修改试点行"):
        expect(history).to_contain_text(kind)
    expect(history).to_contain_text("120")  # the value before the correction
    save_screenshot(page, f"filing-history-{size}")
    usable("the history")
    assert page_guard.external == []
