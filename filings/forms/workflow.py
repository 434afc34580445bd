"""The workflow's forms: the stamped scan, the submission, a return and an extension."""

from datetime import date, datetime

from django import forms

from ..models import Filing
from ..services import SCAN_EMPTY, end_of_day, extension_date_problem
from .base import PortalForm


class ScanForm(PortalForm):
    file = forms.FileField(
        label="盖章扫描件",
        help_text="PDF、JPEG 或 PNG，不超过 20 MB。",
        # Said by the portal itself, not left to whichever installed app translates it last.
        error_messages={"empty": SCAN_EMPTY},
        widget=forms.ClearableFileInput(
            attrs={"accept": ".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"}
        ),
    )


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
