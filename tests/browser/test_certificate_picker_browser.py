"""Staff choose one of a batch's 400 certificates by typing a few characters, on a laptop and
on a phone; the public directory lists both batches."""

import re
from datetime import timedelta

import pytest
from playwright.sync_api import expect

from .checks import assert_usable
from .conftest import save_screenshot
from .test_filing_browser import PASSWORD, login

pytestmark = pytest.mark.browser


@pytest.fixture
def big_batch_portal(transactional_db):
    """Batch 2, a generated batch 3 of 400 certificates (the open one), Hubei's staff."""
    from django.utils import timezone

    from bench.generated_batch import load_generated_batch
    from certificates.reference import load_reference_data
    from filings.accounts import demo_accounts_ensure
    from filings.reference import load_units

    load_units(load_reference_data())
    demo_accounts_ensure(password=PASSWORD)
    load_generated_batch(number=3, certificates=400, deadline=timezone.now() + timedelta(days=10))


def test_a_certificate_is_found_by_typing(screen, page_guard, live_server, big_batch_portal):
    page = screen.page
    login(page, live_server.url, "420000")
    page.goto(f"{live_server.url}/units/420000/schools/add/")
    card = page.locator(".certificate-card").first
    picker = card.get_by_label("参与试点证书")
    search = card.get_by_label("搜索证书")
    expect(search).to_be_visible()
    expect(picker.locator("option")).to_have_count(401)
    screen.usable("school add, 400 certificates")

    search.fill("０１２３")  # full-width, as a Chinese input method may type it
    expect(picker.locator("option")).to_have_count(2)
    expect(picker).to_have_value(
        picker.locator("option", has_text="测试证书0123").get_attribute("value")
    )
    expect(card.locator(".select-filter .form-text")).to_contain_text("已选中：测试证书0123")

    # By the organization: three certificates; Enter goes to the list, it does not submit.
    search.fill("")
    search.fill("测试评价组织010")
    expect(picker.locator("option")).to_have_count(5)  # and the one chosen stays listed
    expect(card.locator(".select-filter .form-text")).to_contain_text("找到 3 个证书")
    url = page.url
    search.press("Enter")
    expect(picker).to_be_focused()
    assert page.url == url
    save_screenshot(page, f"certificate-picker-{screen.size}")

    # A certificate added by the script has a search box of its own, and it has the focus.
    page.get_by_role("button", name="再添加一个证书").click()
    second = page.locator(".certificate-card").nth(1)
    expect(second.get_by_label("搜索证书")).to_be_focused()
    assert page_guard.external == []


def test_the_rows_filter_narrows_its_certificates_too(
    page, page_guard, live_server, big_batch_portal
):
    login(page, live_server.url, "420000")
    page.goto(f"{live_server.url}/units/420000/rows/")
    filter_form = page.get_by_role("search", name="筛选试点行")
    filter_form.get_by_label("搜索证书").fill("测试证书0222")
    expect(filter_form.get_by_label("证书", exact=True)).to_have_value(
        filter_form.locator("option", has_text="测试证书0222").get_attribute("value")
    )
    assert_usable(page, "rows, 400 certificates")
    save_screenshot(page, "rows-filter-400")
    filter_form.get_by_role("button", name="筛选").click()
    expect(page).to_have_url(re.compile(r"certificate=\d+"))
    assert page_guard.external == []


def test_the_directory_lists_both_batches(page, page_guard, live_server, big_batch_portal):
    page.goto(f"{live_server.url}/directory/")
    expect(page.locator("article.certificate-card")).to_have_count(30)
    page.get_by_label("批次", exact=True).select_option(label="第二批（10 个证书）")
    page.get_by_label("搜索", exact=True).fill("母婴")
    page.get_by_role("button", name="搜索").click()
    expect(page.locator("article.certificate-card")).to_have_count(1)
    page.get_by_role("link", name="清除").click()
    page.get_by_label("搜索", exact=True).fill("测试证书0400")
    page.get_by_role("button", name="搜索").click()
    expect(page.locator("article.certificate-card")).to_contain_text("第三批")
    with page.expect_download() as info:
        page.get_by_role("link", name="第二批附件1（Excel）").click()
    assert "第二批" in info.value.suggested_filename
    assert_usable(page, "directory, two batches")
    save_screenshot(page, "directory-two-batches")
    assert page_guard.external == []
