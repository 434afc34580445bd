"""seed_demo --batch N fills any batch from its own certificates (issue #13): a generated batch
of 400 certificates beside the second one, whose filings it never touches."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from bench.generated_batch import load_generated_batch
from certificates.reference import LoadReport
from filings.models import Filing, PilotRow
from filings.reference import load_units


def run(*args) -> str:
    out = StringIO()
    call_command("seed_demo", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def two_batches(reference_data, settings, tmp_path):
    """The second batch with its demo, then a generated third batch of 400 certificates."""
    settings.MEDIA_ROOT = tmp_path / "media"
    load_units(LoadReport())
    run("--rows", "200", "--seed", "5")
    return reference_data, load_generated_batch(number=3, certificates=400)


def snapshot(batch) -> tuple:
    """Everything of a batch's filings the demo could change."""
    batch.refresh_from_db()
    filings = Filing.objects.filter(batch=batch).order_by("pk")
    rows = PilotRow.objects.filter(filing__batch=batch).order_by("pk")
    return (
        batch.filing_deadline,
        list(filings.values_list("pk", "state", "revision", "updated_at", "open_errors")),
        list(rows.values_list("pk", "certificate_id", "majors", "student_count", "school_id")),
    )


def test_a_generated_batch_is_filled_from_its_own_certificates(two_batches):
    second, third = two_batches
    before = snapshot(second)
    text = run("--batch", "3", "--rows", "330", "--seed", "9")

    assert f"批次：{third.name}" in text
    assert "演示数据已生成" in text
    rows = list(PilotRow.objects.filter(filing__batch=third).select_related("certificate"))
    assert 300 <= len(rows) <= 400
    assert {row.certificate.batch_id for row in rows} == {third.pk}
    # Spread over the batch's 400 certificates, not piled on a few.
    assert len({row.certificate_id for row in rows}) > 150
    assert snapshot(second) == before


def test_each_unit_covers_many_certificates_with_the_batchs_enrolment_years(two_batches):
    _, third = two_batches
    run("--batch", "3", "--rows", "660", "--seed", "9")

    assert third.issued_on.year == 2026
    for filing in Filing.objects.filter(batch=third, rows__isnull=False).distinct():
        rows = list(filing.rows.all())
        assert len({row.certificate_id for row in rows}) >= 0.8 * len(rows), filing.unit
        for row in rows:
            assert {tuple(major["years"]) for major in row.majors} == {(2024, 2025, 2026)}
        assert filing.open_errors == 0, filing.unit


def test_replacing_a_batchs_demo_leaves_the_other_batch_alone(two_batches):
    second, third = two_batches
    before = snapshot(second)
    run("--batch", "3", "--rows", "100")
    with pytest.raises(CommandError, match="已有汇总表数据"):
        run("--batch", "3", "--rows", "100")
    first_rows = set(PilotRow.objects.filter(filing__batch=third).values_list("pk", flat=True))

    run("--batch", "3", "--rows", "120", "--seed", "3", "--replace")

    again = set(PilotRow.objects.filter(filing__batch=third).values_list("pk", flat=True))
    assert again and not again & first_rows
    assert snapshot(second) == before


def test_without_batch_the_current_batch_is_filled(two_batches):
    second, third = two_batches
    before = snapshot(second)
    run("--rows", "100")
    assert PilotRow.objects.filter(filing__batch=third).exists()
    assert snapshot(second) == before


def test_an_unknown_batch_is_refused_in_chinese(two_batches):
    with pytest.raises(CommandError) as refused:
        run("--batch", "7", "--rows", "100")
    message = str(refused.value)
    assert "没有第 7 批" in message
    assert "第二批（2）、第三批（3）" in message
    assert not Filing.objects.filter(batch__number=7).exists()


def test_an_earlier_batchs_demo_is_not_replaced_and_the_current_batch_is_left_alone(
    two_batches,
):
    second, third = two_batches
    run("--batch", "3", "--rows", "100")
    before = snapshot(third), snapshot(second)

    with pytest.raises(CommandError, match="第二批1\\+X证书制度试点已结束报送"):
        run("--batch", "2", "--rows", "150", "--seed", "4", "--replace")

    assert (snapshot(third), snapshot(second)) == before
    rows = PilotRow.objects.filter(filing__batch=third).select_related("certificate")
    assert {row.certificate.batch_id for row in rows} == {third.pk}
