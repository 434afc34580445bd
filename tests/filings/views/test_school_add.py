"""Adding a school: once its name, type and remarks, then each certificate it pilots."""

import pytest

from filings.models import EventKind, Filing, FilingEvent, PilotRow, School, SchoolType
from filings.services import ROW_EXISTS

from .. import factories as f
from .helpers import (
    errors_next_to,
    flashed,
    input_value,
    is_checked,
    page,
    school_add_data,
    selected_options,
    url,
)

pytestmark = pytest.mark.django_db

ALL_YEARS = (2017, 2018, 2019)


def add(client, data):
    return client.post(url("school_add", "420000"), data)


def nothing_saved(filing) -> bool:
    return (
        not School.objects.filter(filing=filing).exists()
        and not PilotRow.objects.filter(filing=filing).exists()
        and not FilingEvent.objects.filter(filing=filing).exists()
        and Filing.objects.get(pk=filing.pk).revision == 1
    )


def test_the_empty_form_suggests_the_schools_already_filed(staff_client, filing):
    f.make_row(filing, f.make_school(filing, "恩施职业技术学院"))
    response = staff_client.get(url("school_add", "420000"))
    assert response.status_code == 200
    html = page(response)
    assert '<datalist id="school-suggestions"><option value="恩施职业技术学院">' in html
    assert 'name="rows-TOTAL_FORMS"' in html
    assert 'name="rows-0-majors-0-name"' in html
    assert 'name="rows-0-majors-0-y2017"' in html


def test_a_school_with_two_certificates_is_added_in_one_go(staff_client, filing):
    data = school_add_data(
        {"certificate_position": 1},
        {
            "certificate_position": 7,
            "levels": ["senior"],
            "majors": [("护理", ALL_YEARS)],
            "student_count": "25",
            "team_size": "8",
            "dual_qualified_count": "4",
            "industry_expert_count": "2",
            "innovation_team": "on",
        },
        name="\u3000武汉船舶  职业技术学院 ",
        remarks=" 省级优质校 ",
    )
    response = add(staff_client, data)

    school = School.objects.get(filing=filing)
    assert response.status_code == 302
    assert response.url == url("rows", "420000") + f"#school-{school.pk}"
    assert flashed(response) == ["已添加“武汉船舶 职业技术学院”：电子商务数据分析、母婴护理。"]
    assert (school.name, school.name_key, school.school_type, school.remarks) == (
        "武汉船舶 职业技术学院",
        "武汉船舶职业技术学院",
        SchoolType.HIGHER,
        "省级优质校",
    )
    first, second = school.rows.order_by("certificate__position")
    assert first.certificate.position == 1
    assert first.levels == ["junior", "intermediate"]
    assert first.majors == [
        {"name": "电子商务", "years": [2017, 2018, 2019]},
        {"name": "移动商务", "years": [2017, 2018, 2019]},
    ]
    assert first.major_count == 2  # counted from the majors when left empty
    assert (first.student_count, first.team_size, first.dual_qualified_count) == (40, 10, 6)
    assert (first.training_experience, first.facilities, first.management) == (True, "own", True)
    assert second.certificate.position == 7
    assert second.levels == ["senior"]
    assert second.majors == [{"name": "护理", "years": [2017, 2018, 2019]}]
    assert (second.student_count, second.innovation_team) == (25, True)
    assert [e.kind for e in FilingEvent.objects.filter(filing=filing).order_by("pk")] == [
        EventKind.SCHOOL_ADDED,
        EventKind.ROW_ADDED,
        EventKind.ROW_ADDED,
    ]
    assert Filing.objects.get(pk=filing.pk).revision == 2


def test_save_and_add_another_comes_back_to_an_empty_form(staff_client, filing):
    response = add(staff_client, {**school_add_data(), "add_another": "1"})
    assert response.status_code == 302
    assert response.url == url("school_add", "420000")
    assert School.objects.filter(filing=filing).count() == 1


def test_too_few_dual_qualified_teachers_is_an_error_next_to_the_field(staff_client, filing):
    data = school_add_data({"team_size": "10", "dual_qualified_count": "4"})
    response = add(staff_client, data)
    assert response.status_code == 200
    html = page(response)
    assert errors_next_to(html, "rows-0-dual_qualified_count") == [
        "“双师型”教师占比 40%（4/10），低于50%（条件3）。"
    ]
    assert errors_next_to(html, "rows-0-industry_expert_count") == []
    assert nothing_saved(filing)


def test_too_few_experts_shows_the_truncated_share(staff_client, filing):
    data = school_add_data(
        {"team_size": "8", "dual_qualified_count": "5", "industry_expert_count": "1"}
    )
    html = page(add(staff_client, data))
    assert errors_next_to(html, "rows-0-industry_expert_count") == [
        "行业企业专家占比 12.5%（1/8），低于20%（条件3）。"
    ]
    assert nothing_saved(filing)


def test_a_major_missing_a_year_is_an_error_next_to_the_majors(staff_client, filing):
    data = school_add_data(
        {"majors": [("电子商务", ALL_YEARS), ("移动商务", (2017, 2019))]},
    )
    html = page(add(staff_client, data))
    assert errors_next_to(html, "rows-0-majors") == [
        "专业“移动商务”2018年未招生，不满足近3年连续招生（条件1）。"
    ]
    assert nothing_saved(filing)


def test_a_ticked_year_without_a_major_name_is_an_error(staff_client, filing):
    data = school_add_data({"majors": [("", (2017,)), ("移动商务", ALL_YEARS)]})
    html = page(add(staff_client, data))
    assert errors_next_to(html, "rows-0-majors") == ["第1个专业勾选了招生年份，但未填写专业名称。"]
    assert nothing_saved(filing)


def test_no_level_is_an_error_next_to_the_levels(staff_client, filing):
    html = page(add(staff_client, school_add_data({"levels": []})))
    assert errors_next_to(html, "rows-0-levels") == ["至少选择一个证书等级（初级、中级、高级）。"]
    assert nothing_saved(filing)


def test_the_same_certificate_twice_in_one_submission_is_an_error_on_both(staff_client, filing):
    # The rule the importer applies to two lines of one school: each names the other.
    data = school_add_data({"certificate_position": 1}, {"certificate_position": 1})
    response = add(staff_client, data)
    assert response.status_code == 200
    html = page(response)
    first, second = "第1个证书（电子商务数据分析）", "第2个证书（电子商务数据分析）"
    assert errors_next_to(html, "rows-0-certificate") == [
        f"{first}与{second}重复：同一院校、同一证书只能填写一行。"
    ]
    assert errors_next_to(html, "rows-1-certificate") == [
        f"{second}与{first}重复：同一院校、同一证书只能填写一行。"
    ]
    assert nothing_saved(filing)


def test_an_existing_school_with_another_type_is_refused_in_the_school_section(
    staff_client, filing
):
    f.make_row(filing, f.make_school(filing, "武汉船舶职业技术学院", SchoolType.HIGHER))
    rows_before = PilotRow.objects.count()
    data = school_add_data(
        {"certificate_position": 2}, name="武汉船舶职业技术学院", school_type=SchoolType.SECONDARY
    )
    response = add(staff_client, data)
    assert response.status_code == 200
    html = page(response)
    message = "“武汉船舶职业技术学院”已在汇总表中，学校类型为“高职”；同一院校只能有一种类型。"
    assert message in html
    # Shown in the school's card, above its name and type, not under a certificate (and in
    # the summary at the top of the form).
    heading = html.index('id="school-heading"')
    assert heading < html.index(message, heading) < html.index('name="name"')
    assert selected_options(html, "school_type") == [SchoolType.SECONDARY]
    assert PilotRow.objects.count() == rows_before
    assert School.objects.get(filing=filing).school_type == SchoolType.HIGHER


def test_nothing_typed_is_lost_when_the_submission_is_refused(staff_client, filing):
    data = school_add_data(
        {
            "certificate_position": 1,
            "levels": ["junior", "senior"],
            "majors": [("电子商务", ALL_YEARS), ("跨境电子商务", (2018, 2019))],
            "student_count": "45",
            "team_size": "12",
            "dual_qualified_count": "7",
            "industry_expert_count": "3",
            "training_experience": "no",
            "training_experience_note": "2020年起开展",
            "facilities": "rented",
            "facilities_note": "租用园区实训室",
        },
        {
            "certificate_position": 7,
            "levels": ["intermediate"],
            "majors": [("护理", ALL_YEARS)],
            "student_count": "30",
            "team_size": "10",
            "dual_qualified_count": "3",  # too few: the refusal
            "industry_expert_count": "2",
        },
        name="咸宁职业技术学院",
        school_type=SchoolType.HIGHER,
        school_code="4142012345",
        remarks="省级示范校，2019年新增专业",
    )
    response = add(staff_client, data)
    assert response.status_code == 200
    html = page(response)
    assert nothing_saved(filing)

    # The school.
    assert input_value(html, "name") == "咸宁职业技术学院"
    assert input_value(html, "school_code") == "4142012345"
    assert selected_options(html, "school_type") == [SchoolType.HIGHER]
    assert is_checked(html, "statuses", "national_high_level")
    assert "省级示范校，2019年新增专业</textarea>" in html
    # The first certificate, all of it.
    assert selected_options(html, "rows-0-certificate") == [str(f.certificate(1).pk)]
    assert is_checked(html, "rows-0-levels", "junior")
    assert not is_checked(html, "rows-0-levels", "intermediate")
    assert is_checked(html, "rows-0-levels", "senior")
    assert input_value(html, "rows-0-majors-0-name") == "电子商务"
    assert input_value(html, "rows-0-majors-1-name") == "跨境电子商务"
    assert not is_checked(html, "rows-0-majors-1-y2017")
    assert is_checked(html, "rows-0-majors-1-y2018")
    assert is_checked(html, "rows-0-majors-1-y2019")
    for name, value in (
        ("student_count", "45"),
        ("team_size", "12"),
        ("dual_qualified_count", "7"),
        ("industry_expert_count", "3"),
        ("training_experience_note", "2020年起开展"),
        ("facilities_note", "租用园区实训室"),
    ):
        assert input_value(html, f"rows-0-{name}") == value, name
    assert selected_options(html, "rows-0-training_experience") == ["no"]
    assert selected_options(html, "rows-0-facilities") == ["rented"]
    # The second certificate, with its error.
    assert selected_options(html, "rows-1-certificate") == [str(f.certificate(7).pk)]
    assert input_value(html, "rows-1-majors-0-name") == "护理"
    assert input_value(html, "rows-1-dual_qualified_count") == "3"
    assert errors_next_to(html, "rows-1-dual_qualified_count") == [
        "“双师型”教师占比 30%（3/10），低于50%（条件3）。"
    ]
    assert 'name="rows-TOTAL_FORMS" value="2"' in html


def test_certificates_are_added_to_a_school_already_filed_by_its_name(staff_client, filing):
    school = f.make_school(filing, "武汉船舶职业技术学院", SchoolType.HIGHER)
    f.make_row(filing, school, f.certificate(1))
    data = school_add_data(
        {"certificate_position": 2},
        {"certificate_position": 3},
        name="\u3000武汉船舶\u3000职业技术学院\u3000",
    )
    response = add(staff_client, data)
    assert response.status_code == 302
    assert response.url == url("rows", "420000") + f"#school-{school.pk}"
    assert School.objects.filter(filing=filing).count() == 1
    assert sorted(school.rows.values_list("certificate__position", flat=True)) == [1, 2, 3]
    kinds = list(FilingEvent.objects.filter(filing=filing).values_list("kind", flat=True))
    assert EventKind.SCHOOL_ADDED not in kinds


def test_copy_prefills_the_form_without_the_certificate(staff_client, filing):
    school = f.make_school(filing, "武汉船舶职业技术学院", remarks="备注甲")
    row = f.make_row(
        filing,
        school,
        f.certificate(1),
        student_count=77,
        majors=[{"name": "电子商务", "years": [2017, 2018, 2019]}],
        major_count=1,
        facilities="shared",
    )
    response = staff_client.get(url("school_add", "420000"), {"copy": row.pk})
    assert response.status_code == 200
    html = page(response)
    assert "复制为新行" in html
    assert input_value(html, "name") == "武汉船舶职业技术学院"
    assert "备注甲</textarea>" in html
    assert selected_options(html, "rows-0-certificate") == [""]  # “请选择证书”: chosen anew
    assert input_value(html, "rows-0-student_count") == "77"
    assert input_value(html, "rows-0-majors-0-name") == "电子商务"
    assert is_checked(html, "rows-0-majors-0-y2018")
    assert is_checked(html, "rows-0-levels", "junior")
    assert selected_options(html, "rows-0-facilities") == ["shared"]
    assert PilotRow.objects.filter(filing=filing).count() == 1  # a GET adds nothing


def test_a_copy_saved_with_another_certificate_is_a_new_row_of_the_same_school(
    staff_client, filing
):
    school = f.make_school(filing, "武汉船舶职业技术学院")
    row = f.make_row(filing, school, f.certificate(1))
    assert staff_client.get(url("school_add", "420000"), {"copy": row.pk}).status_code == 200
    response = staff_client.post(
        url("school_add", "420000") + f"?copy={row.pk}",
        school_add_data({"certificate_position": 5}, name="武汉船舶职业技术学院"),
    )
    assert response.status_code == 302
    assert sorted(school.rows.values_list("certificate__position", flat=True)) == [1, 5]


def test_school_prefills_the_school_only(staff_client, filing):
    school = f.make_school(filing, "恩施州卫生学校", SchoolType.SECONDARY, remarks="备注乙")
    f.make_row(filing, school)
    html = page(staff_client.get(url("school_add", "420000"), {"school": school.pk}))
    assert input_value(html, "name") == "恩施州卫生学校"
    assert selected_options(html, "school_type") == [SchoolType.SECONDARY]
    assert input_value(html, "rows-0-student_count") == ""


def test_a_submission_without_any_certificate_is_refused(staff_client, filing):
    data = school_add_data()
    data["rows-TOTAL_FORMS"] = "0"
    response = add(staff_client, data)
    assert response.status_code == 200
    assert response.context["formset"].non_form_errors()
    assert nothing_saved(filing)


def test_a_technician_school_is_not_a_choice(staff_client, filing):
    response = add(staff_client, school_add_data(school_type="技工学校"))
    assert response.status_code == 200
    assert response.context["school_form"].errors["school_type"]
    assert "技工学校不在试点范围。" in page(response)  # the help text under the type
    assert nothing_saved(filing)


def test_a_certificate_the_school_already_has_is_an_error_next_to_it(staff_client, filing):
    # Was a server error (500): the unique constraint's ValidationError escaped the view.
    school = f.make_school(filing, "武汉船舶职业技术学院", SchoolType.HIGHER)
    f.make_row(filing, school, f.certificate(1))
    data = school_add_data(
        {"certificate_position": 2},
        {"certificate_position": 1, "student_count": "66"},
        name="武汉船舶职业技术学院",
    )
    response = add(staff_client, data)
    assert response.status_code == 200
    html = page(response)
    assert errors_next_to(html, "rows-0-certificate") == []
    assert errors_next_to(html, "rows-1-certificate") == [
        ROW_EXISTS.format(school="武汉船舶职业技术学院", certificate="电子商务数据分析")
    ]
    assert ROW_EXISTS.format(school="甲", certificate="乙") == (
        "“甲”已有“乙”这一行，请编辑该行，不要重复添加。"
    )
    assert input_value(html, "rows-1-student_count") == "66"
    assert input_value(html, "rows-0-majors-0-name") == "电子商务"
    # All or nothing: not even the new certificate 2 was added.
    assert list(school.rows.values_list("certificate__position", flat=True)) == [1]
    assert not FilingEvent.objects.filter(filing=filing).exists()
