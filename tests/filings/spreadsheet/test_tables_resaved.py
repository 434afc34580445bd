"""A province's table as it reaches the portal after passing through a spreadsheet program:
built the way WPS and Excel users build it, then opened and saved again by LibreOffice, so
that its formulas carry cached values (a 合计 row with numbers in it) and the program writes
merges, hidden columns and styles its own way. The importer reads it as it read the original.

LibreOffice comes from Debian (`apt-get install libreoffice-calc-nogui`). Where it is missing
these tests skip, unless REQUIRE_LIBREOFFICE=1 (as in CI), where they fail.
"""

from io import BytesIO

import pytest
from openpyxl import load_workbook

from filings.spreadsheet.importer import read_attachment2

from . import workbooks as w
from .test_opens_in_libreoffice import convert, soffice  # noqa: F401

pytestmark = pytest.mark.django_db


@pytest.fixture
def resave(soffice, tmp_path):  # noqa: F811
    def saved_again(data: bytes) -> bytes:
        (saved,) = convert(soffice, data, tmp_path, "xlsx:Calc MS Excel 2007 XML")
        return saved.read_bytes()

    return saved_again


def kept_table() -> bytes:
    """Everything at once, as a province keeps it: a merged title, the 报送单位 lines, a
    two-line heading (参与试点专业 over 数量 | 名称), a hidden helper column, a school merged
    over its rows, a 合计 row of SUM formulas, the 填表人 line and a date."""
    top = [
        "序号",
        "学校代码",
        "学校全称",
        "学校类别",
        "证书及级别",
        "参与试点专业",
        None,
        "参与试点学生规模/人",
        "备注",
    ]
    sub = [None, None, None, None, None, "数量", "名称", None, None]
    rows = [
        [1, "4142010001", "武汉职业技术学院（本部）", "高职", "网店运营推广（初级、中级）"],
        [2, None, None, None, "智能财税（初级）", 1, "会计", 40, None],
        [3, "4142010002", "湖北省工业建筑学校", "中职", "特殊焊接技术（中级）"],
    ]
    rows[0] += [2, "电子商务、市场营销", 120, "国家示范（骨干、优质）高等职业学校"]
    rows[2] += [1, "焊接技术应用", 35, "国家中等职业教育改革发展示范学校"]
    lines = [
        ["第二批1+X证书制度试点院校情况汇总表"],
        ["报送单位（盖章）：湖北省教育厅", None, None, None, None, "联系人：张敏"],
        ["电话：027-87328057", None, None, None, None, "邮箱：zhangmin@hbe.gov.cn"],
        top,
        sub,
        *rows,
        ["合计", None, None, None, None, "=SUM(F6:F8)", None, "=SUM(H6:H8)", None],
        ["填表人：张敏", None, None, "审核人：李强", None, "填表日期：2019年9月18日"],
    ]
    merges = ["A1:I1", "A4:A5", "B4:B5", "C4:C5", "D4:D5", "E4:E5", "F4:G4", "H4:H5", "I4:I5"]
    merges += ["C6:C7", "D6:D7", "I6:I7", "A9:E9"]
    return w.workbook_bytes(lines, merges=merges, hidden_columns=["B"])


def rows_read(data: bytes, batch, unit) -> list[tuple]:
    result = read_attachment2(data, batch=batch, unit=unit)
    assert not result.blocking, [str(i) for i in result.all_issues if i.blocking]
    return [
        (
            r.line,
            r.school.name,
            r.school.school_type,
            r.row.certificate.name,
            [str(level) for level in r.row.levels],
            r.row.major_count,
            r.row.major_names,
            r.row.student_count,
        )
        for r in result.rows
    ]


EXPECTED = [
    (
        6,
        "武汉职业技术学院（本部）",
        "higher",
        "网店运营推广",
        ["junior", "intermediate"],
        2,
        ["电子商务", "市场营销"],
        120,
    ),
    (7, "武汉职业技术学院（本部）", "higher", "智能财税", ["junior"], 1, ["会计"], 40),
    (
        8,
        "湖北省工业建筑学校",
        "secondary",
        "特殊焊接技术",
        ["intermediate"],
        1,
        ["焊接技术应用"],
        35,
    ),
]


def test_the_kept_table_is_read_as_a_person_reads_it(batch, unit):
    assert rows_read(kept_table(), batch, unit) == EXPECTED


def test_the_table_saved_again_by_libreoffice_reads_the_same(batch, unit, resave):
    saved = resave(kept_table())
    # LibreOffice computed the totals: the 合计 row now holds numbers, not empty formulas.
    sheet = load_workbook(BytesIO(saved), data_only=True).active
    assert (sheet["F9"].value, sheet["H9"].value) == (4, 195)
    assert sheet.column_dimensions["B"].hidden

    assert rows_read(saved, batch, unit) == EXPECTED
    result = read_attachment2(saved, batch=batch, unit=unit)
    assert any("第9行是合计行" in note for note in result.notes), result.notes
    assert any("第10行是表尾" in note for note in result.notes), result.notes
    assert result.header["contact_name"] == "张敏"
