from django.core.management.base import BaseCommand

from certificates.reference import load_reference_data


class Command(BaseCommand):
    help = (
        "Load the notice's reference data (batches, certificates, evaluation organizations, "
        "contacts) from fixtures/. Idempotent; values edited elsewhere are restored and reported."
    )

    def handle(self, *args, **options) -> None:
        report = load_reference_data()
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
