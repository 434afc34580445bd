"""The national workbook at 400 certificates: the second batch's sheets, but the rows by
certificate on one filtered sheet instead of 400 sheets, and the matrix with a line per
certificate instead of 400 columns; every sheet set up for print."""

from io import BytesIO

import pytest
from openpyxl import load_workbook

from filings.models import PilotRow, SubmittingUnit
from filings.national import included_filings
from filings.spreadsheet.national_workbook import build_national_workbook
from tests.national.conftest import CERTIFICATES

pytestmark = pytest.mark.django_db

SHEETS = ["全部试点行", "各单位汇总", "各证书", "证书×单位（行数）", "各证书试点行"]


@pytest.fixture
def workbook(big_batch):
    return load_workbook(BytesIO(build_national_workbook(big_batch, True)))


def values(ws) -> list[list]:
    return [list(row) for row in ws.iter_rows(values_only=True)]


def test_five_sheets_not_one_per_certificate(workbook):
    assert workbook.sheetnames == SHEETS
    assert max(ws.max_column for ws in workbook.worksheets) <= 40


def test_the_rows_by_certificate_are_one_sheet_filtered_by_certificate(workbook, big_batch):
    ws = workbook["各证书试点行"]
    lines = values(ws)
    assert lines[0] == [
        "证书",
        "报送单位",
        "试点院校名称",
        "学校类型",
        "初级",
        "中级",
        "高级",
        "参与试点专业名称",
        "学生规模",
    ]
    rows = PilotRow.objects.filter(filing__in=included_filings(big_batch, True))
    assert len(lines) - 1 == rows.count()
    # Unit by unit as 全部试点行: the filter picks a certificate's rows.
    all_rows = values(workbook["全部试点行"])
    assert [line[1] for line in lines[1:]] == [line[0] for line in all_rows[1:]]
    names = [line[0] for line in lines[1:]]
    assert set(names) == set(rows.values_list("certificate__name", flat=True))
    assert ws.auto_filter.ref == f"A1:I{len(lines)}"
    assert ws.freeze_panes == "A2" and ws.print_title_rows == "$1:$1"


def test_the_matrix_has_a_line_per_certificate_and_a_column_per_unit(workbook, big_batch):
    ws = workbook["证书×单位（行数）"]
    lines = values(ws)
    units = list(SubmittingUnit.objects.order_by("code").values_list("name", flat=True))
    assert lines[0] == ["证书", *units, "合计"]
    assert len(lines) == 1 + CERTIFICATES + 1  # the heading, the certificates, the total
    assert lines[1][0] == "测试证书0001" and lines[-1][0] == "合计"
    for line in lines[1:-1]:
        # A certificate's line leaves its noughts blank.
        assert 0 not in line[1:-1]
        assert line[-1] == sum(count or 0 for count in line[1:-1])
    assert lines[-1][-1] == sum(lines[-1][1:-1])
    rows = PilotRow.objects.filter(filing__in=included_filings(big_batch, True)).count()
    assert lines[-1][-1] == rows
    # The same rows per certificate as 各证书 (its third column).
    certificates = {line[0]: line[2] for line in values(workbook["各证书"])[1:-1]}
    assert certificates == {line[0]: line[-1] for line in lines[1:-1]}


def test_every_sheet_prints_landscape_one_page_wide_with_its_header_repeated(workbook):
    for ws in workbook.worksheets:
        assert ws.page_setup.orientation == "landscape", ws.title
        assert ws.page_setup.fitToWidth == 1 and ws.sheet_properties.pageSetUpPr.fitToPage
        assert ws.print_title_rows == "$1:$1", ws.title
        assert ws.auto_filter.ref, ws.title


def test_the_workbook_takes_as_many_queries_at_400_certificates_as_at_10(
    units, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from bench.data import national as fill_national
    from bench.generated_batch import load_generated_batch
    from certificates.models import Batch
    from tests.national.conftest import ROWS_PER_UNIT

    counts = []
    for certificates in (10, CERTIFICATES):
        if certificates == CERTIFICATES:
            load_generated_batch(number=3, certificates=CERTIFICATES)
        batch = Batch.objects.current()
        assert batch.certificates.count() == certificates
        fill_national(batch, ROWS_PER_UNIT)
        with CaptureQueriesContext(connection) as ctx:
            data = build_national_workbook(batch, True)
        counts.append(len(ctx.captured_queries))
        sheets = load_workbook(BytesIO(data)).sheetnames
        assert len(sheets) == (14 if certificates == 10 else 5)
    assert counts[0] == counts[1], counts
    with django_assert_max_num_queries(counts[0]):
        build_national_workbook(batch, False)
