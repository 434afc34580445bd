"""services.filing_import: a read table replaces the draft's rows, all or nothing, and is
recorded in the history."""

import pytest
from django.db import DatabaseError

from filings.models import EventKind, FilingEvent, FilingState, PilotRow, School, SchoolType
from filings.selectors import current_scan
from filings.services import (
    CHANGED_SINCE_PREVIEW,
    NOT_EDITABLE,
    FilingError,
    filing_import,
    row_update,
    scan_upload,
)
from filings.spreadsheet.importer import read_attachment2

from .. import factories as f
from . import workbooks as w

pytestmark = pytest.mark.django_db

FILE_ROWS = [
    w.row(certificate="网店运营推广（初级、中级）", students="1,200人"),
    w.row(school=None, school_type=None, remarks=None, certificate="智能财税（初级）"),
    w.row(
        school="湖北省工业建筑学校",
        school_type="中职",
        certificate="特殊焊接技术（初级）",
        major_count=1,
        majors="焊接技术应用",
        students=35,
        remarks="国家中等职业教育改革发展示范学校",
    ),
]


def foreign_table(**options) -> bytes:
    return w.province_table(
        FILE_ROWS, merge=[("B", 0, 1), ("C", 0, 1), ("H", 0, 1)], **options
    ).data


@pytest.fixture
def result(batch):
    result = read_attachment2(foreign_table(), batch=batch, unit=None)
    assert not result.blocking
    return result


@pytest.fixture
def filled(filing):
    """A draft with three rows of two schools, typed on the filing page."""
    school = f.make_school(filing, "鄂州职业大学")
    f.make_row(filing, school, f.certificate(1))
    f.make_row(filing, school, f.certificate(2))
    f.make_row(filing, f.make_school(filing, "湖北工程学院", SchoolType.APPLIED_UNDERGRAD))
    return filing


def table(filing) -> list[tuple[str, str, list[str], int | None]]:
    return [
        (
            row.school.name,
            row.certificate.name,
            [str(level) for level in row.levels],
            row.student_count,
        )
        for row in PilotRow.objects.filter(filing=filing).select_related("school", "certificate")
    ]


def test_the_file_rows_replace_the_draft_rows(filled, result):
    assert PilotRow.objects.filter(filing=filled).count() == 3

    assert filing_import(filing=filled, user=None, result=result, filename="附件2.xlsx") == (3, 2)

    assert PilotRow.objects.filter(filing=filled).count() == 3
    assert sorted(table(filled)) == sorted(
        [
            ("武汉职业技术学院", "网店运营推广", ["junior", "intermediate"], 1200),
            ("武汉职业技术学院", "智能财税", ["junior"], 120),
            ("湖北省工业建筑学校", "特殊焊接技术", ["junior"], 35),
        ]
    )
    assert sorted(School.objects.filter(filing=filled).values_list("name", "school_type")) == [
        ("武汉职业技术学院", SchoolType.HIGHER),
        ("湖北省工业建筑学校", SchoolType.SECONDARY),
    ]
    # The schools typed before are gone with their rows.
    assert not School.objects.filter(filing=filled, name__in=["鄂州职业大学", "湖北工程学院"])


def test_a_smaller_file_leaves_fewer_rows(filled, batch):
    data = w.province_table([w.row()]).data
    result = read_attachment2(data, batch=batch, unit=None)
    assert PilotRow.objects.filter(filing=filled).count() == 3
    filing_import(filing=filled, user=None, result=result, filename="附件2.xlsx")
    assert PilotRow.objects.filter(filing=filled).count() == 1


def test_the_header_comes_from_the_file(batch, unit, result):
    filing = f.make_filing(unit, batch, header=False)
    user = f.make_staff(unit)

    filing_import(filing=filing, user=user, result=result, filename="附件2.xlsx")

    filing.refresh_from_db()
    assert (filing.contact_name, filing.contact_phone, filing.contact_email) == (
        "张敏",
        "027-87328057",
        "zhangmin@hbe.gov.cn",
    )
    event = FilingEvent.objects.get(filing=filing, kind=EventKind.IMPORTED)
    assert {c["field"]: (c["before"], c["after"]) for c in event.changes} == {
        "联系人": ("", "张敏"),
        "电话": ("", "027-87328057"),
        "邮箱": ("", "zhangmin@hbe.gov.cn"),
    }


def test_a_file_without_header_lines_keeps_the_filing_header(filing, batch):
    data = w.province_table([w.row()], title=None, header_lines=[]).data
    filing_import(
        filing=filing,
        user=None,
        result=read_attachment2(data, batch=batch, unit=None),
        filename="a.xlsx",
    )
    filing.refresh_from_db()
    assert (filing.contact_name, filing.contact_phone) == ("张敏", "027-87328057")


def test_a_header_phone_the_form_would_refuse_is_left_out(filing, batch):
    lines = [["报送单位(盖章):湖北省教育厅", None, None, "联系人:李华"], ["电话:87328057"]]
    result = read_attachment2(
        w.province_table([w.row()], header_lines=lines).data, batch=batch, unit=None
    )
    [warning] = result.issues
    assert warning.warning and not warning.blocking and "87328057" in warning.message
    assert "contact_phone" not in result.header

    filing_import(filing=filing, user=None, result=result, filename="a.xlsx")
    filing.refresh_from_db()
    assert (filing.contact_name, filing.contact_phone) == ("李华", "027-87328057")


def test_the_import_is_recorded_in_the_history(filled, result):
    user = f.make_staff(filled.unit)
    filing_import(filing=filled, user=user, result=result, filename="湖北省附件2（终稿）.xlsx")

    event = FilingEvent.objects.get(filing=filled, kind=EventKind.IMPORTED)
    assert event.subject == "湖北省附件2（终稿）.xlsx"
    assert event.user == user
    assert event.note == "导入 3 行、2 所院校，替换了原有的 3 行。"


def test_the_import_bumps_the_revision_and_outdates_the_stamped_scan(filled, result, media_root):
    user = f.make_staff(filled.unit)
    scan = scan_upload(filing=filled, user=user, uploaded=f.scan_file())
    assert current_scan(filled) == scan
    revision = filled.revision

    filing_import(filing=filled, user=user, result=result, filename="附件2.xlsx")

    filled.refresh_from_db()
    assert filled.revision == revision + 1
    scan.refresh_from_db()
    assert not scan.is_current()
    assert current_scan(filled) is None


def test_a_returned_filing_becomes_a_draft_again(filled, result):
    filled.state = FilingState.RETURNED
    filled.save()
    filing_import(filing=filled, user=None, result=result, filename="附件2.xlsx")
    filled.refresh_from_db()
    assert filled.state == FilingState.DRAFT


@pytest.mark.parametrize("state", [FilingState.SUBMITTED, FilingState.ACCEPTED])
def test_a_submitted_or_accepted_filing_is_not_replaced(filled, result, state):
    filled.state = state
    filled.save()
    before = table(filled)

    with pytest.raises(FilingError) as refused:
        filing_import(filing=filled, user=None, result=result, filename="附件2.xlsx")

    assert refused.value.message == NOT_EDITABLE
    assert table(filled) == before
    assert not FilingEvent.objects.filter(filing=filled, kind=EventKind.IMPORTED).exists()


def test_an_edit_saved_since_the_preview_refuses_the_import_and_stands(filled, result, staff):
    # The preview was shown at revision 1; then a colleague saved a row.
    row = PilotRow.objects.filter(filing=filled).first()
    row_update(row=row, user=staff, data={"student_count": 77}, expected_version=1)
    before = table(filled)

    # The caller's copy of the filing still says revision 1: the locked one is judged.
    assert filled.revision == 1
    with pytest.raises(FilingError) as refused:
        filing_import(
            filing=filled, user=None, result=result, filename="附件2.xlsx", expected_revision=1
        )

    assert (refused.value.message, refused.value.code) == (
        CHANGED_SINCE_PREVIEW,
        "changed_since_preview",
    )
    assert table(filled) == before
    assert PilotRow.objects.get(pk=row.pk).student_count == 77
    assert not FilingEvent.objects.filter(filing=filled, kind=EventKind.IMPORTED).exists()


def test_an_import_at_the_revision_previewed_goes_through(filled, result):
    rows = filing_import(
        filing=filled, user=None, result=result, filename="附件2.xlsx", expected_revision=1
    )
    assert rows == (3, 2)


def test_a_blocked_result_writes_nothing_not_even_the_header(batch, unit):
    filing = f.make_filing(unit, batch, header=False)
    f.make_row(filing)
    rows = [w.row(), w.row(school="湖北工程学院", school_type="技工学校")]
    result = read_attachment2(w.province_table(rows).data, batch=batch, unit=None)
    assert result.blocking and result.header

    with pytest.raises(FilingError):
        filing_import(filing=filing, user=None, result=result, filename="附件2.xlsx")

    filing.refresh_from_db()
    assert filing.contact_name == "" and filing.revision == 1
    assert PilotRow.objects.filter(filing=filing).count() == 1
    assert not FilingEvent.objects.filter(filing=filing).exists()


def test_a_failure_midway_leaves_the_previous_rows_intact(filled, result, monkeypatch):
    before = sorted(PilotRow.objects.filter(filing=filled).values_list("pk", "school__name"))
    schools = sorted(School.objects.filter(filing=filled).values_list("pk", flat=True))
    revision = filled.revision
    real_bulk_create = PilotRow.objects.bulk_create

    def fail_midway(objs, *args, **kwargs):
        objs = list(objs)
        real_bulk_create(objs[:1], *args, **kwargs)  # the first row is written…
        raise DatabaseError("could not extend file: No space left on device")  # …then not

    monkeypatch.setattr(PilotRow.objects, "bulk_create", fail_midway)
    with pytest.raises(DatabaseError):
        filing_import(filing=filled, user=None, result=result, filename="附件2.xlsx")
    monkeypatch.undo()

    assert sorted(PilotRow.objects.filter(filing=filled).values_list("pk", "school__name")) == (
        before
    )
    assert sorted(School.objects.filter(filing=filled).values_list("pk", flat=True)) == schools
    filled.refresh_from_db()
    assert filled.revision == revision
    assert not FilingEvent.objects.filter(filing=filled, kind=EventKind.IMPORTED).exists()
