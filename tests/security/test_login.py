"""Login throttling and sessions."""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.contrib.sessions.models import Session
from django.urls import reverse
from django.utils import timezone

from tests.filings import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(db):
    return f.make_staff(f.make_unit("420000"), username="420000")


def log_in(client, username, password, address="203.0.113.5"):
    return client.post(
        reverse("login"), {"username": username, "password": password}, REMOTE_ADDR=address
    )


def logged_in(client) -> bool:
    return "_auth_user_id" in client.session


def test_a_wrong_password_says_so_in_chinese_and_keeps_the_username(client, staff):
    response = log_in(client, "420000", "wrong")
    html = response.content.decode()
    assert response.status_code == 200
    assert "请输入一个正确的" in html
    assert 'value="420000"' in html
    assert not logged_in(client)


def test_five_wrong_passwords_lock_that_account_from_that_address(client, staff, settings):
    assert settings.AXES_FAILURE_LIMIT == 5
    for _ in range(5):
        log_in(client, "420000", "wrong")
    response = log_in(client, "420000", f.PASSWORD)  # even the right password
    assert response.status_code == 429
    assert "登录已暂时锁定" in response.content.decode()
    assert not logged_in(client)


def test_the_lockout_page_says_how_long_in_chinese(client, staff, settings):
    for _ in range(5):
        log_in(client, "420000", "wrong")
    html = log_in(client, "420000", f.PASSWORD).content.decode()
    assert "已暂停登录 15 分钟" in html
    assert "PT15M" not in html


@pytest.mark.parametrize(
    ("cooloff", "said"),
    [
        (timedelta(minutes=1), "1 分钟"),
        (timedelta(hours=1), "1 小时"),
        (timedelta(minutes=90), "1 小时 30 分钟"),
        (timedelta(days=1, hours=2), "1 天 2 小时"),
        (timedelta(seconds=30), "30 秒"),
    ],
)
def test_the_cool_off_in_words(cooloff, said):
    from filings.templatetags.filing_tags import duration

    assert duration(cooloff) == said


def test_another_address_and_another_account_are_not_locked(client, staff):
    f.make_staff(f.make_unit("430000", "湖南省"), username="430000")
    for _ in range(5):
        log_in(client, "420000", "wrong")
    log_in(client, "420000", f.PASSWORD, address="198.51.100.9")
    assert logged_in(client)
    client.logout()
    log_in(client, "430000", f.PASSWORD)
    assert logged_in(client)


def test_the_lock_ends_after_the_cool_off(client, staff, settings):
    for _ in range(5):
        log_in(client, "420000", "wrong")
    assert log_in(client, "420000", f.PASSWORD).status_code == 429
    AccessAttempt.objects.update(
        attempt_time=timezone.now() - settings.AXES_COOLOFF_TIME - timedelta(minutes=1)
    )
    log_in(client, "420000", f.PASSWORD)
    assert logged_in(client)


def test_sessions_expire(client, staff, settings):
    assert settings.SESSION_COOKIE_AGE <= 8 * 60 * 60
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE
    assert settings.SESSION_COOKIE_HTTPONLY
    log_in(client, "420000", f.PASSWORD)
    home = reverse("filings:unit_home", args=["420000"])
    Session.objects.update(expire_date=timezone.now() - timedelta(seconds=1))
    response = client.get(home)
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_logging_out_needs_a_post(client, staff):
    log_in(client, "420000", f.PASSWORD)
    assert client.get(reverse("logout")).status_code == 405
    assert logged_in(client)
    client.post(reverse("logout"))
    assert not logged_in(client)
