"""Attachment 1 as people retype it in WPS or Excel loads: a merged title, merged or blank
organization cells over its certificates' rows, a blank line, values broken over lines of
their cell, full-width digits, a hidden column, a two-line heading."""

import pytest

from certificates.batch_loading import load_batch
from certificates.models import Certificate, EvaluationOrganization, OrganizationContact

from .builder import ALPHA, BETA, details, snapshot, workbook_bytes

pytestmark = pytest.mark.django_db

HEADINGS = [
    "序号",
    "培训评价\n组织名称",
    "职业技能等级\n证书名称",
    "联系电话（旧）",  # hidden: an old column left in the file
    "联 系 人",
    "办公电话",
    "手机",
    "传真",
    "E-mail",
    "通讯地址",
    "邮编",
]


def as_people_type_it(ws) -> None:
    # Alpha's organization cells merged over its two certificates' rows (3 and 4).
    for column in "BEFGHIJK":
        ws.merge_cells(f"{column}3:{column}4")
    ws.column_dimensions["D"].hidden = True


ROWS = [
    [1, ALPHA[0], ALPHA[1], "not a phone", *ALPHA[2:]],
    [2, None, "示例证书二职业技能等级证书", "not a phone"],
    [],  # a blank line
    [
        3,
        BETA[0],
        BETA[1],
        "not a phone",
        "王五\n赵六",
        "０５３１－１２３４５６７",  # full width
        "13700000003、13700000004",
        "",
        "b@example.\norg",  # broken over two lines of its cell
        "山东省济南市\n示例路2号",
        "２５０００２",
    ],
    [4, None, "示例证书四"],  # the organization's cells left blank on its next row
    ["注：联系人信息以各组织公布为准。"],
]


def test_a_table_typed_in_wps_loads():
    content = workbook_bytes(ROWS, headings=HEADINGS, setup=as_people_type_it)

    result = load_batch(content, details(3))

    assert result.problems == []
    loaded = snapshot(3)["certificates"]
    assert [c["name"] for c in loaded] == ["示例证书一", "示例证书二", "示例证书三", "示例证书四"]
    assert [c["organization"]["name"] for c in loaded] == [ALPHA[0], ALPHA[0], BETA[0], BETA[0]]
    alpha, beta = loaded[0]["organization"], loaded[2]["organization"]
    assert alpha == {
        "name": ALPHA[0],
        "contacts": [
            {"name": "张三", "mobile": "13800000001"},
            {"name": "李四", "mobile": "13900000002"},
        ],
        "office_phones": ["010-12345678"],
        "fax": "010-12345679",
        "emails": ["a@example.com"],
        "address": "北京市海淀区示例路1号",
        "postcode": "100085",
    }
    assert beta == {
        "name": BETA[0],
        "contacts": [
            {"name": "王五", "mobile": "13700000003"},
            {"name": "赵六", "mobile": "13700000004"},
        ],
        "office_phones": ["0531-1234567"],
        "fax": "",
        "emails": ["b@example.org"],
        "address": "山东省济南市示例路2号",
        "postcode": "250002",
    }
    assert (
        Certificate.objects.get(name="示例证书二").attachment1_name == "示例证书二职业技能等级证书"
    )
    assert all(c["levels"] == ["junior", "intermediate", "senior"] for c in loaded)
    assert any("第 8 行不是表格内容" in note for note in result.notes)


def test_values_broken_by_stray_spaces_are_joined_again():
    row = [
        ALPHA[0],
        ALPHA[1],
        "张三 李四",
        "0531-8290271 8",  # the notice's own PDF has this
        "1380000 0001\n13900000002",
        "",
        "guoyc@cailian. net huyp@cailian.n et",
        ALPHA[7],
        ALPHA[8],
    ]
    result = load_batch(workbook_bytes([row]), details(3))
    assert result.problems == []
    org = EvaluationOrganization.objects.get()
    assert org.office_phone_list == ["0531-82902718"]
    assert org.email_list == ["guoyc@cailian.net", "huyp@cailian.net"]
    assert list(OrganizationContact.objects.values_list("mobile", flat=True)) == [
        "13800000001",
        "13900000002",
    ]


def test_a_two_line_heading_and_a_levels_column_are_read():
    groups = ["培训评价组织名称", "证书名称", "联系人", None, "联系方式", None, None]
    groups += ["通讯地址", "邮政编码", "等级"]
    subs = [None, None, "姓名", "手机", "办公电话", "传真", "电子邮箱", None, None, None]

    def merged(ws) -> None:
        for cells in ["A2:A3", "B2:B3", "C2:D2", "E2:G2", "H2:H3", "I2:I3", "J2:J3"]:
            ws.merge_cells(cells)

    order = [0, 1, 2, 4, 3, 5, 6, 7, 8]  # contacts, mobiles, phones, fax, e-mails, ...
    rows = [
        subs,
        [ALPHA[i] for i in order] + ["初级、中级"],
        [BETA[i] for i in order] + [""],
    ]
    content = workbook_bytes(rows, headings=groups, setup=merged)

    result = load_batch(content, details(3))

    assert result.problems == []
    assert any("表头为两行（第 2–3 行）" in note for note in result.notes)
    loaded = snapshot(3)["certificates"]
    assert loaded[0]["levels"] == ["junior", "intermediate"]
    assert loaded[1]["levels"] == ["junior", "intermediate", "senior"]
    assert loaded[0]["organization"]["contacts"][1] == {"name": "李四", "mobile": "13900000002"}
    assert loaded[1]["organization"]["office_phones"] == ["0531-1234567"]


def test_a_second_contact_on_a_row_of_its_own_joins_the_organization():
    first = [*ALPHA[:2], "张三", ALPHA[3], "13800000001", *ALPHA[5:]]
    second = [None, None, "李四", "010-12345670", "13900000002"]

    def merged(ws) -> None:
        for column in "ABFGHI":
            ws.merge_cells(f"{column}3:{column}4")

    blank_first = [*BETA[:2], "王五", BETA[3], "13700000003", *BETA[5:]]
    blank_second = [None, None, "赵六", None, "13700000004"]  # nothing merged, just blank
    content = workbook_bytes([first, second, blank_first, blank_second], setup=merged)

    result = load_batch(content, details(3))

    assert result.problems == []
    alpha, beta = (c["organization"] for c in snapshot(3)["certificates"])
    assert alpha["contacts"] == [
        {"name": "张三", "mobile": "13800000001"},
        {"name": "李四", "mobile": "13900000002"},
    ]
    assert alpha["office_phones"] == ["010-12345678", "010-12345670"]
    assert [c["name"] for c in beta["contacts"]] == ["王五", "赵六"]
    assert f"第 6 行续上一行（{BETA[0]}），其联系人、电话等并入该组织。" in result.notes
