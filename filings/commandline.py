"""What the filing commands share: finding the unit's filing from the command line."""

from django.core.management.base import CommandError

from certificates.models import Batch

from .access import filing_for_unit
from .models import Filing, SubmittingUnit


def unit_filing(code: str, batch_number: int | None) -> Filing:
    unit = SubmittingUnit.objects.filter(code=code).first()
    if unit is None:
        raise CommandError(f"没有代码为“{code}”的报送单位（如 420000 为湖北省）。")
    if batch_number is None:
        batch = Batch.objects.current()
    else:
        batch = Batch.objects.filter(number=batch_number).first()
    if batch is None:
        raise CommandError("没有找到该批次：请先运行 python manage.py load_reference_data。")
    return filing_for_unit(unit, batch)
