"""What every form of the portal shares: control characters refused in the portal's words,
and a rule's problem turned into a form error."""

from django import forms

from ..rules import Problem

# Django's own Chinese for this message reads "不允许是用空字符串" (a typo, and it says "empty
# string"): every form of the portal says it plainly.
NULL_CHARACTER = "不能含有空字符（NUL）等控制字符，请删除后重新输入。"


def validation_error(problem: Problem) -> forms.ValidationError:
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
