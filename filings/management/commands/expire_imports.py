from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from filings.spreadsheet.reading import expire_abandoned


class Command(BaseCommand):
    help = (
        "Remove the uploaded Attachment 2 files of import previews that nobody confirmed or "
        "cancelled, older than --hours (default IMPORT_KEEP_HOURS). Every upload does this "
        "too; run it from cron so that the files also go when nobody uploads."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--hours", type=float, help="age in hours (default: IMPORT_KEEP_HOURS)")

    def handle(self, *args, hours: float | None, **options) -> None:
        if hours is not None and hours < 0:
            raise CommandError("--hours 不能为负数。")
        hours = settings.IMPORT_KEEP_HOURS if hours is None else hours
        removed = expire_abandoned(hours=hours)
        for name in removed:
            self.stdout.write(f"删除 {name}")
        self.stdout.write(f"已删除 {len(removed)} 个超过 {hours:g} 小时未确认的导入文件。")
