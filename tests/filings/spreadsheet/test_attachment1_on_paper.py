"""Attachment 1 on paper: it shares the print helpers with Attachment 2 (certificates.xlsx),
so it is printed with LibreOffice and read back the same way."""

from io import BytesIO

import pytest
from openpyxl import load_workbook

from certificates.attachment1 import COLUMNS, HEADER_ROW, build_attachment1

from .paper import (
    PAGE_NUMBER,
    compact,
    overlapping_words,
    print_pdf,
    read_pdf,
    table_rows,
    words_across_rules,
)
from .test_opens_in_libreoffice import soffice  # noqa: F401 (fixture)

pytestmark = pytest.mark.django_db


def test_attachment1_prints_whole_without_overlaps(soffice, reference_data, tmp_path):  # noqa: F811
    data = build_attachment1(reference_data)
    pages = read_pdf(print_pdf(soffice, data, tmp_path))
    ws = load_workbook(BytesIO(data)).active
    expected = [
        [compact(v) for v in row]
        for row in ws.iter_rows(min_row=HEADER_ROW + 1, max_col=len(COLUMNS), values_only=True)
    ]
    printed = []
    for page in pages:
        assert not overlapping_words(page), page.number
        assert not words_across_rules(page), page.number
        number = PAGE_NUMBER.search(page.footer())
        assert number and (int(number[1]), int(number[2])) == (page.number, len(pages))
        rows = table_rows(page)
        assert rows[0] == [compact(c.header) for c in COLUMNS]
        printed += rows[1:]
    assert printed == expected
