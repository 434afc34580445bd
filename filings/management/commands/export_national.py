from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from certificates.models import Batch
from filings.national import included_filings
from filings.spreadsheet.national_workbook import build_national_workbook


class Command(BaseCommand):
    help = (
        "Write the national workbook (all rows of the included units, each unit's summary, "
        "each certificate, the unit × certificate matrix). Accepted filings only, unless "
        "--include-submitted."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--batch", type=int, help="batch number (default: the current one)")
        parser.add_argument("--include-submitted", action="store_true")
        parser.add_argument("--output", required=True, help="the .xlsx file to write")

    def handle(self, *args, batch: int | None, include_submitted: bool, output: str, **options):
        found = Batch.objects.filter(number=batch).first() if batch else Batch.objects.current()
        if found is None:
            raise CommandError("没有找到该批次：请先运行 python manage.py load_reference_data。")
        path = Path(output)
        try:
            path.write_bytes(build_national_workbook(found, include_submitted))
        except OSError as error:
            raise CommandError(f"无法写入“{path}”：{error.strerror}") from None
        units = included_filings(found, include_submitted).count()
        scope = "已确认和已提交" if include_submitted else "已确认"
        self.stdout.write(self.style.SUCCESS(f"已导出全国汇总（{scope}，{units} 个单位）到 {path}"))
