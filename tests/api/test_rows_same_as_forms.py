"""The issue's promise: a province's rows pushed through the API make the same filing as the
same rows typed into the school-add form. Two units file the same table, one through the
pages, one through the API; Attachment 2's cells, the evidence sheet, the rows' history
snapshots, the summary and the check must come out the same."""

import re
from typing import Any

import pytest

from filings.models import Facilities, FilingEvent, SchoolStatus, SchoolType
from filings.rules import check_filing
from filings.selectors import rows_for_check
from filings.services import row_snapshot, school_snapshot
from filings.spreadsheet.export import evidence_values, export_rows, table_values
from filings.summary import summarize

from ..filings import factories as f
from ..filings.views.helpers import client_for, row_fields, school_add_data, school_fields, url
from .conftest import token_client
from .rows_helpers import YEARS, rows_url

pytestmark = pytest.mark.django_db

# A province's table as a person types it: full-width digits and spaces, notes, a school
# with several certificates, evidence still to come, a condition not yet attested.
TABLE: list[tuple[dict[str, Any], list[dict[str, Any]]]] = [
    (
        {"name": "武汉船舶职业技术学院", "statuses": [SchoolStatus.NATIONAL_HIGH_LEVEL]},
        [
            {"certificate_position": 1},
            {
                "certificate_position": 2,
                "student_count": "６０",
                "majors": [(" 船舶　工程技术 ", YEARS), ("轮机工程技术", YEARS)],
                "training_experience": "no",
                "training_experience_note": "2021年起开展",
                "facilities": Facilities.SHARED,
                "facilities_note": "与武昌造船厂共用",
                "innovation_team": "on",
            },
        ],
    ),
    (
        {
            "name": "湖北省第一职业教育中心",
            "school_type": SchoolType.SECONDARY,
            "statuses": [],
            "remarks": "全省中职示范",
        },
        [
            {
                "certificate_position": 3,
                "team_size": "",
                "dual_qualified_count": "",
                "management": "",
            }
        ],
    ),
    (
        {
            "name": "湖北文理学院",
            "school_type": SchoolType.APPLIED_UNDERGRAD,
            "school_code": "4142010519",
            "statuses": [],
        },
        [
            {"certificate_position": 4, "major_count": "２", "levels": ["senior"]},
            {"certificate_position": 5, "industry_expert_count": "３", "team_size": "１２"},
        ],
    ),
]

YES_NO = {"yes": True, "no": False, "": None}
COUNTS = ["major_count", "student_count"]
TEAM = ["team_size", "dual_qualified_count", "industry_expert_count"]


def _count(value: str) -> str | None:
    return value or None  # what a JSON client sends for an empty cell: null


def as_json(school: dict[str, Any], row: dict[str, Any]) -> dict[str, Any]:
    """The very fields the browser posts for one certificate, as a province's system
    sends them."""
    posted = row_fields(
        **{k: v for k, v in row.items() if k != "certificate_position"},
        certificate_position=row["certificate_position"],
    )
    majors = []
    for index in sorted({int(m) for m in re.findall(r"majors-(\d+)-name", " ".join(posted))}):
        years = [y for y in YEARS if f"majors-{index}-y{y}" in posted]
        majors.append({"name": posted[f"majors-{index}-name"], "years": years})
    notes = [k for k in posted if k.endswith("_note")]
    return {
        "school": school_fields(**school),
        "certificate": posted["certificate"],
        "levels": posted["levels"],
        "majors": majors,
        **{name: _count(posted[name]) for name in COUNTS},
        "team": {name: _count(posted[name]) for name in TEAM},
        "attestations": {
            **{
                n: YES_NO[posted[n]]
                for n in ("training_experience", "teaching_resources", "management")
            },
            "facilities": posted["facilities"],
            **{note: posted[note] for note in notes},
            "innovation_team": posted.get("innovation_team") == "on",
        },
    }


def file_through_the_pages(unit) -> None:
    client = client_for(f.make_staff(unit, username="pages-staff"))
    for school, rows in TABLE:
        data = school_add_data(*rows, **school)
        response = client.post(url("school_add", unit.code), data)
        assert response.status_code == 302, response.context and response.context["formset"].errors


def file_through_the_api(unit) -> None:
    api = token_client(f.make_staff(unit, username="api-staff"))
    for school, rows in TABLE:
        for row in rows:
            response = api.post(rows_url(unit.code), as_json(school, row), format="json")
            assert response.status_code == 201, response.json()


def what_it_makes(filing) -> dict[str, Any]:
    rows = list(export_rows(filing))
    check = check_filing(filing, rows_for_check(filing))
    return {
        "attachment2": [table_values(row, i) for i, row in enumerate(rows, start=1)],
        "evidence": [evidence_values(row, i) for i, row in enumerate(rows, start=1)],
        "rows": [row_snapshot(row) for row in rows],
        "schools": [school_snapshot(row.school) for row in rows],
        "summary": summarize(filing),
        "problems": sorted(
            (p.code, p.field, p.message)
            for problems in [check.filing_problems, *check.row_problems.values()]
            for p in problems
        ),
    }


def test_the_api_files_the_same_table_as_the_pages(reference_data, unit, other_unit):
    through_pages = f.make_filing(unit, reference_data)
    through_api = f.make_filing(other_unit, reference_data)
    file_through_the_pages(unit)
    file_through_the_api(other_unit)

    pages, api = what_it_makes(through_pages), what_it_makes(through_api)
    assert len(pages["rows"]) == 5
    assert api == pages
    # What was typed was cleaned the same way on both sides.
    assert pages["attachment2"][1][5].startswith("船舶 工程技术")
    assert pages["summary"].students == api["summary"].students
    # The table has something for the checks to say, and they say the same.
    assert {code for code, _, _ in pages["problems"]} >= {"team_missing", "unattested"}
    # And each side's history says where its changes came from.
    assert channels(through_pages) == {"web"} and channels(through_api) == {"api"}


def channels(filing) -> set[str]:
    return set(FilingEvent.objects.filter(filing=filing).values_list("channel", flat=True))


REFUSED = [
    {"certificate_position": 1, "major_count": "3"},
    {"certificate_position": 2, "majors": [("轮机工程技术", (2018, 2019))]},
    {"certificate_position": 3, "industry_expert_count": "1", "team_size": "12"},
    {"certificate_position": 4, "levels": [], "student_count": "-5"},
]


@pytest.mark.parametrize("row", REFUSED)
def test_the_api_refuses_what_the_pages_refuse_in_the_same_words(reference_data, unit, row):
    f.make_filing(unit, reference_data)
    staff = f.make_staff(unit, username="both")
    school = TABLE[0][0]
    page = client_for(staff).post(url("school_add", unit.code), school_add_data(row, **school))
    assert page.status_code == 200
    [form] = page.context["formset"].forms
    typed = sorted(m for errors in form.errors.values() for m in errors)
    answer = token_client(staff).post(rows_url(), as_json(school, row), format="json")
    assert answer.status_code == 400
    assert sorted(p["message"] for p in answer.json()["problems"]) == typed
