"""Editing a row (with two people at once), editing a school, deleting either."""

import pytest

from filings.models import EventKind, Filing, FilingEvent, PilotRow, School, SchoolType
from filings.services import EDIT_CONFLICT, SCHOOL_EDIT_CONFLICT

from .. import factories as f
from .helpers import (
    client_for,
    errors_next_to,
    flashed,
    input_value,
    is_checked,
    page,
    row_fields,
    school_fields,
    selected_options,
    url,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def school(filing):
    return f.make_school(filing, "武汉船舶职业技术学院", SchoolType.HIGHER)


@pytest.fixture
def row(filing, school):
    return f.make_row(filing, school, f.certificate(1))


@pytest.fixture
def colleague(unit):
    """A second member of the unit's staff."""
    return f.make_staff(unit, username="staff-420000-2")


def edit_url(row) -> str:
    return url("row_edit", "420000", row.pk)


def edit_data(version, position: int = 1, **overrides):
    return {**row_fields(position, **overrides), "row_version": str(version)}


def school_url(school) -> str:
    return url("school_edit", "420000", school.pk)


def school_edit_data(version, **overrides):
    return {**school_fields(**overrides), "school_version": str(version)}


def stored(row) -> PilotRow:
    return PilotRow.objects.get(pk=row.pk)


def row_events(filing) -> list[FilingEvent]:
    return list(FilingEvent.objects.filter(filing=filing).order_by("pk"))


# --- editing a row ----------------------------------------------------------------------------


def test_the_form_shows_the_row_as_saved(staff_client, row):
    response = staff_client.get(edit_url(row))
    assert response.status_code == 200
    html = page(response)
    assert "编辑：武汉船舶职业技术学院 · 电子商务数据分析" in html
    assert input_value(html, "row_version") == "1"
    assert selected_options(html, "certificate") == [str(f.certificate(1).pk)]
    assert is_checked(html, "levels", "junior")
    assert input_value(html, "majors-0-name") == "电子商务"
    assert input_value(html, "majors-1-name") == "移动商务"
    assert is_checked(html, "majors-1-y2017")
    assert input_value(html, "student_count") == "40"
    assert input_value(html, "team_size") == "10"
    assert selected_options(html, "training_experience") == ["yes"]


def test_a_row_is_saved_and_the_change_recorded_with_before_and_after(staff_client, row, filing):
    response = staff_client.post(edit_url(row), edit_data(1, student_count="60", levels=["senior"]))
    assert response.status_code == 302
    assert response.url == url("rows", "420000") + f"#row-{row.pk}"
    assert flashed(response) == ["“武汉船舶职业技术学院 · 电子商务数据分析”已保存。"]
    saved = stored(row)
    assert (saved.student_count, saved.levels, saved.version) == (60, ["senior"], 2)
    [event] = row_events(filing)
    assert event.kind == EventKind.ROW_CHANGED
    assert event.subject == "武汉船舶职业技术学院 · 电子商务数据分析"
    assert event.changes == [
        {"field": "等级", "before": "初级、中级", "after": "高级"},
        {"field": "参与试点学生规模", "before": "40", "after": "60"},
    ]
    history = page(staff_client.get(url("history", "420000")))
    assert "<del>40</del> → <ins>60</ins>" in history
    assert "<del>初级、中级</del> → <ins>高级</ins>" in history


def test_an_invalid_row_is_refused_next_to_the_field_and_nothing_changes(staff_client, row, filing):
    response = staff_client.post(
        edit_url(row), edit_data(1, dual_qualified_count="2", student_count="61")
    )
    assert response.status_code == 200
    html = page(response)
    assert errors_next_to(html, "dual_qualified_count") == [
        "“双师型”教师占比 20%（2/10），低于50%（条件3）。"
    ]
    assert input_value(html, "student_count") == "61"
    saved = stored(row)
    assert (saved.student_count, saved.dual_qualified_count, saved.version) == (40, 6, 1)
    assert row_events(filing) == []


def test_moving_a_row_to_a_certificate_the_school_already_has_is_refused(
    staff_client, row, school, filing
):
    f.make_row(filing, school, f.certificate(2))
    response = staff_client.post(edit_url(row), edit_data(1, position=2))
    assert response.status_code == 200
    assert errors_next_to(page(response), "certificate") == [
        "“武汉船舶职业技术学院”已有“网店运营推广”这一行，请编辑该行，不要重复添加。"
    ]
    assert stored(row).certificate.position == 1


def test_an_edit_conflict_keeps_the_first_save_and_the_second_users_input(
    staff, colleague, row, filing
):
    first, second = client_for(staff), client_for(colleague)
    # Both open the row at the same version.
    first_version = input_value(page(first.get(edit_url(row))), "row_version")
    second_version = input_value(page(second.get(edit_url(row))), "row_version")
    assert first_version == second_version == "1"

    saved = first.post(edit_url(row), edit_data(first_version, student_count="60"))
    assert saved.status_code == 302

    refused = second.post(
        edit_url(row),
        edit_data(
            second_version,
            student_count="80",
            team_size="12",
            training_experience="no",
            training_experience_note="第二位同事填写的说明",
            majors=[("电子商务", (2017, 2018, 2019)), ("直播电商", (2017, 2018, 2019))],
        ),
    )
    assert refused.status_code == 200
    html = page(refused)
    assert EDIT_CONFLICT in html
    # The second user's input is still in the form...
    assert input_value(html, "student_count") == "80"
    assert input_value(html, "team_size") == "12"
    assert input_value(html, "training_experience_note") == "第二位同事填写的说明"
    assert selected_options(html, "training_experience") == ["no"]
    assert input_value(html, "majors-1-name") == "直播电商"
    # ...beside what the first one saved.
    assert refused.context["current_values"]["参与试点学生规模"] == "60"
    assert "他人刚保存的当前数据" in html
    # The database keeps the first save.
    kept = stored(row)
    assert (kept.student_count, kept.team_size, kept.version) == (60, 10, 2)
    assert [e.user for e in row_events(filing)] == [staff]

    # Saving again, now against the version shown, goes through.
    assert input_value(html, "row_version") == "2"
    again = second.post(
        edit_url(row), edit_data(input_value(html, "row_version"), student_count="80")
    )
    assert again.status_code == 302
    assert (stored(row).student_count, stored(row).version) == (80, 3)


def test_an_edit_posted_without_its_version_is_refused_and_keeps_the_input(
    staff, colleague, row, filing
):
    first, second = client_for(staff), client_for(colleague)
    first.get(edit_url(row))
    assert second.post(edit_url(row), edit_data(1, student_count="60")).status_code == 302

    # A page that lost its hidden version (an old tab, a hand-made request) saves nothing.
    refused = first.post(edit_url(row), row_fields(student_count="80", team_size="12"))
    assert refused.status_code == 200
    html = page(refused)
    assert EDIT_CONFLICT in html
    assert (input_value(html, "student_count"), input_value(html, "team_size")) == ("80", "12")
    assert refused.context["current_values"]["参与试点学生规模"] == "60"
    kept = stored(row)
    assert (kept.student_count, kept.team_size, kept.version) == (60, 10, 2)
    assert [e.user for e in row_events(filing)] == [colleague]
    # Saving again, against the version now shown, goes through.
    assert input_value(html, "row_version") == "2"


def test_the_same_user_in_two_tabs_is_protected_too(staff, row):
    tab_a, tab_b = client_for(staff), client_for(staff)
    tab_a.get(edit_url(row))
    tab_b.get(edit_url(row))
    assert tab_a.post(edit_url(row), edit_data(1, student_count="50")).status_code == 302
    assert EDIT_CONFLICT in page(tab_b.post(edit_url(row), edit_data(1, student_count="51")))
    assert stored(row).student_count == 50


# --- deleting a row ---------------------------------------------------------------------------


def test_get_on_delete_asks_for_confirmation_and_deletes_nothing(staff_client, row, filing):
    response = staff_client.get(url("row_delete", "420000", row.pk))
    assert response.status_code == 200
    html = page(response)
    assert "删除试点行“武汉船舶职业技术学院 · 电子商务数据分析”" in html
    assert "这是该校唯一的试点行，删除后该校将从汇总表中移除。" in html
    assert '<form method="post">' in html
    assert PilotRow.objects.filter(pk=row.pk).exists()
    assert row_events(filing) == []
    assert Filing.objects.get(pk=filing.pk).revision == 1


def test_deleting_a_row_keeps_a_school_that_has_other_rows(staff_client, row, school, filing):
    other = f.make_row(filing, school, f.certificate(2))
    assert "唯一的试点行" not in page(staff_client.get(url("row_delete", "420000", row.pk)))
    response = staff_client.post(url("row_delete", "420000", row.pk))
    assert response.status_code == 302
    assert response.url == url("rows", "420000")
    assert flashed(response) == ["已删除“武汉船舶职业技术学院 · 电子商务数据分析”。"]
    assert list(PilotRow.objects.filter(filing=filing)) == [other]
    assert School.objects.filter(pk=school.pk).exists()


def test_deleting_a_schools_last_row_removes_the_school(staff_client, row, school, filing):
    response = staff_client.post(url("row_delete", "420000", row.pk))
    assert response.status_code == 302
    assert not PilotRow.objects.filter(filing=filing).exists()
    assert not School.objects.filter(pk=school.pk).exists()
    [event] = row_events(filing)
    assert event.kind == EventKind.ROW_DELETED
    assert {"field": "参与试点学生规模", "before": "40", "after": ""} in event.changes
    state = staff_client.get(url("rows", "420000")).context["state"]
    assert (state.rows, state.summary.schools) == ([], 0)


# --- a school ---------------------------------------------------------------------------------


def test_the_school_form_shows_the_school_and_its_certificates(staff_client, row, school):
    response = staff_client.get(url("school_edit", "420000", school.pk))
    html = page(response)
    assert input_value(html, "name") == "武汉船舶职业技术学院"
    assert selected_options(html, "school_type") == [SchoolType.HIGHER]
    assert "全部试点行生效：电子商务数据分析。" in html


def test_a_school_is_saved_and_the_change_recorded(staff_client, row, school, filing):
    response = staff_client.post(
        school_url(school), school_edit_data(1, remarks="省级优质校", statuses=[])
    )
    assert response.status_code == 302
    assert response.url == url("rows", "420000") + f"#school-{school.pk}"
    school.refresh_from_db()
    assert (school.remarks, school.statuses) == ("省级优质校", "")
    [event] = row_events(filing)
    assert event.kind == EventKind.SCHOOL_CHANGED
    assert {"field": "备注", "before": "", "after": "省级优质校"} in event.changes


def test_renaming_a_school_to_another_schools_name_is_refused(staff_client, row, school, filing):
    f.make_row(filing, f.make_school(filing, "恩施职业技术学院"))
    response = staff_client.post(school_url(school), school_edit_data(1, name="恩施 职业技术学院"))
    assert response.status_code == 200
    html = page(response)
    assert "汇总表中已有“恩施职业技术学院”。" in html
    assert input_value(html, "name") == "恩施 职业技术学院"
    school.refresh_from_db()
    assert school.name == "武汉船舶职业技术学院"


def test_a_school_saved_by_someone_else_meanwhile_is_not_overwritten(
    staff, colleague, row, school, filing
):
    first, second = client_for(staff), client_for(colleague)
    # Both open the school at the same version.
    first_version = input_value(page(first.get(school_url(school))), "school_version")
    second_version = input_value(page(second.get(school_url(school))), "school_version")
    assert first_version == second_version == "1"

    saved = first.post(school_url(school), school_edit_data(first_version, remarks="第一位的备注"))
    assert saved.status_code == 302

    refused = second.post(
        school_url(school),
        school_edit_data(second_version, school_code="4142010001", remarks="第二位的备注"),
    )
    assert refused.status_code == 200
    html = page(refused)
    assert SCHOOL_EDIT_CONFLICT in html
    assert "其他人已修改了该校的信息" in SCHOOL_EDIT_CONFLICT
    # The second user's input is still in the form, beside what the first one saved.
    assert input_value(html, "school_code") == "4142010001"
    assert "第二位的备注" in html
    assert refused.context["current_values"]["备注"] == "第一位的备注"
    assert "他人刚保存的当前数据" in html
    school.refresh_from_db()
    assert (school.remarks, school.school_code, school.version) == ("第一位的备注", "", 2)
    assert [e.user for e in row_events(filing)] == [staff]

    # Saving again, now against the version shown, goes through.
    assert input_value(html, "school_version") == "2"
    again = second.post(school_url(school), school_edit_data(2, remarks="第二位的备注"))
    assert again.status_code == 302
    school.refresh_from_db()
    assert (school.remarks, school.version) == ("第二位的备注", 3)


def test_a_school_posted_without_its_version_is_refused_and_keeps_the_input(
    staff_client, row, school, filing
):
    refused = staff_client.post(school_url(school), school_fields(remarks="没有版本"))
    assert refused.status_code == 200
    html = page(refused)
    assert SCHOOL_EDIT_CONFLICT in html
    assert "没有版本" in html
    assert input_value(html, "school_version") == "1"
    school.refresh_from_db()
    assert (school.remarks, school.version) == ("", 1)
    assert row_events(filing) == []


def test_get_on_school_delete_asks_and_deletes_nothing(staff_client, row, school, filing):
    f.make_row(filing, school, f.certificate(2))
    response = staff_client.get(url("school_delete", "420000", school.pk))
    assert response.status_code == 200
    html = page(response)
    assert "删除院校“武汉船舶职业技术学院”" in html
    assert "将同时删除该校的 2 个试点行。" in html
    assert school.rows.count() == 2
    assert row_events(filing) == []


def test_deleting_a_school_deletes_its_rows(staff_client, row, school, filing):
    f.make_row(filing, school, f.certificate(2))
    kept = f.make_row(filing, f.make_school(filing, "恩施职业技术学院"))
    response = staff_client.post(url("school_delete", "420000", school.pk))
    assert response.status_code == 302
    assert flashed(response) == ["已删除“武汉船舶职业技术学院”及其全部试点行。"]
    assert list(PilotRow.objects.filter(filing=filing)) == [kept]
    assert not School.objects.filter(pk=school.pk).exists()
    assert row_events(filing)[-1].note == "连同 2 个试点行"
