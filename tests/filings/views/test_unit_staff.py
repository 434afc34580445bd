"""Who works for a unit: its active staff accounts with name, login name and e-mail, shown to
the unit's own staff and to reviewers, never to another unit's staff."""

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from .. import factories as f
from .helpers import client_for, page, url

pytestmark = pytest.mark.django_db


@pytest.fixture
def colleagues(unit, other_unit):
    """Two more staff of 湖北省, one of them without e-mail, and one who left (inactive)."""
    wang = f.make_staff(unit, username="hb-wang")
    wang.first_name, wang.email = "王丽", "wangli@jyt.hubei.example.cn"
    wang.save()
    li = f.make_staff(unit, username="hb-li")
    li.first_name = "李强"
    li.save()
    gone = f.make_staff(unit, username="hb-gone")
    gone.first_name, gone.email, gone.is_active = "赵离职", "gone@example.cn", False
    gone.save()
    hunan = f.make_staff(other_unit, username="hn-chen")
    hunan.first_name, hunan.email = "陈湘", "chen@jyt.hunan.example.cn"
    hunan.save()


def test_it_lists_the_units_active_staff_with_their_addresses(staff, colleagues, reviewer):
    response = client_for(staff).get(url("unit_staff", "420000"))
    assert response.status_code == 200
    html = page(response)
    assert "湖北省 · 平台账号" in html
    for shown in ("王丽", "hb-wang", "wangli@jyt.hubei.example.cn", "李强", "hb-li", "张敏"):
        assert shown in html
    listed = [account.username for account in response.context["accounts"]]
    assert listed == ["hb-li", "hb-wang", staff.username]
    # Inactive accounts, other units' staff and reviewers are not anyone's colleagues here.
    for hidden in ("赵离职", "hb-gone", "陈湘", "hn-chen", "丁振国"):
        assert hidden not in html
    assert "有效账号（3 个）" in html
    assert "您本人" in html
    # An account without an address is said to be out of reach.
    assert html.count("未登记：收不到通知邮件，不能自助找回密码") == 2
    assert "没有登记邮箱的账号" not in html


def test_it_links_to_changing_ones_own_password(staff):
    html = page(client_for(staff).get(url("unit_staff", "420000")))
    assert f'href="{reverse("password_change")}">修改我的密码' in html


def test_a_unit_without_any_address_is_told_what_that_means(staff, colleagues):
    User.objects.filter(username="hb-wang").update(email="")
    html = page(client_for(staff).get(url("unit_staff", "420000")))
    assert "本单位没有登记邮箱的账号。" in html
    assert "须由平台管理员重置" in html


def test_a_reviewer_sees_any_units_staff(reviewer, colleagues, other_unit):
    client = client_for(reviewer)
    html = page(client.get(url("unit_staff", "420000")))
    assert "wangli@jyt.hubei.example.cn" in html
    assert "修改我的密码" not in html  # it is not the reviewer's unit
    html = page(client.get(url("unit_staff", "430000")))
    assert "chen@jyt.hunan.example.cn" in html
    assert "王丽" not in html


def test_another_units_staff_get_a_404_that_names_nobody(other_staff, colleagues):
    response = client_for(other_staff).get(url("unit_staff", "420000"))
    assert response.status_code == 404
    html = page(response)
    for hidden in ("湖北省", "王丽", "hb-wang", "wangli@"):
        assert hidden not in html


def test_an_account_without_a_role_gets_a_404(outsider, colleagues):
    assert client_for(outsider).get(url("unit_staff", "420000")).status_code == 404


def test_a_stranger_is_sent_to_the_login(client, unit):
    response = client.get(url("unit_staff", "420000"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_an_unknown_unit_is_a_404_for_a_reviewer(reviewer):
    assert client_for(reviewer).get(url("unit_staff", "999999")).status_code == 404


def test_the_units_home_links_to_it(staff, reviewer, filing):
    link = f'href="{url("unit_staff", "420000")}">本单位的平台账号'
    assert link in page(client_for(staff).get(url("unit_home", "420000")))
    link = f'href="{url("unit_staff", "420000")}">该单位的平台账号'
    assert link in page(client_for(reviewer).get(url("unit_home", "420000")))


# --- the reviewers' list of units their e-mails reach through nobody's account ----------------


def test_reviewers_see_the_units_without_an_address_and_the_headers_contact(
    reviewer, colleagues, batch, unit, other_unit
):
    f.make_filing(other_unit, batch, contact_email="office@jyt.hunan.example.cn")
    guangdong = f.make_unit("440000", "广东省")
    User.objects.filter(username="hn-chen").update(email="")
    response = client_for(reviewer).get(url("unreachable_units"))
    assert response.status_code == 200
    assert [line[0].code for line in response.context["lines"]] == ["430000", "440000"]
    html = page(response)
    assert "湖北省" not in html  # 王丽 has an address
    assert f'href="{url("unit_staff", "430000")}">湖南省' in html
    assert "表头联系邮箱：office@jyt.hunan.example.cn" in html
    assert f'href="{url("unit_staff", guangdong.code)}">广东省' in html
    assert "未填写：收不到任何通知邮件" in html
    assert f'href="{url("unreachable_units")}">邮件联系不到的单位' in page(
        client_for(reviewer).get(url("review_board"))
    )


def test_reviewers_are_told_when_every_unit_is_reached(reviewer, colleagues, batch):
    User.objects.filter(username="hn-chen").update(email="chen@example.cn")
    html = page(client_for(reviewer).get(url("unreachable_units")))
    assert "每个报送单位都至少有一个登记了邮箱的工作人员账号。" in html


def test_staff_do_not_learn_that_the_list_exists(staff, batch):
    assert client_for(staff).get(url("unreachable_units")).status_code == 404
