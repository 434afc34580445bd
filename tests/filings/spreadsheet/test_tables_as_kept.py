"""Attachment 2 as provinces keep it in WPS or Excel: totals and signature lines under the
table, hidden helper columns and rows, two-line headings, headings of their own wording,
empty and merged cells. Each is read the way a person reads the table, and everything the
importer assumes or skips is said in the result's notes (shown in the preview)."""

from datetime import datetime
from typing import Any

import pytest

from filings.spreadsheet import layout
from filings.spreadsheet.headings import classify
from filings.spreadsheet.importer import ImportResult, read_attachment2

from . import workbooks as w

pytestmark = pytest.mark.django_db

TITLE_LINES = [
    [w.TITLE],
    ["报送单位（盖章）：湖北省教育厅", None, None, None, None, "联系人：张敏"],
    ["电话：027-87328057", None, None, None, None, "邮箱：zhangmin@hbe.gov.cn"],
]
THREE_ROWS = [
    w.row(index=1),
    w.row(index=2, school="湖北工程学院", school_type="应用型本科", remarks="省级示范"),
    w.row(index=3, school="湖北省工业建筑学校", school_type="中职", students=60, remarks=""),
]


def read(data: bytes, batch) -> ImportResult:
    result = read_attachment2(data, batch=batch, unit=None)
    assert not result.blocking, [str(i) for i in result.all_issues if i.blocking]
    return result


def schools(result: ImportResult) -> list[str]:
    return [r.school.name for r in result.rows]


def note_with(result: ImportResult, *words: str) -> str:
    found = [n for n in result.notes if all(word in n for word in words)]
    assert found, result.notes
    return found[0]


# --- lines under the table that are not schools ------------------------------------------------


def test_a_totals_row_with_sum_formulas_and_a_signature_line_are_skipped_and_said(batch):
    lines = [
        *TITLE_LINES,
        w.HEADER,
        *THREE_ROWS,
        ["合计", None, None, None, "=SUM(E5:E7)", None, "=SUM(G5:G7)", None],
        [],
        ["填表人：张敏", None, None, "审核人：李强", None, "填表日期：2019年9月18日"],
        [datetime(2019, 9, 18)],
        ["（盖章）"],
    ]
    result = read(w.workbook_bytes(lines, merges=["A1:H1", "A8:D8"]), batch)

    assert [r.line for r in result.rows] == [5, 6, 7]
    assert schools(result) == ["武汉职业技术学院", "湖北工程学院", "湖北省工业建筑学校"]
    assert note_with(result, "第8行", "合计行", "未作为试点院校读取")
    assert note_with(result, "第10–12行", "填表人")
    assert result.student_count == 300


@pytest.mark.parametrize("label", ["合计", "总计", "合 计", "全省合计", "共3所"])
def test_a_totals_row_labelled_in_the_school_column(batch, label):
    lines = [w.HEADER, *THREE_ROWS, [None, label, None, None, 6, None, 300, None]]
    result = read(w.workbook_bytes(lines), batch)
    assert [r.line for r in result.rows] == [2, 3, 4]
    assert note_with(result, "第5行", "合计行")


def test_a_subtotal_between_the_rows_is_skipped_and_the_rows_after_it_read(batch):
    lines = [
        w.HEADER,
        THREE_ROWS[0],
        THREE_ROWS[1],
        ["小计", None, None, None, 4, None, 240],
        THREE_ROWS[2],
    ]
    result = read(w.workbook_bytes(lines), batch)
    assert [r.line for r in result.rows] == [2, 3, 5]
    assert note_with(result, "第4行", "合计行")


def test_contact_lines_under_the_table_fill_the_header(batch):
    lines = [
        [w.TITLE],
        w.HEADER,
        *THREE_ROWS,
        ["联系人：张敏", None, None, "联系电话：027-87328057", None, "邮箱：zhangmin@hbe.gov.cn"],
    ]
    result = read(w.workbook_bytes(lines), batch)
    assert len(result.rows) == 3
    assert result.header == {
        "contact_name": "张敏",
        "contact_phone": "027-87328057",
        "contact_email": "zhangmin@hbe.gov.cn",
    }


def test_the_summary_block_is_said_to_be_skipped(batch):
    table = w.province_table(THREE_ROWS)
    result = read(table.data, batch)
    assert note_with(result, "第8行起", "总体情况")


# --- hidden columns and rows ------------------------------------------------------------------

# A helper column the province hid: the school's name as its database spells it.
HELPER_HEADER = ["序号", "学校名称", *w.HEADER[1:]]


def with_helper(values: list[Any], helper: str) -> list[Any]:
    return [values[0], helper, *values[1:]]


def test_a_hidden_helper_column_loses_to_the_visible_column_of_the_same_meaning(batch):
    lines = [
        HELPER_HEADER,
        with_helper(THREE_ROWS[0], "WHZY-001"),
        with_helper(THREE_ROWS[1], "HBGC-002"),
    ]
    result = read(w.workbook_bytes(lines, hidden_columns=["B"]), batch)

    assert schools(result) == ["武汉职业技术学院", "湖北工程学院"]
    assert result.columns["school"] == "C"
    assert note_with(result, "隐藏的B列“学校名称”未读取", "按C列读取")


def test_a_hidden_column_after_the_visible_one_is_not_read_either(batch):
    header = [*w.HEADER, "试点院校名称"]
    lines = [header, [*THREE_ROWS[0], "旧名称"], [*THREE_ROWS[1], "旧名称2"]]
    result = read(w.workbook_bytes(lines, hidden_columns=["I"]), batch)
    assert schools(result) == ["武汉职业技术学院", "湖北工程学院"]
    assert note_with(result, "隐藏的I列")


def test_a_hidden_column_with_no_visible_twin_is_read_and_said(batch):
    lines = [w.HEADER, THREE_ROWS[0]]
    result = read(w.workbook_bytes(lines, hidden_columns=["H"]), batch)
    assert result.rows[0].school.statuses  # the remarks were read
    assert note_with(result, "学校情况备注", "隐藏的H列")


def test_hidden_rows_are_not_imported_and_the_preview_says_which(batch):
    lines = [w.HEADER, *THREE_ROWS]
    result = read(w.workbook_bytes(lines, hidden_rows=[3]), batch)
    assert [r.line for r in result.rows] == [2, 4]
    assert note_with(result, "第3行", "隐藏", "取消隐藏")


def test_rows_hidden_by_a_filter_are_still_rows_of_the_table(batch):
    """A table saved with a filter on hides the rows it filtered out: they are data."""
    lines = [w.HEADER, *THREE_ROWS]
    data = w.workbook_bytes(lines, hidden_rows=[3, 4], auto_filter="A1:H4")
    result = read(data, batch)
    assert [r.line for r in result.rows] == [2, 3, 4]
    assert note_with(result, "筛选", "第3–4行", "已一并读取")


# --- two-line headings --------------------------------------------------------------------


def two_line_table(top: list[Any], sub: list[Any], rows: list[list[Any]], merges: list[str]):
    return w.workbook_bytes([*TITLE_LINES, top, sub, *rows], merges=["A1:H1", *merges])


def test_a_title_merged_right_above_the_heading_is_not_a_group_heading(batch):
    lines = [[w.TITLE], w.HEADER, *THREE_ROWS]
    result = read(w.workbook_bytes(lines, merges=["A1:H1"]), batch)
    assert [r.line for r in result.rows] == [3, 4, 5]
    assert not [n for n in result.notes if "表头为两行" in n]
    assert result.columns["school"] == "B"


def test_a_certificate_and_its_levels_under_one_group_heading(batch):
    top = [
        "序号",
        "试点院校名称",
        "学校类型",
        "参与试点证书及等级",
        None,
        "参与试点专业数量",
        "参与试点专业名称",
        "参与试点学生规模",
        "学校情况备注",
    ]
    sub = [None, None, None, "证书名称", "等级", None, None, None, None]
    rows = [
        [1, "武汉职业技术学院", "高职", "网店运营推广", "初级、中级", 2, "电子商务、市场营销", 120],
        [2, "湖北工程学院", "应用型本科", "智能财税", "高级", 1, "会计学", 40, "省级示范"],
    ]
    merges = ["A4:A5", "B4:B5", "C4:C5", "D4:E4", "F4:F5", "G4:G5", "H4:H5", "I4:I5"]
    result = read(two_line_table(top, sub, rows, merges), batch)

    assert [(r.row.certificate.name, [str(lv) for lv in r.row.levels]) for r in result.rows] == [
        ("网店运营推广", ["junior", "intermediate"]),
        ("智能财税", ["senior"]),
    ]
    assert [r.row.major_names for r in result.rows] == [["电子商务", "市场营销"], ["会计学"]]
    assert result.columns["certificate"] == "D" and result.columns["levels"] == "E"
    assert note_with(result, "表头为两行", "第4–5行")
    assert result.rows[0].cells["certificate"] == "网店运营推广（初级、中级）"


def test_a_level_left_out_in_its_own_column_is_marked_on_that_column(batch):
    top = ["序号", "试点院校名称", "学校类型", "参与试点证书及等级", None, *w.HEADER[4:]]
    sub = [None, None, None, "证书名称", "等级"]
    rows = [[1, "武汉职业技术学院", "高职", "网店运营推广", None, 2, "电子商务、市场营销", 120]]
    data = w.workbook_bytes([top, sub, *rows], merges=["D1:E1"])
    result = read_attachment2(data, batch=batch, unit=None)
    (issue,) = [i for i in result.all_issues if i.blocking]
    assert (issue.line, issue.column) == (3, "E")
    assert "未填写网店运营推广的证书等级" in issue.message


def test_the_majors_count_and_names_under_one_group_heading_go_where_they_belong(batch):
    top = [
        "序号",
        "试点院校名称",
        "学校类型",
        "参与试点证书及等级",
        "参与试点专业",
        None,
        "参与试点学生规模",
        "学校情况备注",
    ]
    sub = [None, None, None, None, "数量", "名称", None, None]
    rows = [[1, "武汉职业技术学院", "高职", "网店运营推广（初级）", 2, "电子商务、市场营销", 120]]
    merges = ["A4:A5", "B4:B5", "C4:C5", "D4:D5", "E4:F4", "G4:G5", "H4:H5"]
    result = read(two_line_table(top, sub, rows, merges), batch)

    (imported,) = result.rows
    assert imported.row.major_count == 2
    assert imported.row.major_names == ["电子商务", "市场营销"]
    assert (result.columns["major_count"], result.columns["majors"]) == ("E", "F")
    assert not [i for i in imported.issues if i.code == "major_count"]


def test_a_group_heading_typed_once_without_merging(batch):
    top = ["序号", "试点院校名称", "学校类型", "参与试点证书及等级", "参与试点专业", None, "学生数"]
    sub = [None, None, None, None, "数量", "名称"]
    rows = [[1, "武汉职业技术学院", "高职", "网店运营推广（初级）", 2, "电子商务、市场营销", 120]]
    result = read(w.workbook_bytes([top, sub, *rows]), batch)
    assert result.rows[0].row.major_names == ["电子商务", "市场营销"]
    assert result.rows[0].row.major_count == 2


def test_one_column_per_level_ticked(batch):
    top = ["序号", "试点院校名称", "学校类型", "参与试点证书及等级", None, None, None]
    top += ["参与试点专业数量", "参与试点专业名称", "参与试点学生规模"]
    sub = [None, None, None, "证书", "初级", "中级", "高级"]
    rows = [
        [
            1,
            "武汉职业技术学院",
            "高职",
            "网店运营推广",
            "✓",
            "√",
            None,
            2,
            "电子商务、市场营销",
            120,
        ],
        [2, "湖北工程学院", "应用型本科", "智能财税", None, None, "是", 1, "会计学", 40],
    ]
    merges = ["D1:G1", "A1:A2", "B1:B2", "C1:C2", "H1:H2", "I1:I2", "J1:J2"]
    result = read(w.workbook_bytes([top, sub, *rows], merges=merges), batch)
    assert [[str(lv) for lv in r.row.levels] for r in result.rows] == [
        ["junior", "intermediate"],
        ["senior"],
    ]


# --- headings by meaning ------------------------------------------------------------------

HEADING_MEANINGS = [
    ("序号", "index"),
    ("编号", "index"),
    ("试点院校名称", "school"),
    ("学校全称", "school"),
    ("学校名称", "school"),
    ("院校名称（全称）", "school"),
    ("试点学校", "school"),
    ("学校类型", "school_type"),
    ("学校类别", "school_type"),
    ("院校类型", "school_type"),
    ("参与试点证书及等级", "certificate"),
    ("证书及级别", "certificate"),
    ("参与试点的证书及等级", "certificate"),
    ("证书名称及等级", "certificate"),
    ("参与试点证书（等级）", "certificate"),
    ("证书名称", "certificate"),
    ("等级", "levels"),
    ("证书等级", "levels"),
    ("参与试点专业数量", "major_count"),
    ("试点专业数", "major_count"),
    ("专业个数（个）", "major_count"),
    ("参与试点专业名称", "majors"),
    ("专业名称", "majors"),
    ("参与试点专业", "majors"),
    ("参与试点学生规模", "student_count"),
    ("学生数量", "student_count"),
    ("试点学生人数", "student_count"),
    ("参与试点学生规模/人", "student_count"),
    ("参与试点学生规模（人）", "student_count"),
    ("学生数(人)", "student_count"),
    ("学校情况备注", "remarks"),
    ("备注", "remarks"),
    ("学校情况说明", "remarks"),
    ("参与试点\n学生规模", "student_count"),
    ("学 校 类 型", "school_type"),
    ("＊试点院校名称：", "school"),
    # Not a column of Attachment 2.
    ("学校代码", None),
    ("学校标识码", None),
    ("所在城市", None),
    ("联系电话", None),
    ("院校数量", None),
    ("名称", None),
    ("数量", None),
    ("", None),
]


@pytest.mark.parametrize(("heading", "key"), HEADING_MEANINGS)
def test_a_heading_is_recognised_by_its_key_words(heading, key):
    assert classify(heading) == key


def test_the_portals_own_headings_are_recognised_as_their_columns():
    """What the export writes, the importer reads: the layout holds both together."""
    assert [classify(c.header) for c in layout.COLUMNS] == [c.key for c in layout.COLUMNS]


HEADING_VARIANTS = [
    ["序号", "学校全称", "学校类别", "证书及级别", "试点专业数", "专业名称", "学生数量", "备注"],
    [
        "编号",
        "学校名称",
        "学校类型",
        "参与试点的证书及等级",
        "专业数量",
        "参与试点专业名称",
        "试点学生人数",
        "学校情况备注",
    ],
    [
        "序号",
        "试点院校名称",
        "学校类型",
        "参与试点证书及等级",
        "参与试点专业数量（个）",
        "参与试点专业名称",
        "参与试点学生规模/人",
        "学校情况备注",
    ],
]


@pytest.mark.parametrize("header", HEADING_VARIANTS, ids=["short", "with-的", "with-units"])
def test_headings_of_a_provinces_own_wording_read_the_same_rows(batch, header):
    notice = read(w.workbook_bytes([w.HEADER, *THREE_ROWS]), batch)
    own = read(w.workbook_bytes([header, *THREE_ROWS]), batch)
    assert [(r.school.name, r.row.certificate, r.row.levels, r.row.majors) for r in own.rows] == [
        (r.school.name, r.row.certificate, r.row.levels, r.row.majors) for r in notice.rows
    ]
    assert [(r.row.major_count, r.row.student_count) for r in own.rows] == [
        (2, 120),
        (2, 120),
        (2, 60),
    ]
    renamed = [n for n in own.notes if n.startswith("按含义识别的栏目")]
    # A unit after the notice's own heading is the notice's heading: nothing to say.
    assert bool(renamed) == (header != HEADING_VARIANTS[2])


def test_a_heading_not_understood_is_listed_with_what_was_expected(batch):
    header = [*w.HEADER, "所在城市"]
    result = read(w.workbook_bytes([header, [*THREE_ROWS[0], "武汉"]]), batch)
    note = note_with(result, "未能识别的栏目")
    assert "I列“所在城市”" in note and "附件2的栏目为：序号、试点院校名称" in note


def test_a_column_missing_from_the_file_is_said_and_its_problems_placed_on_it(batch):
    header = [h for h in w.HEADER if h != "参与试点学生规模"]
    rows = [[v for i, v in enumerate(THREE_ROWS[0]) if i != 6]]
    # Without its student number, a row is one its form would not save: the import blocks.
    result = read_attachment2(w.workbook_bytes([header, *rows]), batch=batch, unit=None)
    assert result.blocking
    assert note_with(result, "文件中没有以下栏目：参与试点学生规模")
    placed = {i.column for i in result.all_issues if i.code.startswith("student")}
    assert placed == {"文件中没有“参与试点学生规模”栏"}


# --- empty and merged cells -----------------------------------------------------------------


def test_an_empty_school_cell_that_is_not_merged_is_said_on_its_row(batch):
    lines = [
        w.HEADER,
        THREE_ROWS[0],
        w.row(index=2, school=None, school_type=None, remarks=None, certificate="智能财税（初级）"),
    ]
    result = read(w.workbook_bytes(lines), batch)

    assert schools(result) == ["武汉职业技术学院", "武汉职业技术学院"]
    (assumed,) = [i for i in result.rows[1].issues if i.code == "school_assumed"]
    assert (assumed.line, assumed.column, assumed.warning) == (3, "B", True)
    assert "按上一行的“武汉职业技术学院”读取" in assumed.message
    assert assumed in result.shown_issues
    assert not [i for i in result.rows[0].issues if i.code == "school_assumed"]


def test_an_empty_school_cell_inside_a_merge_is_the_merged_school_without_a_word(batch):
    lines = [
        w.HEADER,
        THREE_ROWS[0],
        w.row(index=2, school=None, school_type=None, remarks=None, certificate="智能财税（初级）"),
    ]
    result = read(w.workbook_bytes(lines, merges=["B2:B3", "C2:C3", "H2:H3"]), batch)
    assert schools(result) == ["武汉职业技术学院", "武汉职业技术学院"]
    assert not [i for i in result.all_issues if i.code == "school_assumed"]


def test_an_empty_school_cell_on_the_first_row_is_an_error(batch):
    lines = [w.HEADER, w.row(index=1, school=None)]
    result = read_attachment2(w.workbook_bytes(lines), batch=batch, unit=None)
    assert [(i.line, i.column, i.message) for i in result.all_issues if i.blocking] == [
        (2, "B", "请填写试点院校名称。")
    ]


def test_majors_merged_over_a_schools_rows_are_read_on_each_and_said(batch):
    lines = [
        w.HEADER,
        THREE_ROWS[0],
        w.row(index=2, certificate="智能财税（初级）", majors=None),
    ]
    result = read(w.workbook_bytes(lines, merges=["F2:F3"]), batch)
    assert [r.row.major_names for r in result.rows] == [["电子商务", "市场营销"]] * 2
    assert note_with(result, "F2–F3是合并单元格", "第2–3行")


def test_students_merged_over_rows_cannot_be_split(batch):
    lines = [w.HEADER, THREE_ROWS[0], w.row(index=2, certificate="智能财税（初级）", students=None)]
    result = read_attachment2(w.workbook_bytes(lines, merges=["G2:G3"]), batch=batch, unit=None)
    (issue,) = [i for i in result.all_issues if i.blocking]
    assert (issue.line, issue.column, issue.code) == (3, "G", "merged_students")
    assert "学生规模须逐行分别填写" in issue.message


def test_characters_that_print_as_nothing_are_dropped_from_names_and_said(batch):
    """Five schools that all read 安全测试学院 are one school."""
    spellings = ["安全测试学院", "安全\u200b测试学院", "\u202e安全测试学院", "安全测试学院\ufeff"]
    certificates = [
        "网店运营推广（初级）",
        "智能财税（初级）",
        "母婴护理（初级）",
        "云计算平台运维与开发（初级）",
    ]
    rows = [
        w.row(index=n, school=name, certificate=cert, majors="电子\u200b商务", major_count=1)
        for n, (name, cert) in enumerate(zip(spellings, certificates, strict=True), start=1)
    ]
    result = read(w.workbook_bytes([w.HEADER, *rows]), batch)
    assert result.school_count == 1
    assert {r.school.name for r in result.rows} == {"安全测试学院"}
    assert {m for r in result.rows for m in r.row.major_names} == {"电子商务"}
    said = sorted((i.line, i.column) for i in result.all_issues if i.code == "invisible")
    # Every row's majors, and the school on each row that pasted it.
    assert said == [(2, "F"), (3, "B"), (3, "F"), (4, "B"), (4, "F"), (5, "B"), (5, "F")]
