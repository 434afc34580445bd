from django.core.management.base import BaseCommand, CommandError

from filings.demo import DEFAULT_ROWS, DemoRefused, seed_demo


class Command(BaseCommand):
    help = (
        "Fill the current batch with demonstration filings for all 33 units, shaped like the "
        "real second batch (about 3,300 rows by default; some units in each workflow state). "
        "Deterministic for a given --seed. Deletes the batch's filings: development only."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--rows", type=int, default=DEFAULT_ROWS, help="rows nationally")
        parser.add_argument("--seed", type=int, default=2019)
        parser.add_argument(
            "--replace", action="store_true", help="replace existing filings of the batch"
        )

    def handle(self, *args, rows: int, seed: int, replace: bool, **options) -> None:
        if rows < 1 or rows > 1_000_000:
            raise CommandError("--rows 应在 1 到 1000000 之间。")
        try:
            counts = seed_demo(rows=rows, seed=seed, replace=replace)
        except DemoRefused as refused:
            raise CommandError(str(refused)) from None
        self.stdout.write(
            self.style.SUCCESS(
                f"演示数据已生成：{counts['filings']} 份汇总表、{counts['schools']} 所院校、"
                f"{counts['rows']} 行；{counts['not_started']} 个单位未开始。"
                f"演示时间线：批次截止时间改为 {counts['deadline']:%Y-%m-%d %H:%M}（已过），"
                f"未提交的单位已延期 30 天。"
            )
        )
