"""A failed save is seen where the person is looking: the summary at the top of the form is
on screen and has the focus, its links go to the fields, each field is shown invalid with its
message, on a desktop and on a phone."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from .checks import assert_usable
from .conftest import save_screenshot
from .test_filing_browser import login, portal  # noqa: F401 (a fixture)

pytestmark = pytest.mark.browser

SCHOOL = "武汉职业技术学院"
CERTIFICATE = "网店运营推广"
MAJOR_NOT_ENROLLED = "专业“电子商务”2017、2018年未招生"


def expect_summary_in_view_and_focused(page, count: int):
    summary = page.locator("[data-error-summary]")
    expect(summary).to_have_count(1)
    expect(summary).to_be_visible()
    expect(summary).to_be_focused()
    # Wholly on screen: its text is not cut off on either side, nor above or below.
    expect(summary).to_be_in_viewport(ratio=1)
    expect(summary.get_by_role("heading")).to_have_text(f"{count} 处需修改")
    expect(page).to_have_title(re.compile("^错误："))
    return summary


def fill_a_certificate_with_a_major_enrolled_in_2019_only(card) -> None:
    card.get_by_label("参与试点证书").select_option(label=CERTIFICATE)
    card.get_by_label("初级", exact=True).check()
    card.get_by_label("第1个专业名称").fill("电子商务")
    card.get_by_label("第1个专业2019年招生").check()
    card.get_by_label("参与试点学生规模").fill("60")
    card.get_by_label("培训团队人数").fill("10")
    card.get_by_label("其中“双师型”教师").fill("6")
    card.get_by_label("其中行业企业专家").fill("3")
    for label in ("具备相关领域职业培训经验", "人才培养方案完备", "制度体系健全"):
        card.get_by_label(label).select_option(label="是")
    card.get_by_label("教学条件和实习实训设施设备").select_option(label="自有")


@pytest.mark.parametrize("size", ["desktop", "phone"])
def test_a_school_refused_for_its_majors_enrolment_says_so_at_the_top_and_in_the_widget(
    request,
    size,
    page_guard,
    live_server,
    portal,  # noqa: F811
):
    page = request.getfixturevalue("page" if size == "desktop" else "phone_page")
    login(page, live_server.url, "420000")
    page.goto(live_server.url + reverse("filings:school_add", args=["420000"]))
    page.get_by_label("试点院校名称").fill(SCHOOL)
    page.get_by_label("学校类型").select_option(label="高职")
    card = page.locator(".certificate-card").nth(0)
    fill_a_certificate_with_a_major_enrolled_in_2019_only(card)
    page.get_by_role("button", name="保存", exact=True).click()

    summary = expect_summary_in_view_and_focused(page, 1)
    expect(summary).to_contain_text(MAJOR_NOT_ENROLLED)
    # The widget shows its invalid state and its message, linked to each of its inputs.
    name = card.get_by_label("第1个专业名称")
    expect(name).to_have_attribute("aria-invalid", "true")
    expect(name).to_have_accessible_description(re.compile(re.escape(MAJOR_NOT_ENROLLED)))
    message = card.locator("#id_rows-0-majors_error")
    expect(message).to_be_visible()
    expect(message).to_contain_text(MAJOR_NOT_ENROLLED)
    expect(name).to_have_value("电子商务")  # nothing typed is lost
    save_screenshot(page, f"failed-save-school-majors-{size}")
    assert_usable(page, f"the add-school form after a failed save ({size})")

    # The summary's link puts the focus in the field, on screen.
    summary.get_by_role("link").click()
    expect(name).to_be_focused()
    expect(name).to_be_in_viewport()

    card.get_by_label("第1个专业2017年招生").check()
    card.get_by_label("第1个专业2018年招生").check()
    page.get_by_role("button", name="保存", exact=True).click()
    expect(page.get_by_text(f"已添加“{SCHOOL}”")).to_be_visible()
    assert page_guard.external == []


@pytest.fixture
def many_rows(portal):  # noqa: F811
    """Eight schools of 湖北省, so that the row to correct is well down the page."""
    from filings.models import Filing
    from tests.filings import factories as f

    filing = Filing.objects.get(unit__code="420000")
    schools = [f.make_school(filing, f"湖北第{n}职业技术学院") for n in range(1, 8)]
    for school in schools:
        f.make_row(filing, school)
    return f.make_row(filing, f.make_school(filing, "鄂州职业大学"))


def test_a_quick_edit_on_a_phone_is_refused_and_saved_beside_its_row(
    phone_page, page_guard, live_server, many_rows
):
    page, row = phone_page, many_rows
    name = f"{row.school.name} · {row.certificate.name}"
    login(page, live_server.url, "420000")
    page.goto(live_server.url + reverse("filings:rows", args=["420000"]))
    page.get_by_role("button", name=f"快速修改 {name}").click()
    quick = page.get_by_role("form", name=f"快速修改 {name}")
    quick.get_by_label("参与试点学生规模").fill("0")
    quick.get_by_role("button", name="保存").click()

    summary = expect_summary_in_view_and_focused(page, 1)
    expect(summary).to_contain_text("参与试点学生规模应为正整数，现为 0。")
    students = page.get_by_role("form", name=f"快速修改 {name}").get_by_label("参与试点学生规模")
    expect(students).to_have_attribute("aria-invalid", "true")
    expect(students).to_have_value("0")
    expect(page.locator(f"#q{row.pk}-students-error")).to_be_visible()
    save_screenshot(page, "failed-save-quick-edit-phone")
    assert_usable(page, "the rows list after a refused quick edit (phone)")

    summary.get_by_role("link").click()
    expect(students).to_be_focused()
    students.fill("75")
    page.get_by_role("form", name=f"快速修改 {name}").get_by_role("button", name="保存").click()
    said = page.locator("[data-row-message]")
    expect(said).to_have_text(f"“{name}”已保存。")
    expect(said).to_be_focused()
    expect(said).to_be_in_viewport(ratio=1)
    assert page_guard.external == []


def test_after_editing_a_row_on_its_page_the_table_says_it_beside_the_row(
    page, page_guard, live_server, many_rows
):
    row = many_rows
    name = f"{row.school.name} · {row.certificate.name}"
    login(page, live_server.url, "420000")
    page.goto(live_server.url + reverse("filings:rows", args=["420000"]))
    page.get_by_role("link", name=f"编辑 {name}").click()
    page.get_by_label("参与试点学生规模").fill("90")
    page.get_by_role("button", name="保存").click()

    said = page.locator("[data-row-message]")
    expect(said).to_have_text(f"“{name}”已保存。")
    expect(said).to_be_focused()
    expect(said).to_be_in_viewport(ratio=1)
    # Right under the row saved, not at the top of the page.
    expect(page.locator(f"#row-{row.pk} + tr.row-message")).to_contain_text("已保存")
    assert page_guard.external == []
