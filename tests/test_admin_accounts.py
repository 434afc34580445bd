"""The administrator's view of which units e-mail cannot reach: a filter and a column on the
units' list, and a notice on the admin's index; nobody without the admin's permission sees it."""

import pytest
from django.contrib.auth.models import Permission, User
from django.test import Client
from django.urls import reverse

from tests.filings import factories as f

pytestmark = pytest.mark.django_db

UNITS = reverse("admin:filings_submittingunit_changelist")
NOTICE = "个报送单位没有登记邮箱的工作人员账号"


@pytest.fixture
def units():
    reached = f.make_unit("420000", "湖北省")
    user = f.make_staff(reached, username="hb")
    user.email = "hb@example.cn"
    user.save()
    no_address = f.make_unit("430000", "湖南省")
    f.make_staff(no_address, username="hn")
    left = f.make_unit("440000", "广东省")
    user = f.make_staff(left, username="gd")
    user.email, user.is_active = "gd@example.cn", False
    user.save()
    f.make_unit("450000", "广西壮族自治区")


def listed(response) -> list[str]:
    return [unit.code for unit in response.context["cl"].result_list]


def test_the_filter_lists_the_units_nobody_can_be_reached_at(admin_client, units):
    response = admin_client.get(UNITS, {"reachable_staff": "no"})
    assert response.status_code == 200
    assert listed(response) == ["430000", "440000", "450000"]
    assert listed(admin_client.get(UNITS, {"reachable_staff": "yes"})) == ["420000"]
    html = response.content.decode()
    assert "登记邮箱的工作人员账号" in html
    assert "没有（收不到通知，不能自助找回密码）" in html


def test_the_list_says_for_each_unit_whether_it_is_reached(admin_client, units):
    response = admin_client.get(UNITS)
    assert listed(response) == ["420000", "430000", "440000", "450000"]
    reached = {unit.code: unit.reachable for unit in response.context["cl"].result_list}
    assert reached == {"420000": True, "430000": False, "440000": False, "450000": False}
    # Sorted by the column: the units without anyone first.
    index = response.context["cl"].list_display.index("reachable_staff")
    response = admin_client.get(UNITS, {"o": str(index)})
    assert listed(response)[-1] == "420000"


def test_the_admins_index_counts_them_and_links_to_the_list(admin_client, units):
    html = admin_client.get(reverse("admin:index")).content.decode()
    assert f"3 {NOTICE}" in html
    assert f'href="{UNITS}?reachable_staff=no"' in html
    # The index is still the admin's own.
    assert reverse("admin:filings_submittingunit_changelist") in html


def test_no_notice_when_every_unit_is_reached(admin_client):
    user = f.make_staff(f.make_unit("420000", "湖北省"), username="hb")
    user.email = "hb@example.cn"
    user.save()
    assert NOTICE not in admin_client.get(reverse("admin:index")).content.decode()


def test_an_admin_user_without_the_units_permission_sees_neither(units):
    clerk = User.objects.create_user("clerk", password=f.PASSWORD, is_staff=True)
    clerk.user_permissions.add(Permission.objects.get(codename="view_filing"))
    client = Client()
    client.force_login(clerk)
    index = client.get(reverse("admin:index"))
    assert index.status_code == 200
    assert NOTICE not in index.content.decode()
    assert client.get(UNITS, {"reachable_staff": "no"}).status_code == 403


@pytest.mark.parametrize("who", ["staff", "reviewer"])
def test_portal_users_are_sent_to_the_admins_login(units, who):
    user = f.make_reviewer() if who == "reviewer" else User.objects.get(username="hn")
    client = Client()
    client.force_login(user)
    response = client.get(UNITS, {"reachable_staff": "no"})
    assert response.status_code == 302
    assert response.url.startswith(reverse("admin:login"))


def test_from_a_unit_to_its_accounts_and_their_addresses(admin_client, units):
    response = admin_client.get(UNITS, {"reachable_staff": "no"})
    hunan = next(u for u in response.context["cl"].result_list if u.code == "430000")
    users = reverse("admin:auth_user_changelist")
    link = f"{users}?portal_profile__unit__id__exact={hunan.pk}"
    assert f'href="{link}">查看账号' in response.content.decode()
    response = admin_client.get(link)
    assert response.status_code == 200
    assert [u.username for u in response.context["cl"].result_list] == ["hn"]
    assert "电子邮件地址" in response.content.decode()  # the column to fill in
