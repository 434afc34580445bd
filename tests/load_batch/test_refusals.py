"""Bad input is refused with its row and column named, and nothing is written."""

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from certificates.batch_loading import load_batch

from .builder import ALPHA, BETA, HEADINGS, command_args, details, everything, workbook_bytes

pytestmark = pytest.mark.django_db


def with_value(row: list[str], heading: str, value: str) -> list[str]:
    changed = list(row)
    changed[HEADINGS.index(heading)] = value
    return changed


def refused(rows: list[list[str]], **options) -> list[str]:
    before = everything()
    result = load_batch(workbook_bytes(rows, **options), details(3))
    assert everything() == before
    return result.problems


def test_a_missing_column_is_named():
    headings = [h for h in HEADINGS if h != "邮政编码"]
    rows = [ALPHA[:-1]]
    assert refused(rows, headings=headings) == ["文件中没有以下栏目：邮政编码。"]


@pytest.mark.parametrize(
    ("heading", "value", "message"),
    [
        ("办公电话", "010-1234", "第 3 行「办公电话」：电话“010-1234”格式不正确"),
        ("邮政编码", "10008", "第 3 行「邮政编码」：邮政编码应为6位数字。"),
        ("手机", "1380000000\n13900000002", "第 3 行「手机」：手机号码应为11位数字，以1开头。"),
        ("电子邮箱", "a@example", "第 3 行「电子邮箱」：电子邮箱“a@example”格式不正确。"),
        ("职业技能等级证书名称", "", "第 3 行「职业技能等级证书名称」：证书名称为空。"),
        ("联系人", "", "第 3 行「联系人」：未填写。"),
    ],
)
def test_a_bad_value_among_good_rows_is_named_and_nothing_is_written(heading, value, message):
    problems = refused([BETA, with_value(ALPHA, heading, value)])
    # The bad row is the second of the table: line 4 (title on 1, heading on 2).
    expected = message.replace("第 3 行", "第 4 行")
    assert any(p.startswith(expected) for p in problems), problems


def test_a_duplicate_certificate_names_both_rows():
    second = with_value(BETA, "职业技能等级证书名称", ALPHA[1] + "职业技能等级证书")
    assert refused([ALPHA, second]) == [
        f"第 4 行「职业技能等级证书名称」：证书“{ALPHA[1]}”与第 3 行重复。"
    ]


def test_an_organization_given_two_phones_on_two_rows_is_refused():
    second = with_value(ALPHA, "职业技能等级证书名称", "示例证书二")
    second = with_value(second, "办公电话", "010-87654321")
    assert refused([ALPHA, second]) == [
        "第 4 行「办公电话」：“010-87654321”与第 3 行同一培训评价组织的“010-12345678”不一致。"
    ]


def test_contacts_and_mobiles_that_do_not_pair_up_are_refused():
    row = with_value(ALPHA, "手机", "13800000001")
    assert refused([row]) == ["第 3 行「手机」：联系人 2 位，手机 1 个，无法一一对应。"]


def test_a_number_already_used_by_a_batch_with_other_content_is_refused(reference_data):
    before = everything()
    result = load_batch(workbook_bytes([ALPHA], title=None), details(2))
    assert everything() == before
    assert result.problems[:2] == [
        "批次 2 已载入，其名称为“第二批1+X证书制度试点”，与这次给出的“第2批测试批次”不同。",
        "批次 2 已载入，其通知文号为“教职成司函〔2019〕89号”，与这次给出的“测试〔2026〕1号”不同。",
    ]
    assert (
        f"第 2 行「职业技能等级证书名称」：批次 2 已载入的第 1 个证书为“电子商务数据分析”，"
        f"文件为“{ALPHA[1]}”。"
    ) in result.problems
    assert "批次 2 已载入的第 2 个证书“网店运营推广”不在文件中。" in result.problems
    assert result.problems[-1].startswith("批次 2 已载入，文件与之不同：未作任何改动。")


def test_the_command_prints_every_problem_and_exits_with_an_error(tmp_path: Path):
    path = tmp_path / "bad.xlsx"
    path.write_bytes(workbook_bytes([with_value(ALPHA, "邮政编码", "1000")]))
    err = StringIO()
    with pytest.raises(CommandError, match="共 1 个问题，未写入任何数据。"):
        call_command("load_batch", *command_args(path), stderr=err)
    assert "第 3 行「邮政编码」：邮政编码应为6位数字。" in err.getvalue()


def test_a_file_that_is_not_a_workbook_is_refused():
    result = load_batch(b"not a workbook", details(3))
    assert result.problems == ["无法读取文件：请上传 Excel 的 .xlsx 文件。"]


def test_a_sheet_without_attachment_1s_heading_is_refused():
    result = load_batch(workbook_bytes([["a", "b"]], headings=["姓名", "年龄"]), details(3))
    assert result.problems[0].startswith("文件中找不到附件1的表头。")


def test_the_batchs_own_values_are_checked_as_the_admin_checks_them():
    before = everything()
    result = load_batch(workbook_bytes([ALPHA]), details(3, name="", notice_number="x" * 51))
    assert everything() == before
    assert [p.split("：")[0] for p in result.problems] == ["批次的名称", "批次的通知文号"]
    assert "51" in result.problems[1]


def test_a_bad_mobile_on_a_contacts_own_row_names_that_row():
    first = [*ALPHA[:2], "张三", ALPHA[3], "13800000001", *ALPHA[5:]]
    second = [None, None, "李四", None, "1390000000"]
    assert refused([first, second]) == ["第 4 行「手机」：手机号码应为11位数字，以1开头。"]


def test_too_many_phones_for_the_field_are_refused():
    phones = "\n".join(f"010-{n:08d}" for n in range(20))
    assert refused([with_value(ALPHA, "办公电话", phones)]) == [
        "第 3 行「办公电话」：共 259 个字符，超过 200 个。"
    ]
