"""GET /api/v1/national/{number}/ and …/rows/: the national figures filings/national.py
computes, and every row counted in them, for reviewers only."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from filings.api.national_serializers import concentration_payload, summary_payload
from filings.models import FilingState, SchoolType
from filings.national import (
    certificate_totals,
    conflicts,
    included_filings,
    national_summary,
    unit_figures,
)
from filings.rules import Thresholds, concentration

from ..filings import factories as f

pytestmark = pytest.mark.django_db

URL = "/api/v1/national/2/"
ROWS = "/api/v1/national/2/rows/"


@pytest.fixture
def filings(reference_data, unit, other_unit):
    """湖北 accepted (two schools, two certificates), 湖南 submitted (the same school as 湖北),
    广东 a draft: never counted."""
    hubei = f.make_filing(unit, reference_data, state=FilingState.ACCEPTED)
    wuhan = f.make_school(hubei, "武汉职业技术学院")
    f.make_row(hubei, wuhan, f.certificate(1))
    f.make_row(hubei, wuhan, f.certificate(2), student_count=30)
    secondary = f.make_school(hubei, "湖北省工业建筑学校", SchoolType.SECONDARY)
    f.make_row(hubei, secondary, f.certificate(1), student_count=25)
    hunan = f.make_filing(other_unit, reference_data, state=FilingState.SUBMITTED)
    f.make_row(hunan, f.make_school(hunan, "武汉职业技术学院"), f.certificate(3))
    draft = f.make_filing(f.make_unit("440000", "广东省"), reference_data)
    f.make_row(draft, f.make_school(draft, "广州番禺职业技术学院"), f.certificate(1))
    return hubei, hunan, draft


@pytest.mark.parametrize("include_submitted", [False, True])
def test_a_reviewer_gets_the_figures_national_py_computes(
    reviewer_api, filings, reference_data, include_submitted
):
    query = {"include_submitted": "1"} if include_submitted else {}
    response = reviewer_api.get(URL, query)
    assert response.status_code == 200
    body = response.json()

    included = included_filings(reference_data, include_submitted)
    units = unit_figures(reference_data, included)
    totals = certificate_totals(reference_data, included)
    assert body["batch"] == 2 and body["include_submitted"] is include_submitted
    assert body["summary"] == summary_payload(national_summary(units))
    assert body["included_units"] == (2 if include_submitted else 1)
    assert [
        (c["id"], c["rows"], c["students"], c["schools_by_type"]) for c in body["certificates"]
    ] == [(t.certificate.pk, t.rows, t.students, t.schools_by_type) for t in totals]
    by_code = {line["unit"]["code"]: line for line in body["units"]}
    for figures in units:
        line = by_code[figures.unit.code]
        assert line["summary"] == summary_payload(figures.summary)
        assert line["concentration"] == concentration_payload(figures.concentration)
        assert line["included"] is (figures.filing is not None)
    assert by_code["440000"]["included"] is False and by_code["440000"]["state"] is None
    national = concentration(
        {t.certificate.pk: t.rows for t in totals if t.rows}, Thresholds.of(reference_data)
    )
    assert body["concentration"] == concentration_payload(national)

    matrix = body["matrix"]
    assert matrix["certificates"] == [t.certificate.pk for t in totals]
    assert matrix["rows"]["column_totals"] == [t.rows for t in totals]
    assert matrix["students"]["column_totals"] == [t.students for t in totals]
    assert matrix["rows"]["grand_total"] == body["summary"]["rows"]
    hubei = next(line for line in matrix["rows"]["lines"] if line["unit"] == "420000")
    assert hubei["total"] == 3 and hubei["cells"][:2] == [2, 1]

    assert len(body["conflicts"]) == len(conflicts(reference_data, included))


def test_a_school_filed_by_two_units_is_a_conflict_once_submitted_ones_count(reviewer_api, filings):
    assert reviewer_api.get(URL).json()["conflicts"] == []
    [conflict] = reviewer_api.get(URL, {"include_submitted": "1"}).json()["conflicts"]
    assert conflict["school"] == "武汉职业技术学院" and conflict["by"] == "校名"
    assert [u["code"] for u in conflict["units"]] == ["420000", "430000"]
    assert conflict["units"][1]["school_name"] == "武汉职业技术学院"


def test_staff_and_strangers_get_no_national_figures(staff_api, filings):
    for url in (URL, ROWS, "/api/v1/national/9/"):
        assert staff_api.get(url).status_code == 404
        assert APIClient().get(url).status_code in (401, 403)


def test_an_unknown_batch_is_404_for_reviewers(reviewer_api, filings):
    assert reviewer_api.get("/api/v1/national/9/").status_code == 404
    assert reviewer_api.get("/api/v1/national/9/rows/").status_code == 404


# --- rows ------------------------------------------------------------------------------------


def rows_of(client, **query) -> dict:
    response = client.get(ROWS, query)
    assert response.status_code == 200, response.json()
    return response.json()


def test_the_rows_of_the_accepted_filings_with_everything_they_hold(reviewer_api, filings):
    body = rows_of(reviewer_api)
    assert body["count"] == 3 and body["next"] is None
    first = body["results"][0]
    assert first["unit"] == {"code": "420000", "name": "湖北省"}
    assert first["state"] == FilingState.ACCEPTED
    assert first["school"]["name"] == "武汉职业技术学院"
    assert first["school"]["school_type"] == SchoolType.HIGHER
    assert first["school"]["school_type_display"] == "高职"
    assert first["certificate"]["id"] == f.certificate(1).pk
    assert first["levels"] == ["junior", "intermediate"]
    assert first["major_count"] == 2 and first["majors"][0]["name"] == "电子商务"
    assert first["majors"][0]["years"] == [2017, 2018, 2019]
    assert first["student_count"] == 40
    assert first["team"] == {
        "team_size": 10,
        "dual_qualified_count": 6,
        "industry_expert_count": 3,
        "innovation_team": False,
    }
    assert first["attestations"]["training_experience"] is True
    assert first["attestations"]["facilities"] == "own"


def test_the_rows_come_a_page_at_a_time(reviewer_api, filings):
    first = rows_of(reviewer_api, page_size=2)
    assert first["count"] == 3 and len(first["results"]) == 2 and first["next"]
    second = rows_of(reviewer_api, page_size=2, page=2)
    assert len(second["results"]) == 1 and second["next"] is None
    ids = [r["id"] for r in first["results"] + second["results"]]
    assert len(set(ids)) == 3
    assert reviewer_api.get(ROWS, {"page": 9}).status_code == 404


def test_include_submitted_adds_the_submitted_filings_rows(reviewer_api, filings):
    body = rows_of(reviewer_api, include_submitted="1")
    assert body["count"] == 4
    assert {r["unit"]["code"] for r in body["results"]} == {"420000", "430000"}


@pytest.mark.parametrize(
    "query, count",
    [
        ({"unit": "420000"}, 3),
        ({"unit": "430000"}, 0),
        ({"unit": "430000", "include_submitted": "1"}, 1),
        ({"unit": "440000", "include_submitted": "1"}, 0),  # a draft never counts
        ({"certificate": "CERT1"}, 2),
        ({"certificate": "CERT1", "include_submitted": "1", "unit": "430000"}, 0),
        ({"school_type": SchoolType.SECONDARY}, 1),
        ({"school_type": SchoolType.HIGHER, "include_submitted": "1"}, 3),
        ({"state": FilingState.SUBMITTED}, 1),
        ({"state": FilingState.ACCEPTED, "include_submitted": "1"}, 3),
    ],
)
def test_each_filter(reviewer_api, filings, query, count):
    if query.get("certificate") == "CERT1":
        query = {**query, "certificate": f.certificate(1).pk}
    body = rows_of(reviewer_api, **query)
    assert body["count"] == count
    for row in body["results"]:
        if "unit" in query:
            assert row["unit"]["code"] == query["unit"]
        if "state" in query:
            assert row["state"] == query["state"]


@pytest.mark.parametrize(
    "query, field",
    [
        ({"state": FilingState.DRAFT}, "state"),
        ({"school_type": "university"}, "school_type"),
        ({"certificate": "abc"}, "certificate"),
    ],
)
def test_a_filter_that_is_no_filter_is_refused(reviewer_api, filings, query, field):
    response = reviewer_api.get(ROWS, query)
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "invalid_filter" and body["field"] == field
    assert body["detail"].startswith(f"筛选条件 {field} 无效")


def test_a_page_of_rows_takes_a_fixed_number_of_queries(
    reviewer_api, filings, reference_data, django_assert_max_num_queries
):
    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert len(rows_of(reviewer_api, page_size=50)["results"]) > 0
        return len(captured.captured_queries)

    small = queries()
    hubei = filings[0]
    for n in range(40):
        school = f.make_school(hubei, f"第{n}职业技术学院")
        f.make_row(hubei, school, f.certificate(n % 10 + 1))
    with django_assert_max_num_queries(small):
        assert len(rows_of(reviewer_api, page_size=50)["results"]) == 43
    assert small <= 6, small


def test_the_figures_take_a_fixed_number_of_queries(
    reviewer_api, filings, reference_data, django_assert_max_num_queries
):
    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert reviewer_api.get(URL, {"include_submitted": "1"}).status_code == 200
        return len(captured.captured_queries)

    small = queries()
    for code, name in (("450000", "广西壮族自治区"), ("460000", "海南省")):
        filing = f.make_filing(f.make_unit(code, name), reference_data, state=FilingState.ACCEPTED)
        for n in range(5):
            f.make_row(filing, f.make_school(filing, f"{name}第{n}职业学院"), f.certificate(n + 1))
    with django_assert_max_num_queries(small):
        assert reviewer_api.get(URL, {"include_submitted": "1"}).json()["included_units"] == 4
