"""The national workbook on paper: printed with LibreOffice, every sheet one page wide, its
header row on every page, no value or heading cut off, pages numbered, times in Beijing time.

Four units' accepted filings (all ten certificates, long majors lists and remarks) among the
33 units; printed once, the tests share the pages.
"""

from datetime import UTC, datetime
from io import BytesIO
from unittest import mock

import pytest
from openpyxl import load_workbook

from filings.models import FilingState
from filings.spreadsheet.national_workbook import build_national_workbook
from tests.filings import factories as f
from tests.filings.spreadsheet import paper
from tests.filings.spreadsheet.long_filing import make_long_filing
from tests.filings.spreadsheet.paper import compact
from tests.filings.spreadsheet.test_opens_in_libreoffice import soffice  # noqa: F401

pytestmark = pytest.mark.django_db

EXPORTED_AT = datetime(2019, 9, 25, 1, 30, tzinfo=UTC)  # 09:30 in Beijing
# Submitted late in the evening UTC: the next day in Beijing.
SUBMITTED_AT = datetime(2019, 9, 19, 17, 30, tzinfo=UTC)
SUBMITTED_TEXT = "2019-09-20 01:30"
UNITS = [
    ("420000", "湖北省", 60),
    ("110000", "北京市", 30),
    ("650000", "新疆维吾尔自治区", 25),
    ("660000", "新疆生产建设兵团", 12),
]

_printed: dict[str, tuple] = {}


@pytest.fixture
def printed(soffice, units, reference_data, tmp_path_factory):  # noqa: F811
    """(workbook bytes, pages) of the national workbook, printed once."""
    if "national" not in _printed:
        for code, name, rows in UNITS:
            filing = make_long_filing(f.make_unit(code, name), reference_data, rows=rows)
            filing.state = FilingState.ACCEPTED
            filing.submitted_at = SUBMITTED_AT
            filing.save()
        with mock.patch("django.utils.timezone.now", return_value=EXPORTED_AT):
            data = build_national_workbook(reference_data, False)
        pdf = paper.print_pdf(soffice, data, tmp_path_factory.mktemp("national"))
        _printed["national"] = (data, paper.read_pdf(pdf))
    return _printed["national"]


def sheets(data: bytes) -> dict[str, list[list[str]]]:
    workbook = load_workbook(BytesIO(data))
    return {
        ws.title: [[compact(v) for v in row] for row in ws.iter_rows(values_only=True)]
        for ws in workbook.worksheets
    }


def sheet_of(page) -> str:
    """The sheet a page belongs to, from the page header (… · sheet name)."""
    return page.header().split("·")[-1].strip()


def test_no_words_overlap_and_none_crosses_a_gridline(printed):
    _, pages = printed
    for page in pages:
        paper.assert_clean(page)


def assert_printed_whole(data: bytes, pages) -> dict[str, list[list[str]]]:
    """Every page A4 landscape, its sheet's full header row on top, and the pages of each
    sheet together print every value the sheet holds; the sheets, read back."""
    expected = sheets(data)
    printed_sheets: dict[str, list[list[str]]] = {}
    for page in pages:
        name = sheet_of(page)
        assert name in expected, f"page {page.number}: no sheet name in {page.header()!r}"
        rows = paper.table_rows(page)
        header = expected[name][0]
        assert rows and rows[0] == header, f"page {page.number} ({name}): no full header row"
        printed_sheets.setdefault(name, [header]).extend(rows[1:])
        assert (round(page.width), round(page.height)) == (842, 595), "A4 landscape"
    assert printed_sheets == expected
    return expected


def test_every_sheet_is_one_page_wide_with_its_header_on_every_page_and_every_value(printed):
    assert_printed_whole(*printed)


def test_pages_are_numbered_and_every_time_is_beijing_time(printed):
    data, pages = printed
    paper.assert_numbered(pages)
    for page in pages:
        assert "导出于 2019-09-25 09:30（北京时间）" in page.footer()
    units = sheets(data)["各单位汇总"]
    column = units[0].index("提交时间（北京时间）")
    submitted = {row[1]: row[column] for row in units[1:]}
    assert submitted["湖北省"] == submitted["北京市"] == compact(SUBMITTED_TEXT)
    assert submitted["天津市"] == ""
