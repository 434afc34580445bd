"""Benchmark data: every unit with exactly N rows, most filings accepted."""

from certificates.models import Batch
from filings.demo import fill_filing
from filings.models import Filing, FilingState, SubmittingUnit


def national(rows_per_unit: int) -> int:
    """33 units × rows_per_unit rows; two thirds accepted, the rest submitted."""
    batch = Batch.objects.current()
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


def unit_filing(code: str, rows: int) -> Filing:
    """One unit's draft filing with exactly `rows` rows."""
    batch = Batch.objects.current()
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
