"""What the notice states per batch is data on the batch: the words that name it in
Attachment 2 (filled from its number when blank, the fixture's for the second batch, kept by
a reload), and the concentration thresholds, all shown and edited in the admin."""

from datetime import date, datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from bench.generated_batch import load_generated_batch
from certificates.models import Batch

pytestmark = pytest.mark.django_db


def test_blank_words_are_filled_from_the_number():
    batch = Batch.objects.create(
        number=12,
        name="第十二批",
        notice_number="测试〔2026〕12号",
        notice_title="测试",
        issuer="测试",
        issued_on=date(2026, 1, 5),
        filing_deadline=datetime.fromisoformat("2026-12-31T23:59:59+08:00"),
    )
    assert batch.ordinal == "第十二批"
    assert batch.attachment2_title == "第十二批1+X证书制度试点院校情况汇总表"


def test_the_fixture_gives_the_second_batch_the_notices_words(reference_data):
    assert reference_data.ordinal == "第二批"
    assert reference_data.attachment2_title == "第二批1+X证书制度试点院校情况汇总表"


def test_load_reference_data_restores_the_notices_title(reference_data):
    Batch.objects.filter(pk=reference_data.pk).update(attachment2_title="改过的标题")
    out = StringIO()
    call_command("load_reference_data", stdout=out)
    reference_data.refresh_from_db()
    assert reference_data.attachment2_title == "第二批1+X证书制度试点院校情况汇总表"
    assert "改过的标题" in out.getvalue()


def test_loading_a_batch_again_keeps_words_and_thresholds_set_in_the_admin(reference_data):
    third = load_generated_batch(number=3, certificates=6)
    Batch.objects.filter(pk=third.pk).update(ordinal="第3批", concentration_min_rows=20)
    third = load_generated_batch(number=3, certificates=6)
    assert (third.ordinal, third.concentration_min_rows) == ("第3批", 20)
    assert third.attachment2_title == "第三批1+X证书制度试点院校情况汇总表"


def test_the_admin_shows_and_edits_them(admin_client, reference_data):
    html = admin_client.get(
        reverse("admin:certificates_batch_change", args=[reference_data.pk])
    ).content.decode()
    for label in (
        "批次简称",
        "附件2标题",
        "集中提示的最少试点行数",
        "最大证书占比上限",
        "集中度指数上限",
    ):
        assert label in html
    assert 'value="第二批1+X证书制度试点院校情况汇总表"' in html


def test_loading_a_new_batch_says_what_it_was_given(reference_data):
    from bench.generated_batch import attachment1_bytes, generated_details
    from certificates.batch_loading import load_batch

    result = load_batch(attachment1_bytes(3, 6), generated_details(3, 6), dry_run=True)
    assert (
        "附件2标题为“第三批1+X证书制度试点院校情况汇总表”，“总体情况”各项以“第三批”开头；"
        "试点过于集中的提示：不少于 10 行，最大证书占比超过 40% 或集中度指数超过 0.25。"
        "如与通知不同，请在管理后台修改。"
    ) in result.notes
    load_generated_batch(number=3, certificates=6)
    again = load_batch(attachment1_bytes(3, 6), generated_details(3, 6), dry_run=True)
    assert again.problems == []
    assert not [note for note in again.notes if note.startswith("附件2标题")]
