"""The API token page on a phone: made, shown once in a field that fits the screen, replaced
and revoked, with no layout problem and no axe-core violation at any step."""

import pytest
from playwright.sync_api import expect

from .axe import axe_violations, describe_violations
from .conftest import save_screenshot
from .layout import layout_problems

pytestmark = pytest.mark.browser

PASSWORD = "browser-test-pw-2019"


@pytest.fixture
def staff(live_reference_data):
    from tests.filings import factories as f

    user = f.make_staff(f.make_unit("420000", "湖北省"))
    user.set_password(PASSWORD)
    user.save()
    return user


def assert_fine(page, label: str) -> None:
    problems = layout_problems(page)
    violations = axe_violations(page)
    assert not problems, f"{label}: {problems}"
    assert not violations, f"{label}: {describe_violations(violations)}"


def test_a_phone_makes_replaces_and_revokes_a_token(phone_page, live_server, staff):
    page = phone_page
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("用户名").fill(staff.username)
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.goto(f"{live_server.url}/accounts/api-token/")
    expect(page.get_by_role("heading", name="API 令牌")).to_be_visible()
    assert_fine(page, "without a token")

    page.get_by_role("button", name="创建令牌").click()
    key = page.get_by_label("您的新令牌（只显示这一次）")
    expect(key).to_be_visible()
    assert len(key.input_value()) == 40
    assert_fine(page, "the new key")
    save_screenshot(page, "api-token-new-key-375")

    page.goto(f"{live_server.url}/accounts/api-token/")
    expect(page.get_by_text("您有一个令牌")).to_be_visible()
    assert_fine(page, "with a token")
    page.get_by_label("我明白：原令牌将立即失效，使用它的程序须改用新令牌").check()
    page.get_by_role("button", name="更换令牌").click()
    expect(page.get_by_text("已更换令牌，原令牌已失效。")).to_be_visible()

    page.goto(f"{live_server.url}/accounts/api-token/")
    page.get_by_label("我明白：撤销后，使用此令牌的程序将无法再访问平台").check()
    page.get_by_role("button", name="撤销令牌").click()
    expect(page.get_by_text("令牌已撤销")).to_be_visible()
    expect(page.get_by_text("您还没有令牌。")).to_be_visible()
    assert_fine(page, "revoked")
    save_screenshot(page, "api-token-revoked-375")


def test_the_docs_page_renders_from_the_portals_own_files(
    page, live_server, page_guard, transactional_db
):
    """Swagger UI from the sidecar, under the portal's content security policy: the
    operations are listed and nothing is asked of another host."""
    page.goto(f"{live_server.url}/api/docs/")
    expect(page.get_by_text("1+X证书制度试点报送平台 API").first).to_be_visible()
    expect(page.get_by_text("/api/v1/units/{code}/filings/{number}/").first).to_be_visible()
    assert page_guard.external == []
