"""Tables say what they hold (a caption on each), a row's actions say which row they act on
(`编辑 武汉职业技术学院 · 电子商务数据分析`), and no state is told by its colour alone."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from .. import factories as f
from ..spreadsheet import workbooks as w
from .a11y import accessible_name, by_id, dom, text
from .helpers import url

pytestmark = pytest.mark.django_db


@pytest.fixture
def row(filing):
    return f.make_row(filing, f.make_school(filing, "武汉职业技术学院"))


def captions(doc) -> list[str]:
    """Each table's caption ("" for a table without one)."""
    found = []
    for table in doc.iter("table"):
        caption = table.find("caption")
        found.append(text(caption) if caption is not None else "")
    return found


def assert_every_table_has_a_caption(response) -> list[str]:
    assert response.status_code == 200
    found = captions(dom(response))
    assert found and all(found), found
    return found


def test_each_action_of_a_row_names_the_row(staff_client, row):
    doc = dom(staff_client.get(url("rows", "420000")))
    name = f"{row.school.name} · {row.certificate.name}"
    actions = by_id(doc, f"row-{row.pk}").xpath(".//a | .//button | .//input[@type='checkbox']")
    names = sorted(accessible_name(action) for action in actions)
    assert names == sorted(
        [
            f"选择 {name}",
            "改 院校 武汉职业技术学院",
            f"快速修改 {name}",
            f"编辑 {name}",
            f"复制 {name}",
            f"删除 {name}",
        ]
    )
    # The visible word is where the name starts (what a voice user says is what they see).
    for action in actions:
        if text(action):
            assert accessible_name(action).startswith(text(action))
    form = by_id(doc, f"quick-{row.pk}").find(".//form")
    assert form.get("aria-label") == f"快速修改 {name}"


def test_a_rows_problems_say_in_words_which_are_errors(staff_client, filing):
    school = f.make_school(filing, "武汉职业技术学院")
    f.make_row(filing, school, dual_qualified_count=2)
    doc = dom(staff_client.get(url("rows", "420000")))
    problems = [text(item) for item in doc.xpath("//details[contains(@class, 'problems')]//li")]
    assert problems and all(p.startswith(("错误：", "提醒：")) for p in problems)
    assert any(p.startswith("错误：") for p in problems)


def test_the_unit_pages_tables_have_captions(staff_client, row):
    assert assert_every_table_has_a_caption(staff_client.get(url("rows", "420000"))) == [
        "试点院校情况（附件2各列）",
        "总体情况（自动计算）",
        "证书分布：各证书的行数和学生规模",
    ]
    assert_every_table_has_a_caption(staff_client.get(url("unit_home", "420000")))
    staff_client.post(
        url("row_quick_edit", "420000", row.pk),
        {"row_version": "1", "levels": ["junior"], "major_count": "2", "student_count": "50"},
    )
    assert_every_table_has_a_caption(staff_client.get(url("history", "420000")))
    assert_every_table_has_a_caption(staff_client.get(url("print", "420000")))
    form = staff_client.get(url("school_add", "420000"))
    assert "参与试点专业及近3年招生年份" in assert_every_table_has_a_caption(form)


def test_the_import_previews_table_has_a_caption(staff_client, filing):
    table = w.province_table([w.row()]).data
    staff_client.post(url("import", "420000"), {"file": SimpleUploadedFile("附件2.xlsx", table)})
    assert_every_table_has_a_caption(staff_client.get(url("import_preview", "420000")))


def test_the_reviewers_tables_have_captions_and_their_links_name_the_unit(reviewer_client, row):
    board = reviewer_client.get(reverse("filings:review_board"))
    assert_every_table_has_a_caption(board)
    links = dom(board).xpath("//table//a[@aria-label]")
    assert {accessible_name(link) for link in links} >= {
        "记录 湖北省",
        "扫描件 湖北省",
        "Excel 湖北省",
    }
    national = reviewer_client.get(reverse("filings:national") + "?include_submitted=1")
    assert len(assert_every_table_has_a_caption(national)) == 3
