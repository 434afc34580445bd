"""The upload of a filled Attachment 2."""

from django import forms

from .base import PortalForm


class ImportForm(PortalForm):
    file = forms.FileField(
        label="附件2 Excel 文件",
        help_text=(
            "Excel 工作簿（.xlsx），不超过 10 MB。可以是本平台导出的表，"
            "也可以是按附件2格式填写的表。"
        ),
        # Said by the portal itself, not left to whichever installed app translates it last.
        error_messages={"empty": "上传的文件是空的：请选择填好的附件2 Excel 文件。"},
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
