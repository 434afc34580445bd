"""Attachment 2 of another batch speaks of that batch: the export of a third-batch filing
carries its title, summary labels, note 3 and number of certificates, and imports back into
the third batch (and not into the second). The second batch's is tests/…/test_roundtrip.py."""

from io import BytesIO

import pytest
from openpyxl import load_workbook

from bench.generated_batch import load_generated_batch
from certificates.upload_guard import RefusedFile
from filings.models import SchoolType
from filings.services import filing_import
from filings.spreadsheet import layout
from filings.spreadsheet.export import build_attachment2, export_filename
from filings.spreadsheet.importer import read_attachment2

from .. import factories as f
from .test_roundtrip import snapshot

pytestmark = pytest.mark.django_db

TITLE = "第三批1+X证书制度试点院校情况汇总表"


@pytest.fixture
def third(batch):
    """The generated third batch (12 certificates), loaded beside the second (`batch`)."""
    return load_generated_batch(number=3, certificates=12)


@pytest.fixture
def third_filing(third, unit):
    filing = f.make_filing(unit, third)
    wuhan = f.make_school(filing, "武汉职业技术学院", SchoolType.HIGHER)
    f.make_row(filing, wuhan, f.certificate(1, third), student_count=120)
    f.make_row(filing, wuhan, f.certificate(12, third), student_count=30)
    school = f.make_school(filing, "湖北省工业建筑学校", SchoolType.SECONDARY, statuses=[])
    f.make_row(filing, school, f.certificate(7, third), student_count=35)
    return filing


def cell_texts(data: bytes) -> list[str]:
    ws = load_workbook(BytesIO(data))[layout.SHEET_TITLE]
    return [str(c.value) for row in ws.iter_rows() for c in row if c.value is not None]


def test_the_batch_has_the_words_of_its_number(third):
    assert (third.ordinal, third.attachment2_title) == ("第三批", TITLE)


def test_the_export_speaks_of_the_third_batch(third_filing):
    data = build_attachment2(third_filing)
    texts = cell_texts(data)
    assert texts[0] == TITLE
    for label in ("试点学生总规模", "试点院校数量(中职)", "试点院校数量(高职)", "试点院校总规模"):
        assert f"第三批{label}" in texts
    note = "3. “参与试点证书及等级”栏从第三批启动试点的12个证书中选取填写,"
    assert f"{note}证书等级一般分初级、中级、高级" in texts
    assert not [t for t in texts if "第二批" in t or "10个证书" in t]
    assert TITLE in export_filename(third_filing)
    assert load_workbook(BytesIO(data)).properties.title == f"湖北省 {TITLE}"


def test_it_imports_back_into_the_third_batch(third_filing, third):
    before = snapshot(third_filing)
    result = read_attachment2(build_attachment2(third_filing), batch=third, unit=third_filing.unit)
    assert not result.blocking, [str(i) for i in result.all_issues if i.blocking]
    filing_import(filing=third_filing, user=None, result=result, filename="第三批.xlsx")
    third_filing.refresh_from_db()
    assert snapshot(third_filing) == before


def test_it_is_refused_by_the_second_batch(third_filing, batch):
    with pytest.raises(RefusedFile) as refused:
        read_attachment2(build_attachment2(third_filing), batch=batch, unit=third_filing.unit)
    assert refused.value.message.startswith(f"表格标题为“{TITLE}”，而当前报送的是第二批（")


def test_an_unknown_certificate_is_said_to_be_outside_the_third_batchs_twelve(third, unit):
    from . import workbooks as w

    data = w.province_table([w.row()], title=TITLE).data  # a second-batch certificate
    result = read_attachment2(data, batch=third, unit=unit)
    assert any("不在第三批的12个证书之中" in str(issue) for issue in result.all_issues)
