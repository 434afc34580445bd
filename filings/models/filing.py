"""A unit's filing of Attachment 2 for one batch: its header, state and deadline."""

from datetime import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone

from certificates.models import Batch

from .units import SubmittingUnit


class FilingState(models.TextChoices):
    DRAFT = "draft", "草稿"
    SUBMITTED = "submitted", "已提交"
    RETURNED = "returned", "已退回"
    ACCEPTED = "accepted", "已确认"


EDITABLE_STATES = {FilingState.DRAFT, FilingState.RETURNED}


class Filing(models.Model):
    unit = models.ForeignKey(
        SubmittingUnit, on_delete=models.PROTECT, related_name="filings", verbose_name="报送单位"
    )
    batch = models.ForeignKey(
        Batch, on_delete=models.PROTECT, related_name="filings", verbose_name="批次"
    )
    # The header of Attachment 2 (报送单位 is the unit itself).
    contact_name = models.CharField("联系人", max_length=50, blank=True)
    contact_phone = models.CharField("电话", max_length=30, blank=True)
    contact_email = models.EmailField("邮箱", blank=True)

    state = models.CharField(
        "状态", max_length=20, choices=FilingState.choices, default=FilingState.DRAFT
    )
    submitted_at = models.DateTimeField("提交时间", null=True, blank=True)
    reviewed_at = models.DateTimeField("审核时间", null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="审核人",
    )
    return_reason = models.TextField("退回原因", blank=True)
    deadline_extended_to = models.DateTimeField("延期至", null=True, blank=True)
    # Bumped by every change to the header or the rows: the version of the table that a
    # printed, stamped scan belongs to.
    revision = models.PositiveIntegerField("表格版本", default=1)
    # The counts of the last check (services refresh them whenever the table changes), so
    # that the reviewers' board shows 33 units' problems without re-checking every row.
    open_errors = models.PositiveIntegerField("错误数", default=0)
    open_warnings = models.PositiveIntegerField("提醒数", default=0)
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        verbose_name = "汇总表"
        verbose_name_plural = "汇总表"
        ordering = ["batch", "unit"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "batch"], name="one_filing_per_unit_and_batch")
        ]

    def __str__(self) -> str:
        return f"{self.unit.name} · {self.batch.name}"

    @property
    def is_editable(self) -> bool:
        return self.state in EDITABLE_STATES

    @property
    def deadline(self) -> datetime:
        """The deadline that applies to this unit: the batch's, or a reviewer's extension."""
        return self.deadline_extended_to or self.batch.filing_deadline

    def is_past_deadline(self, now: datetime | None = None) -> bool:
        return (now or timezone.now()) > self.deadline

    @property
    def is_late(self) -> bool:
        """Submitted after the deadline that applied to it: the batch's, or its extension."""
        return self.submitted_at is not None and self.submitted_at > self.deadline

    @property
    def header_complete(self) -> bool:
        return bool(self.contact_name and self.contact_phone and self.contact_email)
