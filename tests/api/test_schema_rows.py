"""The rows endpoints and the header answer as the schema documents, refusals included."""

import pytest
from rest_framework.test import APIClient

from ..filings import factories as f
from .rows_helpers import row_json, row_url, rows_url
from .schema_check import api_schema, assert_matches_schema

pytestmark = pytest.mark.django_db

ROWS = "/api/v1/units/{code}/filings/{number}/rows/"
ROW = "/api/v1/units/{code}/filings/{number}/rows/{id}/"
FILING = "/api/v1/units/{code}/filings/{number}/"


@pytest.fixture
def schema():
    return api_schema()


@pytest.fixture
def filing(reference_data, unit):
    return f.make_filing(unit, reference_data)


def check(schema, method, template, response, status):
    assert response.status_code == status, (method, template, response.status_code)
    assert_matches_schema(schema, method, template, status, response.json())


def test_a_row_added_read_changed_and_listed(schema, staff_api, filing):
    added = staff_api.post(rows_url(), row_json(), format="json")
    check(schema, "post", ROWS, added, 201)
    row = added.json()
    check(schema, "get", ROW, staff_api.get(row_url(row["id"])), 200)
    patched = staff_api.patch(
        row_url(row["id"]), {"version": row["version"], "student_count": 80}, format="json"
    )
    check(schema, "patch", ROW, patched, 200)
    whole = {key: value for key, value in patched.json().items() if key != "problems"}
    check(schema, "put", ROW, staff_api.put(row_url(row["id"]), whole, format="json"), 200)
    check(schema, "get", ROWS, staff_api.get(rows_url(), {"page": 1}), 200)


def test_refusals_answer_as_documented(schema, staff_api, reviewer_api, other_staff_api, filing):
    row = staff_api.post(rows_url(), row_json(), format="json").json()
    check(schema, "post", ROWS, staff_api.post(rows_url(), {"levels": []}, format="json"), 400)
    stale = {"version": row["version"] + 5, "student_count": 1}
    check(schema, "patch", ROW, staff_api.patch(row_url(row["id"]), stale, format="json"), 409)
    check(schema, "post", ROWS, reviewer_api.post(rows_url(), row_json(), format="json"), 403)
    check(schema, "get", ROW, other_staff_api.get(row_url(row["id"])), 404)
    check(schema, "get", ROWS, APIClient().get(rows_url()), 401)
    header = staff_api.patch("/api/v1/units/420000/filings/2/", {"version": 999}, format="json")
    check(schema, "patch", FILING, header, 409)
