"""Attachment 2 as provinces really type it: every layout variant the issue names is read into
the same rows and header as the notice's own layout."""

from typing import Any

import pytest

from filings.models import SchoolStatus, SchoolType
from filings.rules import clean_name
from filings.spreadsheet.importer import ImportResult, read_attachment2

from . import workbooks as w

pytestmark = pytest.mark.django_db

HUBEI_HEADER = {
    "unit": "湖北省教育厅",
    "contact_name": "张敏",
    "contact_phone": "027-87328057",
    "contact_email": "zhangmin@hbe.gov.cn",
}


def parsed(result: ImportResult) -> list[dict[str, Any]]:
    """What each row of the file came in as: the values a test compares."""
    rows = []
    for imported in result.rows:
        row = imported.row
        assert row is not None, [str(i) for i in imported.issues]
        rows.append(
            {
                "line": imported.line,
                "school": imported.school.name,
                "type": imported.school.school_type,
                "certificate": row.certificate.name,
                "levels": [str(level) for level in row.levels],
                "majors": row.major_names,
                "major_count": row.major_count,
                "students": row.student_count,
                "statuses": imported.school.statuses,
                "remarks": imported.school.remarks,
            }
        )
    return rows


def read(data: bytes, batch) -> ImportResult:
    result = read_attachment2(data, batch=batch, unit=None)
    assert not result.blocking, [str(i) for i in result.all_issues if i.blocking]
    return result


def only_row(data: bytes, batch) -> dict[str, Any]:
    rows = parsed(read(data, batch))
    assert len(rows) == 1, rows
    return rows[0]


EXPECTED_DEFAULT_ROW = {
    "school": "武汉职业技术学院",
    "type": SchoolType.HIGHER,
    "certificate": "网店运营推广",
    "levels": ["junior", "intermediate"],
    "majors": ["电子商务", "市场营销"],
    "major_count": 2,
    "students": 120,
    "statuses": SchoolStatus.NATIONAL_MODEL_HIGHER,
    "remarks": "",
}


def without_line(row: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in row.items() if k != "line"}


# --- where the table is, and the lines above it -----------------------------------------------


def test_the_notice_layout_with_title_header_lines_summary_and_notes(batch):
    table = w.province_table([w.row()])
    result = read(table.data, batch)

    assert table.header_line == 4
    assert [r["line"] for r in parsed(result)] == [5]
    assert without_line(parsed(result)[0]) == EXPECTED_DEFAULT_ROW
    assert result.header == HUBEI_HEADER
    assert result.columns == {
        "index": "A",
        "school": "B",
        "school_type": "C",
        "certificate": "D",
        "major_count": "E",
        "majors": "F",
        "student_count": "G",
        "remarks": "H",
    }


def test_the_heading_in_row_1_without_title_or_header_lines(batch):
    table = w.province_table(
        [w.row(), w.row(school="湖北工程学院", school_type="应用型本科")],
        title=None,
        header_lines=[],
        summary=False,
        notes=False,
    )
    result = read(table.data, batch)

    assert table.header_line == 1
    assert [r["line"] for r in parsed(result)] == [2, 3]
    assert [r["school"] for r in parsed(result)] == ["武汉职业技术学院", "湖北工程学院"]
    assert result.header == {}


def test_the_heading_in_row_6_after_title_header_lines_and_blank_lines(batch):
    table = w.province_table([w.row()], lines_before_header=2)
    result = read(table.data, batch)

    assert table.header_line == 6
    assert [r["line"] for r in parsed(result)] == [7]
    assert without_line(parsed(result)[0]) == EXPECTED_DEFAULT_ROW
    assert result.header == HUBEI_HEADER


@pytest.mark.parametrize(
    "header_lines",
    [
        pytest.param(w.HEADER_LINES_IN_ONE_CELL, id="label-and-value-in-one-cell"),
        pytest.param(w.HEADER_LINES_IN_CELLS, id="label-and-value-in-separate-cells"),
        pytest.param(
            [
                ["报送单位（盖章）：湖北省教育厅"],
                ["联系人：张敏", None, "电话： 027-87328057", None, "邮箱：zhangmin@hbe.gov.cn"],
            ],
            id="full-width-colons-and-spaces",
        ),
        pytest.param(
            [
                ["报送单位:", "湖北省教育厅"],
                ["联系人", "张敏", "联系电话", "027-87328057", "电子邮箱", "zhangmin@hbe.gov.cn"],
            ],
            id="labels-without-stamp-or-colon",
        ),
    ],
)
def test_the_header_lines_are_read_into_the_header(batch, header_lines):
    result = read(w.province_table([w.row()], header_lines=header_lines).data, batch)
    assert result.header == HUBEI_HEADER


def test_a_blank_header_line_leaves_the_header_empty(batch):
    """The template's lines as sent out: labels with nothing after them."""
    lines = [["报送单位(盖章):", None, None, None, None, "联系人:"], ["电话:", None, "邮箱:"]]
    result = read(w.province_table([w.row()], header_lines=lines).data, batch)
    assert result.header == {}


def test_all_header_fields_typed_in_one_merged_cell(batch):
    line = (
        "报送单位（盖章）：湖北省教育厅        联系人：张敏        "
        "电话：027-87328057        邮箱：zhangmin@hbe.gov.cn"
    )
    table = w.province_table([w.row()], header_lines=[[line]])
    result = read(table.data, batch)
    assert result.header == HUBEI_HEADER


def test_the_table_on_a_second_sheet_after_an_instructions_sheet(batch):
    """The first sheet explains how to fill in; the table is on the second."""
    instructions = [["填表说明"], ["请按附件2格式填写，学校类型填写中职、高职等。"]]
    table = w.province_table([w.row()])
    lines = _sheet_lines(table.data)
    data = w.workbook_bytes(instructions, title="填表说明", more_sheets={"汇总表": lines})
    result = read(data, batch)

    assert result.sheet == "汇总表"
    assert without_line(parsed(result)[0]) == EXPECTED_DEFAULT_ROW
    assert "只读取了“汇总表”表；未读取的工作表：填表说明。" in result.notes


def _sheet_lines(data: bytes) -> list[list[Any]]:
    from io import BytesIO

    from openpyxl import load_workbook

    ws = load_workbook(BytesIO(data)).active
    return [[cell.value for cell in line] for line in ws.iter_rows()]


# --- the heading's own cells ------------------------------------------------------------------


@pytest.mark.parametrize(
    "header",
    [
        pytest.param(
            [
                "序号",
                "试点院校\n名称",
                "学 校 类 型",
                "参与试点证书\n及等级",
                "参与试点\n专业数量",
                "参与试点\n专业名称",
                "参与试点学生规模（人）",
                "学校情况\n备注",
            ],
            id="line-breaks-spaces-and-a-unit",
        ),
        pytest.param(
            [
                "序 号",
                "学校名称",
                "学校类型",
                "证书名称及等级",
                "专业数量",
                "专业名称",
                "学生人数（人）",
                "备注",
            ],
            id="short-names",
        ),
        pytest.param(
            [
                "序号",
                "　试点院校名称　",
                "学校类型",
                "参与试点证书及等级",
                "参与试点专业数量（个）",
                "参与试点专业名称",
                "参与试点学生规模(人)",
                "学校情况备注",
            ],
            id="full-width-spaces-and-units",
        ),
    ],
)
def test_heading_cells_as_typed(batch, header):
    table = w.province_table([w.row(students="１２０")], header=header)
    result = read(table.data, batch)
    assert result.columns["school"] == "B" and result.columns["student_count"] == "G"
    assert without_line(parsed(result)[0]) == EXPECTED_DEFAULT_ROW


# --- the rows ---------------------------------------------------------------------------------


def test_a_school_merged_over_its_rows(batch):
    """Name, type and remarks merged over the school's three certificates: read-only openpyxl
    sees the value only in the first row of the merge."""
    table = w.province_table(
        [
            w.row(certificate="网店运营推广（初级、中级）"),
            w.row(school=None, school_type=None, remarks=None, certificate="智能财税（初级）"),
            w.row(
                school=None, school_type=None, remarks=None, certificate="电子商务数据分析（中级）"
            ),
            w.row(school="湖北省工业建筑学校", school_type="中职", remarks="国家级重点中职"),
        ],
        merge=[("B", 0, 2), ("C", 0, 2), ("H", 0, 2)],
    )
    result = read(table.data, batch)
    rows = parsed(result)

    assert [r["line"] for r in rows] == [5, 6, 7, 8]
    assert [r["school"] for r in rows] == ["武汉职业技术学院"] * 3 + ["湖北省工业建筑学校"]
    assert [r["type"] for r in rows] == [SchoolType.HIGHER] * 3 + [SchoolType.SECONDARY]
    assert [r["certificate"] for r in rows] == [
        "网店运营推广",
        "智能财税",
        "电子商务数据分析",
        "网店运营推广",
    ]
    assert [r["statuses"] for r in rows[:3]] == [SchoolStatus.NATIONAL_MODEL_HIGHER] * 3
    assert rows[3]["remarks"] == "国家级重点中职"
    # One school object for the three rows: it counts once.
    assert len({id(r.school) for r in result.rows[:3]}) == 1
    assert result.school_count == 2
    assert result.student_count == 4 * 120


def test_a_school_repeated_on_each_row_with_type_and_remarks_only_on_the_first(batch):
    table = w.province_table(
        [
            w.row(),
            w.row(
                school="武汉职业技术学院 ",
                school_type=None,
                remarks=None,
                certificate="智能财税（初级）",
            ),
        ]
    )
    rows = parsed(read(table.data, batch))
    assert [r["type"] for r in rows] == [SchoolType.HIGHER] * 2
    assert [r["statuses"] for r in rows] == [SchoolStatus.NATIONAL_MODEL_HIGHER] * 2


def test_empty_rows_between_the_rows_are_skipped(batch):
    table = w.province_table(
        [
            w.row(),
            w.BLANK,
            w.BLANK,
            w.row(school="湖北工程学院", school_type="应用型本科", remarks="省级示范"),
            w.BLANK,
            w.row(school="湖北省工业建筑学校", school_type="中职", remarks="省级示范"),
        ]
    )
    result = read(table.data, batch)
    rows = parsed(result)
    assert [r["line"] for r in rows] == [table.lines[0], table.lines[3], table.lines[5]]
    assert [r["line"] for r in rows] == [5, 8, 10]
    assert result.school_count == 3


def test_numbered_but_empty_template_rows_at_the_end_are_ignored(batch):
    table = w.province_table([w.row(), w.row(school="湖北工程学院")], template_lines=20)
    result = read(table.data, batch)
    assert [r["line"] for r in parsed(result)] == [5, 6]
    assert not result.issues


@pytest.mark.parametrize(
    ("summary", "notes"),
    [(True, True), (True, False), (False, True)],
    ids=["summary-and-notes", "summary-only", "notes-only"],
)
def test_the_summary_block_and_notes_are_not_rows(batch, summary, notes):
    table = w.province_table([w.row(), w.row(school="湖北工程学院")], summary=summary, notes=notes)
    result = read(table.data, batch)
    assert [r["school"] for r in parsed(result)] == ["武汉职业技术学院", "湖北工程学院"]
    assert not result.all_issues or all(i.line in (5, 6) for i in result.all_issues)


def test_a_summary_without_heading_and_notes_in_one_cell_end_the_rows(batch):
    lines = [
        w.HEADER,
        w.row(index=1),
        [None, None, None, None, None, "第二批试点学生总规模", 120],
        [None, None, None, None, None, "第二批试点院校总规模", 1],
        ["注：1.报送单位为省级教育行政部门和国家开放大学；2.本表可另附页"],
        ["3.“学校类型”栏填写中职、高职、本科层次职业教育试点学校或应用型本科"],
    ]
    result = read(w.workbook_bytes(lines), batch)
    assert [r["line"] for r in parsed(result)] == [2]


def test_full_width_digits_letters_and_spaces(batch):
    table = w.province_table(
        [
            w.row(
                school="\u3000武汉软件工程职业学院\u3000",
                school_type="高\u3000职",
                certificate="网店运营推广（初级）",
                major_count="２",
                majors="ＶＲ技术应用、电子商务",
                students="１２０",
            )
        ]
    )
    row = only_row(table.data, batch)
    assert row["school"] == "武汉软件工程职业学院"
    assert row["type"] == SchoolType.HIGHER
    # Numbers and types are read through their full-width forms; names stay as written.
    assert row["majors"] == ["ＶＲ技术应用", "电子商务"]
    assert row["major_count"] == 2
    assert row["students"] == 120


def each_read(batch, variants, **fixed) -> list[dict[str, Any]]:
    """One table, one row per variant (each its own school, so that rows do not meet), read
    at once; each variant is a dict of `w.row` arguments."""
    rows = [
        w.row(**{"school": f"湖北第{n}职业学校", **fixed, **variant})
        for n, variant in enumerate(variants, start=1)
    ]
    result = read(w.province_table(rows).data, batch)
    assert len(result.rows) == len(variants), [r.line for r in result.rows]
    return parsed(result)


def test_school_names_are_kept_as_written(batch):
    """Official names keep their full-width brackets and letters; only the spaces around
    them go and runs of spaces fold into one."""
    names = [
        " 武汉职业技术学院 ",
        "\u3000湖北工程学院",
        "武汉职业技术学院（ＡＢＣ校区）",
        "武汉铁路职业技术学院（2校区）",
        "鄂州 职业大学",
        "鄂州\u3000\u3000职业  大学（南校区）",
    ]
    rows = each_read(batch, [{"school": name} for name in names])
    assert [r["school"] for r in rows] == [
        "武汉职业技术学院",
        "湖北工程学院",
        "武汉职业技术学院（ＡＢＣ校区）",
        "武汉铁路职业技术学院（2校区）",
        "鄂州 职业大学",
        "鄂州 职业 大学（南校区）",
    ]
    assert [r["school"] for r in rows] == [clean_name(name) for name in names]


def test_two_spellings_of_one_school_are_one_school(batch):
    """Width and brackets are folded to match two spellings, never to store one."""
    result = read(
        w.province_table(
            [
                w.row(school="武汉职业技术学院（2校区）"),
                w.row(school="武汉职业技术学院(2校区)", certificate="智能财税（初级）"),
            ]
        ).data,
        batch,
    )
    assert result.school_count == 1
    assert {r.school.name for r in result.rows} == {"武汉职业技术学院（2校区）"}


def test_a_school_name_broken_over_two_lines_is_one_name(batch):
    """A line break inside a Chinese name is where the cell wrapped: no space is left."""
    raw = "武汉船舶职业\n技术学院"
    row = only_row(w.province_table([w.row(school=raw)]).data, batch)
    assert row["school"] == clean_name(raw) == "武汉船舶职业技术学院"


STUDENT_CELLS = [
    (120, 120),
    (120.0, 120),
    ("120", 120),
    ("１２０", 120),
    ("120人", 120),
    ("120 人", 120),
    ("120名", 120),
    ("1,200", 1200),
    ("1,200人", 1200),
    ("1，200人", 1200),
    ("１，２００人", 1200),
    (" 35 ", 35),
]


def test_student_numbers_as_written(batch):
    rows = each_read(batch, [{"students": cell} for cell, _ in STUDENT_CELLS])
    assert [(cell, r["students"]) for (cell, _), r in zip(STUDENT_CELLS, rows, strict=True)] == (
        STUDENT_CELLS
    )


MAJOR_COUNT_CELLS = [(2, 2), ("2", 2), ("２", 2), ("2个", 2), (2.0, 2)]


def test_major_counts_as_written(batch):
    rows = each_read(batch, [{"major_count": cell} for cell, _ in MAJOR_COUNT_CELLS])
    assert [
        (cell, r["major_count"]) for (cell, _), r in zip(MAJOR_COUNT_CELLS, rows, strict=True)
    ] == MAJOR_COUNT_CELLS


SEPARATORS = ["、", "，", ",", "；", ";", "/", "／", "\n", "\r\n", " 、 ", "、\n"]


def test_majors_separated_as_typed(batch):
    majors = ["电子商务", "市场营销", "移动商务"]
    rows = each_read(batch, [{"majors": sep.join(majors), "major_count": 3} for sep in SEPARATORS])
    assert [
        (sep, r["majors"], r["major_count"]) for sep, r in zip(SEPARATORS, rows, strict=True)
    ] == [(sep, majors, 3) for sep in SEPARATORS]


CERTIFICATE_CELLS = [
    ("网店运营推广（初级、中级）", "网店运营推广", ["junior", "intermediate"]),
    ("网店运营推广(初级,中级)", "网店运营推广", ["junior", "intermediate"]),
    ("网店运营推广（初级，中级）", "网店运营推广", ["junior", "intermediate"]),
    ("网店运营推广（初级/中级）", "网店运营推广", ["junior", "intermediate"]),
    ("网店运营推广（初级和中级）", "网店运营推广", ["junior", "intermediate"]),
    ("网店运营推广（初、中级）", "网店运营推广", ["junior", "intermediate"]),
    ("网店运营推广（中级、初级）", "网店运营推广", ["junior", "intermediate"]),
    ("网店运营推广 中级", "网店运营推广", ["intermediate"]),
    ("网店运营推广\u3000中级", "网店运营推广", ["intermediate"]),
    ("网店运营推广 初级 中级", "网店运营推广", ["junior", "intermediate"]),
    ("网店运营推广\n（初级、中级）", "网店运营推广", ["junior", "intermediate"]),
    ("网店运营推广：高级", "网店运营推广", ["senior"]),
    ("网店运营推广职业技能等级证书（中级）", "网店运营推广", ["intermediate"]),
    ("网店运营推广职业技能等级证书 初级", "网店运营推广", ["junior"]),
    (
        "智能财税职业技能等级证书（初级、中级、高级）",
        "智能财税",
        ["junior", "intermediate", "senior"],
    ),
    ("失智老年人（初级）", "失智老年人照护", ["junior"]),
    ("失智老年人照护（初级、中级）", "失智老年人照护", ["junior", "intermediate"]),
    ("失智老年人照护职业技能等级证书（高级）", "失智老年人照护", ["senior"]),
    ("工业机器人应用编程（初级）", "工业机器人应用编程", ["junior"]),
]


def test_certificate_and_levels_as_written(batch):
    rows = each_read(batch, [{"certificate": cell} for cell, _, _ in CERTIFICATE_CELLS])
    assert [
        (cell, r["certificate"], r["levels"])
        for (cell, _, _), r in zip(CERTIFICATE_CELLS, rows, strict=True)
    ] == CERTIFICATE_CELLS


def test_attachment1_spelling_of_a_certificate(batch):
    """Attachment 1 writes 失智老年人 where the notice writes 失智老年人照护."""
    row = only_row(w.province_table([w.row(certificate="失智老年人（初级、中级）")]).data, batch)
    assert (row["certificate"], row["levels"]) == ("失智老年人照护", ["junior", "intermediate"])


TYPE_CELLS = [
    ("高职", SchoolType.HIGHER),
    ("高职院校", SchoolType.HIGHER),
    ("高职学校", SchoolType.HIGHER),
    ("高等职业学校", SchoolType.HIGHER),
    ("高等职业院校", SchoolType.HIGHER),
    ("高职（专科）", SchoolType.HIGHER),
    ("高 职", SchoolType.HIGHER),
    ("中职", SchoolType.SECONDARY),
    ("中职学校", SchoolType.SECONDARY),
    ("中等职业学校", SchoolType.SECONDARY),
    ("中专", SchoolType.SECONDARY),
    ("本科层次职业教育试点学校", SchoolType.UNDERGRAD_PILOT),
    ("职业本科", SchoolType.UNDERGRAD_PILOT),
    ("应用型本科", SchoolType.APPLIED_UNDERGRAD),
    ("应用型本科高校", SchoolType.APPLIED_UNDERGRAD),
]


def test_school_types_as_written(batch):
    rows = each_read(batch, [{"school_type": cell} for cell, _ in TYPE_CELLS])
    assert [(cell, r["type"]) for (cell, _), r in zip(TYPE_CELLS, rows, strict=True)] == TYPE_CELLS


REMARK_CELLS = [
    ("国家示范（骨干、优质）高等职业学校", SchoolStatus.NATIONAL_MODEL_HIGHER, ""),
    (
        "中国特色高水平高职学校建设单位；国家级教学资源库牵头单位",
        SchoolStatus.NATIONAL_HIGH_LEVEL,
        "国家级教学资源库牵头单位",
    ),
    (
        "省级示范(骨干、优质)高等职业学校;专业特色院校",
        f"{SchoolStatus.PROVINCIAL_MODEL_HIGHER},{SchoolStatus.DISTINCTIVE_SPECIALTY}",
        "",
    ),
    ("湖北省优质中职学校", "", "湖北省优质中职学校"),
]


def test_remarks_with_and_without_the_notice_categories(batch):
    rows = each_read(batch, [{"remarks": cell} for cell, _, _ in REMARK_CELLS])
    assert [
        (cell, r["statuses"], r["remarks"])
        for (cell, _, _), r in zip(REMARK_CELLS, rows, strict=True)
    ] == REMARK_CELLS


def test_a_table_typed_as_a_province_types_it(batch):
    """Everything at once: the lines above, a merged school, blank lines, full-width digits,
    units in the numbers, each way of writing the certificate, template lines and the notes."""
    table = w.province_table(
        [
            w.row(
                school="武汉职业技术学院",
                certificate="网店运营推广职业技能等级证书（初级、中级）",
                students="1,200人",
            ),
            w.row(
                school=None,
                school_type=None,
                remarks=None,
                certificate="失智老年人 初级",
                major_count="１",
                majors="老年保健与管理",
                students="４０人",
            ),
            w.BLANK,
            w.row(
                school="湖北省工业建筑学校",
                school_type="中等职业学校",
                certificate="特殊焊接技术(初级,中级)",
                major_count=3,
                majors="焊接技术应用；机电技术应用\n数控技术应用",
                students=90,
                remarks="国家中等职业教育改革发展示范学校",
            ),
        ],
        header=[
            "序号",
            "试点院校\n名称",
            "学 校 类 型",
            "参与试点证书及等级",
            "参与试点\n专业数量",
            "参与试点专业名称",
            "参与试点学生规模（人）",
            "学校情况备注",
        ],
        header_lines=w.HEADER_LINES_IN_CELLS,
        lines_before_header=1,
        merge=[("B", 0, 1), ("C", 0, 1), ("H", 0, 1)],
        template_lines=5,
    )
    result = read(table.data, batch)

    assert result.header == HUBEI_HEADER
    assert parsed(result) == [
        {
            "line": 6,
            "school": "武汉职业技术学院",
            "type": SchoolType.HIGHER,
            "certificate": "网店运营推广",
            "levels": ["junior", "intermediate"],
            "majors": ["电子商务", "市场营销"],
            "major_count": 2,
            "students": 1200,
            "statuses": SchoolStatus.NATIONAL_MODEL_HIGHER,
            "remarks": "",
        },
        {
            "line": 7,
            "school": "武汉职业技术学院",
            "type": SchoolType.HIGHER,
            "certificate": "失智老年人照护",
            "levels": ["junior"],
            "majors": ["老年保健与管理"],
            "major_count": 1,
            "students": 40,
            "statuses": SchoolStatus.NATIONAL_MODEL_HIGHER,
            "remarks": "",
        },
        {
            "line": 9,
            "school": "湖北省工业建筑学校",
            "type": SchoolType.SECONDARY,
            "certificate": "特殊焊接技术",
            "levels": ["junior", "intermediate"],
            "majors": ["焊接技术应用", "机电技术应用", "数控技术应用"],
            "major_count": 3,
            "students": 90,
            "statuses": SchoolStatus.NATIONAL_MODEL_SECONDARY,
            "remarks": "",
        },
    ]
    assert result.school_count == 2
    assert result.student_count == 1330
    # A foreign table carries no evidence: every row comes in as a draft to be completed.
    assert all(not r.has_evidence for r in result.rows)
    assert all(any(i.missing_evidence for i in r.issues) for r in result.rows)
