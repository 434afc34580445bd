"""Attachment 1 on paper: it shares the print helpers with Attachment 2 (certificates.xlsx),
so it is printed with LibreOffice and read back the same way."""

from io import BytesIO

import pytest
from openpyxl import load_workbook

from certificates.attachment1 import COLUMNS, HEADER_ROW, build_attachment1

from . import paper
from .test_opens_in_libreoffice import soffice  # noqa: F401 (fixture)

pytestmark = pytest.mark.django_db


def test_attachment1_prints_whole_without_overlaps(soffice, reference_data, tmp_path):  # noqa: F811
    data = build_attachment1(reference_data)
    pages = paper.read_pdf(paper.print_pdf(soffice, data, tmp_path))
    ws = load_workbook(BytesIO(data)).active
    expected = [
        [paper.compact(v) for v in row]
        for row in ws.iter_rows(min_row=HEADER_ROW + 1, max_col=len(COLUMNS), values_only=True)
    ]
    paper.assert_numbered(pages)
    printed = []
    for page in pages:
        paper.assert_clean(page)
        rows = paper.table_rows(page)
        assert rows[0] == [paper.compact(c.header) for c in COLUMNS]
        printed += rows[1:]
    assert printed == expected
