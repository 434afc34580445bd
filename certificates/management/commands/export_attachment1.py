from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from certificates.attachment1 import build_attachment1
from certificates.models import Batch


class Command(BaseCommand):
    help = (
        "Write a batch's Attachment 1 (培训评价组织联系人信息表) as .xlsx: the directory's own "
        "download, which load_batch reads back."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--batch", type=int, help="batch number (default: the current one)")
        parser.add_argument("--output", required=True, help="the .xlsx file to write")

    def handle(self, *args, batch: int | None, output: str, **options) -> None:
        if batch is None:
            found = Batch.objects.current()
        else:
            found = Batch.objects.filter(number=batch).first()
        if found is None:
            raise CommandError(
                f"没有第 {batch} 批。" if batch else "还没有任何批次：请先载入参考数据。"
            )
        path = Path(output)
        try:
            path.write_bytes(build_attachment1(found))
        except OSError as error:
            raise CommandError(f"无法写入“{path}”：{error.strerror}") from None
        self.stdout.write(
            self.style.SUCCESS(
                f"已导出{found.name}的附件1（{found.certificates.count()} 个证书）到 {path}"
            )
        )
