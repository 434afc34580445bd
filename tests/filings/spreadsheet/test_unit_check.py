"""A table's 报送单位 line is checked against the unit importing it: another unit's table is
refused by the importer, the upload page and the command line, and leaves the filing as it
was; a table without the line imports with a warning."""

from io import StringIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse

from certificates.upload_guard import RefusedFile
from filings.models import PilotRow
from filings.spreadsheet.importer import read_attachment2
from filings.unit_names import unit_named

from .. import factories as f
from . import workbooks as w

pytestmark = pytest.mark.django_db


def table_from(unit_line: str | None, contact: str = "张敏") -> bytes:
    lines = [] if unit_line is None else [[f"报送单位（盖章）：{unit_line}", None, None, None]]
    lines = [*lines, ["电话：024-86891234", None, None, None, None, f"联系人：{contact}"]]
    return w.province_table([w.row()], header_lines=lines).data


NAMED = [
    ("湖北", "湖北省"),
    ("湖北省", "湖北省"),
    ("湖北省教育厅", "湖北省"),
    ("湖北省教育厅（盖章）", "湖北省"),
    ("  湖 北 省 教 育 厅 ", "湖北省"),
    ("北京市教育委员会", "北京市"),
    ("广西壮族自治区教育厅", "广西壮族自治区"),
    ("内蒙古自治区教育厅", "内蒙古自治区"),
    ("新疆维吾尔自治区教育厅", "新疆维吾尔自治区"),
    ("新疆教育厅", "新疆维吾尔自治区"),
    ("新疆生产建设兵团教育局", "新疆生产建设兵团"),
    ("兵团教育局", "新疆生产建设兵团"),
    ("国家开放大学", "国家开放大学"),
    ("江苏开放大学", "江苏省"),
    ("武汉职业技术学院", None),
    ("南京市教育局", None),
    ("湖北省、湖南省", None),
    ("", None),
]


@pytest.mark.parametrize(("text", "name"), NAMED)
def test_the_unit_a_line_names(text, name):
    assert unit_named(text) == name


def test_another_units_table_is_refused_naming_both(batch):
    liaoning = f.make_unit("210000", "辽宁省")
    with pytest.raises(RefusedFile) as refused:
        read_attachment2(table_from("广东省教育厅"), batch=batch, unit=liaoning)
    assert refused.value.message.startswith("文件的报送单位是广东省教育厅，不是辽宁省。")


@pytest.mark.parametrize("line", ["湖北", "湖北省", "湖北省教育厅"])
def test_every_spelling_of_the_own_unit_imports_without_a_word(batch, unit, line):
    result = read_attachment2(table_from(line), batch=batch, unit=unit)
    assert not [i for i in result.issues if i.code == "unit"]
    assert len(result.rows) == 1


def test_xinjiang_and_the_corps_are_told_apart(batch):
    xinjiang = f.make_unit("650000", "新疆维吾尔自治区")
    corps = f.make_unit("660000", "新疆生产建设兵团")
    corps_table = table_from("新疆生产建设兵团教育局")
    assert read_attachment2(corps_table, batch=batch, unit=corps).rows
    with pytest.raises(RefusedFile, match="不是新疆维吾尔自治区"):
        read_attachment2(corps_table, batch=batch, unit=xinjiang)
    with pytest.raises(RefusedFile, match="不是新疆生产建设兵团"):
        read_attachment2(table_from("新疆维吾尔自治区教育厅"), batch=batch, unit=corps)


def test_a_table_without_the_line_imports_with_a_warning(batch, unit):
    result = read_attachment2(table_from(None), batch=batch, unit=unit)
    (warning,) = [i for i in result.issues if i.code == "unit"]
    assert warning.warning and not warning.blocking and not result.blocking
    assert warning.message.startswith("文件中没有“报送单位”一行，无法核对是否为湖北省的汇总表")
    assert warning in result.shown_issues


def test_a_line_naming_no_unit_imports_with_a_warning(batch, unit):
    result = read_attachment2(table_from("武汉市教育局"), batch=batch, unit=unit)
    (warning,) = [i for i in result.issues if i.code == "unit"]
    assert "“武汉市教育局”不是任何一个报送单位的名称" in warning.message
    assert not result.blocking


# --- through the upload page and the command line ---------------------------------------------


@pytest.fixture
def liaoning_filing(batch, media_root):
    liaoning = f.make_unit("210000", "辽宁省")
    filing = f.make_filing(liaoning, batch)
    filing.contact_name = "王丽"
    filing.save()
    f.make_row(filing)
    return filing


def test_the_upload_page_refuses_another_units_table_and_changes_nothing(liaoning_filing):
    client = Client()
    client.force_login(f.make_staff(liaoning_filing.unit))
    response = client.post(
        reverse("filings:import", args=["210000"]),
        {"file": SimpleUploadedFile("附件2.xlsx", table_from("广东省教育厅", contact="陈刚"))},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["file"] == [
        "文件的报送单位是广东省教育厅，不是辽宁省。请确认上传的是本单位的汇总表。"
    ]
    liaoning_filing.refresh_from_db()
    assert liaoning_filing.contact_name == "王丽"
    assert PilotRow.objects.filter(filing=liaoning_filing).count() == 1


def test_the_command_line_refuses_another_units_table(liaoning_filing, tmp_path):
    path = tmp_path / "广东.xlsx"
    path.write_bytes(table_from("广东省教育厅", contact="陈刚"))
    with pytest.raises(CommandError, match="文件的报送单位是广东省教育厅，不是辽宁省"):
        call_command("import_attachment2", str(path), unit="210000", stdout=StringIO())
    liaoning_filing.refresh_from_db()
    assert liaoning_filing.contact_name == "王丽"
    assert PilotRow.objects.filter(filing=liaoning_filing).count() == 1


def test_the_command_line_warns_of_a_table_without_the_line(filing, tmp_path):
    path = tmp_path / "无报送单位.xlsx"
    path.write_bytes(table_from(None))
    out = StringIO()
    call_command("import_attachment2", str(path), unit="420000", dry_run=True, stdout=out)
    assert "提醒 文件中没有“报送单位”一行" in out.getvalue()
