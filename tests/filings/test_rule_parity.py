"""The same row through the two ways in, the row's form and an Attachment 2 import: the same
problems (code, severity, field) and the same verdict on whether it may be saved (issue #11).

Each case is one school in one certificate, described once and translated here into what a
browser posts and into a workbook's lines (the table and the evidence sheet).
"""

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

import pytest
from django.urls import reverse

from filings.forms import HeaderForm, PilotRowForm, SchoolForm
from filings.models import PilotRow, School, SchoolStatus, SchoolType
from filings.rules import CONDITIONS, check_filing
from filings.services import FilingError, filing_import, row_snapshot, rows_for_check
from filings.spreadsheet import layout
from filings.spreadsheet.importer import ImportResult, read_attachment2

from . import factories as f
from .spreadsheet import workbooks as w
from .views.helpers import flashed

pytestmark = pytest.mark.django_db

YEARS = [2017, 2018, 2019]
ALL_YEARS = object()  # the default: every major enrolled in each of the three years


@dataclass
class Case:
    school: str = "武汉职业技术学院"
    remarks: str = ""
    majors: list[str] = field(default_factory=lambda: ["电子商务", "市场营销"])
    years: Any = ALL_YEARS  # None: not known (no evidence); else a list for every major
    major_count: int | None = None  # None: as many as listed
    students: int | None = 120
    team: tuple[int, int, int] | None = (10, 6, 3)  # None: not known (no evidence)

    def major_years(self) -> list[int] | None:
        return YEARS if self.years is ALL_YEARS else self.years

    def count(self) -> int:
        return len(self.majors) if self.major_count is None else self.major_count


# (what the form and the import must both say: code, severity, field, blocks saving)
Problem = tuple[str, str, str, bool]


def through_the_form(case: Case, batch) -> tuple[Counter, bool]:
    school_form = SchoolForm(
        {
            "name": case.school,
            "school_type": SchoolType.HIGHER,
            "statuses": [SchoolStatus.NATIONAL_MODEL_HIGHER],
            "remarks": case.remarks,
        }
    )
    school = School(name=case.school, school_type=SchoolType.HIGHER, remarks=case.remarks)
    data: dict[str, Any] = {
        "certificate": f.certificate(1).pk,
        "levels": ["junior"],
        "major_count": str(case.count()),
        "student_count": "" if case.students is None else str(case.students),
        "training_experience": "yes",
        "teaching_resources": "yes",
        "facilities": "own",
        "management": "yes",
    }
    if case.team is not None:
        keys = ("team_size", "dual_qualified_count", "industry_expert_count")
        data.update({key: str(value) for key, value in zip(keys, case.team, strict=True)})
    for index, name in enumerate(case.majors):
        data[f"majors-{index}-name"] = name
        if case.major_years() is None:
            data[f"majors-{index}-unknown"] = "1"  # as the page posts an imported major
        for year in case.major_years() or []:
            data[f"majors-{index}-y{year}"] = "1"
    row_form = PilotRowForm(data, batch=batch, school=school)
    saves = school_form.is_valid() & row_form.is_valid()
    problems: Counter = Counter()
    for form in (school_form, row_form):
        for name, errors in form.errors.as_data().items():
            for error in errors:
                problems[(error.code, "error", name, True)] += 1
    for problem in row_form.pending:
        problems[(problem.code, problem.severity.value, problem.field, False)] += 1
    return problems, not saves


def imported(case: Case, batch) -> ImportResult:
    certificate = f.certificate(1)
    line = w.row(
        school=case.school,
        certificate=f"{certificate.name}（初级）",
        major_count=case.count(),
        majors="、".join(case.majors),
        students=case.students,
        remarks="；".join(filter(None, [SchoolStatus.NATIONAL_MODEL_HIGHER.label, case.remarks])),
    )
    years = case.major_years()
    enrolment = "；".join(
        f"{name}（{'未填写' if years is None else '、'.join(map(str, years))}）"
        for name in case.majors
    )
    evidence = {
        "school": case.school,
        "certificate": certificate.name,
        "enrolment": enrolment,
        "training_experience": "是",
        "teaching_resources": "是",
        "facilities": "自有",
        "management": "是",
    }
    if case.team is not None:
        evidence.update(
            zip(
                ("team_size", "dual_qualified_count", "industry_expert_count"),
                case.team,
                strict=True,
            )
        )
    sheet = [
        [layout.EVIDENCE_NOTE],
        [c.header for c in layout.EVIDENCE_COLUMNS],
        [evidence.get(c.key) for c in layout.EVIDENCE_COLUMNS],
    ]
    data = w.workbook_bytes([w.HEADER, line], more_sheets={layout.EVIDENCE_SHEET_TITLE: sheet})
    return read_attachment2(data, batch=batch, unit=None)


def through_the_import(case: Case, batch) -> tuple[Counter, bool]:
    result = imported(case, batch)
    problems: Counter = Counter(
        (issue.code, "error", issue.field, issue.blocking)
        for issue in result.all_issues
        if not issue.warning
    )
    return problems, result.blocking


CASES = {
    "a row that passes": (Case(), []),
    "majors counted differently from those listed": (
        Case(major_count=3),
        [("major_count", "error", "major_count", True)],
    ),
    "31 majors": (
        Case(majors=[f"专业{n}" for n in range(31)]),
        [("too_many_majors", "error", "majors", True)],
    ),
    "a major's name of 51 characters": (
        Case(majors=["电子商务", "专" * 51]),
        [("major_name_long", "error", "majors", True)],
    ),
    "a major listed twice": (
        Case(majors=["电子商务", "电子商务"]),
        [("major_repeated", "error", "majors", True)],
    ),
    "a 600-character remark": (
        Case(remarks="备" * 600),
        [("remarks_long", "error", "remarks", True)],
    ),
    "a school name of 101 characters": (
        Case(school="武" * 99 + "学院"),
        [("school_name_long", "error", "name", True)],
    ),
    "no students": (Case(students=0), [("students", "error", "student_count", True)]),
    "fewer than no students": (Case(students=-5), [("students", "error", "student_count", True)]),
    "students not given": (Case(students=None), [("students", "error", "student_count", True)]),
    "more students than any school has": (
        Case(students=1_000_001),
        [("count_too_large", "error", "student_count", True)],
    ),
    "a negative majors count": (
        Case(major_count=-1),
        [("count_negative", "error", "major_count", True)],
    ),
    "a training team of 0": (Case(team=(0, 0, 0)), [("team_empty", "error", "team_size", True)]),
    "too few dual-qualified teachers": (
        Case(team=(10, 4, 3)),
        [("dual_share", "error", "dual_qualified_count", True)],
    ),
    "too few industry experts": (
        Case(team=(10, 6, 1)),
        [("expert_share", "error", "industry_expert_count", True)],
    ),
    "a year without enrolment": (
        Case(years=[2018, 2019]),
        [("enrolment", "error", "majors", True)] * 2,
    ),
    # Evidence Attachment 2 has no column for: to complete, never blocking the save.
    "no training team and no enrolment years": (
        Case(team=None, years=None),
        [("team_missing", "error", "team_size", False)]
        + [("enrolment_missing", "error", "majors", False)] * 2,
    ),
}


@pytest.mark.parametrize(("case", "expected"), CASES.values(), ids=CASES.keys())
def test_the_form_and_the_import_say_the_same(batch, case, expected):
    form_problems, form_blocks = through_the_form(case, batch)
    import_problems, import_blocks = through_the_import(case, batch)
    assert form_problems == import_problems == Counter(expected)
    blocks = any(blocking for *_, blocking in expected)
    assert form_blocks == import_blocks == blocks


@pytest.mark.parametrize(
    ("phone", "stored"),
    [
        ("027—87328057", "027-87328057"),
        ("027－87328057", "027-87328057"),
        ("（027）87328057", "02787328057"),
    ],
)
def test_a_phone_number_the_header_form_takes_is_imported(batch, phone, stored):
    form = HeaderForm({"contact_name": "张敏", "contact_phone": phone, "contact_email": ""})
    assert form.is_valid(), form.errors
    lines = [["报送单位(盖章):湖北省教育厅"], [f"电话：{phone}"], w.HEADER, w.row()]
    result = read_attachment2(w.workbook_bytes(lines), batch=batch, unit=None)
    assert result.header["contact_phone"] == form.cleaned_data["contact_phone"] == stored
    assert not [i for i in result.issues if i.code == "header"]


def test_a_phone_number_the_header_form_refuses_is_not_imported(batch):
    form = HeaderForm({"contact_name": "张敏", "contact_phone": "12345", "contact_email": ""})
    assert not form.is_valid()
    assert [e.code for e in form.errors.as_data()["contact_phone"]] == ["header_phone"]
    lines = [["报送单位(盖章):湖北省教育厅"], ["电话：12345"], w.HEADER, w.row()]
    result = read_attachment2(w.workbook_bytes(lines), batch=batch, unit=None)
    assert "contact_phone" not in result.header
    assert [i.code for i in result.issues if i.code == "header"] == ["header"]


# --- what the import lets in, the row's own form saves unchanged --------------------------------


def posted(form_initial: dict[str, Any]) -> dict[str, Any]:
    """The row's edit form as the browser posts it back untouched."""
    data: dict[str, Any] = {}
    for name, value in form_initial.items():
        if name == "majors":
            for index, major in enumerate(value):
                data[f"majors-{index}-name"] = major["name"]
                if major["years"] is None:
                    data[f"majors-{index}-unknown"] = "1"
                for year in major["years"] or []:
                    data[f"majors-{index}-y{year}"] = "1"
        elif isinstance(value, bool):
            if value:
                data[name] = "on"
        elif value is not None:
            data[name] = value
    return data


def test_an_imported_row_saves_unchanged_through_its_form(client, staff, filing, batch):
    lines = [["报送单位(盖章):湖北省教育厅"], w.HEADER, w.row()]
    result = read_attachment2(w.workbook_bytes(lines), batch=batch, unit=filing.unit)
    assert not result.blocking
    assert result.rows_needing_evidence == 1
    filing_import(filing=filing, user=staff, result=result, filename="附件2.xlsx")
    row = PilotRow.objects.get(filing=filing)
    assert row.team_size is None and row.majors[0]["years"] is None

    client.force_login(staff)
    edit = reverse("filings:row_edit", args=[filing.unit.code, row.pk])
    response = client.post(edit, posted(PilotRowForm.initial_from(row)))

    assert response.status_code == 302, response.context["form"].errors
    saved = PilotRow.objects.get(pk=row.pk)
    assert (saved.majors, saved.team_size, saved.student_count) == (row.majors, None, 120)
    [pending] = [m for m in flashed(response) if "尚待补充" in m]
    assert "缺少培训团队情况" in pending and "缺少近3年" in pending


def test_correcting_one_figure_needs_no_team_figures(client, staff, filing, batch):
    """A province that imported its table corrects a student number before it has the
    training team's figures: the row saves; the team is still to complete for submission."""
    row = f.make_row(filing, team_size=None, dual_qualified_count=None, industry_expert_count=None)
    client.force_login(staff)
    data = posted({**PilotRowForm.initial_from(row), "student_count": 61})
    response = client.post(reverse("filings:row_edit", args=[filing.unit.code, row.pk]), data)
    assert response.status_code == 302
    saved = PilotRow.objects.get(pk=row.pk)
    assert (saved.student_count, saved.team_size) == (61, None)
    check = check_filing(filing, rows_for_check(filing))
    assert [p.code for p in check.row_problems[row.pk] if p.is_error] == ["team_missing"]


def test_years_the_form_has_no_box_for_are_not_imported(batch):
    """The rules ask about the last three years only, and the form has a box for each of
    them: a 2016 in the evidence sheet would be dropped by the next save of the form."""
    case = Case(years=[2016, 2017, 2018, 2019])
    result = imported(case, batch)
    assert not result.blocking
    assert [m["years"] for m in result.rows[0].row.majors] == [YEARS, YEARS]


def test_imported_rows_go_through_the_model_validation_the_form_path_runs(filing, batch):
    f.make_row(filing)
    result = read_attachment2(w.workbook_bytes([w.HEADER, w.row()]), batch=batch, unit=None)
    assert not result.blocking
    # A value no reader makes today, which the model refuses (bulk_create would store it).
    result.rows[0].row.facilities = "garage"
    with pytest.raises(FilingError) as refused:
        filing_import(filing=filing, user=None, result=result, filename="附件2.xlsx")
    assert refused.value.message.startswith("第2行不能保存：")
    assert PilotRow.objects.filter(filing=filing).count() == 1  # the filing as it was


# --- the glossary -------------------------------------------------------------------------------


ATTESTED_BY_THE_PROVINCE = ("training_experience", "teaching_resources", "facilities", "management")


def test_the_evidence_sheet_names_the_conditions_as_the_forms_and_the_history_do(batch):
    headings = [c.header for c in layout.EVIDENCE_COLUMNS]
    history = row_snapshot(f.build_row())
    for name in ATTESTED_BY_THE_PROVINCE:
        assert CONDITIONS[name].short in headings
        assert CONDITIONS[name].short in history
        assert CONDITIONS[name].label == PilotRowForm.base_fields[name].label


def test_an_evidence_sheet_exported_before_the_glossary_still_imports(batch):
    certificate = f.certificate(1)
    earlier = {"training_experience": "职业培训经验", "management": "制度与管理"}
    sheet = [
        [layout.EVIDENCE_NOTE],
        ["试点院校名称", "证书", *earlier.values(), "制度与管理说明"],
        ["武汉职业技术学院", certificate.name, "是", "否", "新建管理团队"],
    ]
    line = w.row(certificate=f"{certificate.name}（初级）")
    data = w.workbook_bytes([w.HEADER, line], more_sheets={layout.EVIDENCE_SHEET_TITLE: sheet})
    row = read_attachment2(data, batch=batch, unit=None).rows[0].row
    assert (row.training_experience, row.management, row.management_note) == (
        True,
        False,
        "新建管理团队",
    )


def test_a_contact_name_the_header_form_refuses_is_not_imported(batch):
    name = "张" * 51
    form = HeaderForm({"contact_name": name, "contact_phone": "", "contact_email": ""})
    assert not form.is_valid()
    lines = [["报送单位(盖章):湖北省教育厅"], [f"联系人：{name}"], w.HEADER, w.row()]
    result = read_attachment2(w.workbook_bytes(lines), batch=batch, unit=None)
    assert "contact_name" not in result.header
    assert [i.code for i in result.issues if i.code == "header"] == ["header"]
