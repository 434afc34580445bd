from django.core.management.base import BaseCommand, CommandError

from filings.accounts import REVIEWER_USERNAME, demo_accounts_ensure
from filings.models import SubmittingUnit


class Command(BaseCommand):
    help = (
        "Create (idempotently) the demo accounts: 'reviewer' for 职教所, and one staff account "
        "per submitting unit named by its code (e.g. 420000 for 湖北省). For development and "
        "demonstrations only."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--password", required=True, help="password for every demo account")

    def handle(self, *args, password: str, **options) -> None:
        if len(password) < 8:
            raise CommandError("密码至少需要 8 个字符。")
        if not SubmittingUnit.objects.exists():
            raise CommandError("尚未载入报送单位：请先运行 python manage.py load_reference_data。")
        results = demo_accounts_ensure(password=password)
        created = sum(1 for _, was_created in results if was_created)
        self.stdout.write(
            self.style.SUCCESS(
                f"演示账号已就绪：共 {len(results)} 个（新建 {created} 个）。"
                f"审核人员：{REVIEWER_USERNAME}；报送单位：单位代码，如 420000（湖北省）。"
            )
        )
