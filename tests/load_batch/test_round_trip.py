"""The second batch, exported as the portal's Attachment 1 and loaded back, is the fixture's
batch: certificates in order, organizations, contacts, phones, e-mails, addresses, postcodes."""

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from certificates.attachment1 import build_attachment1
from certificates.batch_loading import load_batch
from certificates.models import (
    Batch,
    Certificate,
    EvaluationOrganization,
    NoticeContact,
    OrganizationContact,
)

from .builder import everything, fixture_batch2, fixture_details, snapshot

pytestmark = pytest.mark.django_db


def remove_batch(batch: Batch) -> None:
    Certificate.objects.filter(batch=batch).delete()
    OrganizationContact.objects.all().delete()
    EvaluationOrganization.objects.all().delete()
    NoticeContact.objects.filter(batch=batch).delete()
    batch.delete()


def expected_from_fixture() -> dict:
    data = fixture_batch2()
    for cert in data["certificates"]:
        # The export names certificates as section 一 does: Attachment 1's other wording
        # (`失智老年人`) is not in it, so a batch loaded from it has none.
        del cert["attachment1_name"]
    return {"batch": data["batch"], "certificates": data["certificates"]}


def test_the_exported_second_batch_loads_back_as_the_fixtures(reference_data):
    content = build_attachment1(reference_data)
    remove_batch(reference_data)

    result = load_batch(content, fixture_details(fixture_batch2()))

    assert result.problems == []
    assert snapshot(2) == expected_from_fixture()
    names = [c["organization"]["name"] for c in fixture_batch2()["certificates"]]
    assert list(EvaluationOrganization.objects.values_list("name", flat=True)) == names


def test_loading_the_export_over_the_fixtures_batch_changes_nothing(reference_data):
    before = everything()
    result = load_batch(build_attachment1(reference_data), fixture_details(fixture_batch2()))
    assert result.problems == []
    assert not result.report.changed
    assert everything() == before
    # Attachment 1's own wording, which the export does not carry, is kept.
    assert Certificate.objects.get(name="失智老年人照护").attachment1_name == "失智老年人"


def test_the_commands_round_trip_and_a_second_run_says_nothing_changed(
    reference_data, tmp_path: Path
):
    path = tmp_path / "a1.xlsx"
    out = StringIO()
    call_command("export_attachment1", "--batch", "2", "--output", str(path), stdout=out)
    assert "10 个证书" in out.getvalue()
    remove_batch(reference_data)
    batch = fixture_batch2()["batch"]
    args = [
        str(path),
        "--number=2",
        f"--name={batch['name']}",
        f"--notice-number={batch['notice_number']}",
        f"--notice-title={batch['notice_title']}",
        f"--issued-on={batch['issued_on']}",
        "--deadline=2019-09-20 23:59",
    ]
    first = StringIO()
    call_command("load_batch", *args, stdout=first)
    assert "已载入第 2 批（10 个证书、10 个培训评价组织）" in first.getvalue()
    assert "按初级、中级、高级三个等级载入" in first.getvalue()
    assert snapshot(2) == expected_from_fixture()
    before = everything()

    second = StringIO()
    call_command("load_batch", *args, stdout=second)
    assert "第 2 批已载入，与文件一致，未作改动" in second.getvalue()
    assert "新增" not in second.getvalue()
    assert everything() == before


def test_a_title_naming_another_batch_is_refused(reference_data):
    details = fixture_details(fixture_batch2())
    details = type(details)(**{**details.__dict__, "number": 3, "name": "第三批（测试）"})

    result = load_batch(build_attachment1(reference_data), details)

    assert result.problems == [
        "表格标题“第二批培训评价组织联系人信息表”是第二批的，而要载入的是第三批（--number 3）。"
    ]
    assert Batch.objects.count() == 1
