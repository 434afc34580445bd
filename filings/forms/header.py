"""The header of Attachment 2: the unit's contact."""

from typing import Any

from django import forms

from ..models import Filing
from ..rules import HEADER_FIELDS, MAX_CONTACT_NAME, clean_name, normalize_phone, phone_problem
from .base import PortalForm, validation_error

PHONE_LENGTH = Filing._meta.get_field("contact_phone").max_length


class HeaderForm(PortalForm):
    """The header of Attachment 2. An incomplete header may be saved; submission needs it
    whole. (A plain form: a ModelForm would write onto the filing before the service sees
    what changed.)"""

    contact_name = forms.CharField(
        label=HEADER_FIELDS["contact_name"], max_length=MAX_CONTACT_NAME, required=False
    )
    contact_phone = forms.CharField(
        label=HEADER_FIELDS["contact_phone"],
        max_length=PHONE_LENGTH,
        required=False,
        help_text="固定电话（如 027-87328057）或11位手机号码。",
    )
    contact_email = forms.EmailField(
        label=HEADER_FIELDS["contact_email"],
        required=False,
        error_messages={"invalid": "邮箱格式不正确。"},
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
            raise validation_error(problem)
        return phone
