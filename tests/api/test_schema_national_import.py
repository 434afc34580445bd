"""The national and import endpoints answer as the schema documents, refusals included."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from filings.models import FilingState

from ..filings import factories as f
from ..filings.spreadsheet.test_import_views import clean_file
from .schema_check import api_schema, assert_matches_schema

pytestmark = pytest.mark.django_db

NATIONAL = "/api/v1/national/{number}/"
ROWS = "/api/v1/national/{number}/rows/"


@pytest.fixture
def accepted(reference_data, unit, other_unit):
    for owner, state in ((unit, FilingState.ACCEPTED), (other_unit, FilingState.SUBMITTED)):
        filing = f.make_filing(owner, reference_data, state=state)
        school = f.make_school(filing, "武汉职业技术学院")
        f.make_row(filing, school, f.certificate(1))
        f.make_row(filing, school, f.certificate(2), student_count=30)


def check(schema, template, response, status):
    assert response.status_code == status, (template, response.status_code)
    assert_matches_schema(schema, "get", template, status, response.json())


def test_the_national_figures_and_rows_answer_as_documented(reviewer_api, staff_api, accepted):
    schema = api_schema()
    for query in ({}, {"include_submitted": 1}):
        check(schema, NATIONAL, reviewer_api.get("/api/v1/national/2/", query), 200)
        check(schema, ROWS, reviewer_api.get("/api/v1/national/2/rows/", query), 200)
    check(schema, ROWS, reviewer_api.get("/api/v1/national/2/rows/", {"state": "draft"}), 400)
    check(schema, NATIONAL, reviewer_api.get("/api/v1/national/9/"), 404)
    check(schema, NATIONAL, staff_api.get("/api/v1/national/2/"), 404)


IMPORT = "/api/v1/units/{code}/filings/{number}/import/"


def test_the_import_answers_as_documented(
    staff_api, other_staff_api, reference_data, unit, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path / "media"
    f.make_filing(unit, reference_data)
    schema = api_schema()
    url = "/api/v1/units/420000/filings/2/import/"
    sent = {"file": SimpleUploadedFile("湖北省附件2.xlsx", clean_file())}
    preview = staff_api.post(url, sent, format="multipart")
    assert preview.status_code == 200
    assert_matches_schema(schema, "post", IMPORT, 200, preview.json())
    refused = staff_api.post(url, {}, format="multipart")
    assert refused.status_code == 400
    assert_matches_schema(schema, "post", IMPORT, 400, refused.json())
    hidden = other_staff_api.post(url, {}, format="multipart")
    assert hidden.status_code == 404
    assert_matches_schema(schema, "post", IMPORT, 404, hidden.json())
    done = staff_api.post(f"{url}?confirm=1", {"token": preview.json()["token"]}, format="json")
    assert 200 <= done.status_code < 300
    assert_matches_schema(schema, "post", IMPORT, done.status_code, done.json())
