"""The 33 submitting units, loaded from fixtures/units.json like the rest of the reference data."""

import json
from pathlib import Path

from django.conf import settings
from django.db import transaction

from certificates.models import Batch
from certificates.reference import LoadReport

from .models import Filing, SubmittingUnit

UNITS_FILE = Path(settings.BASE_DIR) / "fixtures" / "units.json"


@transaction.atomic
def load_units(report: LoadReport, path: Path = UNITS_FILE) -> None:
    """Create or restore every unit by its code. Units are never deleted here: filings hang
    on them."""
    data = json.loads(path.read_text("utf-8"))
    for item in data["units"]:
        unit = SubmittingUnit.objects.filter(code=item["code"]).first()
        if unit is None:
            unit = SubmittingUnit(code=item["code"], name=item["name"], kind=item["kind"])
            unit.full_clean()
            unit.save()
            report.created.append(f"报送单位 {item['code']} {item['name']}")
            continue
        changed = [
            f"{SubmittingUnit._meta.get_field(k).verbose_name}“{getattr(unit, k)}”→“{item[k]}”"
            for k in ("name", "kind")
            if getattr(unit, k) != item[k]
        ]
        if changed:
            unit.name, unit.kind = item["name"], item["kind"]
            unit.full_clean()
            unit.save()
            report.restored.append(f"报送单位 {item['code']}（{'；'.join(changed)}）")
    ensure_filings()
    listed = {item["code"] for item in data["units"]}
    for extra in SubmittingUnit.objects.exclude(code__in=listed):
        report.kept.append(f"报送单位 {extra.code} {extra.name} 不在参考数据中（未删除）")


def ensure_filings() -> int:
    """Every unit has its (empty) filing of the current batch from the start, so that
    reading a unit's pages never has to create one."""
    batch = Batch.objects.current()
    if batch is None:
        return 0
    have = set(Filing.objects.filter(batch=batch).values_list("unit_id", flat=True))
    missing = [
        Filing(unit=unit, batch=batch) for unit in SubmittingUnit.objects.exclude(pk__in=have)
    ]
    Filing.objects.bulk_create(missing)
    return len(missing)
