"""A pilot row: one school in one certificate, its figures and the evidence."""

from django.db import models

from certificates.models import Certificate, Level

from .filing import Filing
from .schools import School


def format_certificate_and_levels(name: str, levels) -> str:
    """The 参与试点证书及等级 cell: 网店运营推广（初级、中级）."""
    labels = "、".join(Level(level).label for level in levels)
    return f"{name}（{labels}）" if labels else name


class Facilities(models.TextChoices):
    OWN = "own", "自有"
    RENTED = "rented", "租用"
    SHARED = "shared", "与企业、基地或院校共用"
    LACKING = "lacking", "尚不具备"


class PilotRow(models.Model):
    """One school in one certificate: a row of Attachment 2 and its evidence."""

    filing = models.ForeignKey(
        Filing, on_delete=models.CASCADE, related_name="rows", verbose_name="汇总表"
    )
    school = models.ForeignKey(
        School, on_delete=models.CASCADE, related_name="rows", verbose_name="试点院校"
    )
    certificate = models.ForeignKey(
        Certificate, on_delete=models.PROTECT, related_name="pilot_rows", verbose_name="证书"
    )
    level_junior = models.BooleanField(Level.JUNIOR.label, default=False)
    level_intermediate = models.BooleanField(Level.INTERMEDIATE.label, default=False)
    level_senior = models.BooleanField(Level.SENIOR.label, default=False)
    # [{"name": "电子商务", "years": [2017, 2018, 2019]}, …]: each major with the years
    # (of the last three) in which it enrolled students.
    majors = models.JSONField("参与试点专业", default=list, blank=True)
    major_count = models.PositiveIntegerField("参与试点专业数量", null=True, blank=True)
    student_count = models.IntegerField("参与试点学生规模", null=True, blank=True)

    # Condition 3: the training team.
    team_size = models.PositiveIntegerField("培训团队人数", null=True, blank=True)
    dual_qualified_count = models.PositiveIntegerField("其中“双师型”教师", null=True, blank=True)
    industry_expert_count = models.PositiveIntegerField("其中行业企业专家", null=True, blank=True)
    innovation_team = models.BooleanField("国家级职业教育教师教学创新团队所在专业", default=False)

    # Conditions 1, 2, 4 and 5, attested by the province: yes / no / not yet answered.
    training_experience = models.BooleanField("具备相关领域职业培训经验", null=True, blank=True)
    training_experience_note = models.CharField("培训经验说明", max_length=200, blank=True)
    teaching_resources = models.BooleanField(
        "人才培养方案、国家教学标准落实和教学资源完备", null=True, blank=True
    )
    teaching_resources_note = models.CharField("教学资源说明", max_length=200, blank=True)
    facilities = models.CharField(
        "教学条件和实训设施", max_length=20, choices=Facilities.choices, blank=True
    )
    facilities_note = models.CharField("设施说明", max_length=200, blank=True)
    management = models.BooleanField("制度体系健全、教学管理规范", null=True, blank=True)
    management_note = models.CharField("管理说明", max_length=200, blank=True)

    # Optimistic locking: a save based on an older version is refused.
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        verbose_name = "试点行"
        verbose_name_plural = "试点行"
        ordering = ["school__name_key", "certificate__position"]
        constraints = [
            models.UniqueConstraint(
                fields=["school", "certificate"], name="one_row_per_school_and_certificate"
            )
        ]

    def __str__(self) -> str:
        return f"{self.school.name} · {self.certificate.name}"

    @property
    def levels(self) -> list[Level]:
        return [
            level
            for level, chosen in (
                (Level.JUNIOR, self.level_junior),
                (Level.INTERMEDIATE, self.level_intermediate),
                (Level.SENIOR, self.level_senior),
            )
            if chosen
        ]

    @levels.setter
    def levels(self, levels) -> None:
        chosen = {Level(level) for level in levels}
        self.level_junior = Level.JUNIOR in chosen
        self.level_intermediate = Level.INTERMEDIATE in chosen
        self.level_senior = Level.SENIOR in chosen

    @property
    def major_names(self) -> list[str]:
        return [m.get("name", "") for m in self.majors or []]

    def certificate_and_levels(self) -> str:
        return format_certificate_and_levels(self.certificate.name, self.levels)
