"""Reference data from the notice: batches, certificates, evaluation organizations.

These tables are owned by `fixtures/` and loaded by `manage.py load_reference_data`;
the admin may edit them, and the command restores the notice's values.
"""

from datetime import datetime
from functools import cached_property

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator, RegexValidator, validate_email
from django.db import models
from django.utils import timezone

from .batch_words import (
    PERCENT,
    attachment2_title,
    batch_ordinal,
    default_max_hhi_percent,
    default_max_share_percent,
    default_min_rows,
)
from .dates import days_until
from .phones import MOBILE_RE, is_office_phone

# Several values per cell (phones, e-mails) are kept in one field, separated by this.
LIST_SEPARATOR = ","

postcode_validator = RegexValidator(r"^\d{6}$", "邮政编码应为6位数字。")
mobile_validator = RegexValidator(MOBILE_RE, "手机号码应为11位数字，以1开头。")


def split_list(value: str) -> list[str]:
    return [item for item in value.split(LIST_SEPARATOR) if item]


def validate_office_phone_list(value: str) -> None:
    for phone in split_list(value):
        if not is_office_phone(phone):
            raise ValidationError(
                f"电话“{phone}”格式不正确，应为区号-号码（如 010-58556746）或 400-xxx-xxxx。"
            )


def validate_email_list(value: str) -> None:
    for email in split_list(value):
        try:
            validate_email(email)
        except ValidationError:
            raise ValidationError(f"电子邮箱“{email}”格式不正确。") from None


class Level(models.TextChoices):
    """Certificate levels (Attachment 2, note 3)."""

    JUNIOR = "junior", "初级"
    INTERMEDIATE = "intermediate", "中级"
    SENIOR = "senior", "高级"


class BatchQuerySet(models.QuerySet):
    def current(self) -> "Batch | None":
        """The batch now being filed: the one with the highest number."""
        return self.order_by("-number").first()


class Batch(models.Model):
    number = models.PositiveSmallIntegerField("批次", unique=True)
    name = models.CharField("名称", max_length=100)
    notice_number = models.CharField("通知文号", max_length=50)
    notice_title = models.CharField("通知标题", max_length=200)
    issuer = models.CharField("发文单位", max_length=100)
    issued_on = models.DateField("发文日期")
    filing_deadline = models.DateTimeField(
        "报送截止时间", help_text="汇总表电子版及盖章扫描版的报送截止时间（北京时间）。"
    )
    # The words of the notice's Attachment 2 that name the batch; blank ones are filled
    # from the number on save.
    ordinal = models.CharField(
        "批次简称",
        max_length=20,
        blank=True,
        help_text="如“第二批”；汇总表“总体情况”各项以此开头。",
    )
    attachment2_title = models.CharField(
        "附件2标题",
        max_length=100,
        blank=True,
        help_text="如“第二批1+X证书制度试点院校情况汇总表”。",
    )
    concentration_min_rows = models.PositiveSmallIntegerField(
        "集中提示的最少试点行数",
        default=default_min_rows,
        validators=[MinValueValidator(1)],
        help_text="试点行少于此数的单位不提示“过于集中”（通知第三部分第1条）。",
    )
    concentration_max_share_percent = models.PositiveSmallIntegerField(
        "最大证书占比上限（%）", default=default_max_share_percent, validators=PERCENT
    )
    concentration_max_hhi_percent = models.PositiveSmallIntegerField(
        "集中度指数上限（%）",
        default=default_max_hhi_percent,
        validators=PERCENT,
        help_text="25 即 0.25；证书平均分布时集中度指数为 1/证书数。",
    )

    objects = BatchQuerySet.as_manager()

    class Meta:
        verbose_name = "试点批次"
        verbose_name_plural = "试点批次"
        ordering = ["number"]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        self.ordinal = self.ordinal or batch_ordinal(self.number)
        self.attachment2_title = self.attachment2_title or attachment2_title(self.number)
        super().save(*args, **kwargs)

    @cached_property
    def later_batch(self) -> "Batch | None":
        return Batch.objects.filter(number__gt=self.number).order_by("number").first()

    @property
    def is_open(self) -> bool:
        """Filed now: no later batch exists. Once the next batch is loaded, an earlier one
        is a record: its filings are read, exported and aggregated, and no longer change."""
        return self.later_batch is None

    def days_to_deadline(self, now: datetime | None = None) -> int:
        return days_until(self.filing_deadline, now)

    def is_past_deadline(self, now: datetime | None = None) -> bool:
        return (now or timezone.now()) > self.filing_deadline


class EvaluationOrganization(models.Model):
    name = models.CharField("培训评价组织名称", max_length=100, unique=True)
    office_phones = models.CharField(
        "办公电话",
        max_length=200,
        validators=[validate_office_phone_list],
        help_text="多个号码用英文逗号分隔。",
    )
    fax = models.CharField(
        "传真", max_length=50, blank=True, validators=[validate_office_phone_list]
    )
    emails = models.CharField(
        "电子邮箱",
        max_length=300,
        validators=[validate_email_list],
        help_text="多个邮箱用英文逗号分隔。",
    )
    address = models.CharField("通讯地址", max_length=200)
    postcode = models.CharField("邮政编码", max_length=6, validators=[postcode_validator])

    class Meta:
        verbose_name = "培训评价组织"
        verbose_name_plural = "培训评价组织"
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.name

    @property
    def office_phone_list(self) -> list[str]:
        return split_list(self.office_phones)

    @property
    def email_list(self) -> list[str]:
        return split_list(self.emails)


class OrganizationContact(models.Model):
    organization = models.ForeignKey(
        EvaluationOrganization,
        on_delete=models.CASCADE,
        related_name="contacts",
        verbose_name="培训评价组织",
    )
    position = models.PositiveSmallIntegerField("排序", default=1)
    name = models.CharField("联系人", max_length=50)
    mobile = models.CharField("手机", max_length=11, validators=[mobile_validator])

    class Meta:
        verbose_name = "培训评价组织联系人"
        verbose_name_plural = "培训评价组织联系人"
        ordering = ["organization", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "position"], name="unique_contact_position"
            )
        ]

    def __str__(self) -> str:
        return self.name


class CertificateQuerySet(models.QuerySet):
    def with_directory(self) -> "CertificateQuerySet":
        """Everything the directory shows, in a fixed number of queries."""
        return self.select_related("organization", "batch").prefetch_related(
            "organization__contacts"
        )


class Certificate(models.Model):
    batch = models.ForeignKey(
        Batch, on_delete=models.PROTECT, related_name="certificates", verbose_name="批次"
    )
    position = models.PositiveSmallIntegerField("通知中的顺序")
    name = models.CharField("证书名称", max_length=100, help_text="以通知第一部分所列名称为准。")
    attachment1_name = models.CharField(
        "附件1中的写法",
        max_length=100,
        blank=True,
        help_text="附件1与通知正文写法不同时，记录附件1原文，便于对照和导入识别。",
    )
    organization = models.ForeignKey(
        EvaluationOrganization,
        on_delete=models.PROTECT,
        related_name="certificates",
        verbose_name="培训评价组织",
    )
    levels = models.CharField(
        "等级", max_length=100, default="junior,intermediate,senior", help_text="初级、中级、高级"
    )

    objects = CertificateQuerySet.as_manager()

    class Meta:
        verbose_name = "职业技能等级证书"
        verbose_name_plural = "职业技能等级证书"
        ordering = ["batch", "position"]
        constraints = [
            models.UniqueConstraint(fields=["batch", "name"], name="unique_certificate_name"),
            models.UniqueConstraint(
                fields=["batch", "position"], name="unique_certificate_position"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def full_name(self) -> str:
        return f"{self.name}职业技能等级证书"

    @property
    def level_list(self) -> list[Level]:
        return [Level(code) for code in split_list(self.levels)]

    @property
    def level_labels(self) -> list[str]:
        return [level.label for level in self.level_list]


class NoticeContact(models.Model):
    """Whom to ask about the filing itself (the notice's section 四)."""

    batch = models.ForeignKey(
        Batch, on_delete=models.CASCADE, related_name="notice_contacts", verbose_name="批次"
    )
    position = models.PositiveSmallIntegerField("排序")
    office = models.CharField("单位", max_length=100)
    office_full_name = models.CharField("单位全称", max_length=200)
    topic = models.CharField("咨询事项", max_length=100)
    people = models.CharField("联系人", max_length=100, help_text="多人用英文逗号分隔。")
    phones = models.CharField(
        "联系电话",
        max_length=200,
        validators=[validate_office_phone_list],
        help_text="多个号码用英文逗号分隔。",
    )
    email = models.EmailField("电子邮箱", blank=True)

    class Meta:
        verbose_name = "通知联系人"
        verbose_name_plural = "通知联系人"
        ordering = ["batch", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["batch", "position"], name="unique_notice_contact_position"
            )
        ]

    def __str__(self) -> str:
        return f"{self.office}：{self.people}"

    @property
    def people_list(self) -> list[str]:
        return split_list(self.people)

    @property
    def phone_list(self) -> list[str]:
        return split_list(self.phones)
