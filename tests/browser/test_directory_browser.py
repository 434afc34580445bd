"""A school administrator uses the public directory in a real Chromium."""

import re

import pytest
from playwright.sync_api import expect

from .conftest import save_screenshot

pytestmark = pytest.mark.browser


def test_a_visitor_searches_and_finds_the_maternity_certificate(
    page, page_guard, live_server, live_reference_data
):
    page.goto(f"{live_server.url}/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("证书与培训评价组织")
    expect(page.locator("article.certificate-card")).to_have_count(10)

    page.get_by_label("搜索", exact=True).fill("母婴")
    page.get_by_role("button", name="搜索").click()

    cards = page.locator("article.certificate-card")
    expect(cards).to_have_count(1)
    card = cards.first
    expect(card.get_by_role("heading")).to_contain_text("母婴护理")
    expect(card).to_contain_text("济南阳光大姐服务有限公司")
    for name, mobile in [("李凯", "15588816013"), ("徐庆振", "13255690054")]:
        expect(card).to_contain_text(name)
        expect(card.get_by_role("link", name=mobile)).to_have_attribute("href", f"tel:{mobile}")
    expect(card.get_by_role("link", name="jinanygdj@163.com")).to_have_attribute(
        "href", "mailto:jinanygdj@163.com"
    )
    save_screenshot(page, "directory-search-muying")

    card.get_by_role("link", name=re.compile("母婴护理")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("母婴护理职业技能等级证书")
    assert page_guard.external == []


def test_a_visitor_downloads_attachment1(page, page_guard, live_server, live_reference_data):
    page.goto(f"{live_server.url}/directory/")
    with page.expect_download() as info:
        page.get_by_role("link", name="下载附件1（Excel）").click()
    assert info.value.suggested_filename.endswith(".xlsx")
    assert page_guard.external == []


def test_the_directory_reads_well_on_a_phone(
    phone_page, page_guard, live_server, live_reference_data
):
    phone_page.goto(f"{live_server.url}/directory/?q=焊接")
    expect(phone_page.locator("article.certificate-card")).to_have_count(1)
    overflow = phone_page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0, f"the page scrolls sideways by {overflow}px on a phone"
    save_screenshot(phone_page, "directory-phone")
    phone_page.goto(f"{live_server.url}/help/")
    expect(phone_page.get_by_role("heading", level=1)).to_have_text("帮助")
    save_screenshot(phone_page, "help-phone")
    assert page_guard.external == []
