"""Benchmark data: every unit of a batch with exactly N rows, most filings accepted. Each
function takes the batch it fills, so that the second batch's cases and the scale scenario
(a generated batch of 400 certificates beside it) never touch each other's filings."""

from certificates.models import Batch
from filings.demo import fill_filing
from filings.models import Filing, FilingState, SubmittingUnit


def second_batch() -> Batch:
    """The real second batch (load_reference_data), which the 10-certificate cases fill."""
    return Batch.objects.get(number=2)


def national(batch: Batch, rows_per_unit: int) -> int:
    """33 units × rows_per_unit rows in `batch`; two thirds accepted, the rest submitted."""
    Filing.objects.filter(batch=batch).delete()
    total = 0
    for index, unit in enumerate(SubmittingUnit.objects.order_by("code")):
        filing = Filing.objects.create(
            unit=unit,
            batch=batch,
            contact_name="张敏",
            contact_phone="027-87328057",
            contact_email="bench@example.cn",
            state=FilingState.ACCEPTED if index % 3 else FilingState.SUBMITTED,
        )
        written, _ = fill_filing(filing, rows_per_unit, seed=index)
        total += written
    return total


def unit_filing(batch: Batch, code: str, rows: int) -> Filing:
    """One unit's draft filing in `batch` with exactly `rows` rows."""
    unit = SubmittingUnit.objects.get(code=code)
    Filing.objects.filter(batch=batch, unit=unit).delete()
    filing = Filing.objects.create(
        unit=unit,
        batch=batch,
        contact_name="张敏",
        contact_phone="027-87328057",
        contact_email="bench@example.cn",
    )
    fill_filing(filing, rows, seed=rows)
    filing.refresh_from_db()
    return filing
