"""Throttling per token: one runaway script is slowed down, nobody else is."""

import pytest
from django.core.cache import cache
from django.utils.module_loading import import_string
from rest_framework.views import APIView

from ..filings import factories as f
from .schema_check import api_schema, assert_matches_schema

pytestmark = pytest.mark.django_db

URL = "/api/v1/units/420000/filings/2/"


@pytest.fixture(autouse=True)
def no_throttling(settings, monkeypatch):
    """Overrides the package's fixture: here throttling is on, with the settings' classes, at
    3 requests a minute per user and 2 per client address without a credential, in a cache of
    the test's own."""
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    throttles = [
        import_string(name) for name in settings.REST_FRAMEWORK["DEFAULT_THROTTLE_CLASSES"]
    ]
    assert throttles, "the settings throttle the API"
    monkeypatch.setattr(APIView, "throttle_classes", throttles)
    rest = dict(settings.REST_FRAMEWORK)
    rest["DEFAULT_THROTTLE_RATES"] = {"user": "3/minute", "anon": "2/minute"}
    settings.REST_FRAMEWORK = rest
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def filing(reference_data, unit):
    return f.make_filing(unit, reference_data)


def test_the_fourth_request_of_one_token_is_429_in_chinese(staff_api, reviewer_api, filing):
    for _ in range(3):
        assert staff_api.get(URL).status_code == 200
    refused = staff_api.get(URL)
    assert refused.status_code == 429
    body = refused.json()
    assert body["code"] == "throttled"
    assert body["detail"].startswith("请求过于频繁") and "秒后再试" in body["detail"]
    assert int(refused["Retry-After"]) > 0
    assert_matches_schema(api_schema(), "get", "/api/v1/units/{code}/filings/{number}/", 429, body)
    # Another user's token has its own count.
    assert reviewer_api.get(URL).status_code == 200


def test_the_answer_stays_chinese_for_a_client_asking_for_english(staff_api, filing):
    for _ in range(3):
        staff_api.get(URL)
    refused = staff_api.get(URL, HTTP_ACCEPT_LANGUAGE="en")
    assert refused.status_code == 429 and "请求过于频繁" in refused.json()["detail"]


def test_requests_without_a_credential_are_counted_per_address(client, reference_data):
    for _ in range(2):
        assert client.get("/api/v1/batches/").status_code == 200
    refused = client.get("/api/v1/batches/")
    assert refused.status_code == 429 and refused.json()["code"] == "throttled"


def test_a_made_up_forwarded_address_does_not_escape_the_count(client, reference_data):
    for number in range(2):
        response = client.get("/api/v1/batches/", HTTP_X_FORWARDED_FOR=f"203.0.113.{number}")
        assert response.status_code == 200
    refused = client.get("/api/v1/batches/", HTTP_X_FORWARDED_FOR="203.0.113.99")
    assert refused.status_code == 429
