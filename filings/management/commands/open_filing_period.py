from datetime import timedelta

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from certificates.models import Batch


class Command(BaseCommand):
    help = (
        "Move a batch's filing deadline to the end of the day N days from today (Beijing time), "
        "so that the portal can be tried long after 2019. Never run this on a real server: the "
        "notice's deadline is 2019-09-20."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--days", type=int, default=30)
        parser.add_argument("--batch", type=int, help="batch number (default: the current batch)")

    def handle(self, *args, days: int, batch: int | None, **options) -> None:
        if days < 0:
            raise CommandError("--days 不能为负数。")
        found = Batch.objects.filter(number=batch).first() if batch else Batch.objects.current()
        if found is None:
            raise CommandError("没有找到该批次：请先运行 python manage.py load_reference_data。")
        today = timezone.localdate()
        end = timezone.make_aware(
            timezone.datetime.combine(today + timedelta(days=days), timezone.datetime.max.time())
        ).replace(microsecond=0)
        found.filing_deadline = end
        found.save(update_fields=["filing_deadline"])
        self.stdout.write(
            self.style.SUCCESS(
                f"{found.name}的报送截止时间已改为 {end:%Y-%m-%d %H:%M}（北京时间）。"
            )
        )
