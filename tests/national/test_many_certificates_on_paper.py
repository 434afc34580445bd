"""The national workbook of a 400-certificate batch on paper: the matrix with a line per
certificate and the sheet of rows by certificate print one A4 landscape page wide, their header
row on every page, no word over another or across a gridline, every value printed."""

import pytest

from bench.data import national as fill_national
from bench.generated_batch import load_generated_batch
from filings.spreadsheet.national_workbook import build_national_workbook
from tests.filings.spreadsheet import paper
from tests.filings.spreadsheet.test_opens_in_libreoffice import soffice  # noqa: F401
from tests.national.conftest import CERTIFICATES
from tests.national.test_workbook_on_paper import assert_printed_whole

pytestmark = pytest.mark.django_db

_printed: dict[str, tuple] = {}


@pytest.fixture
def printed(soffice, units, tmp_path_factory):  # noqa: F811
    """(workbook bytes, pages), printed once: three rows a unit keep the pages few."""
    if "many" not in _printed:
        batch = load_generated_batch(number=3, certificates=CERTIFICATES)
        fill_national(batch, 3)
        data = build_national_workbook(batch, True)
        pdf = paper.print_pdf(soffice, data, tmp_path_factory.mktemp("national-many"))
        _printed["many"] = (data, paper.read_pdf(pdf))
    return _printed["many"]


def test_every_sheet_prints_one_landscape_page_wide_with_every_value(printed):
    data, pages = printed
    for page in pages:
        paper.assert_clean(page)
    expected = assert_printed_whole(data, pages)
    assert "证书×单位（行数）" in expected and "各证书试点行" in expected
    paper.assert_numbered(pages)
