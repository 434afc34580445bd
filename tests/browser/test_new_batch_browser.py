"""A unit files a school in a new batch (a generated one of 400 certificates), on a laptop
and on a phone; its filing of the second batch stays there, read-only, one click away."""

from datetime import timedelta

import pytest
from playwright.sync_api import expect

from .conftest import save_screenshot
from .test_filing_browser import PASSWORD, login

pytestmark = pytest.mark.browser


@pytest.fixture
def two_batches(transactional_db):
    """Batch 2 with a row of Hubei's, then a generated batch 3 (the open one) beside it."""
    from django.utils import timezone

    from bench.generated_batch import load_generated_batch
    from certificates.reference import load_reference_data
    from filings.accounts import demo_accounts_ensure
    from filings.models import SubmittingUnit
    from filings.reference import load_units

    from ..filings import factories as f

    load_units(load_reference_data())
    demo_accounts_ensure(password=PASSWORD)
    f.make_row(f.make_filing(SubmittingUnit.objects.get(code="420000")))
    load_generated_batch(number=3, certificates=400, deadline=timezone.now() + timedelta(days=10))


def fill_certificate(card, certificate: str, years: list[int]) -> None:
    card.get_by_label("搜索证书").fill(certificate)
    expect(card.get_by_label("参与试点证书")).to_have_value(
        card.locator("option", has_text=certificate).get_attribute("value")
    )
    card.get_by_label("初级", exact=True).check()
    card.get_by_label("第1个专业名称").fill("工业机器人技术")
    for year in years:
        card.get_by_label(f"第1个专业{year}年招生").check()
    card.get_by_label("参与试点学生规模").fill("45")
    card.get_by_label("培训团队人数").fill("10")
    card.get_by_label("其中“双师型”教师").fill("6")
    card.get_by_label("其中行业企业专家").fill("2")
    for label in ("具备相关领域职业培训经验", "人才培养方案完备", "制度体系健全"):
        card.get_by_label(label).select_option(label="是")
    card.get_by_label("教学条件和实习实训设施设备").select_option(label="自有")


def test_staff_file_a_school_in_the_new_batch_and_read_the_earlier_one(
    screen, page_guard, live_server, two_batches
):
    page, usable = screen.page, screen.usable
    base = live_server.url
    login(page, base, "420000")
    # The open batch first.
    expect(page.get_by_role("heading", level=1)).to_contain_text("湖北省")
    expect(page.locator(".batch-switcher [aria-current=page]")).to_contain_text("第三批")
    usable("the unit's home in the new batch")

    page.get_by_role("link", name="录入院校").click()
    page.get_by_role("link", name="添加院校").click()
    page.get_by_label("试点院校名称").fill("武汉职业技术学院")
    page.get_by_label("学校类型").select_option(label="高职")
    # The new batch's enrolment years: the three years up to its notice's (2026).
    fill_certificate(page.locator(".certificate-card").first, "测试证书0377", [2024, 2025, 2026])
    usable("the add-school form in the new batch")
    page.get_by_role("button", name="保存", exact=True).click()
    expect(page.get_by_text("已添加“武汉职业技术学院”")).to_be_visible()
    rows = page.locator("table.rows-table tbody tr[data-row]")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("测试证书0377（初级）")
    save_screenshot(page, f"new-batch-rows-{screen.size}")
    usable("the rows of the new batch")

    # The second batch's filing: there, unchanged, and read-only.
    page.get_by_role("link", name="概览").click()
    page.locator(".batch-switcher").get_by_role("link", name="第二批1+X证书制度试点").click()
    expect(page.get_by_role("status").filter(has_text="已结束报送")).to_be_visible()
    page.get_by_role("link", name="试点院校").click()
    earlier = page.locator("table.rows-table tbody tr[data-row]")
    expect(earlier).to_have_count(1)
    expect(earlier.first).to_contain_text("电子商务数据分析")
    expect(page.get_by_role("link", name="添加院校")).to_have_count(0)
    assert "/batches/2/units/420000/rows/" in page.url
    usable("the earlier batch's rows, read-only")
    assert page_guard.external == []
