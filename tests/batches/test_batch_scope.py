"""Every filing page exists once per batch: without a prefix for the open batch, under
/batches/<N>/ for an earlier one, which everyone may read and nobody may change."""

import html
import re

import pytest
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse

from certificates.models import Certificate
from filings.models import FilingState, PilotRow
from filings.services import FilingError, filing_accept, header_update

from ..filings import factories as f
from .conftest import client_for, third_batch

pytestmark = pytest.mark.django_db


def text(response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", html.unescape(response.content.decode())))


def flashed(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


@pytest.fixture
def earlier(second, unit):
    """Batch 2 with one row of the unit's, then batch 3 loaded beside it."""
    filing = f.make_filing(unit, second)
    f.make_row(filing)
    third_batch()
    return filing


def test_without_a_prefix_a_page_is_about_the_open_batch(earlier, unit):
    client = client_for(f.make_staff(unit))
    page = client.get("/units/420000/")
    assert page.status_code == 200
    assert page.context["filing"].batch.number == 3
    assert "已结束报送" not in text(page)


def test_under_the_prefix_a_page_is_about_the_earlier_batch_and_its_links_stay_there(earlier, unit):
    client = client_for(f.make_staff(unit))
    page = client.get("/batches/2/units/420000/")
    assert page.status_code == 200
    assert page.context["filing"] == earlier
    shown = text(page)
    assert "您在查看第二批1+X证书制度试点：该批次已结束报送" in shown
    body = page.content.decode()
    # The tabs and the switcher: the same unit in batch 2, and in the open batch.
    assert 'href="/batches/2/units/420000/rows/"' in body
    assert 'href="/units/420000/"' in body
    # The prefix is the request's only: code running after it builds plain URLs.
    assert reverse("filings:rows", args=["420000"]) == "/units/420000/rows/"


def test_the_earlier_batchs_table_is_shown_read_only(earlier, unit):
    client = client_for(f.make_staff(unit))
    rows = client.get("/batches/2/units/420000/rows/")
    assert rows.status_code == 200
    assert rows.context["can_edit"] is False
    assert "添加院校" not in text(rows)
    assert client.get("/batches/2/units/420000/export.xlsx").status_code == 200
    assert client.get("/batches/2/units/420000/print/").status_code == 200
    home = client.get("/batches/2/units/420000/").content.decode()
    # No step leads to a change: neither the header's form nor the submission.
    assert "/header/" not in home and "/submit/" not in home


@pytest.mark.parametrize(
    "path",
    ["header/", "schools/add/", "import/", "submit/", "rows/confirm/"],
)
def test_staff_may_not_change_an_earlier_batch(earlier, unit, path):
    client = client_for(f.make_staff(unit))
    response = client.post(f"/batches/2/units/420000/{path}", {"contact_name": "改"})
    assert response.status_code == 403
    assert "第二批1+X证书制度试点已结束报送" in text(response)
    assert PilotRow.objects.filter(filing=earlier).count() == 1


def test_the_services_refuse_to_change_an_earlier_batch(earlier, unit):
    staff = f.make_staff(unit)
    with pytest.raises(FilingError) as refused:
        header_update(
            filing=earlier,
            user=staff,
            contact_name="李",
            contact_phone="027-87328057",
            contact_email="li@hbe.gov.cn",
            expected_revision=earlier.revision,
        )
    assert refused.value.code == "batch_closed"
    assert "第三批" in refused.value.message


def test_a_reviewer_reads_an_earlier_batch_but_cannot_review_it(earlier, unit):
    earlier.state = FilingState.SUBMITTED
    earlier.save()
    reviewer = f.make_reviewer()
    client = client_for(reviewer)
    board = client.get("/batches/2/review/")
    assert board.status_code == 200 and board.context["batch"].number == 2
    assert "催报" not in text(board)
    assert client.get("/review/").context["batch"].number == 3
    national = client.get("/batches/2/review/national.xlsx")
    assert national.status_code == 200
    home = text(client.get("/batches/2/units/420000/"))
    assert "确认汇总表" not in home
    with pytest.raises(FilingError):
        filing_accept(filing=earlier, user=reviewer)
    response = client.post("/batches/2/units/420000/review/accept/", follow=True)
    assert any("已结束" in m for m in flashed(response)) or "已结束" in text(response)
    earlier.refresh_from_db()
    assert earlier.state == FilingState.SUBMITTED


def test_reminders_are_refused_in_an_earlier_batch(earlier, unit):
    client = client_for(f.make_reviewer())
    response = client.post("/batches/2/review/remind/", follow=True)
    assert any("已结束" in m for m in flashed(response)) or "已结束" in text(response)


def test_another_units_staff_get_a_404_in_every_batch(earlier, other_unit):
    client = client_for(f.make_staff(other_unit))
    assert client.get("/batches/2/units/420000/").status_code == 404
    assert client.get("/units/420000/").status_code == 404


def test_a_batch_that_does_not_exist_is_a_404(earlier, unit):
    client = client_for(f.make_staff(unit))
    response = client.get("/batches/9/units/420000/")
    assert response.status_code == 404
    assert "页面不存在" in text(response)


def test_logged_out_the_login_comes_back_to_the_earlier_batch(earlier):
    response = Client().get("/batches/2/units/420000/rows/")
    assert response.status_code == 302
    assert response["Location"].endswith("?next=/batches/2/units/420000/rows/")


def test_the_open_batch_is_still_editable_beside_the_earlier_one(earlier, unit):
    client = client_for(f.make_staff(unit))
    response = client.post(
        "/units/420000/header/",
        {
            "contact_name": "张敏",
            "contact_phone": "027-87328057",
            "contact_email": "zm@hbe.gov.cn",
        },
    )
    assert response.status_code in (200, 302)
    assert client.get("/units/420000/").context["can_edit"] is True


def test_beside_a_table_of_hundreds_of_certificates_only_those_piloted_are_listed(second, unit):
    batch = third_batch(25)
    filing = f.make_filing(unit, batch)
    f.make_row(filing, cert=Certificate.objects.get(batch=batch, position=7))
    client = client_for(f.make_staff(unit))
    shown = text(client.get("/units/420000/"))
    assert "测试证书0007" in shown and "测试证书0008" not in shown
    assert "24 个证书尚无试点行" in shown
    # The second batch's ten are all listed, as before.
    assert "云计算平台运维与开发" in text(client.get("/batches/2/units/420000/"))


def test_beside_a_table_piloting_many_certificates_the_most_piloted_are_listed(second, unit):
    batch = third_batch(25)
    filing = f.make_filing(unit, batch)
    for position in range(1, 18):
        f.make_row(
            filing,
            school=f.make_school(filing, f"测试学院{position}"),
            cert=Certificate.objects.get(batch=batch, position=position),
        )
    f.make_row(filing, cert=Certificate.objects.get(batch=batch, position=17))
    shown = text(client_for(f.make_staff(unit)).get("/units/420000/"))
    assert "按行数列出前 15 个证书。另有 2 个证书有试点行，8 个证书尚无试点行" in shown
    # The most piloted first: 测试证书0017 has two rows.
    assert shown.index("测试证书0017") < shown.index("测试证书0001")
