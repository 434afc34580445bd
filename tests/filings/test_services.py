"""Every change to a filing (filings/services.py): what it writes, what it refuses, what it logs."""

import hashlib
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from filings.glossary import in_extension
from filings.models import (
    EventKind,
    Filing,
    FilingEvent,
    FilingState,
    PilotRow,
    School,
    SchoolStatus,
    SchoolType,
    StampedScan,
)
from filings.rules import check_filing
from filings.services import (
    ALREADY_ACCEPTED,
    ALREADY_SUBMITTED,
    EDIT_CONFLICT,
    HAS_ERRORS,
    HEADER_EDIT_CONFLICT,
    HEADER_INCOMPLETE,
    NO_CURRENT_SCAN,
    NO_ROWS_FOR_SCHOOL,
    NOT_EDITABLE,
    NOT_SUBMITTED,
    PAST_DEADLINE,
    RETURN_NEEDS_REASON,
    ROW_EXISTS,
    SCAN_EMPTY,
    SCAN_MAX_BYTES,
    SCAN_TOO_LARGE,
    SCAN_WRONG_TYPE,
    SCHOOL_EDIT_CONFLICT,
    WARNINGS_NOT_ACKNOWLEDGED,
    EditConflict,
    FilingError,
    current_scan,
    filing_accept,
    filing_extend,
    filing_return,
    filing_submit,
    header_update,
    row_delete,
    row_update,
    rows_for_check,
    scan_upload,
    school_add_with_rows,
    school_delete,
    school_update,
    submission_blockers,
)

from . import factories as f

pytestmark = pytest.mark.django_db

BEIJING = ZoneInfo("Asia/Shanghai")
IN_TIME = datetime(2019, 9, 16, 10, 0, tzinfo=BEIJING)
AFTER_DEADLINE = datetime(2019, 9, 22, 9, 30, tzinfo=BEIJING)
EXTENDED_TO = datetime(2019, 9, 27, 23, 59, 59, tzinfo=BEIJING)


@pytest.fixture(autouse=True)
def _media(media_root):
    """No test here writes a scan into var/media."""


@pytest.fixture
def staff(unit):
    return f.make_staff(unit)


@pytest.fixture
def reviewer(db):
    return f.make_reviewer()


def fresh(filing: Filing) -> Filing:
    return Filing.objects.select_related("unit", "batch").get(pk=filing.pk)


def fresh_row(row: PilotRow) -> PilotRow:
    return PilotRow.objects.select_related("school", "certificate", "filing").get(pk=row.pk)


def events(filing: Filing) -> list[FilingEvent]:
    return list(FilingEvent.objects.filter(filing=filing).order_by("pk"))


def kinds(filing: Filing) -> list[str]:
    return [e.kind for e in events(filing)]


def school_data(**overrides):
    data = {
        "name": "武汉船舶职业技术学院",
        "school_type": SchoolType.HIGHER,
        "statuses": [SchoolStatus.NATIONAL_HIGH_LEVEL],
        "remarks": "",
    }
    data.update(overrides)
    return data


def ready(filing: Filing, user, **row_overrides) -> PilotRow:
    """A filing that can be submitted: a valid row (unless overridden) and a current scan."""
    row = f.make_row(filing, **row_overrides)
    scan_upload(filing=fresh(filing), user=user, uploaded=f.scan_file())
    return row


def submitted(filing: Filing, user, **row_overrides) -> Filing:
    ready(filing, user, **row_overrides)
    filing_submit(filing=filing, user=user, acknowledged=True, now=IN_TIME)
    return fresh(filing)


# --- the header -------------------------------------------------------------------------------


def test_it_updates_the_header_bumps_the_revision_and_records_before_and_after(batch, unit, staff):
    filing = f.make_filing(unit, batch, header=False)
    header_update(
        filing=filing,
        user=staff,
        contact_name="张敏",
        contact_phone="027-87328057",
        contact_email="zhangmin@hbe.gov.cn",
        expected_revision=filing.revision,
    )
    filing = fresh(filing)
    assert (filing.contact_name, filing.contact_phone, filing.contact_email) == (
        "张敏",
        "027-87328057",
        "zhangmin@hbe.gov.cn",
    )
    assert filing.revision == 2
    [event] = events(filing)
    assert event.kind == EventKind.HEADER
    assert event.user == staff
    assert event.subject == "表头"
    assert event.changes == [
        {"field": "联系人", "before": "", "after": "张敏"},
        {"field": "电话", "before": "", "after": "027-87328057"},
        {"field": "邮箱", "before": "", "after": "zhangmin@hbe.gov.cn"},
    ]


def test_only_the_changed_header_fields_are_recorded(filing, staff):
    header_update(
        filing=filing,
        user=staff,
        contact_name="李强",
        contact_phone=filing.contact_phone,
        contact_email=filing.contact_email,
        expected_revision=filing.revision,
    )
    assert events(filing)[0].changes == [{"field": "联系人", "before": "张敏", "after": "李强"}]


def test_an_unchanged_header_records_nothing_and_keeps_the_revision(filing, staff):
    header_update(
        filing=filing,
        user=staff,
        contact_name=filing.contact_name,
        contact_phone=filing.contact_phone,
        contact_email=filing.contact_email,
        expected_revision=filing.revision,
    )
    assert fresh(filing).revision == 1
    assert events(filing) == []


def test_an_invalid_email_changes_nothing(filing, staff):
    with pytest.raises(ValidationError) as raised:
        header_update(
            filing=filing,
            user=staff,
            contact_name="李强",
            contact_phone="027-87328057",
            contact_email="lq@",
            expected_revision=filing.revision,
        )
    assert "contact_email" in raised.value.message_dict
    stored = fresh(filing)
    assert (stored.contact_name, stored.contact_email, stored.revision) == (
        "张敏",
        "zhangmin@hbe.gov.cn",
        1,
    )
    assert events(filing) == []


def save_header(filing: Filing, user, expected_revision: int | None, **values: str) -> None:
    """header_update with the filing's own header, but for `values`."""
    header = {
        key: getattr(filing, key) for key in ("contact_name", "contact_phone", "contact_email")
    }
    header_update(
        filing=filing, user=user, expected_revision=expected_revision, **{**header, **values}
    )


def test_a_header_saved_after_a_change_to_the_table_is_refused(filing, staff):
    # Two people opened the header at revision 1; the first one saves.
    save_header(filing, staff, 1, contact_name="李强")
    with pytest.raises(EditConflict) as raised:
        save_header(fresh(filing), staff, 1, contact_name="王芳", contact_phone="13907141234")
    assert (raised.value.message, raised.value.code) == (HEADER_EDIT_CONFLICT, "edit_conflict")
    stored = fresh(filing)
    assert (stored.contact_name, stored.contact_phone, stored.revision) == (
        "李强",
        "027-87328057",
        2,
    )
    assert len(events(filing)) == 1


def test_a_header_saved_after_a_row_changed_is_refused_too(filing, staff):
    row = f.make_row(filing)
    row_update(row=row, user=staff, data={"student_count": 41}, expected_version=1)
    with pytest.raises(EditConflict):
        save_header(filing, staff, 1, contact_name="李强")
    assert fresh(filing).contact_name == "张敏"


def test_a_header_saved_without_its_revision_is_refused(filing, staff):
    with pytest.raises(EditConflict):
        save_header(filing, staff, None, contact_name="李强")
    stored = fresh(filing)
    assert (stored.contact_name, stored.revision) == ("张敏", 1)
    assert events(filing) == []


def test_an_anonymous_change_is_recorded_without_user(filing):
    header_update(
        filing=filing,
        user=None,
        contact_name="李强",
        contact_phone=filing.contact_phone,
        contact_email=filing.contact_email,
        expected_revision=filing.revision,
    )
    assert events(filing)[0].user is None


# --- schools ----------------------------------------------------------------------------------


def test_it_adds_a_school_with_its_rows_in_one_go(filing, staff):
    school, rows = school_add_with_rows(
        filing=filing,
        user=staff,
        school_data=school_data(name="\u3000武汉船舶  职业技术学院 ", remarks=" 省级优质校 "),
        rows_data=[
            f.valid_row_data(f.certificate(1)),
            f.valid_row_data(f.certificate(3), student_count=25, training_experience_note=" 无 "),
        ],
    )
    school.refresh_from_db()
    assert school.name == "武汉船舶 职业技术学院"
    assert school.name_key == "武汉船舶职业技术学院"
    assert school.remarks == "省级优质校"
    assert school.status_list == [SchoolStatus.NATIONAL_HIGH_LEVEL]
    assert [r.certificate.position for r in school.rows.order_by("certificate__position")] == [
        1,
        3,
    ]
    assert rows[1].training_experience_note == "无"
    assert rows[1].levels == ["junior", "intermediate"]
    # One new revision for the whole addition.
    assert fresh(filing).revision == 2
    assert kinds(filing) == [EventKind.SCHOOL_ADDED, EventKind.ROW_ADDED, EventKind.ROW_ADDED]
    added, first_row, _ = events(filing)
    assert added.subject == "武汉船舶 职业技术学院"
    assert {"field": "学校类型", "before": "", "after": "高职"} in added.changes
    assert {"field": "示范类别", "before": "", "after": "中国特色高水平高职学校建设单位"} in (
        added.changes
    )
    assert first_row.subject == "武汉船舶 职业技术学院 · 电子商务数据分析"
    assert first_row.user == staff
    assert {"field": "参与试点学生规模", "before": "", "after": "40"} in first_row.changes
    assert {"field": "等级", "before": "", "after": "初级、中级"} in first_row.changes
    assert {
        "field": "参与试点专业",
        "before": "",
        "after": "电子商务（2017，2018，2019）、移动商务（2017，2018，2019）",
    } in first_row.changes
    assert all(change["before"] == "" for change in first_row.changes)


def test_adding_rows_to_a_school_already_filed_uses_that_school(filing, staff):
    school, _ = school_add_with_rows(
        filing=filing,
        user=staff,
        school_data=school_data(),
        rows_data=[f.valid_row_data(f.certificate(1))],
    )
    again, _ = school_add_with_rows(
        filing=filing,
        user=staff,
        school_data=school_data(name=" 武汉船舶\u3000职业技术学院"),
        rows_data=[f.valid_row_data(f.certificate(2))],
    )
    assert again.pk == school.pk
    assert School.objects.filter(filing=filing).count() == 1
    assert school.rows.count() == 2
    assert kinds(filing).count(EventKind.SCHOOL_ADDED) == 1
    assert fresh(filing).revision == 3


def test_a_school_already_filed_with_another_type_is_refused(filing, staff):
    school_add_with_rows(
        filing=filing,
        user=staff,
        school_data=school_data(),
        rows_data=[f.valid_row_data(f.certificate(1))],
    )
    with pytest.raises(FilingError) as raised:
        school_add_with_rows(
            filing=filing,
            user=staff,
            school_data=school_data(name="武汉船舶职业技术学院 ", school_type=SchoolType.SECONDARY),
            rows_data=[f.valid_row_data(f.certificate(2))],
        )
    assert raised.value.message == (
        "“武汉船舶职业技术学院”已在汇总表中，学校类型为“高职”；同一院校只能有一种类型。"
    )
    assert PilotRow.objects.filter(filing=filing).count() == 1
    assert fresh(filing).revision == 2


def test_the_same_certificate_twice_for_a_school_saves_nothing(filing, staff):
    with pytest.raises(ValidationError):
        school_add_with_rows(
            filing=filing,
            user=staff,
            school_data=school_data(),
            rows_data=[f.valid_row_data(f.certificate(1)), f.valid_row_data(f.certificate(1))],
        )
    assert not School.objects.filter(filing=filing).exists()
    assert not PilotRow.objects.filter(filing=filing).exists()
    assert events(filing) == []
    assert fresh(filing).revision == 1


def test_a_certificate_the_school_already_has_is_refused_and_nothing_is_saved(filing, staff):
    school, _ = school_add_with_rows(
        filing=filing,
        user=staff,
        school_data=school_data(),
        rows_data=[f.valid_row_data(f.certificate(1))],
    )
    with pytest.raises(FilingError) as raised:
        school_add_with_rows(
            filing=filing,
            user=staff,
            school_data=school_data(name=" 武汉船舶 职业技术学院"),
            rows_data=[f.valid_row_data(f.certificate(2)), f.valid_row_data(f.certificate(1))],
        )
    assert raised.value.message == ROW_EXISTS.format(
        school="武汉船舶职业技术学院", certificate="电子商务数据分析"
    )
    assert list(school.rows.values_list("certificate__position", flat=True)) == [1]
    assert fresh(filing).revision == 2
    assert kinds(filing) == [EventKind.SCHOOL_ADDED, EventKind.ROW_ADDED]


def test_a_school_without_any_row_is_refused_and_nothing_is_saved(filing, staff):
    with pytest.raises(FilingError) as raised:
        school_add_with_rows(filing=filing, user=staff, school_data=school_data(), rows_data=[])
    assert raised.value.message == NO_ROWS_FOR_SCHOOL == "请至少为该校填写一个参与试点的证书。"
    assert not School.objects.filter(filing=filing).exists()
    assert events(filing) == []
    assert fresh(filing).revision == 1


def test_no_rows_for_a_school_already_filed_is_refused_too(filing, staff):
    school = f.make_school(filing)
    f.make_row(filing, school)
    with pytest.raises(FilingError) as raised:
        school_add_with_rows(filing=filing, user=staff, school_data=school_data(), rows_data=[])
    assert raised.value.message == NO_ROWS_FOR_SCHOOL
    assert school.rows.count() == 1
    assert fresh(filing).revision == 1


def test_a_technician_school_cannot_be_saved(filing, staff):
    with pytest.raises(ValidationError) as raised:
        school_add_with_rows(
            filing=filing,
            user=staff,
            school_data=school_data(name="武汉市第一技工学校", school_type="技工学校"),
            rows_data=[f.valid_row_data()],
        )
    assert "school_type" in raised.value.message_dict
    assert not School.objects.filter(filing=filing).exists()
    assert events(filing) == []


def test_it_updates_a_school_and_records_the_difference(filing, staff):
    school = f.make_school(filing, "咸宁职业技术学院", SchoolType.HIGHER, statuses=[])
    f.make_row(filing, school)
    school_update(
        school=school,
        user=staff,
        data=school_data(
            name="咸宁职业技术学院",
            school_type=SchoolType.HIGHER,
            statuses=[SchoolStatus.PROVINCIAL_MODEL_HIGHER],
            remarks="省级示范",
        ),
        expected_version=1,
    )
    school.refresh_from_db()
    assert school.remarks_text() == "省级示范（骨干、优质）高等职业学校；省级示范"
    assert fresh(filing).revision == 2
    [event] = events(filing)
    assert event.kind == EventKind.SCHOOL_CHANGED
    assert event.subject == "咸宁职业技术学院"
    assert event.changes == [
        {"field": "示范类别", "before": "", "after": "省级示范（骨干、优质）高等职业学校"},
        {"field": "备注", "before": "", "after": "省级示范"},
    ]


def test_renaming_a_school_to_another_schools_name_is_refused(filing, staff):
    f.make_school(filing, "恩施职业技术学院")
    school = f.make_school(filing, "仙桃职业学院")
    with pytest.raises(FilingError) as raised:
        school_update(
            school=school,
            user=staff,
            data=school_data(name=" 恩施 职业技术学院"),
            expected_version=1,
        )
    assert raised.value.message == "汇总表中已有“恩施职业技术学院”。"
    school.refresh_from_db()
    assert school.name == "仙桃职业学院"
    assert events(filing) == []


def test_an_unchanged_school_records_nothing(filing, staff):
    school = f.make_school(filing, "武汉船舶职业技术学院")
    school_update(school=school, user=staff, data=school_data(), expected_version=1)
    assert events(filing) == []
    assert fresh(filing).revision == 1


def test_a_school_saved_from_a_stale_version_is_refused_and_the_first_save_stands(filing, staff):
    school = f.make_school(filing, "武汉船舶职业技术学院")
    f.make_row(filing, school)
    # Two people opened the school at version 1; the first one saves.
    saved = school_update(
        school=school, user=staff, data=school_data(remarks="第一位"), expected_version=1
    )
    assert saved.version == 2
    with pytest.raises(EditConflict) as raised:
        school_update(
            school=school, user=staff, data=school_data(remarks="第二位"), expected_version=1
        )
    assert (raised.value.message, raised.value.code) == (SCHOOL_EDIT_CONFLICT, "edit_conflict")
    school.refresh_from_db()
    assert (school.remarks, school.version) == ("第一位", 2)
    assert len(events(filing)) == 1
    # Saved again against the version now shown, it goes through.
    school_update(school=school, user=staff, data=school_data(remarks="第二位"), expected_version=2)
    school.refresh_from_db()
    assert (school.remarks, school.version) == ("第二位", 3)


def test_a_school_saved_without_its_version_is_refused(filing, staff):
    school = f.make_school(filing, "武汉船舶职业技术学院")
    with pytest.raises(EditConflict):
        school_update(
            school=school, user=staff, data=school_data(remarks="改了"), expected_version=None
        )
    school.refresh_from_db()
    assert (school.remarks, school.version) == ("", 1)
    assert events(filing) == []
    assert fresh(filing).revision == 1


def test_a_refused_school_update_keeps_the_version(filing, staff):
    f.make_school(filing, "恩施职业技术学院")
    school = f.make_school(filing, "仙桃职业学院")
    with pytest.raises(FilingError):
        school_update(
            school=school,
            user=staff,
            data=school_data(name="恩施职业技术学院"),
            expected_version=1,
        )
    assert School.objects.get(pk=school.pk).version == 1


def test_deleting_a_school_deletes_its_rows_and_records_what_was_there(filing, staff):
    school = f.make_school(filing, "武汉船舶职业技术学院")
    f.make_row(filing, school, f.certificate(1))
    f.make_row(filing, school, f.certificate(2))
    kept = f.make_row(filing, f.make_school(filing, "恩施职业技术学院"))
    school_delete(school=school, user=staff)
    assert list(PilotRow.objects.filter(filing=filing)) == [kept]
    assert not School.objects.filter(pk=school.pk).exists()
    assert fresh(filing).revision == 2
    [event] = events(filing)
    assert event.kind == EventKind.SCHOOL_DELETED
    assert event.subject == "武汉船舶职业技术学院"
    assert event.note == "连同 2 个试点行"
    assert {"field": "试点院校名称", "before": "武汉船舶职业技术学院", "after": ""} in event.changes


# --- rows -------------------------------------------------------------------------------------


def test_it_updates_a_row_and_records_before_and_after(filing, staff):
    row = f.make_row(filing)
    updated = row_update(
        row=row,
        user=staff,
        data={"student_count": 60, "levels": ["senior"], "facilities": None},
        expected_version=1,
    )
    assert updated.version == 2
    stored = fresh_row(row)
    assert (stored.student_count, stored.levels, stored.facilities) == (60, ["senior"], "")
    assert fresh(filing).revision == 2
    [event] = events(filing)
    assert event.kind == EventKind.ROW_CHANGED
    assert event.subject == "武汉船舶职业技术学院 · 电子商务数据分析"
    assert event.changes == [
        {"field": "等级", "before": "初级、中级", "after": "高级"},
        {"field": "参与试点学生规模", "before": "40", "after": "60"},
        {"field": "实训设施", "before": "自有", "after": "未确认"},
    ]


def test_a_save_based_on_a_stale_version_is_refused(filing, staff):
    row = f.make_row(filing)
    # Two people opened the row at version 1; the first one saves.
    row_update(row=row, user=staff, data={"student_count": 60}, expected_version=1)
    with pytest.raises(EditConflict) as raised:
        row_update(row=row, user=staff, data={"student_count": 80}, expected_version=1)
    assert isinstance(raised.value, FilingError)
    assert raised.value.message == EDIT_CONFLICT
    stored = fresh_row(row)
    assert (stored.student_count, stored.version) == (60, 2)
    assert len(events(filing)) == 1


def test_a_save_without_its_version_is_refused_like_a_stale_one(filing, staff):
    row = f.make_row(filing)
    with pytest.raises(EditConflict) as raised:
        row_update(row=row, user=staff, data={"student_count": 80}, expected_version=None)
    assert (raised.value.message, raised.value.code) == (EDIT_CONFLICT, "edit_conflict")
    stored = fresh_row(row)
    assert (stored.student_count, stored.version) == (40, 1)
    assert events(filing) == []
    assert fresh(filing).revision == 1


def test_a_save_based_on_the_current_version_after_a_conflict_succeeds(filing, staff):
    row = f.make_row(filing)
    row_update(row=row, user=staff, data={"student_count": 60}, expected_version=1)
    row_update(row=row, user=staff, data={"student_count": 80}, expected_version=2)
    assert fresh_row(row).student_count == 80


def test_an_invalid_row_update_changes_nothing_not_even_the_version(filing, staff):
    school = f.make_school(filing)
    row = f.make_row(filing, school, f.certificate(1))
    f.make_row(filing, school, f.certificate(2))
    with pytest.raises(FilingError) as refused:
        row_update(row=row, user=staff, data={"certificate": f.certificate(2)}, expected_version=1)
    assert (refused.value.code, refused.value.field) == ("duplicate_row", "certificate")
    with pytest.raises(ValidationError):
        row_update(row=row, user=staff, data={"student_count": "很多"}, expected_version=1)
    stored = fresh_row(row)
    assert (stored.certificate.position, stored.student_count, stored.version) == (1, 40, 1)
    assert events(filing) == []
    assert fresh(filing).revision == 1


def test_an_update_that_changes_nothing_keeps_the_revision(filing, staff):
    row = f.make_row(filing)
    row_update(row=row, user=staff, data={"student_count": 40}, expected_version=1)
    assert fresh(filing).revision == 1
    assert events(filing) == []


def test_deleting_a_row_keeps_the_school_while_it_has_other_rows(filing, staff):
    school = f.make_school(filing)
    row = f.make_row(filing, school, f.certificate(1))
    f.make_row(filing, school, f.certificate(2))
    row_delete(row=row, user=staff)
    assert School.objects.filter(pk=school.pk).exists()
    assert school.rows.count() == 1
    assert fresh(filing).revision == 2
    [event] = events(filing)
    assert event.kind == EventKind.ROW_DELETED
    assert event.subject == "武汉船舶职业技术学院 · 电子商务数据分析"
    assert {"field": "参与试点学生规模", "before": "40", "after": ""} in event.changes
    assert all(change["after"] == "" for change in event.changes)


def test_deleting_a_schools_last_row_deletes_the_school(filing, staff):
    school = f.make_school(filing)
    row = f.make_row(filing, school)
    row_delete(row=row, user=staff)
    assert not School.objects.filter(pk=school.pk).exists()
    assert not PilotRow.objects.filter(filing=filing).exists()
    assert kinds(filing) == [EventKind.ROW_DELETED]


# --- the stamped scan -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "content_type", "extension"),
    [("pdf", "application/pdf", "pdf"), ("jpeg", "image/jpeg", "jpg"), ("png", "image/png", "png")],
)
def test_it_stores_a_pdf_jpeg_or_png_scan_under_its_own_name(
    filing, staff, media_root, kind, content_type, extension
):
    upload = f.scan_file(kind, name=f"湖北省教育厅 盖章 汇总表.{kind}")
    content = upload.read()
    scan = scan_upload(filing=filing, user=staff, uploaded=upload)
    digest = hashlib.sha256(content).hexdigest()
    assert scan.content_type == content_type
    assert scan.size == len(content)
    assert scan.sha256 == digest
    assert scan.filing_revision == 1
    assert scan.original_name == f"湖北省教育厅 盖章 汇总表.{kind}"
    assert scan.uploaded_by == staff
    assert Path(scan.file.name).name == f"420000-r1-{digest[:12]}.{extension}"
    stored = Path(media_root) / scan.file.name
    assert stored.read_bytes() == content
    assert stored.resolve().is_relative_to(Path(media_root).resolve())
    [event] = events(filing)
    assert event.kind == EventKind.SCAN_UPLOADED
    assert event.subject == scan.original_name
    assert event.note == f"对应表格版本 1，{len(content):,} 字节，SHA-256 {digest}"


def test_the_content_decides_the_type_not_the_name(filing, staff):
    scan = scan_upload(filing=filing, user=staff, uploaded=f.scan_file("pdf", name="scan.txt"))
    assert scan.content_type == "application/pdf"
    assert scan.file.name.endswith(".pdf")


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("scan.pdf", "这不是扫描件，只是改了扩展名的文本文件。\n".encode()),
        ("scan.png", b"GIF89a\x01\x00\x01\x00"),
        ("scan.pdf", b"PK\x03\x04\x14\x00\x06\x00"),  # a .docx
        ("scan.jpg", b" %PDF-1.7"),  # the signature must come first
    ],
)
def test_a_file_that_is_not_a_pdf_jpeg_or_png_is_refused(filing, staff, name, content):
    with pytest.raises(FilingError) as raised:
        scan_upload(
            filing=filing, user=staff, uploaded=SimpleUploadedFile(name, content, "application/pdf")
        )
    assert raised.value.message == SCAN_WRONG_TYPE
    assert raised.value.message == (
        "扫描件须为 PDF、JPEG 或 PNG 文件（按文件内容判断，与文件名无关）。"
    )
    assert not StampedScan.objects.exists()
    assert events(filing) == []


def test_an_empty_file_is_refused(filing, staff):
    with pytest.raises(FilingError) as raised:
        scan_upload(filing=filing, user=staff, uploaded=SimpleUploadedFile("scan.pdf", b""))
    assert raised.value.message == SCAN_EMPTY == "上传的文件是空的。"
    assert not StampedScan.objects.exists()


def test_a_file_over_20_mb_is_refused(filing, staff):
    with pytest.raises(FilingError) as raised:
        scan_upload(filing=filing, user=staff, uploaded=f.scan_file(size=SCAN_MAX_BYTES + 1))
    assert raised.value.message == SCAN_TOO_LARGE == "扫描件不能超过 20 MB。"
    assert not StampedScan.objects.exists()


def test_a_file_of_exactly_20_mb_is_accepted(filing, staff):
    scan = scan_upload(filing=filing, user=staff, uploaded=f.scan_file(size=20 * 1024 * 1024))
    assert scan.size == 20 * 1024 * 1024


def test_the_scan_becomes_outdated_when_the_table_changes(filing, staff):
    row = f.make_row(filing)
    scan = scan_upload(filing=filing, user=staff, uploaded=f.scan_file())
    assert current_scan(fresh(filing)) == scan
    assert scan.is_current()

    row_update(row=row, user=staff, data={"student_count": 41}, expected_version=1)

    filing = fresh(filing)
    assert filing.revision == 2
    assert current_scan(filing) is None
    scan.refresh_from_db()
    assert not scan.is_current()

    newer = scan_upload(filing=filing, user=staff, uploaded=f.scan_file("png"))
    assert newer.filing_revision == 2
    assert current_scan(fresh(filing)) == newer
    assert filing.scans.count() == 2


@pytest.mark.parametrize("change", ["header", "school_add", "school_update", "row_delete"])
def test_every_change_to_the_table_outdates_the_scan(filing, staff, change):
    school = f.make_school(filing, "咸宁职业技术学院")
    row = f.make_row(filing, school, f.certificate(1))
    f.make_row(filing, school, f.certificate(2))
    scan_upload(filing=filing, user=staff, uploaded=f.scan_file())
    filing = fresh(filing)
    if change == "header":
        header_update(
            filing=filing,
            user=staff,
            contact_name="李强",
            contact_phone=filing.contact_phone,
            contact_email=filing.contact_email,
            expected_revision=filing.revision,
        )
    elif change == "school_add":
        school_add_with_rows(
            filing=filing, user=staff, school_data=school_data(), rows_data=[f.valid_row_data()]
        )
    elif change == "school_update":
        school_update(
            school=school,
            user=staff,
            data=school_data(name="咸宁职业技术学院", remarks="省级优质校"),
            expected_version=1,
        )
    else:
        row_delete(row=row, user=staff)
    assert current_scan(fresh(filing)) is None


def test_the_latest_scan_counts(filing, staff):
    scan_upload(filing=filing, user=staff, uploaded=f.scan_file("pdf"))
    latest = scan_upload(filing=filing, user=staff, uploaded=f.scan_file("jpeg"))
    assert current_scan(fresh(filing)) == latest


def test_no_scan_is_no_current_scan(filing):
    assert current_scan(filing) is None


# --- submitting -------------------------------------------------------------------------------


def test_a_ready_filing_is_submitted(filing, staff):
    ready(filing, staff)
    assert (
        submission_blockers(
            fresh(filing),
            check_filing(fresh(filing), rows_for_check(filing)),
            acknowledged=False,
            now=IN_TIME,
        )
        == []
    )
    filing_submit(filing=filing, user=staff, acknowledged=False, now=IN_TIME)
    filing = fresh(filing)
    assert filing.state == FilingState.SUBMITTED
    assert filing.submitted_at == IN_TIME
    assert not filing.is_late
    assert not filing.is_editable
    event = events(filing)[-1]
    assert event.kind == EventKind.SUBMITTED
    assert event.user == staff
    assert event.subject == "表格版本 1"
    assert event.note == ""


def blocked(filing, user, *, acknowledged=False, now=IN_TIME) -> list[str]:
    with pytest.raises(FilingError) as raised:
        filing_submit(filing=filing, user=user, acknowledged=acknowledged, now=now)
    assert raised.value.message == "暂不能提交："
    return raised.value.reasons


def test_errors_block_submission(filing, staff):
    ready(filing, staff, student_count=None, dual_qualified_count=2)
    assert blocked(filing, staff) == [HAS_ERRORS.format(n=2)]
    assert HAS_ERRORS.format(n=2) == "还有 2 个错误未修改。"
    assert fresh(filing).state == FilingState.DRAFT
    assert EventKind.SUBMITTED not in kinds(filing)


def test_an_empty_filing_cannot_be_submitted(filing, staff):
    scan_upload(filing=filing, user=staff, uploaded=f.scan_file())
    assert blocked(filing, staff) == ["还有 1 个错误未修改。"]


def test_an_incomplete_header_blocks_submission(batch, unit, staff):
    filing = f.make_filing(unit, batch, header=False, contact_name="张敏")
    ready(filing, staff)
    reasons = blocked(filing, staff)
    assert HEADER_INCOMPLETE in reasons
    assert "还有 2 个错误未修改。" in reasons


def test_a_missing_scan_blocks_submission(filing, staff):
    f.make_row(filing)
    assert blocked(filing, staff) == [NO_CURRENT_SCAN]


def test_an_outdated_scan_blocks_submission(filing, staff):
    row = ready(filing, staff)
    row_update(row=row, user=staff, data={"student_count": 41}, expected_version=1)
    assert blocked(filing, staff) == [NO_CURRENT_SCAN]


def test_warnings_must_be_acknowledged(filing, staff):
    ready(filing, staff, facilities="", management=None)
    assert blocked(filing, staff, acknowledged=False) == ["请确认已阅读全部 2 条提醒。"]
    assert WARNINGS_NOT_ACKNOWLEDGED.format(n=2) == "请确认已阅读全部 2 条提醒。"
    filing_submit(filing=filing, user=staff, acknowledged=True, now=IN_TIME)
    assert fresh(filing).state == FilingState.SUBMITTED
    assert events(filing)[-1].note == "确认了 2 条提醒"


def test_every_reason_is_given_at_once(batch, unit, staff):
    filing = f.make_filing(unit, batch, header=False)
    f.make_row(filing, facilities="", student_count=0)
    reasons = blocked(filing, staff, now=AFTER_DEADLINE)
    assert reasons == [
        PAST_DEADLINE.format(deadline="2019-09-20 23:59"),
        HEADER_INCOMPLETE,
        "还有 4 个错误未修改。",
        NO_CURRENT_SCAN,
        "请确认已阅读全部 1 条提醒。",
    ]


def test_a_filing_cannot_be_submitted_after_the_deadline(filing, staff):
    ready(filing, staff)
    reasons = blocked(filing, staff, now=AFTER_DEADLINE)
    assert reasons == [
        "已过报送截止时间（北京时间 2019-09-20 23:59），不能提交。如需延期，请联系职教所。"
    ]


def test_the_last_second_before_the_deadline_is_in_time(filing, staff):
    ready(filing, staff)
    now = datetime(2019, 9, 20, 23, 59, 59, tzinfo=BEIJING)
    filing_submit(filing=filing, user=staff, acknowledged=False, now=now)
    assert fresh(filing).state == FilingState.SUBMITTED


def test_an_extension_allows_a_submission_after_the_batch_deadline_which_is_noted(
    filing, staff, reviewer
):
    ready(filing, staff, facilities="")
    filing_extend(filing=fresh(filing), user=reviewer, until=EXTENDED_TO, now=AFTER_DEADLINE)
    extended = events(filing)[-1]
    assert extended.kind == EventKind.EXTENDED
    assert extended.user == reviewer
    assert extended.changes == [
        {"field": "截止时间", "before": "2019-09-20 23:59", "after": "2019-09-27 23:59"}
    ]
    assert fresh(filing).deadline == EXTENDED_TO

    filing_submit(filing=filing, user=staff, acknowledged=True, now=AFTER_DEADLINE)

    filing = fresh(filing)
    assert filing.state == FilingState.SUBMITTED
    # Within its extension: not late, but noted as such.
    assert not filing.is_late
    assert in_extension(filing)
    assert events(filing)[-1].note == "确认了 1 条提醒；延期内提交"


def test_a_submission_in_extension_without_warnings_notes_only_that(filing, staff, reviewer):
    ready(filing, staff)
    filing_extend(filing=fresh(filing), user=reviewer, until=EXTENDED_TO, now=AFTER_DEADLINE)
    filing_submit(filing=filing, user=staff, acknowledged=False, now=AFTER_DEADLINE)
    assert events(filing)[-1].note == "延期内提交"


def test_the_extended_deadline_binds_too(filing, staff, reviewer):
    ready(filing, staff)
    filing_extend(filing=fresh(filing), user=reviewer, until=EXTENDED_TO, now=AFTER_DEADLINE)
    reasons = blocked(filing, staff, now=datetime(2019, 9, 28, 8, 0, tzinfo=BEIJING))
    assert reasons == [PAST_DEADLINE.format(deadline="2019-09-27 23:59")]


@pytest.mark.parametrize(
    "until",
    [
        datetime(2019, 9, 20, 23, 59, 59, tzinfo=BEIJING),
        datetime(2019, 9, 18, 12, 0, tzinfo=BEIJING),
    ],
)
def test_an_extension_must_end_after_the_batch_deadline(filing, reviewer, until):
    with pytest.raises(FilingError) as raised:
        filing_extend(filing=filing, user=reviewer, until=until, now=IN_TIME)
    assert raised.value.message == "延期后的截止时间应晚于批次截止时间。"
    assert fresh(filing).deadline_extended_to is None
    assert events(filing) == []


@pytest.mark.parametrize("state", [FilingState.SUBMITTED, FilingState.ACCEPTED])
def test_only_a_filing_awaiting_the_unit_can_be_extended(filing, reviewer, state):
    Filing.objects.filter(pk=filing.pk).update(state=state)
    with pytest.raises(FilingError) as raised:
        filing_extend(filing=fresh(filing), user=reviewer, until=EXTENDED_TO)
    label = FilingState(state).label
    assert raised.value.message == (
        f"只有等待报送单位填报或修改的汇总表（草稿、已退回）可以延期，该汇总表当前为“{label}”。"
    )
    assert fresh(filing).deadline_extended_to is None
    assert events(filing) == []


def test_a_returned_filing_can_be_extended(filing, staff, reviewer):
    filing = submitted(filing, staff)
    filing_return(filing=filing, user=reviewer, reason="请补充。")
    filing_extend(filing=fresh(filing), user=reviewer, until=EXTENDED_TO, now=AFTER_DEADLINE)
    assert fresh(filing).deadline == EXTENDED_TO


@pytest.mark.parametrize(
    ("until", "now", "message"),
    [
        # A day already over: the unit would be past its deadline the moment it is given.
        (
            datetime(2019, 9, 25, 23, 59, 59, tzinfo=BEIJING),
            datetime(2019, 9, 26, 9, 0, tzinfo=BEIJING),
            "延期日期不能早于今天（2019-09-26）。",
        ),
        # More than 90 days after the batch deadline (the later of it and today).
        (
            datetime(2019, 12, 20, 23, 59, 59, tzinfo=BEIJING),
            IN_TIME,
            "延期最长至批次截止日期或今天之后 90 天，即不晚于 2019-12-19。",
        ),
        (
            datetime(9999, 12, 31, 23, 59, 59, tzinfo=BEIJING),
            IN_TIME,
            "延期最长至批次截止日期或今天之后 90 天，即不晚于 2019-12-19。",
        ),
        # Long after the deadline, 90 days count from today.
        (
            datetime(2020, 3, 1, 23, 59, 59, tzinfo=BEIJING),
            datetime(2019, 11, 30, 9, 0, tzinfo=BEIJING),
            "延期最长至批次截止日期或今天之后 90 天，即不晚于 2020-02-28。",
        ),
    ],
)
def test_an_extension_is_neither_in_the_past_nor_far_away(filing, reviewer, until, now, message):
    with pytest.raises(FilingError) as raised:
        filing_extend(filing=filing, user=reviewer, until=until, now=now)
    assert raised.value.message == message
    assert fresh(filing).deadline_extended_to is None
    assert events(filing) == []


@pytest.mark.parametrize(
    ("until", "now"),
    [
        # The last day allowed: 90 days after the batch deadline, and after today.
        (datetime(2019, 12, 19, 23, 59, 59, tzinfo=BEIJING), IN_TIME),
        (datetime(2020, 2, 28, 23, 59, 59, tzinfo=BEIJING), datetime(2019, 11, 30, tzinfo=BEIJING)),
        # Today itself, to the end of the day.
        (
            datetime(2019, 9, 26, 23, 59, 59, tzinfo=BEIJING),
            datetime(2019, 9, 26, 9, tzinfo=BEIJING),
        ),
    ],
)
def test_the_edges_of_the_extension_window_are_allowed(filing, reviewer, until, now):
    filing_extend(filing=filing, user=reviewer, until=until, now=now)
    assert fresh(filing).deadline == until


@pytest.mark.parametrize(
    ("state", "reason"),
    [(FilingState.SUBMITTED, ALREADY_SUBMITTED), (FilingState.ACCEPTED, ALREADY_ACCEPTED)],
)
def test_a_submitted_or_accepted_filing_cannot_be_submitted_again(filing, staff, state, reason):
    ready(filing, staff)
    Filing.objects.filter(pk=filing.pk).update(state=state)
    assert blocked(filing, staff) == [reason]
    assert fresh(filing).state == state
    assert kinds(filing) == [EventKind.SCAN_UPLOADED]


# --- reviewing --------------------------------------------------------------------------------


@pytest.mark.parametrize("reason", ["", "   ", None])
def test_returning_needs_a_reason(filing, staff, reviewer, reason):
    filing = submitted(filing, staff)
    with pytest.raises(FilingError) as raised:
        filing_return(filing=filing, user=reviewer, reason=reason)
    assert raised.value.message == RETURN_NEEDS_REASON == "退回时必须填写原因。"
    assert fresh(filing).state == FilingState.SUBMITTED
    assert EventKind.RETURNED not in kinds(filing)


def test_a_reviewer_returns_a_submitted_filing_with_the_reason(filing, staff, reviewer):
    filing = submitted(filing, staff)
    filing_return(filing=filing, user=reviewer, reason="  扫描件未加盖公章，请重新上传。 ")
    filing = fresh(filing)
    assert filing.state == FilingState.RETURNED
    assert filing.return_reason == "扫描件未加盖公章，请重新上传。"
    assert filing.reviewed_by == reviewer
    assert filing.reviewed_at is not None
    assert filing.is_editable
    event = events(filing)[-1]
    assert (event.kind, event.user, event.note) == (
        EventKind.RETURNED,
        reviewer,
        "扫描件未加盖公章，请重新上传。",
    )


def test_a_reviewer_accepts_a_submitted_filing(filing, staff, reviewer):
    filing = submitted(filing, staff)
    filing_accept(filing=filing, user=reviewer)
    filing = fresh(filing)
    assert filing.state == FilingState.ACCEPTED
    assert filing.reviewed_by == reviewer
    assert filing.reviewed_at is not None
    assert not filing.is_editable
    assert events(filing)[-1].kind == EventKind.ACCEPTED
    assert events(filing)[-1].user == reviewer


@pytest.mark.parametrize("state", [FilingState.DRAFT, FilingState.RETURNED, FilingState.ACCEPTED])
def test_only_a_submitted_filing_can_be_accepted_or_returned(filing, reviewer, state):
    Filing.objects.filter(pk=filing.pk).update(state=state)
    with pytest.raises(FilingError) as raised:
        filing_accept(filing=filing, user=reviewer)
    assert raised.value.message == NOT_SUBMITTED
    with pytest.raises(FilingError) as raised:
        filing_return(filing=filing, user=reviewer, reason="数据有误")
    assert raised.value.message == NOT_SUBMITTED == "只有已提交的汇总表可以确认或退回。"
    assert fresh(filing).state == state
    assert events(filing) == []


# --- states -----------------------------------------------------------------------------------


EDITS = {
    "header_update": lambda filing, row, user: header_update(
        filing=filing,
        user=user,
        contact_name="李强",
        contact_phone="13907141234",
        contact_email="liqiang@hbe.gov.cn",
        expected_revision=filing.revision,
    ),
    "school_add_with_rows": lambda filing, row, user: school_add_with_rows(
        filing=filing,
        user=user,
        school_data=school_data(name="恩施职业技术学院"),
        rows_data=[f.valid_row_data()],
    ),
    "school_update": lambda filing, row, user: school_update(
        school=row.school,
        user=user,
        data=school_data(remarks="改了"),
        expected_version=row.school.version,
    ),
    "school_delete": lambda filing, row, user: school_delete(school=row.school, user=user),
    "row_update": lambda filing, row, user: row_update(
        row=row, user=user, data={"student_count": 99}, expected_version=row.version
    ),
    "row_delete": lambda filing, row, user: row_delete(row=row, user=user),
    "scan_upload": lambda filing, row, user: scan_upload(
        filing=filing, user=user, uploaded=f.scan_file()
    ),
}


@pytest.mark.parametrize("state", [FilingState.SUBMITTED, FilingState.ACCEPTED])
@pytest.mark.parametrize("edit", EDITS)
def test_a_submitted_or_accepted_filing_is_not_editable(filing, staff, state, edit):
    row = f.make_row(filing)
    Filing.objects.filter(pk=filing.pk).update(state=state)
    with pytest.raises(FilingError) as raised:
        EDITS[edit](fresh(filing), fresh_row(row), staff)
    assert raised.value.message == NOT_EDITABLE
    assert raised.value.message == "汇总表已提交或已确认，不能修改。如需修改，请联系职教所退回。"
    after = fresh(filing)
    assert (after.state, after.revision) == (state, 1)
    assert fresh_row(row).student_count == 40
    assert School.objects.filter(filing=filing).count() == 1
    assert not StampedScan.objects.exists()
    assert events(filing) == []


@pytest.mark.parametrize("edit", [e for e in EDITS if e != "scan_upload"])
def test_a_returned_filing_becomes_a_draft_on_the_first_edit(filing, staff, reviewer, edit):
    filing = submitted(filing, staff)
    f.make_row(filing, f.make_school(filing, "仙桃职业学院"), f.certificate(5))
    filing_return(filing=filing, user=reviewer, reason="请补充示范校类别。")
    row = PilotRow.objects.filter(filing=filing).order_by("pk").first()
    EDITS[edit](fresh(filing), fresh_row(row), staff)
    after = fresh(filing)
    assert after.state == FilingState.DRAFT
    assert after.revision == 2
    assert current_scan(after) is None


def test_a_returned_filing_stays_returned_until_the_table_changes(filing, staff, reviewer):
    filing = submitted(filing, staff)
    filing_return(filing=filing, user=reviewer, reason="扫描件不清晰。")
    scan_upload(filing=fresh(filing), user=staff, uploaded=f.scan_file("png"))
    assert fresh(filing).state == FilingState.RETURNED


def test_a_returned_filing_is_resubmitted_and_accepted(filing, staff, reviewer):
    filing = submitted(filing, staff)
    filing_return(filing=filing, user=reviewer, reason="请补充示范校类别。")
    row = PilotRow.objects.get(filing=filing)
    row_update(row=row, user=staff, data={"student_count": 45}, expected_version=1)
    scan_upload(filing=fresh(filing), user=staff, uploaded=f.scan_file())
    filing_submit(filing=filing, user=staff, acknowledged=False, now=IN_TIME)
    filing_accept(filing=filing, user=reviewer)
    filing = fresh(filing)
    assert filing.state == FilingState.ACCEPTED
    assert filing.return_reason == ""
    assert kinds(filing) == [
        EventKind.SCAN_UPLOADED,
        EventKind.SUBMITTED,
        EventKind.RETURNED,
        EventKind.ROW_CHANGED,
        EventKind.SCAN_UPLOADED,
        EventKind.SUBMITTED,
        EventKind.ACCEPTED,
    ]
    assert events(filing)[-2].subject == "表格版本 2"


# --- bugs: the editing services trust the caller's copy of the filing -------------------------


def test_a_header_saved_from_a_copy_loaded_before_submission_is_refused(filing, staff):
    ready(filing, staff)
    page = fresh(filing)  # the header form was opened while the filing was a draft
    filing_submit(filing=filing, user=staff, acknowledged=False, now=IN_TIME)
    try:
        header_update(
            filing=page,
            user=staff,
            contact_name="李强",
            contact_phone=page.contact_phone,
            contact_email=page.contact_email,
            expected_revision=page.revision,
        )
    except FilingError as error:
        assert error.message == NOT_EDITABLE
    assert fresh(filing).state == FilingState.SUBMITTED


def test_a_row_saved_from_a_copy_loaded_before_submission_is_refused(filing, staff):
    row = ready(filing, staff)
    page = fresh_row(row)  # the row form was opened while the filing was a draft
    filing_submit(filing=filing, user=staff, acknowledged=False, now=IN_TIME)
    try:
        row_update(row=page, user=staff, data={"student_count": 99}, expected_version=1)
    except FilingError as error:
        assert error.message == NOT_EDITABLE
    assert fresh_row(row).student_count == 40


def test_a_header_saved_from_an_old_copy_does_not_bring_an_outdated_scan_back(filing, staff):
    row = f.make_row(filing)
    page = fresh(filing)  # revision 1
    row_update(row=row, user=staff, data={"student_count": 41}, expected_version=1)  # -> 2
    scan = scan_upload(filing=fresh(filing), user=staff, uploaded=f.scan_file())
    row_update(row=row, user=staff, data={"student_count": 42}, expected_version=2)  # -> 3
    assert current_scan(fresh(filing)) is None
    header_update(
        filing=page,
        user=staff,
        contact_name="李强",
        contact_phone=page.contact_phone,
        contact_email=page.contact_email,
        # The form was reloaded at revision 3; only the object handed over is old.
        expected_revision=3,
    )
    assert scan.filing_revision == 2
    assert current_scan(fresh(filing)) is None
    assert fresh(filing).revision == 4


def test_a_scan_uploaded_before_a_return_is_not_current(filing, media_root):
    from django.utils import timezone

    from filings.models import FilingState
    from filings.services import current_scan, filing_return, scan_upload

    reviewer = f.make_reviewer("returning-reviewer")
    staff = f.make_staff(filing.unit, "scan-staff")
    scan = scan_upload(filing=filing, user=staff, uploaded=f.scan_file())
    assert current_scan(filing) == scan
    filing.state = FilingState.SUBMITTED
    filing.submitted_at = timezone.now()
    filing.save()
    filing = filing_return(filing=filing, user=reviewer, reason="扫描件不清晰。").filing
    assert current_scan(filing) is None  # the table is unchanged, but the scan was rejected
    again = scan_upload(filing=filing, user=staff, uploaded=f.scan_file("png"))
    filing.refresh_from_db()
    assert current_scan(filing) == again


def test_a_school_without_remarks_is_warned_once_not_per_row(filing):
    from filings.rules import check_filing

    school = f.make_school(filing, "咸宁职业技术学院", statuses=[], remarks="")
    for position in (1, 2, 3):
        f.make_row(filing, school, f.certificate(position))
    rows = list(filing.rows.select_related("school", "certificate"))
    check = check_filing(filing, rows)
    warnings = [
        p for problems in check.row_problems.values() for p in problems if p.code == "no_remarks"
    ]
    assert len(warnings) == 1
