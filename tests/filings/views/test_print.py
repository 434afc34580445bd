"""The printable Attachment 2: header, the eight columns, 总体情况, the notes."""

import re
from datetime import UTC, datetime
from unittest import mock

import pytest

from filings.models import Filing, SchoolStatus, SchoolType

from .. import factories as f
from .helpers import fill, page, queries_of, url

pytestmark = pytest.mark.django_db

COLUMNS = [
    "序号",
    "试点院校名称",
    "学校类型",
    "参与试点证书及等级",
    "参与试点专业数量",
    "参与试点专业名称",
    "参与试点学生规模",
    "学校情况备注",
]


def cells(html: str) -> list[list[str]]:
    """The table's pilot rows (not the summary lines), each as its eight cells' text."""
    body = html[html.index("<tbody>") : html.index("</tbody>")]
    rows = [
        [re.sub(r"<[^>]+>", "", cell).strip() for cell in re.findall(r"<td>(.*?)</td>", row)]
        for row in re.findall(r"<tr>(.*?)</tr>", body, re.S)
    ]
    return [row for row in rows if len(row) == len(COLUMNS)]


@pytest.fixture
def table(filing):
    ship = f.make_school(
        filing,
        "武汉船舶职业技术学院",
        SchoolType.HIGHER,
        statuses=[SchoolStatus.NATIONAL_HIGH_LEVEL],
        remarks="国家优质校",
    )
    f.make_row(filing, ship, f.certificate(1), student_count=40)
    f.make_row(filing, ship, f.certificate(2), levels=["senior"], student_count=55)
    nursing = f.make_school(filing, "恩施州卫生学校", SchoolType.SECONDARY, statuses=[])
    f.make_row(
        filing,
        nursing,
        f.certificate(7),
        majors=[{"name": "护理", "years": [2017, 2018, 2019]}],
        major_count=1,
        student_count=30,
    )
    return filing


def test_the_print_page_is_attachment_2(staff_client, table):
    response = staff_client.get(url("print", "420000"))
    assert response.status_code == 200
    html = page(response)
    assert "第二批1+X证书制度试点院校情况汇总表" in html
    assert "报送单位(盖章)：湖北省" in html
    assert "联系人：张敏" in html
    assert "电话：027-87328057" in html
    assert "邮箱：zhangmin@hbe.gov.cn" in html
    headers = re.findall(r'<th scope="col">(.*?)</th>', html)
    assert headers == COLUMNS
    assert cells(html) == [
        [
            "1",
            "恩施州卫生学校",
            "中职",
            "母婴护理（初级、中级）",
            "1",
            "护理",
            "30",
            "",
        ],
        [
            "2",
            "武汉船舶职业技术学院",
            "高职",
            "电子商务数据分析（初级、中级）",
            "2",
            "电子商务、移动商务",
            "40",
            "中国特色高水平高职学校建设单位；国家优质校",
        ],
        [
            "3",
            "武汉船舶职业技术学院",
            "高职",
            "网店运营推广（高级）",
            "2",
            "电子商务、移动商务",
            "55",
            "中国特色高水平高职学校建设单位；国家优质校",
        ],
    ]


def test_the_summary_block_is_under_the_rows(staff_client, table):
    html = page(staff_client.get(url("print", "420000")))
    assert "总体情况" in html
    figures = re.findall(r'<th scope="row" colspan="2">(.*?)</th><td>(\d+)</td>', html)
    assert figures == [
        ("第二批试点学生总规模", "125"),
        ("第二批试点院校数量(中职)", "1"),
        ("第二批试点院校数量(高职)", "1"),
        ("第二批试点院校数量(本科)", "0"),
        ("第二批试点院校总规模", "2"),
    ]
    assert html.index("武汉船舶职业技术学院") < html.index("第二批试点学生总规模")


def test_the_notes_and_the_table_version_are_printed(staff_client, table):
    Filing.objects.filter(pk=table.pk).update(revision=7)
    moment = datetime(2019, 9, 19, 17, 30, tzinfo=UTC)  # 01:30 the next day in Beijing
    with mock.patch("django.utils.timezone.now", return_value=moment):
        html = page(staff_client.get(url("print", "420000")))
    assert "表格版本 7 · 打印于 2019-09-20 01:30（北京时间）" in html
    for note in (
        "报送单位为省级教育行政部门和国家开放大学",
        "本科层次职业教育试点学校或应用型本科",
        "本表可另附页",
    ):
        assert note in html


def test_reviewers_print_any_unit(reviewer_client, table):
    response = reviewer_client.get(url("print", "420000"))
    assert response.status_code == 200
    assert "武汉船舶职业技术学院" in page(response)


def test_the_print_page_runs_as_many_queries_for_60_rows_as_for_5(staff_client, staff, filing):
    path = url("print", "420000")
    fill(filing, staff, 5)
    small = queries_of(staff_client, path)
    fill(filing, staff, 55)
    html = page(staff_client.get(path))
    assert len(cells(html)) == 60
    assert queries_of(staff_client, path) == small
