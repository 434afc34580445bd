from datetime import date, datetime
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from certificates.batch_load_outcome import SUCCESS, end_of_minute, outcome_lines
from certificates.batch_loading import DEFAULT_ISSUER, BatchDetails, BatchLoad, load_batch
from certificates.models import Batch


def _date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"日期“{value}”应写作 YYYY-MM-DD。") from None


def _deadline(value: str) -> datetime:
    """Beijing time, to the end of the minute given (23:59 is 23:59:59, as the notice's
    deadline is held); a date alone is the end of that day."""
    try:
        moment = datetime.strptime(value.strip(), "%Y-%m-%d %H:%M")
    except ValueError:
        moment = datetime.combine(_date(value.strip()), datetime.min.time()).replace(
            hour=23, minute=59
        )
    return end_of_minute(moment)


class Command(BaseCommand):
    help = (
        "Load a batch of the pilot from its notice's Attachment 1 (.xlsx): its certificates, "
        "their evaluation organizations and contacts. All or nothing; loading the same file "
        "again changes nothing."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("file", help="the notice's Attachment 1 as .xlsx")
        parser.add_argument("--number", type=int, required=True, help="batch number, e.g. 3")
        parser.add_argument("--name", required=True, help="e.g. 第三批1+X证书制度试点")
        parser.add_argument(
            "--notice-number", required=True, help="文号, e.g. 教职成司函〔2019〕89号"
        )
        parser.add_argument("--notice-title", required=True, help="the notice's title")
        parser.add_argument("--issued-on", required=True, help="YYYY-MM-DD")
        parser.add_argument(
            "--deadline", required=True, help="filing deadline, Beijing time: 'YYYY-MM-DD HH:MM'"
        )
        parser.add_argument("--issuer", default=DEFAULT_ISSUER, help=f"default: {DEFAULT_ISSUER}")
        parser.add_argument("--dry-run", action="store_true", help="check only, write nothing")

    def handle(self, *args, **options) -> None:
        path = Path(options["file"])
        try:
            content = path.read_bytes()
        except OSError as error:
            raise CommandError(f"无法读取“{path}”：{error.strerror}") from None
        details = BatchDetails(
            number=options["number"],
            name=options["name"],
            notice_number=options["notice_number"],
            notice_title=options["notice_title"],
            issued_on=_date(options["issued_on"]),
            filing_deadline=_deadline(options["deadline"]),
            issuer=options["issuer"],
        )
        was_current = Batch.objects.current()
        result = load_batch(content, details, dry_run=options["dry_run"])
        for note in result.notes:
            self.stdout.write(f"说明：{note}")
        if result.problems:
            for line in result.problems:
                self.stderr.write(line)
            raise CommandError(f"共 {len(result.problems)} 个问题，未写入任何数据。")
        self._report(details, result, options["dry_run"], was_current)

    def _report(
        self, details: BatchDetails, result: BatchLoad, dry_run: bool, was_current: Batch | None
    ) -> None:
        for line in result.report.lines(restored="更新"):
            self.stdout.write(line)
        for outcome in outcome_lines(details, result, dry_run=dry_run, was_current=was_current):
            style = self.style.SUCCESS if outcome.level == SUCCESS else self.style.WARNING
            self.stdout.write(style(outcome.text))
