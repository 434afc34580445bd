"""The forms of the rows' table itself: a row's quick edit and the bulk confirmation."""

from django import forms

from certificates.models import Batch, Level

from ..models import Facilities, PilotRow
from ..rules import ATTESTED, CONDITIONS, check_row
from .base import PortalForm, validation_error
from .fields import CountField


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
                self.add_error(problem.field, validation_error(problem))
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
