"""An organization already known (from another batch) is reused: its name is unique. The
file's contact details are taken where they differ, and each change is reported."""

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from certificates.batch_loading import load_batch
from certificates.models import Batch, Certificate, EvaluationOrganization

from .builder import ALPHA, command_args, details, workbook_bytes

pytestmark = pytest.mark.django_db

KNOWN = "北京博导前程信息技术股份有限公司"  # runs 电子商务数据分析 in the second batch


def row_of_the_known_organization(phone: str) -> list[str]:
    return [
        KNOWN,
        "示例证书（第三批）",
        "杨东飞\n秦刚强",
        phone,
        "15091181474\n13572543571",
        "010-60607161",
        "yangdf@bjbodao.com",
        "北京市海淀区上地东路35号颐泉汇大厦2号楼505室",
        "100085",
    ]


def test_a_known_organization_is_reused_unchanged(reference_data):
    result = load_batch(workbook_bytes([row_of_the_known_organization("010-60607161")]), details(3))
    assert result.problems == []
    assert EvaluationOrganization.objects.count() == 10
    assert Certificate.objects.get(batch__number=3).organization.name == KNOWN
    assert not [line for line in result.report.lines() if "培训评价组织" in line]


def test_other_contact_details_in_the_file_are_taken_and_reported(reference_data):
    result = load_batch(workbook_bytes([row_of_the_known_organization("010-60607999")]), details(3))
    assert result.problems == []
    assert EvaluationOrganization.objects.get(name=KNOWN).office_phones == "010-60607999"
    assert f"培训评价组织 {KNOWN}（办公电话“010-60607161”→“010-60607999”）" in (
        result.report.restored
    )


def test_the_command_says_when_the_new_batch_becomes_the_current_one(db, tmp_path: Path):
    path = tmp_path / "a1.xlsx"
    path.write_bytes(workbook_bytes([ALPHA]))
    args = command_args(path, deadline="2026-01-20 17:30")
    out = StringIO()
    call_command("load_batch", *args, stdout=out)
    assert "门户的当前批次（单位报送、公开目录）现在是这一批" in out.getvalue()
    batch = Batch.objects.get(number=3)
    assert batch.filing_deadline.isoformat() == "2026-01-20T09:30:59+00:00"
    assert batch.issuer == "教育部职业教育与成人教育司"

    # An administrator moves the deadline; loading the file again keeps it, and says so.
    Batch.objects.filter(number=3).update(filing_deadline=batch.filing_deadline.replace(day=25))
    again = StringIO()
    call_command("load_batch", *args, stdout=again)
    assert "保留：批次 第三批测试 的报送截止时间“2026-01-25 17:30”" in again.getvalue()
    assert "未作改动" in again.getvalue()


def test_dry_run_writes_nothing(db, tmp_path: Path):
    path = tmp_path / "a1.xlsx"
    path.write_bytes(workbook_bytes([ALPHA]))
    out = StringIO()
    call_command("load_batch", *command_args(path, deadline="2026-01-20"), "--dry-run", stdout=out)
    assert "检查通过（1 个证书、1 个培训评价组织）；未写入（--dry-run）。" in out.getvalue()
    assert not Batch.objects.exists()


def test_a_known_name_written_with_other_brackets_is_the_same_organization(reference_data):
    row = row_of_the_known_organization("010-60607161")
    row[0] = "中船舰客教育科技（北京）有限公司"  # the fixture writes (北京)
    row[2:5] = ["夏海滨\n陈若梵", "010-82505463\n010-82505465", "18500301628\n18500309062"]
    row[5:9] = ["010-62183696", "school@hamaedu.com", "北京市海淀区学院南路70号", "100081"]

    result = load_batch(workbook_bytes([row]), details(3))

    assert result.problems == []
    assert EvaluationOrganization.objects.count() == 10
    org = Certificate.objects.get(batch__number=3).organization
    assert org.name == "中船舰客教育科技(北京)有限公司"
    assert not result.report.restored
    assert any("按已有的写法载入" in note for note in result.notes)


def test_the_notices_own_contacts_are_said_to_be_missing(db):
    result = load_batch(workbook_bytes([ALPHA]), details(3))
    assert result.notes[-1].startswith("通知的联系人（咨询事项、联系电话）不在附件1中，未载入")


def test_export_attachment1_names_a_batch_that_does_not_exist(db, tmp_path: Path):
    with pytest.raises(CommandError, match="没有第 4 批。"):
        call_command("export_attachment1", "--batch=4", f"--output={tmp_path / 'a.xlsx'}")


def test_the_command_says_the_batch_before_becomes_read_only(reference_data, tmp_path: Path):
    path = tmp_path / "a1.xlsx"
    path.write_bytes(workbook_bytes([ALPHA]))
    out = StringIO()
    call_command("load_batch", *command_args(path), stdout=out)
    assert "第二批1+X证书制度试点从此只读" in out.getvalue()
    assert not Batch.objects.get(number=2).is_open
