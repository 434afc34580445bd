"""Submitting units, the people who work for them, and their filings of Attachment 2.

A filing belongs to one unit and one batch. Its table is made of schools (each once per
filing, with its type and remarks) and pilot rows, one per school and certificate, which
carry the figures Attachment 2 prints and the evidence the notice's conditions ask for.
"""

from datetime import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone

from certificates.models import Batch, Certificate, Level


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


def format_certificate_and_levels(name: str, levels) -> str:
    """The 参与试点证书及等级 cell: 网店运营推广（初级、中级）."""
    labels = "、".join(Level(level).label for level in levels)
    return f"{name}（{labels}）" if labels else name


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

    class Meta:
        verbose_name = "操作记录"
        verbose_name_plural = "操作记录"
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.subject}"


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
