"""The OpenAPI schema is valid, says what each endpoint answers, and the documentation page
loads nothing from other hosts."""

import re

import pytest
from openapi_spec_validator import validate
from rest_framework.test import APIClient

from ..filings import factories as f
from .schema_check import api_schema, assert_matches_schema

pytestmark = pytest.mark.django_db

FILING = "/api/v1/units/{code}/filings/{number}/"
CERTIFICATES = "/api/v1/batches/{number}/certificates/"


@pytest.fixture
def schema():
    return api_schema()


@pytest.mark.parametrize(
    ("query", "accept"),
    [
        ({"format": "json"}, None),
        ({}, "application/json"),
        ({}, "application/vnd.oai.openapi+json"),
    ],
)
def test_the_schema_is_valid_openapi_3(query, accept):
    headers = {"HTTP_ACCEPT": accept} if accept else {}
    response = APIClient().get("/api/schema/", query, **headers)
    assert response.status_code == 200
    spec = response.json()
    assert spec["openapi"].startswith("3.")
    validate(spec)


def test_every_operation_is_summarised_in_chinese_and_documents_its_errors(schema):
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            assert re.search(r"[\u4e00-\u9fff]", operation.get("summary", "")), (method, path)
            assert "429" in operation["responses"], (method, path)
            if operation.get("security") != [{}]:  # not public: the wrong side is told
                assert {"401", "404"} <= set(operation["responses"]), (method, path)


def test_the_public_endpoints_answer_as_documented(schema, reference_data):
    client = APIClient()
    batches = client.get("/api/v1/batches/")
    assert_matches_schema(schema, "get", "/api/v1/batches/", 200, batches.json())
    certificates = client.get("/api/v1/batches/2/certificates/")
    assert_matches_schema(schema, "get", CERTIFICATES, 200, certificates.json())
    missing = client.get("/api/v1/batches/9/certificates/")
    assert missing.status_code == 404
    assert_matches_schema(schema, "get", CERTIFICATES, 404, missing.json())


def test_the_filing_answers_as_documented(
    schema, reference_data, unit, staff_api, other_staff_api, reviewer_api
):
    filing = f.make_filing(unit, reference_data)
    f.make_row(filing, student_count=40)
    url = "/api/v1/units/420000/filings/2/"
    for client in (staff_api, reviewer_api):
        response = client.get(url)
        assert response.status_code == 200
        assert_matches_schema(schema, "get", FILING, 200, response.json())
    for client, status in ((other_staff_api, 404), (APIClient(), 401)):
        response = client.get(url)
        assert response.status_code == status
        assert_matches_schema(schema, "get", FILING, status, response.json())


def test_the_check_catches_what_the_schema_does_not_say(schema, reference_data):
    body = APIClient().get("/api/v1/batches/").json()
    body[0]["undocumented"] = 1
    with pytest.raises(AssertionError, match="undocumented"):
        assert_matches_schema(schema, "get", "/api/v1/batches/", 200, body)
    del body[0]["undocumented"], body[0]["number"]
    with pytest.raises(AssertionError, match="number"):
        assert_matches_schema(schema, "get", "/api/v1/batches/", 200, body)
    with pytest.raises(AssertionError, match="does not document 418"):
        assert_matches_schema(schema, "get", "/api/v1/batches/", 418, body)


OTHER_HOSTS = re.compile(r"(?:https?:)?//(?!testserver[/:\"'])[a-z0-9.-]+\.[a-z]{2,}", re.I)


def test_the_docs_page_loads_only_its_own_files():
    client = APIClient()
    page = client.get("/api/docs/")
    assert page.status_code == 200
    html = page.content.decode()
    script = client.get("/api/docs/?script=")
    assert script.status_code == 200 and "SwaggerUIBundle" in script.content.decode()
    for text in (html, script.content.decode()):
        assert not OTHER_HOSTS.findall(text)
    assets = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert any("swagger-ui-bundle.js" in asset for asset in assets)
    for asset in assets:
        assert asset.startswith("/"), asset
        if "swagger-ui" in asset or asset.endswith(".png"):
            assert "/drf_spectacular_sidecar/" in asset, asset
        assert client.get(asset).status_code == 200, asset
