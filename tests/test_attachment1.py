"""The Attachment 1 download."""

from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from certificates.attachment1 import COLUMNS, HEADER_ROW
from certificates.models import EvaluationOrganization
from certificates.text_metrics import display_width
from certificates.xlsx import set_text

pytestmark = pytest.mark.django_db

HEADERS = [
    "培训评价组织名称",
    "职业技能等级证书名称",
    "联系人",
    "办公电话",
    "手机",
    "传真",
    "电子邮箱",
    "通讯地址",
    "邮政编码",
]


def download(client):
    response = client.get(reverse("certificates:attachment1"))
    assert response.status_code == 200
    return response, load_workbook(BytesIO(response.content)).active


def test_it_downloads_without_login_as_xlsx(client, reference_data):
    response, _ = download(client)
    assert response["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    assert "attachment" in response["Content-Disposition"]
    assert ".xlsx" in response["Content-Disposition"]


def test_it_has_the_notices_columns_and_ten_rows(client, reference_data):
    _, ws = download(client)
    assert [c.value for c in ws[HEADER_ROW]] == HEADERS
    assert [c.header for c in COLUMNS] == HEADERS
    rows = list(ws.iter_rows(min_row=HEADER_ROW + 1, values_only=True))
    assert len(rows) == 10
    assert rows[6] == (
        "济南阳光大姐服务有限公司",
        "母婴护理",
        "李凯\n徐庆振",
        "0531-82903708\n0531-82902718",
        "15588816013\n13255690054",
        "0531-82902718",
        "jinanygdj@163.com",
        "山东省济南市市中区经十一路38号",
        "250002",
    )
    # The postcode keeps its leading zero: it is text, not a number.
    assert rows[8][8] == "065201"


def test_the_header_repeats_when_printed_and_the_page_is_set_up(client, reference_data):
    _, ws = download(client)
    assert ws.print_title_rows == f"${HEADER_ROW}:${HEADER_ROW}"
    assert ws.page_setup.orientation == "landscape"
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    assert ws.page_setup.fitToWidth == 1
    assert "&P" in ws.oddFooter.center.text and "&N" in ws.oddFooter.center.text


def test_column_widths_fit_the_text(client, reference_data):
    _, ws = download(client)
    for index, header in enumerate(HEADERS, start=1):
        letter = ws.cell(HEADER_ROW, index).column_letter
        width = ws.column_dimensions[letter].width
        longest = max(
            display_width(line)
            for row in ws.iter_rows(
                min_row=HEADER_ROW + 1, min_col=index, max_col=index, values_only=True
            )
            for line in str(row[0]).split("\n")
        )
        # Wide enough for the longest line, or wrapped within a generous maximum.
        assert width >= min(longest, 34), (header, width, longest)
        assert width <= 40


def test_text_that_looks_like_a_formula_stays_text(client, reference_data):
    org = EvaluationOrganization.objects.get(name="济南阳光大姐服务有限公司")
    org.address = '=HYPERLINK("http://evil.example","点我")'
    org.save()
    _, ws = download(client)
    cell = ws.cell(HEADER_ROW + 7, HEADERS.index("通讯地址") + 1)
    assert cell.data_type == "s"
    assert cell.value == org.address


@pytest.mark.parametrize("value", ["=1+1", "+1", "-1", "@SUM(A1)", "\t=1", "\r=1"])
def test_set_text_never_writes_a_formula(value):
    from openpyxl import Workbook

    ws = Workbook().active
    cell = set_text(ws["A1"], value)
    assert cell.data_type == "s"
    assert cell.quotePrefix


def test_the_download_is_404_before_reference_data_is_loaded(client, db):
    assert client.get(reverse("certificates:attachment1")).status_code == 404
