"""Forms of the filing pages. They validate and normalise; the rules module judges the row,
and its errors are shown next to the fields they concern."""

from datetime import date, datetime
from typing import Any

from django import forms
from django.forms import formset_factory

from certificates.models import Batch, Certificate, Level

from .form_errors import GroupWidget
from .models import Facilities, Filing, PilotRow, School, SchoolStatus, SchoolType
from .rules import (
    ATTESTED,
    CONDITIONS,
    INVISIBLE_IN_NAME,
    MAX_CONTACT_NAME,
    MAX_MAJORS,
    MAX_NOTE,
    MAX_REMARKS,
    MAX_SCHOOL_NAME,
    NOT_ATTESTED,
    Problem,
    RowLike,
    check_row,
    clean_name,
    duplicate_and_conflict_problems,
    enrolment_years,
    has_invisible,
    normalize_phone,
    phone_problem,
    school_problems,
)
from .services import end_of_day, extension_date_problem

YES_NO_CHOICES = [("", NOT_ATTESTED), ("yes", "是"), ("no", "否")]

# Django's own Chinese for this message reads "不允许是用空字符串" (a typo, and it says "empty
# string"): every form of the portal says it plainly.
NULL_CHARACTER = "不能含有空字符（NUL）等控制字符，请删除后重新输入。"


def _validation_error(problem: Problem) -> forms.ValidationError:
    """A rule's problem as a form error, its code kept so that the form's verdict can be
    compared with the importer's."""
    return forms.ValidationError(problem.message, code=problem.code)


class PortalForm(forms.Form):
    """A form of the portal: its text fields refuse control characters in the portal's words."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field, forms.CharField):
                field.error_messages["null_characters_not_allowed"] = NULL_CHARACTER


class HeaderForm(PortalForm):
    """The header of Attachment 2. An incomplete header may be saved; submission needs it
    whole. (A plain form: a ModelForm would write onto the filing before the service sees
    what changed.)"""

    contact_name = forms.CharField(label="联系人", max_length=MAX_CONTACT_NAME, required=False)
    contact_phone = forms.CharField(
        label="电话",
        max_length=30,
        required=False,
        help_text="固定电话（如 027-87328057）或11位手机号码。",
    )
    contact_email = forms.EmailField(
        label="邮箱", required=False, error_messages={"invalid": "邮箱格式不正确。"}
    )
    # The table's revision the header was opened at (the header has no version of its own).
    filing_revision = forms.IntegerField(widget=forms.HiddenInput, required=False)

    @staticmethod
    def initial_from(filing: Filing) -> dict[str, Any]:
        return {
            "contact_name": filing.contact_name,
            "contact_phone": filing.contact_phone,
            "contact_email": filing.contact_email,
            "filing_revision": filing.revision,
        }

    def header_data(self) -> dict[str, str]:
        """Cleaned values in the shape the services take."""
        data = dict(self.cleaned_data)
        data.pop("filing_revision", None)
        return data

    def clean_contact_name(self) -> str:
        return clean_name(self.cleaned_data["contact_name"])

    def clean_contact_phone(self) -> str:
        phone = normalize_phone(self.cleaned_data["contact_phone"])
        problem = phone_problem(phone)
        if problem:
            raise _validation_error(problem)
        return phone


class SchoolForm(PortalForm):
    # The lengths are the rules' to judge (school_problems), with the importer's words; the
    # browser only stops typing at them.
    name = forms.CharField(
        label="试点院校名称",
        widget=forms.TextInput(
            attrs={
                "list": "school-suggestions",
                "autocomplete": "off",
                "maxlength": MAX_SCHOOL_NAME,
            }
        ),
    )
    school_type = forms.ChoiceField(
        label="学校类型",
        choices=[("", "请选择"), *SchoolType.choices],
        help_text="技工学校不在试点范围。",
    )
    school_code = forms.RegexField(
        label="学校标识码",
        regex=r"^\d{10}$",
        required=False,
        error_messages={"invalid": "学校标识码应为10位数字。"},
        help_text="选填，教育部10位学校标识码。",
    )
    statuses = forms.MultipleChoiceField(
        label="示范类别",
        choices=SchoolStatus.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    remarks = forms.CharField(
        label="学校情况备注",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2, "maxlength": MAX_REMARKS}),
        help_text="其他需要说明的事项（注5）。",
    )

    def clean_name(self) -> str:
        typed = self.cleaned_data["name"]
        name = clean_name(typed)
        if has_invisible(typed):
            # Shown again without them: saving once more stores the name as it reads.
            self.data = self.data.copy()
            self.data[self.add_prefix("name")] = name
            raise forms.ValidationError(INVISIBLE_IN_NAME)
        return name

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if "name" in cleaned:
            school = School(name=cleaned["name"], remarks=(cleaned.get("remarks") or "").strip())
            for problem in school_problems(school):
                self.add_error(problem.field, _validation_error(problem))
        return cleaned

    @staticmethod
    def initial_from(school: School) -> dict[str, Any]:
        return {
            "name": school.name,
            "school_type": school.school_type,
            "school_code": school.school_code,
            "statuses": [s.value for s in school.status_list],
            "remarks": school.remarks,
        }


class SchoolEditForm(SchoolForm):
    """A school already filed, edited with the version it was opened at."""

    school_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    @staticmethod
    def initial_from(school: School) -> dict[str, Any]:
        return {**SchoolForm.initial_from(school), "school_version": school.version}

    def school_data(self) -> dict[str, Any]:
        """Cleaned values in the shape the services take."""
        data = dict(self.cleaned_data)
        data.pop("school_version", None)
        return data


class MajorsWidget(GroupWidget):
    """A small table: one line per major, its name and a box per enrolment year."""

    # Lives in the app (filings/templates/): the form renderer searches app folders only.
    template_name = "filings/widgets/majors.html"

    def __init__(self, years: list[int], attrs=None) -> None:
        super().__init__(attrs)
        self.years = years

    def value_from_datadict(self, data, files, name) -> list[dict[str, Any]]:
        majors = []
        for index in range(MAX_MAJORS + 20):
            key = f"{name}-{index}"
            major_name = data.get(f"{key}-name")
            checked = [y for y in self.years if data.get(f"{key}-y{y}")]
            if major_name is None and not checked:
                continue
            if (major_name or "").strip() or checked:
                # Years never filled in (an imported row) stay unknown until one is ticked:
                # posting the row unchanged must not turn "not known yet" into "no enrolment".
                unknown = not checked and data.get(f"{key}-unknown")
                years = None if unknown else checked
                majors.append({"name": (major_name or "").strip(), "years": years})
        return majors

    def value_omitted_from_data(self, data, files, name) -> bool:
        return False

    def get_context(self, name, value, attrs) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        majors = list(value or [])
        lines = [
            {
                "index": i,
                "name": m.get("name", ""),
                "years": [(y, y in (m.get("years") or [])) for y in self.years],
                "unknown": m.get("years") is None,
            }
            for i, m in enumerate(majors)
        ]
        # Always one empty line to type into; the page's script adds more.
        lines.append(
            {
                "index": len(majors),
                "name": "",
                "years": [(y, False) for y in self.years],
                "unknown": False,
            }
        )
        context["widget"].update({"lines": lines, "year_list": self.years})
        return context


class MajorsField(forms.Field):
    def __init__(self, years: list[int], **kwargs) -> None:
        kwargs.setdefault("widget", MajorsWidget(years))
        super().__init__(**kwargs)

    def clean(self, value) -> list[dict[str, Any]]:
        # How many majors, and how long their names, is the rules' to judge (check_row).
        majors = super().clean(value) or []
        for position, major in enumerate(majors, start=1):
            if has_invisible(major["name"]):
                raise forms.ValidationError(
                    f"第{position}个专业的名称中含有看不见的字符（零宽空格、控制符等，常见于从"
                    f"网页或聊天软件复制的文字），请重新输入该专业名称。"
                )
            major["name"] = clean_name(major["name"])
            if not major["name"]:
                raise forms.ValidationError(f"第{position}个专业勾选了招生年份，但未填写专业名称。")
        return majors


def _yes_no(value: str) -> bool | None:
    return {"yes": True, "no": False}.get(value)


def _yes_no_initial(value: bool | None) -> str:
    return {True: "yes", False: "no", None: ""}[value]


class CountField(forms.IntegerField):
    """A count (students, majors, a training team): a whole number, or empty. Its range is
    the rules' to judge (count_problems and the rule of each figure), in their words, as the
    importer judges it; the database never sees a value they refuse."""

    def __init__(self, **kwargs) -> None:
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)


class PilotRowForm(PortalForm):
    """One certificate of a school: levels, majors, students and the evidence.

    The rules judge the row (check_row) as they judge an imported one: an error refuses the
    save; evidence Attachment 2 has no column for (the training team, the enrolment years)
    may be completed later, and is listed in `pending` (it still blocks the submission)."""

    row_version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    certificate = forms.ModelChoiceField(
        label="参与试点证书", queryset=Certificate.objects.none(), empty_label="请选择证书"
    )
    levels = forms.MultipleChoiceField(
        label="证书等级", choices=Level.choices, widget=forms.CheckboxSelectMultiple, required=False
    )
    majors = MajorsField([], label="参与试点专业", required=False)
    major_count = CountField(label="参与试点专业数量", help_text="不填则按所列专业自动计算。")
    student_count = CountField(label="参与试点学生规模")
    team_size = CountField(label="培训团队人数")
    dual_qualified_count = CountField(label="其中“双师型”教师")
    industry_expert_count = CountField(label="其中行业企业专家")
    innovation_team = forms.BooleanField(
        label="该专业是国家级职业教育教师教学创新团队所在专业（优先参与试点）", required=False
    )
    training_experience = forms.ChoiceField(
        label=CONDITIONS["training_experience"].label, choices=YES_NO_CHOICES, required=False
    )
    training_experience_note = forms.CharField(label="说明", max_length=MAX_NOTE, required=False)
    teaching_resources = forms.ChoiceField(
        label=CONDITIONS["teaching_resources"].label,
        choices=YES_NO_CHOICES,
        required=False,
    )
    teaching_resources_note = forms.CharField(label="说明", max_length=MAX_NOTE, required=False)
    facilities = forms.ChoiceField(
        label=CONDITIONS["facilities"].label,
        choices=[("", NOT_ATTESTED), *Facilities.choices],
        required=False,
    )
    facilities_note = forms.CharField(label="说明", max_length=MAX_NOTE, required=False)
    management = forms.ChoiceField(
        label=CONDITIONS["management"].label,
        choices=YES_NO_CHOICES,
        required=False,
    )
    management_note = forms.CharField(label="说明", max_length=MAX_NOTE, required=False)

    ATTESTATIONS = ATTESTED

    def __init__(self, *args, batch: Batch, school: School | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.batch = batch
        self.school = school
        self.years = enrolment_years(batch)
        self.fields["certificate"].queryset = Certificate.objects.filter(batch=batch)
        self.fields["majors"] = MajorsField(
            self.years,
            label="参与试点专业",
            required=False,
            help_text=f"每个专业勾选近3年（{self.years[0]}—{self.years[-1]}年）中招生的年份"
            f"（{CONDITIONS['enrolment'].tag}）。",
        )

    @staticmethod
    def initial_from(row: PilotRow, *, with_certificate: bool = True) -> dict[str, Any]:
        initial = {
            "row_version": row.version,
            "certificate": row.certificate_id if with_certificate else None,
            "levels": [level.value for level in row.levels],
            "majors": row.majors,
            "major_count": row.major_count,
            "student_count": row.student_count,
            "team_size": row.team_size,
            "dual_qualified_count": row.dual_qualified_count,
            "industry_expert_count": row.industry_expert_count,
            "innovation_team": row.innovation_team,
            "facilities": row.facilities,
            "facilities_note": row.facilities_note,
        }
        for name in PilotRowForm.ATTESTATIONS:
            initial[name] = _yes_no_initial(getattr(row, name))
            initial[f"{name}_note"] = getattr(row, f"{name}_note")
        return initial

    def row_data(self) -> dict[str, Any]:
        """Cleaned values in the shape the services take."""
        data = dict(self.cleaned_data)
        data.pop("row_version", None)
        for name in self.ATTESTATIONS:
            data[name] = _yes_no(data[name])
        if data.get("major_count") is None:
            data["major_count"] = len(data.get("majors") or [])
        return data

    def candidate(self) -> PilotRow:
        """The row as it would be saved, for the rules to judge."""
        row = PilotRow(school=self.school or School(school_type=SchoolType.HIGHER, remarks="-"))
        for name, value in self.row_data().items():
            if name == "levels":
                row.levels = value
            elif name == "certificate":
                row.certificate = value
            else:
                setattr(row, name, value)
        return row

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        self.problems: list[Problem] = []
        self.pending: list[Problem] = []
        if self.errors:
            return cleaned
        # The notice's rules, judged by the same function the importer and the pages use.
        self.problems = check_row(self.candidate(), batch=self.batch)
        for problem in self.problems:
            if problem.field == "school_type":
                continue  # judged on the school's own form
            if problem.blocks_saving:
                field = problem.field if problem.field in self.fields else None
                self.add_error(field, _validation_error(problem))
            elif problem.is_error:
                self.pending.append(problem)
        return cleaned


class BaseRowFormSet(forms.BaseFormSet):
    def __init__(self, *args, batch: Batch, school: School | None = None, **kwargs) -> None:
        self.batch = batch
        self.school = school
        super().__init__(*args, **kwargs)

    def get_form_kwargs(self, index):
        return {"batch": self.batch, "school": self.school}

    @property
    def empty_form(self):
        form = self.form(
            auto_id=self.auto_id,
            prefix=self.add_prefix("__prefix__"),
            empty_permitted=True,
            use_required_attribute=False,
            batch=self.batch,
            school=self.school,
        )
        self.add_fields(form, None)
        return form

    def clean(self) -> None:
        if any(self.errors):
            return
        # One row per school and certificate: the rule the importer applies to its lines.
        rows = [
            RowLike(
                key=form,
                label=f"第{index}个证书（{form.cleaned_data['certificate'].name}）",
                school_key="",
                school_type="",
                certificate_id=form.cleaned_data["certificate"].pk,
            )
            for index, form in enumerate(self.forms, start=1)
            if form.cleaned_data.get("certificate") is not None
        ]
        for form, problems in duplicate_and_conflict_problems(rows).items():
            for problem in problems:
                form.add_error(problem.field, _validation_error(problem))


RowFormSet = formset_factory(
    PilotRowForm, formset=BaseRowFormSet, extra=0, min_num=1, validate_min=True, max_num=10
)


class QuickRowForm(PortalForm):
    """The cells of a row most often corrected, edited in the table itself."""

    # Not required: a save without it is refused by the service as a stale one, with the
    # same message, rather than as a field the user cannot see.
    row_version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    levels = forms.MultipleChoiceField(
        label="证书等级", choices=Level.choices, widget=forms.CheckboxSelectMultiple, required=False
    )
    major_count = CountField(label="参与试点专业数量")
    student_count = CountField(label="参与试点学生规模")

    def __init__(self, *args, row: PilotRow, batch: Batch, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.row, self.batch = row, batch

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned
        # The notice's rules on the row as it would be, for the fields edited here.
        candidate = PilotRow(
            school=self.row.school,
            certificate=self.row.certificate,
            majors=self.row.majors,
            major_count=cleaned["major_count"],
            student_count=cleaned["student_count"],
            team_size=self.row.team_size,
            dual_qualified_count=self.row.dual_qualified_count,
            industry_expert_count=self.row.industry_expert_count,
        )
        candidate.levels = cleaned["levels"]
        edited = ("major_count", "student_count", "levels")
        for problem in check_row(candidate, batch=self.batch):
            if problem.blocks_saving and problem.field in edited:
                self.add_error(problem.field, _validation_error(problem))
        return cleaned


def _listed(conditions) -> str:
    """培训经验（条件1）、教学资源（条件2）和管理保障（条件5）"""
    named = [f"{c.short}（{c.tag}）" for c in conditions]
    return "、".join(named[:-1]) + "和" + named[-1]


class BulkConfirmForm(PortalForm):
    rows = forms.TypedMultipleChoiceField(
        label="所选行", coerce=int, error_messages={"required": "请先勾选要确认的行。"}
    )
    attest = forms.BooleanField(
        label="确认所选行均具备" + _listed(CONDITIONS[field] for field in ATTESTED),
        required=False,
    )
    enrolled_all_years = forms.BooleanField(
        label=f"确认所选行中尚未填写招生年份的专业近3年均有招生（{CONDITIONS['enrolment'].tag}）",
        required=False,
    )
    facilities = forms.ChoiceField(
        label=CONDITIONS["facilities"].label,
        choices=[("", "不修改"), *Facilities.choices],
        required=False,
    )

    def __init__(self, *args, row_ids: list[int], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["rows"].choices = [(pk, pk) for pk in row_ids]

    def clean(self):
        cleaned = super().clean()
        if not (
            cleaned.get("attest") or cleaned.get("enrolled_all_years") or cleaned.get("facilities")
        ):
            raise forms.ValidationError("请选择至少一项要确认的内容。")
        return cleaned


class ScanForm(PortalForm):
    file = forms.FileField(
        label="盖章扫描件",
        help_text="PDF、JPEG 或 PNG，不超过 20 MB。",
        widget=forms.ClearableFileInput(
            attrs={"accept": ".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"}
        ),
    )


class ImportForm(PortalForm):
    file = forms.FileField(
        label="附件2 Excel 文件",
        help_text=(
            "Excel 工作簿（.xlsx），不超过 10 MB。可以是本平台导出的表，"
            "也可以是按附件2格式填写的表。"
        ),
        widget=forms.ClearableFileInput(
            attrs={
                "accept": ".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            }
        ),
    )

    @classmethod
    def refused(cls, message: str) -> "ImportForm":
        """The form as it shows a file refused after it was read (in another request than
        the upload's): the message on the file field, as an upload refused at once has it."""
        form = cls(data={}, files={})
        form.errors["file"] = form.error_class([message])
        return form


class SubmitForm(PortalForm):
    acknowledge = forms.BooleanField(
        label="我已阅读以上全部提醒，确认汇总表内容无误，提交后不能再修改。", required=False
    )


class ReturnForm(PortalForm):
    reason = forms.CharField(
        label="退回原因",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "退回时必须填写原因。"},
    )


class ExtendForm(PortalForm):
    until = forms.DateField(
        label="延长本单位截止时间至（当日 23:59 截止）",
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={
            "invalid": "请填写有效日期，如 2019-09-27。",
            "required": "请填写延期日期。",
        },
    )

    def __init__(self, *args, filing: Filing | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.filing = filing

    def clean_until(self) -> date:
        # The service decides (and checks again when it saves); asking it here puts the
        # answer next to the date.
        day = self.cleaned_data["until"]
        if self.filing is not None:
            problem = extension_date_problem(self.filing, end_of_day(day))
            if problem:
                raise forms.ValidationError(problem)
        return day

    @property
    def deadline(self) -> datetime:
        return end_of_day(self.cleaned_data["until"])
