"""Changing one's own password: Django's views, in Chinese and in the portal's layout, linked
from every page's navigation; the admin keeps its own page."""

import pytest
from django.test import Client
from django.urls import reverse

from tests.filings import factories as f

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "Hubei-pilot-2019-changed"


@pytest.fixture
def staff(db):
    return f.make_staff(f.make_unit("420000"), username="420000")


def logged_in(user) -> Client:
    client = Client()
    client.post(reverse("login"), {"username": user.username, "password": f.PASSWORD})
    assert "_auth_user_id" in client.session
    return client


def text(response) -> str:
    return response.content.decode()


def change(client, old=f.PASSWORD, new1=NEW_PASSWORD, new2=NEW_PASSWORD):
    data = {"old_password": old, "new_password1": new1, "new_password2": new2}
    return client.post(reverse("password_change"), data)


def test_the_page_is_chinese_in_the_portals_layout(staff):
    html = text(logged_in(staff).get(reverse("password_change")))
    assert "<h1" in html and "修改密码" in html
    assert "旧密码" in html and "新密码确认" in html
    assert 'lang="zh-Hans"' in html
    assert reverse("help") in html  # the portal's menu, not the admin's page
    assert "Password" not in html


def test_every_page_links_to_it_for_a_logged_in_user(staff, client):
    link = f'href="{reverse("password_change")}">修改密码'
    assert link in text(logged_in(staff).get(reverse("help")))
    assert link not in text(client.get(reverse("help")))


def test_a_changed_password_works_and_the_old_one_no_longer_does(staff):
    client = logged_in(staff)
    elsewhere = logged_in(staff)  # the same account in another browser
    response = change(client)
    assert response.status_code == 302
    assert response.url == reverse("password_change_done")
    done = client.get(response.url)
    assert "密码已修改" in text(done)
    # This browser stays logged in; the other one is logged out, as the page says.
    assert client.get(reverse("password_change")).status_code == 200
    assert "其他电脑或浏览器上的登录已失效" in text(done)
    assert elsewhere.get(reverse("password_change")).status_code == 302

    fresh = Client()
    fresh.post(reverse("login"), {"username": "420000", "password": f.PASSWORD})
    assert "_auth_user_id" not in fresh.session
    fresh.post(reverse("login"), {"username": "420000", "password": NEW_PASSWORD})
    assert "_auth_user_id" in fresh.session


def test_a_wrong_old_password_is_refused_in_chinese(staff):
    response = change(logged_in(staff), old="not-my-password")
    assert response.status_code == 200
    html = text(response)
    assert "你的旧密码不正确。请重新输入。" in html
    assert "<title>错误：" in html
    staff.refresh_from_db()
    assert staff.check_password(f.PASSWORD)


def test_a_weak_or_mistyped_new_password_is_refused_in_chinese(staff):
    client = logged_in(staff)
    assert "输入的两个密码不一致。" in text(change(client, new2=NEW_PASSWORD + "x"))
    html = text(change(client, new1="12345678", new2="12345678"))
    assert "这个密码太常见了。" in html
    staff.refresh_from_db()
    assert staff.check_password(f.PASSWORD)


def test_a_stranger_is_sent_to_the_login(client):
    for name in ("password_change", "password_change_done"):
        response = client.get(reverse(name))
        assert response.status_code == 302
        assert response.url.startswith(reverse("login"))


def test_the_admins_own_password_page_keeps_the_admins_layout(admin_client):
    html = text(admin_client.get(reverse("admin:password_change")))
    assert "admin/css/base.css" in html
    assert reverse("help") not in html
