"""Submitting units and the people who work for them (or review them)."""

from django.conf import settings
from django.db import models


class UnitKind(models.TextChoices):
    PROVINCE = "province", "省级教育行政部门"
    CORPS = "corps", "新疆生产建设兵团"
    OPEN_UNIVERSITY = "open_university", "国家开放大学"


class SubmittingUnit(models.Model):
    code = models.CharField("单位代码", max_length=6, unique=True)
    name = models.CharField("报送单位", max_length=50, unique=True)
    kind = models.CharField("类别", max_length=20, choices=UnitKind.choices)

    class Meta:
        verbose_name = "报送单位"
        verbose_name_plural = "报送单位"
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name


class Role(models.TextChoices):
    UNIT_STAFF = "unit_staff", "报送单位工作人员"
    REVIEWER = "reviewer", "职教所审核人员"


class Profile(models.Model):
    """What a portal user is: staff of exactly one unit, or a national reviewer."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="portal_profile",
        verbose_name="用户",
    )
    role = models.CharField("角色", max_length=20, choices=Role.choices)
    unit = models.ForeignKey(
        SubmittingUnit,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="profiles",
        verbose_name="所属报送单位",
    )

    class Meta:
        verbose_name = "用户角色"
        verbose_name_plural = "用户角色"
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(role="unit_staff", unit__isnull=False))
                | (models.Q(role="reviewer", unit__isnull=True)),
                name="staff_have_a_unit_reviewers_none",
                violation_error_message="报送单位工作人员必须属于一个报送单位；审核人员不属于任何单位。",
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.get_role_display()}"
