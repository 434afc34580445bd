"""GET a filing: what its unit's page shows, to those who may see the page."""

import pytest
from rest_framework.test import APIClient

from filings.models import FilingState

from ..filings import factories as f

pytestmark = pytest.mark.django_db

URL = "/api/v1/units/420000/filings/2/"


@pytest.fixture
def filing(reference_data, unit):
    filing = f.make_filing(unit, reference_data)
    f.make_row(filing, student_count=40)
    f.make_row(
        filing,
        school=f.make_school(filing, "湖北工业职业技术学院"),
        cert=f.certificate(2),
        team_size=10,
        dual_qualified_count=2,
    )
    return filing


def test_staff_read_their_filing_with_its_figures_and_problems(staff_api, filing):
    response = staff_api.get(URL)
    assert response.status_code == 200
    body = response.json()
    assert body["unit"] == {"code": "420000", "name": "湖北省"}
    assert body["batch"] == 2 and body["state"] == FilingState.DRAFT
    assert body["version"] == filing.revision and body["editable"] is True
    assert body["header"]["contact_name"] == "张敏"
    assert body["summary"]["students"] == 80
    assert body["summary"]["labels"]["students"] == "第二批试点学生总规模"
    dual = [p for p in body["problems"] if p["field"] == "dual_qualified_count"]
    assert dual and dual[0]["severity"] == "error" and "双师型" in dual[0]["message"]
    assert dual[0]["row"] is not None
    assert body["error_count"] >= 1


def test_a_reviewer_reads_it_but_may_not_edit(reviewer_api, filing):
    body = reviewer_api.get(URL).json()
    assert body["editable"] is False


def test_another_units_staff_and_strangers_get_404_or_401(other_staff_api, filing):
    assert other_staff_api.get(URL).status_code == 404
    assert APIClient().get(URL).status_code in (401, 403)
    assert other_staff_api.get("/api/v1/units/420000/filings/9/").status_code == 404


def test_the_public_endpoints(reference_data):
    client = APIClient()
    [batch] = client.get("/api/v1/batches/").json()
    assert batch["number"] == 2 and batch["is_open"] is True
    assert batch["certificate_count"] == 10 and batch["enrolment_years"] == [2017, 2018, 2019]
    certificates = client.get("/api/v1/batches/2/certificates/").json()
    assert len(certificates) == 10
    first = certificates[0]
    assert first["name"] == "电子商务数据分析" and first["levels"] == [
        "junior",
        "intermediate",
        "senior",
    ]
    assert first["organization"]["contacts"][0]["name"] == "杨东飞"
    assert client.get("/api/v1/batches/9/certificates/").status_code == 404
