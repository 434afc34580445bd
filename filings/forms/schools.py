"""A school of a filing: its name, type, code, status and remarks."""

from typing import Any

from django import forms

from ..models import School, SchoolStatus, SchoolType
from ..rules import (
    INVISIBLE_IN_NAME,
    MAX_REMARKS,
    MAX_SCHOOL_NAME,
    clean_name,
    has_invisible,
    school_problems,
)
from .base import PortalForm, validation_error


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
                self.add_error(problem.field, validation_error(problem))
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
