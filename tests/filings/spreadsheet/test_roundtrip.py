"""Export a filing, import the file: the same table comes back, evidence included."""

from io import BytesIO

import pytest
from openpyxl import load_workbook

from filings.models import Facilities, PilotRow, School, SchoolStatus, SchoolType
from filings.services import filing_import, row_snapshot, school_snapshot
from filings.spreadsheet import layout
from filings.spreadsheet.export import build_attachment2
from filings.spreadsheet.importer import read_attachment2

from .. import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def full_filing(batch, unit):
    filing = f.make_filing(unit, batch)
    wuhan = f.make_school(
        filing, "武汉职业技术学院", SchoolType.HIGHER, remarks="国家级专业教学资源库牵头单位"
    )
    f.make_row(filing, wuhan, f.certificate(1), student_count=120)
    f.make_row(
        filing,
        wuhan,
        f.certificate(2),
        levels=["junior"],
        majors=[
            {"name": "电子商务", "years": [2017, 2018, 2019]},
            # Years not known yet: what the form saves too (a major with a year without
            # enrolment is a row neither the form nor the import stores).
            {"name": "市场营销", "years": None},
        ],
        innovation_team=True,
        training_experience=False,
        training_experience_note="新开设方向",
        facilities=Facilities.SHARED,
        facilities_note="与京东共建实训基地",
        management=None,
    )
    secondary = f.make_school(
        filing,
        "湖北省工业建筑学校",
        SchoolType.SECONDARY,
        statuses=[SchoolStatus.NATIONAL_MODEL_SECONDARY],
        remarks="",
    )
    secondary.school_code = "4142010001"
    secondary.save()
    f.make_row(
        filing,
        secondary,
        f.certificate(5),
        levels=["junior", "intermediate", "senior"],
        student_count=35,
    )
    # An official name with full-width brackets, and a major with full-width letters and a
    # bracket of its own: both come back exactly as written.
    undergrad = f.make_school(
        filing, "湖北工程学院（孝感校区）", SchoolType.APPLIED_UNDERGRAD, statuses=[], remarks=""
    )
    f.make_row(
        filing,
        undergrad,
        f.certificate(9),
        majors=[{"name": "ＶＲ护理（老年方向）", "years": [2017, 2018, 2019]}],
        major_count=1,
        team_size=None,
        dual_qualified_count=None,
        industry_expert_count=None,
    )
    return filing


def snapshot(filing):
    rows = PilotRow.objects.filter(filing=filing).select_related("school", "certificate")
    table = sorted(
        (r.school.name_key, r.certificate.position, school_snapshot(r.school), row_snapshot(r))
        for r in rows
    )
    return table, (filing.contact_name, filing.contact_phone, filing.contact_email)


def test_export_then_import_gives_back_the_same_rows(full_filing, batch):
    before = snapshot(full_filing)
    data = build_attachment2(full_filing)

    result = read_attachment2(data, batch=batch, unit=full_filing.unit)
    assert not result.blocking, [str(i) for i in result.all_issues if i.blocking]
    assert result.evidence_rows == 4
    filing_import(filing=full_filing, user=None, result=result, filename="roundtrip.xlsx")

    full_filing.refresh_from_db()
    assert snapshot(full_filing) == before
    assert School.objects.filter(filing=full_filing).count() == 3


def test_a_second_round_trip_gives_the_same_file_contents(full_filing, batch):
    first = build_attachment2(full_filing)
    filing_import(
        filing=full_filing,
        user=None,
        result=read_attachment2(first, batch=batch, unit=full_filing.unit),
        filename="a.xlsx",
    )
    full_filing.refresh_from_db()
    second = build_attachment2(full_filing)

    def cells(data):
        wb = load_workbook(BytesIO(data))
        return {
            ws.title: [[c.value for c in row] for row in ws.iter_rows()] for ws in wb.worksheets
        }

    assert cells(first) == cells(second)


def test_the_export_reproduces_attachment2(full_filing):
    wb = load_workbook(BytesIO(build_attachment2(full_filing)))
    ws = wb[layout.SHEET_TITLE]
    assert ws["A1"].value == "第二批1+X证书制度试点院校情况汇总表"
    assert ws["A2"].value == "报送单位(盖章):" and ws["C2"].value == "湖北省"
    assert ws["F2"].value == "联系人:" and ws["G2"].value == "张敏"
    assert ws["A3"].value == "电话:" and ws["F3"].value == "邮箱:"
    assert [c.value for c in ws[4]] == [
        "序号",
        "试点院校名称",
        "学校类型",
        "参与试点证书及等级",
        "参与试点专业数量",
        "参与试点专业名称",
        "参与试点学生规模",
        "学校情况备注",
    ]
    rows = [[c.value for c in row] for row in ws.iter_rows(min_row=5, max_row=8)]
    assert [r[0] for r in rows] == [1, 2, 3, 4]
    # Rows of one school together (by name), certificates in the notice's order.
    assert [r[1] for r in rows[:2]] == ["武汉职业技术学院", "武汉职业技术学院"]
    assert rows[0][3] == "电子商务数据分析（初级、中级）"
    assert rows[1][3] == "网店运营推广（初级）"
    assert rows[1][5] == "电子商务、市场营销"
    summary = {ws.cell(r, 6).value: ws.cell(r, 7).value for r in range(9, 14)}
    assert summary == {
        "第二批试点学生总规模": 120 + 40 + 35 + 40,
        "第二批试点院校数量(中职)": 1,
        "第二批试点院校数量(高职)": 1,
        "第二批试点院校数量(本科)": 1,
        "第二批试点院校总规模": 3,
    }
    assert ws["A9"].value == "总体情况"
    notes = [ws.cell(r, 1).value for r in range(15, 22)]
    assert notes[0] == "注:" and notes[1].startswith("1. 报送单位为省级教育行政部门和国家开放大学")
    assert notes[6] == "6. 本表可另附页"


def test_the_export_is_ready_to_print(full_filing):
    ws = load_workbook(BytesIO(build_attachment2(full_filing)))[layout.SHEET_TITLE]
    assert ws.page_setup.orientation == "landscape"
    assert ws.page_setup.paperSize == int(ws.PAPERSIZE_A4)
    assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.fitToWidth == 1
    assert ws.print_title_rows == "$4:$4"
    assert ws.oddFooter.center.text == "第 &P 页 共 &N 页"
    assert ws["B5"].alignment.wrap_text and ws["B5"].border.left.style == "thin"
    assert ws.column_dimensions["B"].width >= 20


@pytest.mark.parametrize("payload", ["=1+1", "+SUM(A1)", "-2+3", "@cmd", "\t=1", "\r=1"])
def test_typed_text_never_becomes_a_formula_in_any_column(batch, unit, payload):
    filing = f.make_filing(unit, batch, contact_name=f"{payload}张", contact_phone="027-87328057")
    school = f.make_school(filing, f"{payload}学院", remarks=payload)
    f.make_row(
        filing,
        school,
        majors=[{"name": f"{payload}专业", "years": [2017, 2018, 2019]}],
        major_count=1,
        training_experience_note=payload,
        facilities_note=payload,
    )
    wb = load_workbook(BytesIO(build_attachment2(filing)))
    seen = 0
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if isinstance(cell.value, str) and payload.strip() in cell.value:
                    assert cell.data_type == "s", (ws.title, cell.coordinate, cell.value)
                    seen += 1
    # school, remarks, majors on the table; school, enrolment and notes on the evidence sheet;
    # the contact in the header.
    assert seen >= 7
