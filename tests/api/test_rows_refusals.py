"""What the API refuses, as the pages refuse it: bad rows (every problem listed), stale or
missing versions, a submitted filing, an earlier batch, another unit, a reviewer, a stranger."""

import pytest
from rest_framework.test import APIClient

from filings.models import FilingState, PilotRow

from ..filings import factories as f
from .rows_helpers import row_json, row_url, rows_url, school_json

pytestmark = pytest.mark.django_db

FILING_URL = "/api/v1/units/420000/filings/2/"


@pytest.fixture
def filing(reference_data, unit):
    return f.make_filing(unit, reference_data)


@pytest.fixture
def row(staff_api, filing):
    return staff_api.post(rows_url(), row_json(), format="json").json()


def codes(response) -> set[str]:
    return {p["code"] for p in response.json()["problems"]}


def test_an_invalid_row_is_refused_with_every_problem(staff_api, filing):
    body = row_json(levels=[], student_count=-3, school=school_json(name="", school_type="x"))
    body["team"]["dual_qualified_count"] = 2  # fewer than half of the team
    response = staff_api.post(rows_url(), body, format="json")
    assert response.status_code == 400
    answer = response.json()
    assert answer["code"] == "invalid" and "未保存" in answer["detail"]
    fields = {p["field"] for p in answer["problems"]}
    assert {"name", "school_type", "levels", "student_count", "dual_qualified_count"} <= fields
    for problem in answer["problems"]:
        assert problem["severity"] == "error" and problem["message"]
    assert "至少选择一个证书等级（初级、中级、高级）。" in {
        p["message"] for p in answer["problems"]
    }
    assert not PilotRow.objects.exists()


def test_a_certificate_of_another_batch_is_refused_in_the_rules_words(staff_api, filing):
    foreign = f.make_other_batch_certificate()
    body = row_json(certificate=foreign.pk, certificate_position=None)
    response = staff_api.post(rows_url(), body, format="json")
    assert response.status_code == 400
    [problem] = response.json()["problems"]
    assert problem["field"] == "certificate"
    assert problem["message"] == "证书不属于第二批1+X证书制度试点的10个证书。"
    missing = staff_api.post(rows_url(), row_json(99), format="json")
    assert missing.json()["problems"][0]["field"] == "certificate_position"


def test_majors_years_outside_the_three_and_bad_shapes(staff_api, filing):
    body = row_json(majors=[{"name": "电子商务", "years": [2016]}])
    answer = staff_api.post(rows_url(), body, format="json")
    assert answer.status_code == 400 and codes(answer) == {"major_years"}
    assert "2017、2018、2019" in answer.json()["problems"][0]["message"]
    assert staff_api.post(rows_url(), row_json(majors="电子商务"), format="json").status_code == 400
    assert staff_api.post(rows_url(), row_json(team=[1]), format="json").status_code == 400
    assert staff_api.post(rows_url(), [row_json()], format="json").status_code == 400


def test_the_services_refusals_come_as_problems_too(staff_api, row):
    again = staff_api.post(rows_url(), row_json(), format="json")
    assert again.status_code == 400 and codes(again) == {"duplicate_row"}
    other_type = row_json(2, school=school_json(school_type="secondary"))
    conflict = staff_api.post(rows_url(), other_type, format="json")
    assert conflict.status_code == 400 and conflict.json()["field"] == "school_type"


def test_versions_stale_or_missing(staff_api, row):
    url = row_url(row["id"])
    assert (
        staff_api.patch(url, {"version": 1, "student_count": 41}, format="json").status_code == 200
    )
    stale = staff_api.patch(url, {"version": 1, "student_count": 42}, format="json")
    assert stale.status_code == 409 and stale.json()["code"] == "edit_conflict"
    assert "修改" in stale.json()["detail"]
    missing = staff_api.put(url, row_json(), format="json")
    assert missing.status_code == 400
    assert missing.json()["problems"][0]["code"] == "version_required"
    assert staff_api.delete(url).status_code == 400
    assert staff_api.delete(url + "?version=1").status_code == 409
    # The school's own version, when its data change with the row.
    school = {"remarks": "省级优质校"}
    no_school_version = staff_api.patch(url, {"version": 2, "school": school}, format="json")
    assert no_school_version.status_code == 400
    assert no_school_version.json()["problems"][0]["field"] == "school.version"
    stale_school = {"version": 2, "school": {**school, "version": 9}}
    assert staff_api.patch(url, stale_school, format="json").status_code == 409
    # Nothing of a refused request was saved.
    assert PilotRow.objects.get(pk=row["id"]).version == 2


def test_a_submitted_filing_refuses_every_change(staff_api, filing, row):
    filing.state = FilingState.SUBMITTED
    filing.save()
    url = row_url(row["id"])
    answers = [
        staff_api.post(rows_url(), row_json(2), format="json"),
        staff_api.put(url, {**row_json(), "version": 1}, format="json"),
        staff_api.patch(url, {"version": 1, "student_count": 3}, format="json"),
        staff_api.delete(url + "?version=1"),
        staff_api.patch(
            FILING_URL, {"version": filing.revision, "contact_name": "李"}, format="json"
        ),
    ]
    for answer in answers:
        assert answer.status_code == 409 and answer.json()["code"] == "not_editable"
    assert staff_api.get(url).status_code == 200


def test_another_units_staff_get_404_for_every_method(other_staff_api, row):
    url = row_url(row["id"])
    assert other_staff_api.get(rows_url()).status_code == 404
    assert other_staff_api.post(rows_url(), row_json(2), format="json").status_code == 404
    assert other_staff_api.get(url).status_code == 404
    assert other_staff_api.put(url, {**row_json(), "version": 1}, format="json").status_code == 404
    assert other_staff_api.patch(url, {"version": 1}, format="json").status_code == 404
    assert other_staff_api.delete(url + "?version=1").status_code == 404
    assert other_staff_api.patch(FILING_URL, {"version": 1}, format="json").status_code == 404


def test_a_row_of_another_filing_is_404_under_this_one(staff_api, other_unit, reference_data, row):
    theirs = f.make_row(f.make_filing(other_unit, reference_data))
    assert staff_api.get(row_url(theirs.pk)).status_code == 404
    assert staff_api.patch(row_url(theirs.pk), {"version": 1}, format="json").status_code == 404


def test_reviewers_read_but_may_not_write(reviewer_api, row):
    url = row_url(row["id"])
    assert reviewer_api.get(rows_url()).status_code == 200
    assert reviewer_api.get(url).status_code == 200
    assert reviewer_api.post(rows_url(), row_json(2), format="json").status_code == 403
    assert reviewer_api.put(url, {**row_json(), "version": 1}, format="json").status_code == 403
    assert reviewer_api.patch(url, {"version": 1}, format="json").status_code == 403
    assert reviewer_api.delete(url + "?version=1").status_code == 403
    assert reviewer_api.patch(FILING_URL, {"version": 1}, format="json").status_code == 403


def test_without_a_session_or_token_nothing_is_answered(row):
    client = APIClient()
    url = row_url(row["id"])
    for answer in [
        client.get(rows_url()),
        client.post(rows_url(), row_json(2), format="json"),
        client.get(url),
        client.patch(url, {"version": 1}, format="json"),
        client.delete(url + "?version=1"),
    ]:
        assert answer.status_code in (401, 403)
    assert PilotRow.objects.count() == 1


def test_an_earlier_batch_is_read_only(staff_api, row):
    from bench.generated_batch import load_generated_batch

    load_generated_batch(number=3, certificates=20)
    url = row_url(row["id"])
    assert staff_api.get(url).status_code == 200
    refused = staff_api.patch(url, {"version": 1, "student_count": 3}, format="json")
    assert refused.status_code == 403 and "第二批" in refused.json()["detail"]
    assert staff_api.post(rows_url(), row_json(2), format="json").status_code == 403


def test_a_session_works_as_a_token_does(filing, unit):
    client = APIClient()
    client.force_login(f.make_staff(unit, username="session-staff"))
    assert client.post(rows_url(), row_json(), format="json").status_code == 201


def test_certificate_id_and_position_must_agree(staff_api, filing):
    body = row_json(2, certificate=f.certificate(1).pk)
    answer = staff_api.post(rows_url(), body, format="json")
    assert answer.status_code == 400
    assert answer.json()["problems"][0]["message"].endswith("该证书的序号是 1。")
    assert (
        staff_api.post(rows_url(), row_json(certificate_position=None), format="json").json()[
            "problems"
        ][0]["field"]
        == "certificate"
    )
