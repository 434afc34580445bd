"""The filing's header: the contact person, phone and e-mail of the unit that reports.

The header form and the importer normalise a phone number and judge it here, so that
`027—87328057` typed or imported is the same valid number."""

import re

from ..models import Filing
from .glossary import HEADER_FIELDS
from .problems import Problem, error

CONTACT_PHONE_RE = re.compile(r"^(0\d{2,3}-?\d{7,8}(-\d{1,6})?|1[3-9]\d{9}|400-?\d{3}-?\d{4})$")
# What people put into a phone number that is not part of it: spaces, brackets around the
# area code, and dashes of every width (`027—87328057`, `027－87328057`).
_PHONE_NOISE = re.compile(r"[\s()（）]")
_PHONE_DASHES = re.compile(r"[\u2010-\u2015\u2212\ufe58\ufe63\uff0d]")


def normalize_phone(value: str) -> str:
    """A phone number as stored: without spaces and brackets, every dash a hyphen."""
    return _PHONE_DASHES.sub("-", _PHONE_NOISE.sub("", value or ""))


def is_contact_phone(value: str) -> bool:
    """A landline (with optional extension), a 400 number or a mobile."""
    return CONTACT_PHONE_RE.fullmatch(value or "") is not None


PHONE_INVALID = "电话格式不正确：请填写固定电话（如 027-87328057）或11位手机号码。"


def phone_problem(value: str, field: str = "contact_phone") -> Problem | None:
    """`value` as normalize_phone left it."""
    if value and not is_contact_phone(value):
        return error("header_phone", PHONE_INVALID, field)
    return None


def header_problems(filing: Filing) -> list[Problem]:
    problems = []
    for field, label in HEADER_FIELDS.items():
        if not getattr(filing, field).strip():
            problems.append(error("header", f"表头未填写“{label}”。", field))
    phone = phone_problem(filing.contact_phone)
    if phone:
        problems.append(phone)
    return problems
