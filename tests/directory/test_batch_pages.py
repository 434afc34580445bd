"""A certificate's page names its batch; each batch's Attachment 1 downloads on its own."""

from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from certificates.attachment1 import HEADER_ROW
from certificates.models import Certificate

from .conftest import ATTACHMENT1

pytestmark = pytest.mark.django_db


def certificate_names(response) -> tuple[str, list[str]]:
    """The workbook's title and the certificate of each row."""
    assert response.status_code == 200
    ws = load_workbook(BytesIO(response.content)).active
    names = [row[1] for row in ws.iter_rows(min_row=HEADER_ROW + 1, values_only=True)]
    return ws.cell(1, 1).value, names


def test_each_batch_downloads_its_own_rows(client, batch3):
    title, names = certificate_names(client.get(ATTACHMENT1, {"batch": "2"}))
    assert title == "第二批培训评价组织联系人信息表"
    assert len(names) == 10 and names[0] == "电子商务数据分析"
    title, names = certificate_names(client.get(ATTACHMENT1, {"batch": "3"}))
    assert title == "第三批培训评价组织联系人信息表"
    assert names == [f"测试证书{i:04d}" for i in range(1, 401)]


def test_the_download_without_a_batch_is_the_open_batchs(client, batch3):
    title, names = certificate_names(client.get(ATTACHMENT1))
    assert title == "第三批培训评价组织联系人信息表" and len(names) == 400


def test_the_file_name_names_the_batch(client, batch3):
    response = client.get(ATTACHMENT1, {"batch": "2"})
    assert "%E7%AC%AC%E4%BA%8C%E6%89%B9" in response["Content-Disposition"]  # 第二批


@pytest.mark.parametrize("raw", ["4", "x"])
def test_an_unknown_batchs_download_is_404_with_a_chinese_message(client, batch3, raw):
    response = client.get(ATTACHMENT1, {"batch": raw})
    assert response.status_code == 404
    assert "现有批次：第三批、第二批。" in response.content.decode()


@pytest.mark.parametrize(("number", "name"), [(2, "母婴护理"), (3, "测试证书0123")])
def test_a_certificates_page_names_its_batch(client, batch3, number, name):
    certificate = Certificate.objects.get(batch__number=number, name=name)
    html = client.get(reverse("certificates:detail", args=[certificate.pk])).content.decode()
    assert f"所属批次：{certificate.batch.name}（{certificate.batch.notice_number}" in html
    assert f'href="/directory/?batch={number}"' in html
    assert f"attachment1.xlsx?batch={number}" in html


def test_a_certificates_page_takes_a_fixed_number_of_queries(
    client, batch3, django_assert_max_num_queries
):
    certificate = Certificate.objects.get(batch__number=3, name="测试证书0400")
    with django_assert_max_num_queries(4):
        client.get(reverse("certificates:detail", args=[certificate.pk]))
