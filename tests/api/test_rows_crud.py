"""A province's system files its table through the API: add, read, change, delete rows."""

import pytest
from rest_framework.pagination import PageNumberPagination
from rest_framework.test import APIClient

from filings.models import EventKind, FilingEvent, PilotRow, School
from filings.services import row_snapshot

from ..filings import factories as f
from .rows_helpers import row_json, row_url, rows_url, school_json

pytestmark = pytest.mark.django_db


@pytest.fixture
def filing(reference_data, unit):
    return f.make_filing(unit, reference_data)


def test_post_adds_the_school_with_its_row_and_answers_it_with_its_problems(staff_api, filing):
    response = staff_api.post(rows_url(), row_json(), format="json")
    assert response.status_code == 201, response.json()
    row = response.json()
    assert row["school"]["name"] == "武汉船舶职业技术学院"
    assert row["school"]["statuses"] == ["national_high_level"]
    assert row["certificate"] == f.certificate(1).pk and row["certificate_position"] == 1
    assert row["levels"] == ["junior", "intermediate"]
    assert row["majors"][0] == {"name": "电子商务", "years": [2017, 2018, 2019]}
    assert row["major_count"] == 2 and row["student_count"] == 40
    assert row["team"] == {"team_size": 10, "dual_qualified_count": 6, "industry_expert_count": 3}
    assert row["attestations"]["facilities"] == "own"
    assert row["attestations"]["training_experience"] is True
    assert row["problems"] == []
    saved = PilotRow.objects.get(pk=row["id"])
    assert saved.version == row["version"] == 1


def test_a_second_post_with_the_schools_name_adds_to_that_school(staff_api, filing):
    first = staff_api.post(rows_url(), row_json(1), format="json").json()
    # The name as another system spells it: full-width spaces around it.
    other = school_json(name="　武汉船舶职业技术学院 ")
    second = staff_api.post(rows_url(), row_json(2, school=other), format="json").json()
    assert second["school"]["id"] == first["school"]["id"]
    assert School.objects.filter(filing=filing).count() == 1


def test_full_width_digits_and_certificate_by_id(staff_api, filing):
    body = row_json(
        certificate=f.certificate(3).pk, student_count="４０", certificate_position=None
    )
    body["team"]["team_size"] = "１０"
    row = staff_api.post(rows_url(), body, format="json").json()
    assert row["student_count"] == 40 and row["team"]["team_size"] == 10
    assert row["certificate_position"] == 3


def test_a_row_saved_with_pending_evidence_says_so(staff_api, filing):
    body = row_json(team={"team_size": None}, majors=[{"name": "电子商务", "years": None}])
    response = staff_api.post(rows_url(), body, format="json")
    assert response.status_code == 201
    problems = response.json()["problems"]
    assert problems and all(p["row"] == response.json()["id"] for p in problems)
    assert any(p["missing_evidence"] for p in problems)


def test_list_filters_and_paginates(staff_api, filing, monkeypatch):
    staff_api.post(rows_url(), row_json(1), format="json")
    staff_api.post(rows_url(), row_json(2), format="json")
    secondary = school_json(name="武汉市第一职业教育中心", school_type="secondary", statuses=[])
    staff_api.post(rows_url(), row_json(1, school=secondary), format="json")
    body = staff_api.get(rows_url()).json()
    assert body["count"] == 3 and len(body["results"]) == 3
    assert all("problems" in row for row in body["results"])
    by_certificate = staff_api.get(rows_url(), {"certificate": f.certificate(1).pk}).json()
    assert by_certificate["count"] == 2
    assert staff_api.get(rows_url(), {"school_type": "secondary"}).json()["count"] == 1
    assert staff_api.get(rows_url(), {"school": "船舶"}).json()["count"] == 2
    bad = staff_api.get(rows_url(), {"school_type": "technician"})
    assert bad.status_code == 400 and bad.json()["problems"][0]["field"] == "school_type"
    monkeypatch.setattr(PageNumberPagination, "page_size", 2)
    page = staff_api.get(rows_url()).json()
    assert page["count"] == 3 and len(page["results"]) == 2 and page["next"]


def test_get_put_patch_delete_one_row(staff_api, filing):
    row = staff_api.post(rows_url(), row_json(), format="json").json()
    assert staff_api.get(row_url(row["id"])).json()["id"] == row["id"]

    put = row_json(student_count=55, version=row["version"])
    del put["school"]  # the school stays as it is
    answer = staff_api.put(row_url(row["id"]), put, format="json")
    assert answer.status_code == 200, answer.json()
    assert answer.json()["student_count"] == 55 and answer.json()["version"] == 2

    patch = {"version": 2, "team": {"industry_expert_count": 4}, "levels": ["senior"]}
    patched = staff_api.patch(row_url(row["id"]), patch, format="json").json()
    assert patched["team"] == {
        "team_size": 10,
        "dual_qualified_count": 6,
        "industry_expert_count": 4,
    }
    assert patched["levels"] == ["senior"] and patched["student_count"] == 55

    school = {"remarks": "省级优质校", "version": patched["school"]["version"]}
    renamed = staff_api.patch(row_url(row["id"]), {"version": 3, "school": school}, format="json")
    assert renamed.status_code == 200, renamed.json()
    assert renamed.json()["school"]["remarks"] == "省级优质校"

    gone = staff_api.delete(row_url(row["id"]) + "?version=4")
    assert gone.status_code == 204
    assert not PilotRow.objects.filter(pk=row["id"]).exists()
    assert not School.objects.filter(filing=filing).exists()


def test_header_patch_completes_the_filing(staff_api, reference_data, unit):
    filing = f.make_filing(unit, reference_data, header=False)
    url = "/api/v1/units/420000/filings/2/"
    sent = {"version": filing.revision, "contact_name": " 张敏 ", "contact_phone": "027-87328057"}
    response = staff_api.patch(url, sent, format="json")
    assert response.status_code == 200, response.json()
    assert response.json()["header"]["contact_name"] == "张敏"
    assert response.json()["header"]["contact_phone"] == "027-87328057"
    stale = staff_api.patch(url, {**sent, "contact_email": "a@b.cn"}, format="json")
    assert stale.status_code == 409 and stale.json()["code"] == "edit_conflict"
    missing = staff_api.patch(url, {"contact_email": "a@b.cn"}, format="json")
    assert missing.status_code == 400 and missing.json()["code"] == "invalid"
    bad = staff_api.patch(
        url, {"version": response.json()["version"], "contact_email": "x"}, format="json"
    )
    assert bad.status_code == 400 and bad.json()["problems"][0]["field"] == "contact_email"


def test_every_change_is_recorded_as_coming_through_the_api(staff_api, filing):
    row = staff_api.post(rows_url(), row_json(), format="json").json()
    staff_api.patch(row_url(row["id"]), {"version": 1, "student_count": 41}, format="json")
    staff_api.delete(row_url(row["id"]), {"version": 2}, format="json")
    events = FilingEvent.objects.filter(filing=filing)
    assert events.count() >= 4  # school added, row added, row changed, row deleted
    assert set(events.values_list("channel", flat=True)) == {"api"}


def test_what_get_answers_put_takes_back_unchanged(staff_api, filing):
    body = row_json(majors=[{"name": "电子商务", "years": None}], team={"team_size": None})
    row = staff_api.post(rows_url(), body, format="json").json()
    before = row_snapshot(PilotRow.objects.get(pk=row["id"]))
    answer = staff_api.put(
        row_url(row["id"]), staff_api.get(row_url(row["id"])).json(), format="json"
    )
    assert answer.status_code == 200, answer.json()
    assert answer.json()["majors"] == [{"name": "电子商务", "years": None}]
    assert row_snapshot(PilotRow.objects.get(pk=row["id"])) == before
    assert not FilingEvent.objects.filter(filing=filing, kind=EventKind.ROW_CHANGED).exists()


def test_a_browser_session_needs_its_csrf_token(unit, filing):
    client = APIClient(enforce_csrf_checks=True)
    client.force_login(f.make_staff(unit, username="browser"))
    assert client.get(rows_url()).status_code == 200
    refused = client.post(rows_url(), row_json(), format="json")
    assert refused.status_code == 403 and "CSRF" in refused.json()["detail"]
