"""A row of a filing (one certificate of a school), and the set of rows added with a school."""

from typing import Any

from django import forms
from django.forms import formset_factory

from certificates.models import Batch, Certificate, Level

from ..models import Facilities, PilotRow, School, SchoolType
from ..rules import (
    ATTESTED,
    CONDITIONS,
    MAX_NOTE,
    NOT_ATTESTED,
    Problem,
    RowLike,
    check_row,
    duplicate_and_conflict_problems,
    enrolment_years,
)
from ..services import apply_row_data
from .base import PortalForm, validation_error
from .fields import CountField, MajorsField, SearchableSelect

YES_NO_CHOICES = [("", NOT_ATTESTED), ("yes", "是"), ("no", "否")]


def certificate_search_text(certificate: Certificate) -> str:
    """Besides its name, a certificate is found by its organization and Attachment 1's name."""
    return " ".join(filter(None, [certificate.organization.name, certificate.attachment1_name]))


def _yes_no(value: str) -> bool | None:
    return {"yes": True, "no": False}.get(value)


def _yes_no_initial(value: bool | None) -> str:
    return {True: "yes", False: "no", None: ""}[value]


class PilotRowForm(PortalForm):
    """One certificate of a school: levels, majors, students and the evidence.

    The rules judge the row (check_row) as they judge an imported one: an error refuses the
    save; evidence Attachment 2 has no column for (the training team, the enrolment years)
    may be completed later, and is listed in `pending` (it still blocks the submission)."""

    row_version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    certificate = forms.ModelChoiceField(
        label="参与试点证书",
        queryset=Certificate.objects.none(),
        empty_label="请选择证书",
        widget=SearchableSelect(search_text=certificate_search_text),
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
        # Still only the batch's own certificates are valid, whatever the search box showed.
        self.fields["certificate"].queryset = Certificate.objects.filter(
            batch=batch
        ).select_related("organization")
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
        apply_row_data(row, self.row_data())
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
                self.add_error(field, validation_error(problem))
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
                form.add_error(problem.field, validation_error(problem))


RowFormSet = formset_factory(
    PilotRowForm, formset=BaseRowFormSet, extra=0, min_num=1, validate_min=True, max_num=10
)
