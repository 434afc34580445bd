"""Attachment 2 on paper: printed with LibreOffice, the table a province stamps.

A unit of 160 rows with long majors lists, three-level certificates, long remarks and a long
school name is printed to PDF and read back with poppler. On the paper no words overlap, no
word crosses a cell border, every cell of the table reads as exported, only the table is
printed (not the evidence sheet), and every page says which page of how many, which version of
the table it is and when it was exported (Beijing time).

Printing takes LibreOffice some seconds, so each workbook is printed once and the tests share
the pages (`printed`).
"""

from datetime import UTC, datetime
from io import BytesIO
from unittest import mock

import pytest
from openpyxl import load_workbook

from filings.spreadsheet import layout
from filings.spreadsheet.export import build_attachment2

from .long_filing import LONG_SCHOOL_NAME, MANY_MAJORS, make_long_filing
from .paper import (
    assert_clean,
    assert_numbered,
    compact,
    fonts,
    narrowed,
    print_pdf,
    read_pdf,
    table_rows,
)
from .test_opens_in_libreoffice import soffice  # noqa: F401 (fixture)

pytestmark = pytest.mark.django_db

# 06:05 UTC is 14:05 in Beijing: the footer must show the latter.
EXPORTED_AT = datetime(2019, 9, 18, 6, 5, tzinfo=UTC)
EXPORTED_TEXT = "导出于 2019-09-18 14:05（北京时间）"
# Excel draws a column about 6% narrower than LibreOffice does (see paper.narrowed).
EXCEL_NARROWING = 5.25 / 5.55

_printed: dict[str, tuple] = {}


@pytest.fixture
def printed(soffice, batch, unit, tmp_path_factory):  # noqa: F811
    """(workbook bytes, pages, pdf path, revision) of the long filing, printed once."""

    def print_once(name: str, transform=lambda data: data):
        if name not in _printed:
            filing = make_long_filing(unit, batch)
            filing.revision = 12
            filing.save()
            with mock.patch("django.utils.timezone.now", return_value=EXPORTED_AT):
                data = build_attachment2(filing)
            pdf = print_pdf(soffice, transform(data), tmp_path_factory.mktemp(name))
            _printed[name] = (data, read_pdf(pdf), pdf, filing.revision)
        return _printed[name]

    return print_once


def exported_rows(data: bytes) -> list[list[str]]:
    """The table's rows as the export wrote them (the cells under the header row)."""
    ws = load_workbook(BytesIO(data))[layout.SHEET_TITLE]
    rows = []
    for values in ws.iter_rows(min_row=5, max_col=len(layout.COLUMNS), values_only=True):
        if not isinstance(values[0], int):
            break
        rows.append([compact(v) for v in values])
    return rows


@pytest.mark.parametrize("columns", ["as written", "as narrow as Excel draws them"])
def test_no_words_overlap_and_none_crosses_a_border(printed, columns):
    if columns == "as written":
        _, pages, _, _ = printed("table")
    else:
        _, pages, _, _ = printed("narrow", lambda data: narrowed(data, EXCEL_NARROWING))
    assert len(pages) > 1
    for page in pages:
        assert_clean(page)


def test_every_cell_of_the_table_is_printed_as_exported(printed):
    data, pages, _, _ = printed("table")
    expected = exported_rows(data)
    assert len(expected) == 160
    headers = [compact(c.header) for c in layout.COLUMNS]
    printed_rows = []
    for page in pages:
        rows = table_rows(page)
        assert rows and rows[0] == headers, f"page {page.number} does not start with the header"
        printed_rows += [r for r in rows if len(r) == len(headers) and r[0].isdigit()]
    assert printed_rows == expected
    # Among them the longest texts, whole: a long school name, the last of fourteen majors.
    assert compact(LONG_SCHOOL_NAME) in {row[1] for row in printed_rows}
    assert any(row[5].endswith(compact(MANY_MAJORS[-1])) for row in printed_rows)


def test_the_lines_outside_the_grid_are_whole(printed, batch):
    """报送单位/联系人/电话/邮箱, the 总体情况 labels and the notes have no border to cross:
    they must be printed whole, inside the table's width."""
    _, pages, _, _ = printed("table")
    first, last = pages[0], pages[-1]
    first_text = "".join(compact(w.text) for w in first.words)
    for value in (
        layout.title(batch),
        layout.UNIT_LABEL + "湖北省",
        layout.CONTACT_LABEL + "张敏",
        layout.PHONE_LABEL + "027-87328057",
        layout.EMAIL_LABEL + "zhangmin.jiaoyuting@hbe.gov.cn",
    ):
        assert compact(value) in first_text
    last_text = "".join(compact(w.text) for w in last.words)
    for label, _ in layout.summary_lines(batch):
        assert compact(label) in last_text
    for note in [layout.NOTES_HEADING, *layout.notes(batch, 10)]:
        assert compact(note) in last_text
    for page in pages:
        left = min(r.x0 for r in page.rules)
        right = max(r.x1 for r in page.rules)
        outside = [w for w in page.words if w.x0 < left - 1 or w.x1 > right + 1]
        # The footer spans the page; everything else stays within the table.
        footer = max(w.y0 for w in page.words) - 3
        outside = [w for w in outside if w.y0 < footer]
        assert not outside, f"page {page.number}: cut off beside the table: {outside[:3]}"


def test_only_the_table_is_printed_each_page_numbered_with_version_and_time(printed):
    data, pages, _, revision = printed("table")
    assert_numbered(pages)
    for page in pages:
        assert f"表格版本 {revision}" in page.footer()
        assert EXPORTED_TEXT in page.footer()
    text = "".join(compact(w.text) for page in pages for w in page.words)
    for evidence_heading in ("学校标识码", "培训团队人数", "佐证材料"):
        assert evidence_heading not in text
    # The evidence stays in the file, for the round trip, on a sheet that is not printed.
    workbook = load_workbook(BytesIO(data))
    assert workbook.sheetnames == [layout.SHEET_TITLE, layout.EVIDENCE_SHEET_TITLE]
    assert workbook[layout.EVIDENCE_SHEET_TITLE].sheet_state == "hidden"
    assert workbook.active.title == layout.SHEET_TITLE


def test_the_table_is_set_in_a_chinese_font(printed):
    data, _, pdf, _ = printed("table")
    ws = load_workbook(BytesIO(data))[layout.SHEET_TITLE]
    for row in ws.iter_rows():
        for cell in row:
            if cell.value is not None:
                assert (cell.font.name, cell.font.charset) == ("宋体", 134), cell.coordinate
    used = fonts(pdf)
    # LibreOffice without 宋体 substitutes a Chinese font (here Noto Sans CJK), never the
    # workbook's default font.
    assert any("CJK" in name for name in used), used
    assert not any("Liberation" in name or "Carlito" in name for name in used), used
