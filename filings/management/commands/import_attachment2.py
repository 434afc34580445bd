import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from certificates.upload_guard import RefusedFile
from filings.commandline import unit_filing
from filings.services import FilingError, filing_import
from filings.spreadsheet.importer import read_attachment2


class Command(BaseCommand):
    help = (
        "Import an Attachment 2 workbook into a unit's filing, replacing its rows. Prints each "
        "problem with its row and column; exits 1 if there is any error, and writes only when "
        "there is none (never with --dry-run). Missing evidence (enrolment years, training "
        "team) and warnings are printed but do not stop the import: they are completed on the "
        "filing page before submission."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("file", help="the .xlsx file")
        parser.add_argument("--unit", required=True, help="unit code, e.g. 420000")
        parser.add_argument("--batch", type=int, help="batch number (default: the current one)")
        parser.add_argument("--dry-run", action="store_true", help="check only, write nothing")

    def handle(self, *args, file: str, unit: str, batch: int | None, dry_run: bool, **options):
        filing = unit_filing(unit, batch)
        path = Path(file)
        try:
            data = path.read_bytes()
        except OSError as error:
            raise CommandError(f"无法读取“{path}”：{error.strerror}") from None
        try:
            result = read_attachment2(data, batch=filing.batch, unit=filing.unit)
        except RefusedFile as refused:
            raise CommandError(refused.message) from None

        # Evidence that Attachment 2 has no column for, and warnings, are completed on the
        # filing page; they do not stop an import. Every other problem does.
        for note in result.notes:
            self.stdout.write(f"说明 {note}")
        problems = [i for i in result.all_issues if not (i.warning or i.missing_evidence)]
        notes = [i for i in result.all_issues if i.warning or i.missing_evidence]
        for issue in problems:
            self.stdout.write(f"错误 {issue}")
        for issue in notes:
            self.stdout.write(f"待补充 {issue}" if issue.missing_evidence else f"提醒 {issue}")
        read = f"读取 {len(result.rows)} 行、{result.school_count} 所院校"
        if problems:
            self.stderr.write(f"{read}；发现 {len(problems)} 个错误，未导入。")
            sys.exit(1)
        if dry_run:
            self.stdout.write(self.style.SUCCESS(f"{read}，未发现错误（--dry-run，未写入）。"))
            return
        try:
            rows, schools = filing_import(
                filing=filing, user=None, result=result, filename=path.name
            )
        except FilingError as error:
            raise CommandError(error.message) from None
        self.stdout.write(
            self.style.SUCCESS(f"已导入{filing.unit.name}：{rows} 行、{schools} 所院校。")
        )
