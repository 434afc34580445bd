"""Accounts people run themselves, on a phone: a forgotten password reset by e-mail, then who
else works for the unit; and the reviewers' list of units their e-mails cannot reach."""

import re

import pytest
from django.core import mail
from django.core.cache import cache
from playwright.sync_api import expect

from .conftest import save_screenshot

pytestmark = pytest.mark.browser

NEW_PASSWORD = "Hubei-pilot-2019-new"


@pytest.fixture
def people(live_reference_data, settings, live_server):
    from tests.filings import factories as f

    settings.PORTAL_BASE_URL = live_server.url
    cache.clear()  # the reset throttle's counters
    hubei = f.make_unit("420000", "湖北省")
    staff = f.make_staff(hubei, username="420000")
    staff.email = "zhangmin@jyt.hubei.example.cn"
    staff.save()
    colleague = f.make_staff(hubei, username="hb-wang")
    colleague.first_name = "王丽"
    colleague.save()
    f.make_staff(f.make_unit("430000", "湖南省"), username="430000")
    f.make_reviewer("reviewer")
    yield
    cache.clear()


def assert_fits(page) -> None:
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0, f"the page scrolls sideways by {overflow}px on a phone"


def test_a_forgotten_password_then_the_units_accounts_on_a_phone(
    phone_page, page_guard, live_server, people
):
    page = phone_page
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_role("link", name="忘记密码？").click()
    page.get_by_label("账号的邮箱地址").fill("zhangmin@jyt.hubei.example.cn")
    assert_fits(page)
    page.get_by_role("button", name="发送重置邮件").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("请查收邮件")

    (link,) = re.findall(r"https?://\S+", mail.outbox[0].body)
    page.goto(link)
    expect(page.get_by_role("heading", level=1)).to_have_text("设置新密码")
    page.get_by_label("新密码").first.fill(NEW_PASSWORD)  # then 新密码确认
    page.get_by_label("新密码确认").fill(NEW_PASSWORD)
    assert_fits(page)
    save_screenshot(page, "password-reset-confirm-phone")
    page.get_by_role("button", name="设置新密码").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("密码已重置")
    page.get_by_role("link", name="登录", exact=True).last.click()

    page.get_by_label("用户名").fill("420000")
    page.get_by_label("密码").fill(NEW_PASSWORD)
    page.get_by_role("button", name="登录").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("湖北省")
    page.get_by_role("link", name="本单位的平台账号").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("湖北省 · 平台账号")
    accounts = page.locator("main .list-group-item")
    expect(accounts).to_have_count(2)
    expect(accounts.filter(has_text="王丽")).to_contain_text("未登记：收不到通知邮件")
    expect(accounts.filter(has_text="您本人")).to_contain_text("zhangmin@jyt.hubei.example.cn")
    assert_fits(page)
    save_screenshot(page, "unit-staff-phone")
    page.get_by_role("link", name="修改我的密码").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("修改密码")
    assert_fits(page)
    assert page_guard.external == []


def test_a_reviewer_finds_the_units_e_mail_cannot_reach_on_a_phone(
    phone_page, page_guard, live_server, people
):
    page = phone_page
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("用户名").fill("reviewer")
    page.get_by_label("密码").fill("pilot-portal-test")
    page.get_by_role("button", name="登录").click()
    page.get_by_role("link", name="邮件联系不到的单位").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("邮件联系不到的单位")
    units = page.locator("main .list-group-item")
    expect(units).to_have_count(1)
    expect(units.first).to_contain_text("湖南省")
    assert_fits(page)
    save_screenshot(page, "unreachable-units-phone")
    units.first.get_by_role("link", name="湖南省").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("湖南省 · 平台账号")
    expect(page.get_by_role("alert")).to_contain_text("该单位没有登记邮箱的账号。")
    assert_fits(page)
    assert page_guard.external == []
