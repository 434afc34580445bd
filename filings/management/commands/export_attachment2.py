from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from filings.commandline import unit_filing
from filings.spreadsheet.export import build_attachment2


class Command(BaseCommand):
    help = "Write a unit's Attachment 2 (the batch's 试点院校情况汇总表) as .xlsx."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--unit", required=True, help="unit code, e.g. 420000")
        parser.add_argument("--batch", type=int, help="batch number (default: the current one)")
        parser.add_argument("--output", required=True, help="the .xlsx file to write")

    def handle(self, *args, unit: str, batch: int | None, output: str, **options) -> None:
        filing = unit_filing(unit, batch)
        path = Path(output)
        try:
            path.write_bytes(build_attachment2(filing))
        except OSError as error:
            raise CommandError(f"无法写入“{path}”：{error.strerror}") from None
        self.stdout.write(
            self.style.SUCCESS(
                f"已导出{filing.unit.name}的汇总表（表格版本 {filing.revision}，"
                f"{filing.rows.count()} 行）到 {path}"
            )
        )
