from django.core.management.base import BaseCommand
from django.db import transaction

from certificates.reference import load_reference_data
from filings.reference import load_units


class Command(BaseCommand):
    help = (
        "Load the notice's reference data from fixtures/: batches, certificates, evaluation "
        "organizations and contacts, and the 33 submitting units. Idempotent; values edited "
        "elsewhere are restored and reported (a batch's deadline is reported, not restored)."
    )

    @transaction.atomic
    def handle(self, *args, **options) -> None:
        report = load_reference_data()
        load_units(report)
        for line in report.lines():
            self.stdout.write(line)
        if report.changed:
            self.stdout.write(
                self.style.SUCCESS(
                    f"参考数据已与通知一致：新增 {len(report.created)} 项，"
                    f"恢复 {len(report.restored)} 项，删除 {len(report.removed)} 项。"
                )
            )
        else:
            self.stdout.write(self.style.SUCCESS("参考数据与通知一致，无需更改。"))
