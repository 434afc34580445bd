from django.core.management.base import BaseCommand, CommandError
from django.test.utils import override_settings

from filings.demo import DEFAULT_ROWS, DemoRefused, demo_batch, seed_demo
from filings.wording import beijing_time, thousands


class Command(BaseCommand):
    help = (
        "Fill a batch (--batch N; the current batch by default) with demonstration filings "
        "shaped like the real second batch, from the batch's own certificates (about 3,300 rows "
        "by default): units in every workflow state, a few not started. Sets the demo's own "
        "timeline (the batch deadline two days ago, an extension for the units that have not "
        "submitted). Deterministic for a given --seed. Deletes that batch's filings, and no "
        "other batch's: development only."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--rows", type=int, default=DEFAULT_ROWS, help="rows nationally")
        parser.add_argument("--seed", type=int, default=2019)
        parser.add_argument("--batch", type=int, help="batch number (default: the current batch)")
        parser.add_argument(
            "--replace", action="store_true", help="replace existing filings of the batch"
        )

    def handle(self, *args, rows: int, seed: int, replace: bool, batch: int | None, **options):
        if rows < 1 or rows > 1_000_000:
            raise CommandError("--rows 应在 1 到 1000000 之间。")
        try:
            found = demo_batch(batch)
            # The demo's contact addresses are made up: its reviews and extensions e-mail nobody.
            with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
                counts = seed_demo(rows=rows, seed=seed, replace=replace, batch=found)
        except DemoRefused as refused:
            raise CommandError(str(refused)) from None
        if batch is not None:
            self.stdout.write(f"批次：{found.name}")
        self.stdout.write(self.style.SUCCESS(summary(counts)))


def summary(counts: dict) -> str:
    """What the demo made, in one paragraph whose figures and dates are the ones it set."""
    return (
        f"演示数据已生成：{counts['units']} 个报送单位中，{counts['filings']} 个有汇总表"
        f"（共 {thousands(counts['schools'])} 所院校、{thousands(counts['rows'])} 行），"
        f"{counts['not_started']} 个未开始（汇总表为空）。\n"
        f"演示时间线：批次报送截止时间改为 {beijing_time(counts['deadline'])}，已过；"
        f"尚未提交的单位（草稿、已退回、未开始）均延期至 {beijing_time(counts['extension'])}，"
        "可以试着提交。"
    )
