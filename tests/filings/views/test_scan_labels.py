"""What the scan page says of each scan, of who uploaded it, of its digest and of the stamp."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import User
from django.utils import timezone

from filings import access
from filings.models import Filing, FilingState, StampedScan, UnitKind
from filings.selectors import SCAN_BEFORE_RETURN, SCAN_CURRENT, SCAN_REPLACED
from filings.services import filing_return, scan_upload

from .. import factories as f
from .helpers import client_for, page, url

pytestmark = pytest.mark.django_db


def upload(client, code="420000", kind="pdf"):
    return client.post(url("scan", code), {"file": f.scan_file(kind)})


def test_a_second_scan_in_a_draft_replaces_the_first_without_speaking_of_a_return(
    staff_client, filing
):
    upload(staff_client)
    upload(staff_client, kind="png")
    html = page(staff_client.get(url("scan", "420000")))
    assert SCAN_BEFORE_RETURN not in html
    assert SCAN_CURRENT in html
    assert SCAN_REPLACED in html


def test_a_scan_uploaded_before_the_filing_was_returned_must_be_uploaded_again(
    staff_client, staff, reviewer, filing
):
    earlier = timezone.now() - timedelta(hours=2)
    scan_upload(filing=filing, user=staff, uploaded=f.scan_file(), now=earlier)
    Filing.objects.filter(pk=filing.pk).update(state=FilingState.SUBMITTED, submitted_at=earlier)
    filing_return(filing=filing, user=reviewer, reason="请补充佐证材料")
    html = page(staff_client.get(url("scan", "420000")))
    assert SCAN_BEFORE_RETURN in html
    assert SCAN_CURRENT not in html


def test_a_scan_without_a_recorded_uploader_says_so_instead_of_none(staff_client, filing):
    # Demonstration data made before the demo accounts, or an account deleted since.
    scan_upload(filing=filing, user=None, uploaded=f.scan_file())
    assert StampedScan.objects.get().uploaded_by is None
    html = page(staff_client.get(url("scan", "420000")))
    assert "上传人：未记录" in html
    assert "None" not in html


def test_the_uploader_is_named_and_the_time_is_beijing_time(staff_client, filing):
    upload(staff_client)
    scan = StampedScan.objects.get()
    html = page(staff_client.get(url("scan", "420000")))
    assert "上传人：张敏" in html
    beijing = timezone.localtime(scan.uploaded_at, timezone.get_default_timezone())
    assert f"{beijing:%Y-%m-%d %H:%M}（北京时间）" in html


def test_staff_do_not_see_the_digest_reviewers_do(staff_client, reviewer_client, filing):
    upload(staff_client)
    digest = StampedScan.objects.get().sha256
    assert digest not in page(staff_client.get(url("scan", "420000")))
    assert "SHA-256" not in page(staff_client.get(url("scan", "420000")))
    assert digest in page(reviewer_client.get(url("scan", "420000")))
    # The history's note of the upload likewise.
    assert digest not in page(staff_client.get(url("history", "420000")))
    assert "对应表格版本 1" in page(staff_client.get(url("history", "420000")))
    assert digest in page(reviewer_client.get(url("history", "420000")))


def test_only_reviewers_and_administrators_may_see_digests(staff, reviewer, outsider):
    admin = User.objects.create_superuser("admin", "admin@example.cn", "pw-admin-2019")
    assert access.can_see_hashes(reviewer)
    assert access.can_see_hashes(admin)
    assert not access.can_see_hashes(staff)
    assert not access.can_see_hashes(outsider)


@pytest.mark.parametrize(
    ("code", "name", "kind", "stamp"),
    [
        ("420000", "湖北省", UnitKind.PROVINCE, "加盖省级教育行政部门公章（省厅公章）"),
        ("660000", "新疆生产建设兵团", UnitKind.CORPS, "加盖新疆生产建设兵团教育局公章"),
        ("900000", "国家开放大学", UnitKind.OPEN_UNIVERSITY, "加盖国家开放大学公章"),
    ],
)
def test_the_stamp_is_named_for_the_kind_of_unit(batch, code, name, kind, stamp):
    unit = f.make_unit(code, name, kind)
    f.make_filing(unit, batch)
    html = page(client_for(f.make_staff(unit)).get(url("scan", code)))
    assert stamp in html
    if kind != UnitKind.PROVINCE:
        assert "省厅" not in html


def test_the_scan_page_explains_the_table_version(staff_client, filing):
    html = page(staff_client.get(url("scan", "420000")))
    assert "表格版本：汇总表的修改次数编号" in html
