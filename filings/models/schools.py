"""A school as it appears in one filing, with its type and demonstration status."""

from django.db import models

from .filing import Filing


class SchoolType(models.TextChoices):
    """Attachment 2, note 2. Technician schools (技工学校) are not among them."""

    SECONDARY = "secondary", "中职"
    HIGHER = "higher", "高职"
    UNDERGRAD_PILOT = "undergrad_pilot", "本科层次职业教育试点学校"
    APPLIED_UNDERGRAD = "applied_undergrad", "应用型本科"


UNDERGRADUATE_TYPES = {SchoolType.UNDERGRAD_PILOT, SchoolType.APPLIED_UNDERGRAD}


class SchoolStatus(models.TextChoices):
    """Demonstration status named in the remarks column (note 5)."""

    NATIONAL_HIGH_LEVEL = "national_high_level", "中国特色高水平高职学校建设单位"
    NATIONAL_MODEL_HIGHER = "national_model_higher", "国家示范（骨干、优质）高等职业学校"
    PROVINCIAL_MODEL_HIGHER = "provincial_model_higher", "省级示范（骨干、优质）高等职业学校"
    NATIONAL_MODEL_SECONDARY = "national_model_secondary", "国家中等职业教育改革发展示范学校"
    DISTINCTIVE_SPECIALTY = "distinctive_specialty", "专业特色院校"


SCHOOL_TYPE_LABELS = dict(SchoolType.choices)


def format_remarks(statuses: str, remarks: str) -> str:
    """The remarks column as printed: status categories, then the free text."""
    parts = [SchoolStatus(s).label for s in statuses.split(",") if s]
    if remarks:
        parts.append(remarks)
    return "；".join(parts)


class School(models.Model):
    """A school as it appears in one filing: one name, one type, one remark."""

    filing = models.ForeignKey(
        Filing, on_delete=models.CASCADE, related_name="schools", verbose_name="汇总表"
    )
    name = models.CharField("试点院校名称", max_length=100)
    # The name as compared: full-width and surrounding spaces removed (see rules.normalize_name).
    name_key = models.CharField(max_length=100, editable=False)
    school_type = models.CharField("学校类型", max_length=20, choices=SchoolType.choices)
    school_code = models.CharField(
        "学校标识码", max_length=10, blank=True, help_text="教育部10位学校标识码，可不填。"
    )
    statuses = models.CharField("示范类别", max_length=200, blank=True)
    remarks = models.TextField("学校情况备注", blank=True)
    # Optimistic locking, as for rows: a save based on an older version is refused.
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = "试点院校"
        verbose_name_plural = "试点院校"
        ordering = ["filing", "name_key"]
        constraints = [
            models.UniqueConstraint(fields=["filing", "name_key"], name="one_school_per_name")
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def status_list(self) -> list[SchoolStatus]:
        return [SchoolStatus(s) for s in self.statuses.split(",") if s]

    def remarks_text(self) -> str:
        return format_remarks(self.statuses, self.remarks)
