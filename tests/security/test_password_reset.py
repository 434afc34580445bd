"""Password reset by e-mail: Chinese pages and e-mail, a link to the portal's own address that
works once, the same answer whether or not an account exists, and a limit per address and per
account on how many e-mails are sent."""

import re

import pytest
from django.core import mail
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from tests.filings import factories as f

pytestmark = pytest.mark.django_db

PORTAL = "https://1x.example.edu.cn"
EMAIL = "zhangmin@jyt.hubei.example.cn"
NEW_PASSWORD = "Hubei-pilot-2019-new"


@pytest.fixture(autouse=True)
def _portal(settings):
    settings.PORTAL_BASE_URL = PORTAL
    settings.PASSWORD_RESET_LIMIT_PER_ADDRESS = 5
    settings.PASSWORD_RESET_LIMIT_PER_ACCOUNT = 3
    # The counters live in the cache, which outlives a test.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def staff(db):
    user = f.make_staff(f.make_unit("420000"), username="420000")
    user.email = EMAIL
    user.save()
    return user


def ask(client, email, address="203.0.113.5", **extra):
    return client.post(reverse("password_reset"), {"email": email}, REMOTE_ADDR=address, **extra)


def text(response) -> str:
    return response.content.decode()


def reset_path(message) -> str:
    links = re.findall(r"https?://\S+", message.body)
    assert len(links) == 1, message.body
    assert links[0].startswith(f"{PORTAL}/accounts/reset/"), links[0]
    return links[0].removeprefix(PORTAL)


def test_the_email_is_chinese_and_its_link_works_once(client, staff, settings):
    # A host name the portal answers to, but not its public address.
    settings.ALLOWED_HOSTS = ["testserver", "portal.internal"]
    response = ask(client, EMAIL, HTTP_HOST="portal.internal")
    assert response.status_code == 302
    assert response.url == reverse("password_reset_done")
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [EMAIL]
    assert message.subject == "[1+X试点报送] 重置密码"
    assert "420000" in message.body
    assert "1+X证书制度试点报送平台" in message.body
    assert "如不是您本人操作，请忽略本邮件" in message.body
    assert not message.alternatives  # plain text only
    # The link is the portal's configured address, not the Host header the request carried.
    assert "portal.internal" not in message.body
    path = reset_path(message)

    browser = Client()
    opened = browser.get(path)
    assert opened.status_code == 302  # Django moves the token out of the address bar
    form = browser.get(opened.url)
    assert form.status_code == 200
    assert "设置新密码" in text(form)
    done = browser.post(opened.url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert done.status_code == 302
    assert done.url == reverse("password_reset_complete")
    complete = text(browser.get(done.url))
    assert "密码已重置" in complete
    assert reverse("login") in complete
    fresh = Client()
    fresh.post(reverse("login"), {"username": "420000", "password": NEW_PASSWORD})
    assert "_auth_user_id" in fresh.session

    # Once used, the link is dead.
    again = Client()
    response = again.get(path, follow=True)
    assert response.status_code == 200
    assert "链接已失效" in text(response)
    assert 'name="new_password1"' not in text(response)


def test_an_unknown_address_gets_the_same_answer_and_no_mail(client, staff):
    known = ask(client, EMAIL)
    unknown = ask(Client(), "nobody@example.cn", address="198.51.100.9")
    assert (unknown.status_code, unknown.url) == (known.status_code, known.url)
    assert [m.to for m in mail.outbox] == [[EMAIL]]


def test_the_next_request_from_an_address_past_its_limit_sends_nothing(client, staff, settings):
    others = []
    for index in range(5):
        user = f.make_staff(f.make_unit(f"4{index}0000", f"单位{index}"), username=f"u{index}")
        user.email = f"u{index}@example.cn"
        user.save()
        others.append(user.email)
    for email in others:
        assert ask(client, email).status_code == 302
    assert len(mail.outbox) == 5
    # The sixth request from that address: the same answer, nothing sent.
    response = ask(client, EMAIL)
    assert (response.status_code, response.url) == (302, reverse("password_reset_done"))
    assert len(mail.outbox) == 5
    # Another address is not held back.
    ask(Client(), EMAIL, address="198.51.100.9")
    assert len(mail.outbox) == 6


def test_the_next_request_for_an_account_past_its_limit_sends_nothing(staff):
    for index in range(3):
        ask(Client(), EMAIL, address=f"198.51.100.{index + 1}")
    assert len(mail.outbox) == 3
    response = ask(Client(), EMAIL.upper(), address="198.51.100.50")
    assert (response.status_code, response.url) == (302, reverse("password_reset_done"))
    assert len(mail.outbox) == 3


def test_behind_the_proxy_the_limit_is_per_client_not_per_proxy(staff, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    settings.PASSWORD_RESET_LIMIT_PER_ACCOUNT = 100
    for index in range(6):
        # Six clients, one request each, all through the proxy at 10.0.0.2.
        ask(Client(), EMAIL, address="10.0.0.2", HTTP_X_FORWARDED_FOR=f"198.51.100.{index + 1}")
    assert len(mail.outbox) == 6


def test_the_limits_start_again_in_the_next_window(staff, monkeypatch):
    from filings import throttle

    for index in range(4):
        ask(Client(), EMAIL, address=f"198.51.100.{index + 1}")
    assert len(mail.outbox) == 3
    later = throttle.time.time() + 3600
    monkeypatch.setattr(throttle.time, "time", lambda: later)
    ask(Client(), EMAIL, address="198.51.100.99")
    assert len(mail.outbox) == 4


@pytest.mark.parametrize(
    ("name", "phrase"),
    [("password_reset", "找回密码"), ("password_reset_done", "请查收邮件")],
)
def test_the_pages_are_chinese_in_the_portals_layout(client, name, phrase):
    html = text(client.get(reverse(name)))
    assert phrase in html
    assert 'lang="zh-Hans"' in html
    assert reverse("help") in html  # the portal's menu, not the admin's page
    assert "Password" not in html


def test_the_form_page_says_how_to_go_on_and_the_login_page_links_to_it(client):
    html = text(client.get(reverse("password_reset")))
    assert "登录名" in html or "账号" in html
    assert "联系平台管理员" in html  # accounts without an e-mail address
    assert f'href="{reverse("password_reset")}"' in text(client.get(reverse("login")))


def test_an_invalid_address_is_said_in_chinese(client):
    response = client.post(reverse("password_reset"), {"email": "not an address"})
    assert response.status_code == 200
    assert "请输入有效的邮箱地址。" in text(response)
    assert not mail.outbox


# --- end to end, as a unit's staff member lives it --------------------------------------------


def log_in(client, username, password):
    return client.post(
        reverse("login"), {"username": username, "password": password}, REMOTE_ADDR="203.0.113.5"
    )


def test_from_the_login_page_to_a_login_with_the_new_password(client, staff):
    login = text(client.get(reverse("login")))
    assert f'href="{reverse("password_reset")}">忘记密码？</a>' in login
    assert "账号的邮箱地址" in text(client.get(reverse("password_reset")))
    assert "请查收邮件" in text(client.get(ask(client, EMAIL).url))
    (message,) = mail.outbox
    assert message.body.startswith("张敏，您好：")
    assert "登录名：420000" in message.body
    assert "请在 3 天内打开下面的链接设置新密码" in message.body

    confirm = client.get(reset_path(message)).url
    assert "账号：<strong>420000</strong>" in text(client.get(confirm))
    # A mistyped repetition and a common password are refused in Chinese; nothing changes.
    refused = client.post(confirm, {"new_password1": NEW_PASSWORD, "new_password2": "other"})
    assert refused.status_code == 200
    assert "输入的两个密码不一致。" in text(refused)
    assert "<title>错误：" in text(refused)
    refused = client.post(confirm, {"new_password1": "12345678", "new_password2": "12345678"})
    assert "这个密码太常见了。" in text(refused)
    assert "密码只包含数字。" in text(refused)
    staff.refresh_from_db()
    assert staff.check_password(f.PASSWORD)

    done = client.post(confirm, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert "密码已重置" in text(client.get(done.url))
    assert log_in(Client(), "420000", f.PASSWORD).status_code == 200  # the old one is refused
    browser = Client()
    assert log_in(browser, "420000", NEW_PASSWORD).status_code == 302
    assert "_auth_user_id" in browser.session


def test_a_reset_lifts_the_lockout_that_sent_the_user_there(staff):
    """Locked out after five wrong passwords, the lockout page sends the user to the reset;
    the new password must then let them in, not meet the same lockout again."""
    browser = Client()
    for _ in range(5):
        log_in(browser, "420000", "wrong")
    locked = log_in(browser, "420000", f.PASSWORD)
    assert locked.status_code == 429
    assert f'href="{reverse("password_reset")}"' in text(locked)

    ask(browser, EMAIL)
    confirm = browser.get(reset_path(mail.outbox[0])).url
    browser.post(confirm, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert log_in(browser, "420000", NEW_PASSWORD).status_code == 302
    assert "_auth_user_id" in browser.session


def test_a_failed_request_says_so_in_the_title(client):
    html = text(client.post(reverse("password_reset"), {"email": ""}))
    assert "<title>错误：找回密码" in html


def test_two_accounts_of_one_address_each_get_their_own_link(staff):
    colleague = f.make_staff(staff.portal_profile.unit, username="hb-wang")
    colleague.email = EMAIL.upper()
    colleague.save()
    ask(Client(), EMAIL)
    names = sorted(re.search(r"登录名：(\S+)", m.body).group(1) for m in mail.outbox)
    assert names == ["420000", "hb-wang"]
    assert len({reset_path(m) for m in mail.outbox}) == 2


def test_an_account_that_has_left_gets_nothing(staff):
    staff.is_active = False
    staff.save()
    assert ask(Client(), EMAIL).url == reverse("password_reset_done")
    assert not mail.outbox
