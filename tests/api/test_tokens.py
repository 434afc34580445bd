"""A token carries exactly its user's role, as access.py decides; administrators make tokens
with DRF's own command and see them in the admin."""

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from filings.api.tokens import issue_token, revoke_token

from ..filings import factories as f
from .conftest import token_client

pytestmark = pytest.mark.django_db

HUBEI = "/api/v1/units/420000/filings/2/"
HUNAN = "/api/v1/units/430000/filings/2/"


@pytest.fixture
def filings(reference_data, unit, other_unit):
    return f.make_filing(unit, reference_data), f.make_filing(other_unit, reference_data)


def test_a_staff_token_reads_its_unit_and_nothing_else(staff_api, filings):
    assert staff_api.get(HUBEI).status_code == 200
    other = staff_api.get(HUNAN)
    assert other.status_code == 404
    assert other.json() == {"detail": "没有找到该内容，或您无权查看。", "code": "not_found"}


def test_a_reviewer_token_reads_every_unit(reviewer_api, filings):
    for url in (HUBEI, HUNAN):
        response = reviewer_api.get(url)
        assert response.status_code == 200 and response.json()["editable"] is False


def test_a_revoked_or_wrong_token_is_401(unit, filings):
    staff = f.make_staff(unit)
    client = token_client(staff)
    assert client.get(HUBEI).status_code == 200
    revoke_token(staff)
    response = client.get(HUBEI)
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"
    assert response.json()["code"] == "authentication_failed"
    assert "令牌" in response.json()["detail"] or "认证" in response.json()["detail"]
    missing = APIClient().get(HUBEI)
    assert missing.status_code == 401 and missing.json()["code"] == "not_authenticated"


def test_a_replaced_token_stops_working(unit, filings):
    staff = f.make_staff(unit)
    old = token_client(staff)
    new = APIClient()
    new.credentials(HTTP_AUTHORIZATION=f"Token {issue_token(staff).key}")
    assert old.get(HUBEI).status_code == 401
    assert new.get(HUBEI).status_code == 200


def test_a_token_of_a_user_without_a_role_sees_no_filing(filings):
    outsider = User.objects.create_user(username="outsider", password=f.PASSWORD)
    assert token_client(outsider).get(HUBEI).status_code == 404


def test_a_deactivated_account_s_token_is_refused(unit, filings):
    staff = f.make_staff(unit)
    client = token_client(staff)
    staff.is_active = False
    staff.save()
    assert client.get(HUBEI).status_code == 401


def test_administrators_make_tokens_with_drf_create_token(unit, filings, capsys):
    staff = f.make_staff(unit)
    call_command("drf_create_token", staff.username)
    key = Token.objects.get(user=staff).key
    assert key in capsys.readouterr().out
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    assert client.get(HUBEI).status_code == 200
    # -r replaces it: the old key stops working.
    call_command("drf_create_token", staff.username, "-r")
    assert Token.objects.get(user=staff).key != key
    assert client.get(HUBEI).status_code == 401


def test_the_token_admin_stays_usable_for_superusers(client, unit):
    staff = f.make_staff(unit)
    Token.objects.create(user=staff)
    admin = User.objects.create_superuser("admin", "admin@example.cn", f.PASSWORD)
    client.force_login(admin)
    listing = client.get("/admin/authtoken/tokenproxy/")
    assert listing.status_code == 200 and staff.username in listing.content.decode()
    assert client.get("/admin/authtoken/tokenproxy/add/").status_code == 200
