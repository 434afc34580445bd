"""The printed, stamped and scanned table of a filing."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from .filing import EDITABLE_STATES, Filing


class StampedScan(models.Model):
    """The printed, stamped and scanned table, tied to the table version it was printed from."""

    filing = models.ForeignKey(
        Filing, on_delete=models.CASCADE, related_name="scans", verbose_name="汇总表"
    )
    file = models.FileField("扫描件", upload_to="scans/%Y/%m/")
    original_name = models.CharField("原文件名", max_length=200)
    content_type = models.CharField("文件类型", max_length=50)
    size = models.PositiveIntegerField("大小（字节）")
    sha256 = models.CharField("SHA-256", max_length=64)
    filing_revision = models.PositiveIntegerField("对应表格版本")
    uploaded_at = models.DateTimeField("上传时间", default=timezone.now)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name="上传人",
    )

    class Meta:
        verbose_name = "盖章扫描件"
        verbose_name_plural = "盖章扫描件"
        ordering = ["-uploaded_at", "-pk"]

    def __str__(self) -> str:
        return self.original_name

    def is_current(self) -> bool:
        """Whether this scan belongs to the table as it is now. A scan uploaded before the
        filing was returned does not count: a returned table is stamped and scanned again."""
        filing = self.filing
        if self.filing_revision != filing.revision:
            return False
        returned = filing.state in EDITABLE_STATES and filing.return_reason and filing.reviewed_at
        return not (returned and self.uploaded_at <= filing.reviewed_at)
