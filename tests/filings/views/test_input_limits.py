"""What the forms say to numbers no school has and to names with characters that print as
nothing: the rules' own words next to the field, never a server error (the fuzz test in
tests/security tries every form; these read the messages)."""

import pytest

from filings.models import PilotRow, School
from filings.national import conflicts
from filings.rules import INVISIBLE_IN_NAME, normalize_name

from .. import factories as f
from .helpers import (
    errors_next_to,
    flashed,
    input_value,
    page,
    row_fields,
    school_add_data,
    url,
)

pytestmark = pytest.mark.django_db

HUGE = ["100000000000000000000", "2147483648", "1000001"]


@pytest.mark.parametrize("value", HUGE)
def test_adding_a_school_with_a_student_number_no_school_has(staff_client, filing, value):
    response = staff_client.post(
        url("school_add", "420000"), school_add_data({"student_count": value})
    )
    assert response.status_code == 200
    assert errors_next_to(page(response), "rows-0-student_count") == [
        f"参与试点学生规模“{value}”过大，请核实（最多 1,000,000）。"
    ]
    assert not PilotRow.objects.filter(filing=filing).exists()


@pytest.mark.parametrize(
    ("name", "label"),
    [
        ("team_size", "培训团队人数"),
        ("dual_qualified_count", "“双师型”教师人数"),
        ("industry_expert_count", "行业企业专家人数"),
        ("major_count", "参与试点专业数量"),
    ],
)
def test_editing_a_row_with_a_team_no_school_has(staff_client, filing, name, label):
    row = f.make_row(filing)
    data = row_fields(**{name: "2147483648", "row_version": row.version})
    response = staff_client.post(url("row_edit", "420000", row.pk), data)
    assert response.status_code == 200
    assert f"{label}“2147483648”过大，请核实" in " ".join(errors_next_to(page(response), name))
    row.refresh_from_db()
    assert getattr(row, name) != 2147483648


def test_the_quick_edit_says_it_too_and_keeps_what_was_typed(staff_client, filing):
    row = f.make_row(filing)
    response = staff_client.post(
        url("row_quick_edit", "420000", row.pk),
        {
            "row_version": row.version,
            "levels": ["junior"],
            "major_count": "2",
            "student_count": "100000000000000000000",
        },
    )
    assert response.status_code == 302
    assert any(
        "参与试点学生规模“100000000000000000000”过大，请核实" in m for m in flashed(response)
    )
    assert "qs=1000000000" in response["Location"]  # kept, as far as the box holds
    row.refresh_from_db()
    assert row.student_count != 10**20


@pytest.mark.parametrize("value", ["²", "١٢٣٤٥٦٧٨", "9" * 5000])
def test_digits_that_are_not_numbers_or_too_many_say_so(staff_client, filing, value):
    response = staff_client.post(
        url("school_add", "420000"), school_add_data({"student_count": value})
    )
    assert response.status_code == 200
    assert errors_next_to(page(response), "rows-0-student_count")


def test_a_nul_in_a_majors_name_is_refused_in_the_portals_words(staff_client, filing):
    data = school_add_data({"majors": [("电子\x00商务", (2017, 2018, 2019))]})
    response = staff_client.post(url("school_add", "420000"), data)
    assert response.status_code == 200
    assert "第1个专业的名称中含有看不见的字符" in page(response)
    assert not PilotRow.objects.filter(filing=filing).exists()


def test_a_nul_in_a_text_field_is_refused_in_the_portals_words(staff_client, filing):
    data = school_add_data(remarks="省级\x00示范")
    response = staff_client.post(url("school_add", "420000"), data)
    assert "不能含有空字符（NUL）等控制字符，请删除后重新输入。" in page(response)


# --- characters that print as nothing ----------------------------------------------------------

SPOOFED = [
    "安全\u200b测试学院",
    "安全测试学院\ufeff",
    "\u202e安全测试学院",
    "安全\u00ad测试\u200d学院",
]


@pytest.mark.parametrize("name", SPOOFED)
def test_a_name_with_invisible_characters_is_shown_again_without_them(staff_client, filing, name):
    response = staff_client.post(url("school_add", "420000"), school_add_data(name=name))
    assert response.status_code == 200
    html = page(response)
    assert errors_next_to(html, "name") == [INVISIBLE_IN_NAME]
    assert input_value(html, "name") == "安全测试学院"
    assert not School.objects.filter(filing=filing).exists()

    # Saved again as shown: one school, its name as it reads.
    response = staff_client.post(url("school_add", "420000"), school_add_data(name="安全测试学院"))
    assert response.status_code == 302
    assert list(School.objects.filter(filing=filing).values_list("name", "name_key")) == [
        ("安全测试学院", "安全测试学院")
    ]


@pytest.mark.parametrize("name", SPOOFED)
def test_invisible_characters_are_no_part_of_the_key(name):
    assert normalize_name(name) == "安全测试学院"


def test_a_school_filed_by_two_units_is_found_whatever_one_of_them_pasted(batch, unit, other_unit):
    """The cross-unit conflict compares keys: a zero-width space no longer hides it."""
    mine, theirs = f.make_filing(unit, batch), f.make_filing(other_unit, batch)
    f.make_row(mine, f.make_school(mine, "武汉职业技术学院"))
    pasted = f.make_school(theirs, "武汉职业技术学院")
    School.objects.filter(pk=pasted.pk).update(
        name="武汉职业\u200b技术学院", name_key=normalize_name("武汉职业\u200b技术学院")
    )
    f.make_row(theirs, pasted)
    (found,) = conflicts(batch, type(mine).objects.filter(pk__in=[mine.pk, theirs.pk]))
    assert (found.by, found.key) == ("校名", "武汉职业技术学院")
    assert [(unit.name, name) for unit, name in found.units] == [
        ("湖北省", "武汉职业技术学院"),
        ("湖南省", "武汉职业\u200b技术学院"),
    ]
