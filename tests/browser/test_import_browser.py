"""Staff import a province's own Excel table, check the preview, confirm, and export."""

from datetime import timedelta
from io import BytesIO

import pytest
from django.utils import timezone
from openpyxl import Workbook, load_workbook
from playwright.sync_api import expect

from .conftest import save_screenshot
from .test_filing_browser import PASSWORD, login

pytestmark = pytest.mark.browser


def provincial_table() -> bytes:
    """A table as a province keeps it: a title, the header lines, merged school cells,
    its own spellings, the summary block and the notes."""
    wb = Workbook()
    ws = wb.active
    ws.append(["第二批1+X证书制度试点院校情况汇总表"])
    ws.append(["报送单位(盖章):湖北省教育厅", None, None, None, None, "联系人:", "李华"])
    ws.append(["电话:", "027-87328057", None, None, None, "邮箱:", "lihua@hbe.gov.cn"])
    ws.append(
        [
            "序号",
            "试点院校名称",
            "学校类型",
            "参与试点证书\n及等级",
            "参与试点专业数量",
            "参与试点专业名称",
            "参与试点学生规模（人）",
            "学校情况备注",
        ]
    )
    ws.append(
        [
            1,
            "武汉职业技术学院",
            "高职院校",
            "网店运营推广(初级,中级)",
            2,
            "电子商务，市场营销",
            "120人",
            "国家示范（骨干、优质）高等职业学校",
        ]
    )
    ws.append([2, None, None, "电子商务数据分析职业技能等级证书（中级）", 1, "电子商务", "1,020"])
    ws.merge_cells("B5:B6")
    ws.merge_cells("C5:C6")
    ws.merge_cells("H5:H6")
    ws.append([])
    ws.append(
        [
            3,
            "湖北省工业建筑学校",
            "中等职业学校",
            "特殊焊接技术 初级",
            "１",
            "焊接技术应用",
            "３５",
            "国家中等职业教育改革发展示范学校",
        ]
    )
    ws.append([None, None, None, None, None, "第二批试点学生总规模", 1175])
    ws.append(["注:"])
    ws.append(["1. 报送单位为省级教育行政部门和国家开放大学"])
    buffer = BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


@pytest.fixture
def portal(transactional_db):
    from certificates.models import Batch
    from certificates.reference import load_reference_data
    from filings.accounts import demo_accounts_ensure
    from filings.reference import load_units

    report = load_reference_data()
    load_units(report)
    demo_accounts_ensure(password=PASSWORD)
    Batch.objects.update(filing_deadline=timezone.now() + timedelta(days=10))


def test_staff_import_preview_confirm_and_export(screen, page_guard, live_server, portal, tmp_path):
    from filings.models import PilotRow

    page, size, usable = screen.page, screen.size, screen.usable

    table = tmp_path / "湖北省试点院校汇总表.xlsx"
    table.write_bytes(provincial_table())
    login(page, live_server.url, "420000")
    page.get_by_role("link", name="试点院校").click()
    page.get_by_role("link", name="从 Excel 导入").click()
    usable("the import upload")
    page.get_by_label("附件2 Excel 文件").set_input_files(str(table))
    page.get_by_role("button", name="上传并预览").click()

    expect(page.get_by_role("heading", name="导入预览：湖北省试点院校汇总表.xlsx")).to_be_visible()
    expect(page.get_by_text("3 行、2 所院校、学生 1,175 人")).to_be_visible()
    preview = page.locator("table.import-preview tbody tr")
    expect(preview).to_have_count(3)
    expect(preview.nth(1)).to_contain_text("武汉职业技术学院")  # filled down from the merge
    expect(page.locator(".import-evidence-note")).to_contain_text("3 行缺少附件2没有的佐证材料")
    assert PilotRow.objects.count() == 0  # nothing written before confirmation
    save_screenshot(page, f"import-preview-{size}")
    usable("the import preview")

    page.get_by_role("button", name="确认导入").click()
    expect(page.get_by_text("已导入 3 行、2 所院校")).to_be_visible()
    rows = page.locator("table.rows-table tbody tr[data-row]")
    expect(rows).to_have_count(3)
    expect(rows.first).to_contain_text("缺佐证")
    expect(page.locator(".summary-table")).to_contain_text("1,175")
    usable("the rows list after the import")

    # The evidence Attachment 2 lacks: confirmed for all rows at once.
    page.get_by_text("批量确认所选行").click()
    page.get_by_label("全选本页").check()
    expect(page.locator("#bulk-count")).to_have_text("已选 3 行")
    page.get_by_label("确认所选行均具备培训经验").check()
    page.get_by_label("确认所选行中尚未填写招生年份的专业近3年均有招生").check()
    page.get_by_label("教学条件和实习实训设施设备（条件4）").select_option(label="自有")
    page.get_by_role("button", name="确认所选行").click()
    expect(page.get_by_text("已批量确认 3 行")).to_be_visible()
    usable("the rows list after a bulk confirmation")

    with page.expect_download() as info:
        page.get_by_role("link", name="导出 Excel").click()
    download = info.value
    assert download.suggested_filename.endswith(".xlsx")
    ws = load_workbook(BytesIO(download.path().read_bytes()))["附件2"]
    assert ws["C2"].value == "湖北省"
    assert ws["G2"].value == "李华"
    assert [ws.cell(r, 2).value for r in range(5, 8)] == [
        "武汉职业技术学院",
        "武汉职业技术学院",
        "湖北省工业建筑学校",
    ]
    assert page_guard.external == []
