"""A table's title is checked against the batch being filed: a table whose title names another
batch is refused, naming both, by the importer and the upload page, and changes nothing; a
title naming no batch imports as before."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from certificates.upload_guard import RefusedFile
from filings.models import PilotRow
from filings.spreadsheet.importer import read_attachment2

from .. import factories as f
from . import workbooks as w

pytestmark = pytest.mark.django_db

THIRD = "第三批1+X证书制度试点院校情况汇总表"
REFUSED = (
    f"表格标题为“{THIRD}”，而当前报送的是第二批（第二批1+X证书制度试点院校情况汇总表）。"
    "请确认上传的是第二批的汇总表。"
)


def table(title: str | None) -> bytes:
    return w.province_table([w.row()], title=title).data


def test_a_third_batch_table_is_refused_naming_both_batches(batch, unit):
    with pytest.raises(RefusedFile) as refused:
        read_attachment2(table(THIRD), batch=batch, unit=unit)
    assert refused.value.message == REFUSED


@pytest.mark.parametrize("title", ["第3批1+X证书制度试点院校情况汇总表", " 第 一 批试点汇总表"])
def test_a_batch_written_in_digits_or_with_spaces_is_read(batch, unit, title):
    with pytest.raises(RefusedFile, match="而当前报送的是第二批"):
        read_attachment2(table(title), batch=batch, unit=unit)


@pytest.mark.parametrize(
    "title", [w.TITLE, "1+X证书制度试点院校情况汇总表", "湖北省试点院校汇总", None]
)
def test_a_title_of_this_batch_or_of_none_imports(batch, unit, title):
    result = read_attachment2(table(title), batch=batch, unit=unit)
    assert len(result.rows) == 1 and not result.blocking


def test_the_upload_page_refuses_it_and_changes_nothing(filing, media_root):
    f.make_row(filing)
    client = Client()
    client.force_login(f.make_staff(filing.unit))
    response = client.post(
        reverse("filings:import", args=[filing.unit.code]),
        {"file": SimpleUploadedFile("附件2.xlsx", table(THIRD))},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["file"] == [REFUSED]
    assert PilotRow.objects.filter(filing=filing).count() == 1
