"""A filing's history: one event per change, who made it, the values before and after."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from .filing import Filing


class EventKind(models.TextChoices):
    HEADER = "header", "修改表头"
    SCHOOL_ADDED = "school_added", "添加院校"
    SCHOOL_CHANGED = "school_changed", "修改院校"
    SCHOOL_DELETED = "school_deleted", "删除院校"
    ROW_ADDED = "row_added", "添加试点行"
    ROW_CHANGED = "row_changed", "修改试点行"
    ROW_DELETED = "row_deleted", "删除试点行"
    IMPORTED = "imported", "导入"
    SCAN_UPLOADED = "scan_uploaded", "上传盖章扫描件"
    SUBMITTED = "submitted", "提交"
    RETURNED = "returned", "退回"
    ACCEPTED = "accepted", "确认"
    EXTENDED = "extended", "延期"
    REMINDED = "reminded", "催报"
    UNACCEPTED = "unaccepted", "撤销确认"


class Channel(models.TextChoices):
    """Where a change came from: the portal's pages, or a province's system by the API."""

    WEB = "web", "网页"
    API = "api", "API"


class FilingEvent(models.Model):
    """One entry of a filing's history: who did what, when, with the values before and after."""

    filing = models.ForeignKey(
        Filing, on_delete=models.CASCADE, related_name="events", verbose_name="汇总表"
    )
    at = models.DateTimeField("时间", default=timezone.now, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="操作人",
    )
    kind = models.CharField("操作", max_length=20, choices=EventKind.choices)
    subject = models.CharField("对象", max_length=200, blank=True)
    # [{"field": "参与试点学生规模", "before": "120", "after": "150"}, …]
    changes = models.JSONField("变更", default=list, blank=True)
    note = models.TextField("说明", blank=True)
    channel = models.CharField("途径", max_length=10, choices=Channel.choices, default=Channel.WEB)

    class Meta:
        verbose_name = "操作记录"
        verbose_name_plural = "操作记录"
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.subject}"
