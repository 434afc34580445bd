"""After a failed save every form says what to change where the person is: a summary at
the top (`N 处需修改`, an alert that takes the focus, a link to each field), each field shown
invalid with its message linked, the page's title starting 错误：, and nothing typed lost."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from filings.models import PilotRow, SchoolType
from filings.rules import PHONE_INVALID
from filings.services import EDIT_CONFLICT

from .. import factories as f
from .a11y import SUMMARY, by_id, dom, error_summary, invalid_field, text, title
from .helpers import input_value, is_checked, page, row_fields, school_add_data, school_fields, url
from .test_header import GOOD as GOOD_HEADER
from .test_row_quick_edit import quick as post_quick

pytestmark = pytest.mark.django_db

MAJOR_NOT_ENROLLED = "专业“电子商务”2017、2018年未招生，不满足近3年连续招生（条件1）。"


def add(client, data):
    return client.post(url("school_add", "420000"), data)


def test_a_major_without_2017_and_2018_shows_the_majors_widget_invalid(staff_client, filing):
    """The issue's case: 保存 reloaded the page with no visible message."""
    response = add(staff_client, school_add_data({"majors": [("电子商务", (2019,))]}))
    assert response.status_code == 200
    doc = dom(response)

    assert title(doc).startswith("错误：添加院校")
    assert error_summary(doc, 1) == {
        f"证书 1 · 参与试点专业：{MAJOR_NOT_ENROLLED}": "#id_rows-0-majors-0-name"
    }
    # Every input of the widget is invalid and points to the message.
    for input_id in ("id_rows-0-majors-0-name", "id_rows-0-majors-0-y2017"):
        assert invalid_field(doc, input_id) == MAJOR_NOT_ENROLLED
    # Not the empty line left to type another major into.
    assert by_id(doc, "id_rows-0-majors-1-name").get("aria-invalid") is None
    # The widget is marked, so that the message under it is displayed (Bootstrap shows an
    # .invalid-feedback only after an .is-invalid sibling), and is a group with a legend.
    widget = doc.xpath("//div[contains(@class, 'majors-widget')]")[0]
    assert "is-invalid" in widget.get("class").split()
    message = widget.getnext()
    assert message.get("id") == "id_rows-0-majors_error"
    assert "invalid-feedback" in message.get("class")
    fieldset = widget.getparent()
    assert fieldset.tag == "fieldset"
    assert text(fieldset.find("legend")) == "参与试点专业"
    assert "id_rows-0-majors_error" in fieldset.get("aria-describedby").split()
    # What was typed is still there.
    html = page(response)
    assert input_value(html, "rows-0-majors-0-name") == "电子商务"
    assert is_checked(html, "rows-0-majors-0-y2019")
    assert not is_checked(html, "rows-0-majors-0-y2017")


def test_an_untouched_majors_widget_is_not_invalid(staff_client, filing):
    doc = dom(staff_client.get(url("school_add", "420000")))
    assert not doc.xpath(SUMMARY)
    name = by_id(doc, "id_rows-0-majors-0-name")
    assert name.get("aria-invalid") is None
    assert not title(doc).startswith("错误")


def test_the_summary_lists_each_problem_of_the_school_and_its_certificates(staff_client, filing):
    response = add(
        staff_client,
        school_add_data({}, {"certificate_position": 2, "student_count": "0"}, school_code="123"),
    )
    doc = dom(response)
    items = error_summary(doc, 2)
    assert items == {
        "学校标识码：学校标识码应为10位数字。": "#id_school_code",
        "证书 2 · 参与试点学生规模：参与试点学生规模应为正整数，现为 0。": (
            "#id_rows-1-student_count"
        ),
    }
    assert "学校标识码应为10位数字。" in invalid_field(doc, "id_school_code")
    assert "现为 0" in invalid_field(doc, "id_rows-1-student_count")
    assert input_value(page(response), "rows-1-student_count") == "0"


def test_a_refusal_of_the_whole_school_is_in_the_summary_too(staff_client, filing):
    f.make_row(filing, f.make_school(filing, "武汉船舶职业技术学院", SchoolType.HIGHER))
    response = add(
        staff_client,
        school_add_data(
            {"certificate_position": 2},
            name="武汉船舶职业技术学院",
            school_type=SchoolType.SECONDARY,
        ),
    )
    items = error_summary(dom(response), 1)
    message = "“武汉船舶职业技术学院”已在汇总表中，学校类型为“高职”；同一院校只能有一种类型。"
    assert items == {message: ""}


def test_editing_a_school_refused(staff_client, filing):
    school = f.make_school(filing, "武汉职业技术学院")
    f.make_row(filing, school)
    response = staff_client.post(
        url("school_edit", "420000", school.pk),
        {**school_fields(name="武汉职业技术学院", school_code="12"), "school_version": "1"},
    )
    doc = dom(response)
    assert title(doc).startswith("错误：修改院校")
    assert error_summary(doc, 1) == {"学校标识码：学校标识码应为10位数字。": "#id_school_code"}
    assert "10位数字" in invalid_field(doc, "id_school_code")


def test_editing_a_row_refused(staff_client, filing):
    row = f.make_row(filing, f.make_school(filing, "武汉职业技术学院"))
    response = staff_client.post(
        url("row_edit", "420000", row.pk), {**row_fields(1, student_count="0"), "row_version": "1"}
    )
    doc = dom(response)
    assert title(doc).startswith("错误：编辑试点行")
    assert error_summary(doc, 1) == {
        "参与试点学生规模：参与试点学生规模应为正整数，现为 0。": "#id_student_count"
    }
    assert "现为 0" in invalid_field(doc, "id_student_count")


def test_a_row_saved_meanwhile_is_a_problem_of_the_form(staff_client, filing):
    row = f.make_row(filing, f.make_school(filing, "武汉职业技术学院"))
    PilotRow.objects.filter(pk=row.pk).update(version=3)
    response = staff_client.post(
        url("row_edit", "420000", row.pk), {**row_fields(1), "row_version": "1"}
    )
    items = error_summary(dom(response), 1)
    assert list(items.values()) == [""]


def test_the_header_refused(staff_client, filing):
    response = staff_client.post(
        url("header", "420000"),
        {**GOOD_HEADER, "contact_phone": "12345", "contact_email": "not-an-address"},
    )
    doc = dom(response)
    assert title(doc).startswith("错误：表头")
    assert error_summary(doc, 2) == {
        f"电话：{PHONE_INVALID}": "#id_contact_phone",
        "邮箱：邮箱格式不正确。": "#id_contact_email",
    }
    assert PHONE_INVALID in invalid_field(doc, "id_contact_phone")
    assert input_value(page(response), "contact_email") == "not-an-address"


def test_a_scan_upload_refused(staff_client, filing):
    text_file = SimpleUploadedFile("盖章汇总表.pdf", "不是扫描件。\n".encode(), "application/pdf")
    response = staff_client.post(url("scan", "420000"), {"file": text_file})
    doc = dom(response)
    assert title(doc).startswith("错误：盖章扫描件")
    (link,) = error_summary(doc, 1).values()
    assert link == "#id_file"
    invalid_field(doc, "id_file")


def test_an_import_upload_refused(staff_client, filing):
    response = staff_client.post(url("import", "420000"), {"csrfmiddlewaretoken": "x"})
    doc = dom(response)
    assert title(doc).startswith("错误：导入 Excel")
    (link,) = error_summary(doc, 1).values()
    assert link == "#id_file"


# --- the quick edit of the rows table -----------------------------------------------------


@pytest.fixture
def row(filing):
    return f.make_row(filing, f.make_school(filing, "武汉职业技术学院"))


def quick(client, row, **fields):
    """A quick edit posted, and the page it goes back to."""
    response = post_quick(client, row, **fields)
    return client.get(response["Location"])


def test_a_refused_quick_edit_is_told_beside_its_row(staff_client, row):
    response = quick(staff_client, row, levels=[], student_count="0")
    doc = dom(response)
    assert title(doc).startswith("错误：试点院校")
    items = error_summary(doc, 2)
    assert sorted(items.values()) == [f"#q{row.pk}-junior", f"#q{row.pk}-students"]
    # The summary is in the row's open quick edit, right under the row, not at the top.
    summary = doc.xpath(SUMMARY)[0]
    quick_row = by_id(doc, f"quick-{row.pk}")
    assert summary in quick_row.iterdescendants()
    assert by_id(doc, f"row-{row.pk}").getnext() is quick_row
    assert not doc.xpath("//main/div[contains(@class, 'alert')]")
    # Each field refused is shown so, its message linked.
    assert "现为 0" in invalid_field(doc, f"q{row.pk}-students")
    for level in ("junior", "intermediate", "senior"):
        box = by_id(doc, f"q{row.pk}-{level}")
        assert box.get("aria-invalid") == "true"
    levels = box.xpath("ancestor::fieldset")[0]
    assert "至少选择一个证书等级" in text(by_id(doc, levels.get("aria-describedby")))
    # The major count, not refused, is not marked.
    assert by_id(doc, f"q{row.pk}-majors").get("aria-invalid") is None
    # What was typed is kept.
    assert by_id(doc, f"q{row.pk}-students").get("value") == "0"


def test_a_quick_edit_from_an_old_version_is_told_beside_its_row(staff_client, row):
    PilotRow.objects.filter(pk=row.pk).update(version=5)
    doc = dom(quick(staff_client, row, student_count="120"))
    assert error_summary(doc, 1) == {EDIT_CONFLICT: ""}
    assert doc.xpath(SUMMARY)[0] in by_id(doc, f"quick-{row.pk}").iterdescendants()


def test_a_saved_quick_edit_is_told_beside_its_row(staff_client, row):
    doc = dom(quick(staff_client, row, student_count="120"))
    said = by_id(doc, f"row-{row.pk}").getnext()
    assert "row-message" in said.get("class")
    (message,) = said.xpath(".//*[@data-row-message]")
    assert text(message) == f"“{row}”已保存。"
    assert message.get("role") == "status" and message.get("tabindex") == "-1"
    assert not doc.xpath("//main/div[contains(@class, 'alert')]")
    assert not doc.xpath(SUMMARY)


def test_a_group_of_checkboxes_refused_is_marked_and_described(staff_client, filing):
    row = f.make_row(filing, f.make_school(filing, "武汉职业技术学院"))
    response = staff_client.post(
        url("row_edit", "420000", row.pk), {**row_fields(1, levels=[]), "row_version": "1"}
    )
    doc = dom(response)
    assert error_summary(doc, 1) == {
        "证书等级：至少选择一个证书等级（初级、中级、高级）。": "#id_levels_0"
    }
    for number in range(3):
        box = by_id(doc, f"id_levels_{number}")
        assert box.get("aria-invalid") == "true" and "is-invalid" in box.get("class")
    fieldset = box.xpath("ancestor::fieldset")[0]
    message = by_id(doc, fieldset.get("aria-describedby"))
    assert text(message) == "至少选择一个证书等级（初级、中级、高级）。"
    # After an .is-invalid sibling: Bootstrap displays it.
    assert "is-invalid" in message.getprevious().getprevious().get("class")
