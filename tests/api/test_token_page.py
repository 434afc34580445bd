"""One's own API token on the account page: made, shown once, replaced, revoked; refused to
accounts without a portal role."""

import re

import pytest
from django.contrib.auth.models import User
from django.urls import reverse
from rest_framework.authtoken.models import Token

from ..filings import factories as f

pytestmark = pytest.mark.django_db

URL = "/accounts/api-token/"


@pytest.fixture
def staff(unit):
    return f.make_staff(unit)


def shown_key(response) -> str:
    match = re.search(r'id="new-key"[^>]*>([0-9a-f]{40})</textarea>', response.content.decode())
    assert match, "the new key is shown in its field"
    return match.group(1)


def test_the_url_and_the_links_to_it(client, staff):
    assert reverse("filings:api_token") == URL
    client.force_login(staff)
    home = client.get(reverse("filings:unit_home", args=["420000"])).content.decode()
    assert f'href="{URL}">API 令牌</a>' in home
    assert URL in client.get("/units/420000/staff/").content.decode()


def test_without_a_token_the_page_offers_to_make_one(client, staff):
    client.force_login(staff)
    page = client.get(URL)
    assert page.status_code == 200 and page["Cache-Control"].count("no-store")
    html = page.content.decode()
    assert "您还没有令牌" in html and "创建令牌" in html and "湖北省" in html
    assert "撤销令牌" not in html


def test_a_new_key_is_shown_once_then_only_its_first_four_characters(client, staff):
    client.force_login(staff)
    made = client.post(URL, {"action": "create"})
    assert made.status_code == 200 and "no-store" in made["Cache-Control"]
    key = shown_key(made)
    assert Token.objects.get(user=staff).key == key
    html = made.content.decode()
    assert "只显示这一次" in html and "任何人持有此令牌" in html
    assert '<label class="form-label fw-semibold" for="new-key">' in html

    later = client.get(URL).content.decode()
    assert key not in later
    assert f'<code class="text-body">{key[:4]}…</code>' in later and "创建于" in later
    assert "更换令牌" in later and "撤销令牌" in later
    # A second "create" does not replace the key behind the user's back.
    again = client.post(URL, {"action": "create"})
    assert again.status_code == 400 and "更换令牌" in again.content.decode()
    assert Token.objects.get(user=staff).key == key


def test_replacing_and_revoking_need_a_confirmation(client, staff):
    old = Token.objects.create(user=staff).key
    client.force_login(staff)
    for action in ("replace", "revoke"):
        refused = client.post(URL, {"action": action})
        assert refused.status_code == 400
        html = refused.content.decode()
        assert "请勾选确认" in html and 'aria-invalid="true"' in html
        assert Token.objects.get(user=staff).key == old

    replaced = client.post(URL, {"action": "replace", "confirm": "yes"})
    new = shown_key(replaced)
    assert new != old and Token.objects.get(user=staff).key == new
    assert "原令牌已失效" in replaced.content.decode()

    revoked = client.post(URL, {"action": "revoke", "confirm": "yes"}, follow=True)
    assert not Token.objects.filter(user=staff).exists()
    assert "令牌已撤销" in revoked.content.decode()


def test_a_reviewer_may_hold_one(client):
    client.force_login(f.make_reviewer())
    html = client.post(URL, {"action": "create"}).content.decode()
    assert "只能查看和审核" in html and 'id="new-key"' in html


@pytest.mark.parametrize("superuser", [False, True])
def test_accounts_without_a_role_are_refused(client, superuser):
    make = User.objects.create_superuser if superuser else User.objects.create_user
    user = make(username="nobody", password=f.PASSWORD, email="nobody@example.cn")
    client.force_login(user)
    for response in (client.get(URL), client.post(URL, {"action": "create"})):
        assert response.status_code == 403
        assert "没有报送单位或审核人员的角色" in response.content.decode()
    assert not Token.objects.exists()
    assert "API 令牌" not in client.get("/help/").content.decode()


def test_strangers_are_sent_to_the_login(client, db):
    response = client.get(URL)
    assert response.status_code == 302 and response.url.startswith("/accounts/login/")
