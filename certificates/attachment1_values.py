"""The values of one Attachment 1 row, cleaned and validated as the reference data is.

An evaluation organization's values may come from several rows (its certificates' rows,
its cells merged or left blank after the first): they are gathered per organization, a
value given twice differently is a problem, and everything is checked with the models' own
validators (`models`, `phones`) once the whole table is read.
"""

from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import models

from .attachment1_headings import HEADINGS
from .cell_text import clean_code, clean_text, split_values
from .models import LIST_SEPARATOR, EvaluationOrganization, Level, OrganizationContact
from .phones import is_mobile, is_office_phone

CERTIFICATE_SUFFIX = "职业技能等级证书"
ALL_LEVELS = [level.value for level in Level]
# Keys of the organization's own values, and those it cannot go without.
ORGANIZATION_KEYS = ["contacts", "mobiles", "office_phones", "fax", "emails", "address", "postcode"]
REQUIRED_KEYS = [key for key in ORGANIZATION_KEYS if key != "fax"]
LIST_KEYS = {"contacts", "mobiles", "office_phones", "fax", "emails"}
# key -> the model field each of the list's values is checked with
LIST_FIELDS = [
    ("contacts", OrganizationContact, "name"),
    ("mobiles", OrganizationContact, "mobile"),
    ("office_phones", EvaluationOrganization, "office_phones"),
    ("fax", EvaluationOrganization, "fax"),
    ("emails", EvaluationOrganization, "emails"),
]


def _is_email(value: str) -> bool:
    try:
        validate_email(value)
    except ValidationError:
        return False
    return True


CLEANERS = {
    "contacts": lambda raw: [clean_text(name) for name in split_values(raw)],
    "mobiles": lambda raw: split_values(raw, is_mobile),
    "office_phones": lambda raw: split_values(raw, is_office_phone),
    "fax": lambda raw: split_values(raw, is_office_phone),
    "emails": lambda raw: split_values(raw, _is_email),
    "address": clean_text,
    "postcode": clean_code,
}


def field_errors(model: type[models.Model], name: str, value: Any) -> list[str]:
    """What the model field's own validation says of a value (unique constraints aside)."""
    try:
        model._meta.get_field(name).clean(value, None)
    except ValidationError as error:
        return error.messages
    return []


def certificate_name(raw: Any) -> tuple[str, str]:
    """(the certificate's name, as written): `智能财税职业技能等级证书` is 智能财税, the way
    the notice's section 一 names it."""
    written = clean_text(raw)
    name = written.removesuffix(CERTIFICATE_SUFFIX) or written
    return name, written


def parse_levels(raw: Any) -> tuple[list[str], str | None]:
    """Level codes from a 等级 cell (`初级、中级、高级`, `初级/中级`); all three when empty."""
    words = split_values(raw)
    if not words:
        return ALL_LEVELS, None
    labels = {level.label: level.value for level in Level}
    labels.update({label[0]: value for label, value in list(labels.items())})
    unknown = [word for word in words if word not in labels]
    if unknown:
        return ALL_LEVELS, f"等级“{'、'.join(unknown)}”应为初级、中级或高级。"
    chosen = {labels[word] for word in words}
    return [code for code in ALL_LEVELS if code in chosen], None


def _shown(value: Any) -> str:
    return "、".join(value) if isinstance(value, list) else str(value)


@dataclass
class OrganizationValues:
    name: str
    first_line: int
    values: dict[str, Any] = field(default_factory=dict)  # key -> cleaned value
    lines: dict[str, int] = field(default_factory=dict)  # key -> the line it was read on
    # key -> the line of each of a list's values (a contact added from a row of its own)
    item_lines: dict[str, list[int]] = field(default_factory=dict)

    @staticmethod
    def name_of(raw: Any) -> str:
        return clean_text(raw)

    @classmethod
    def read(cls, line: int, cells: dict[str, Any]) -> "OrganizationValues":
        read = cls(cls.name_of(cells.get("organization")), line)
        for key in ORGANIZATION_KEYS:
            value = CLEANERS[key](cells.get(key))
            if value:
                read.values[key] = value
                read.lines[key] = line
        return read

    def merge(self, other: "OrganizationValues") -> list[str]:
        """Take the values a later row of the organization gives; a value given differently
        is a problem on that row."""
        problems = []
        for key, value in other.values.items():
            if key not in self.values:
                self.values[key] = value
                self.lines[key] = other.lines[key]
            elif self.values[key] != value:
                problems.append(
                    f"第 {other.lines[key]} 行「{HEADINGS[key]}」：“{_shown(value)}”与第 "
                    f"{self.lines[key]} 行同一培训评价组织的“{_shown(self.values[key])}”不一致。"
                )
        return problems

    def extend(self, other: "OrganizationValues") -> list[str]:
        """Add a continuing row's contacts, mobiles, phones and e-mails to the organization's
        (a phone or e-mail already given is not repeated); its other values as `merge`."""
        single = OrganizationValues(self.name, other.first_line)
        for key, value in other.values.items():
            if key not in LIST_KEYS or key not in self.values:
                single.values[key], single.lines[key] = value, other.lines[key]
                continue
            repeatable = key in ("contacts", "mobiles")
            added = [v for v in value if repeatable or v not in self.values[key]]
            self.values[key] += added
            self.item_lines.setdefault(key, []).extend([other.first_line] * len(added))
        return self.merge(single)

    def _item_line(self, key: str, index: int) -> int:
        """The line of a list's value: those added by a continuing row are listed after the
        values of the row that gave the list."""
        added = self.item_lines.get(key, [])
        before = len(self.values[key]) - len(added)
        return added[index - before] if index >= before else self.lines[key]

    def _problem(self, key: str, message: str) -> str:
        return f"第 {self.lines.get(key, self.first_line)} 行「{HEADINGS[key]}」：{message}"

    def problems(self) -> list[str]:
        found = [
            f"第 {self.first_line} 行「{HEADINGS['organization']}」：{message}"
            for message in field_errors(EvaluationOrganization, "name", self.name)
        ]
        found += [self._problem(key, "未填写。") for key in REQUIRED_KEYS if key not in self.values]
        fields = self.organization_fields()
        for key in ("address", "postcode"):
            if key in self.values:
                found += [
                    self._problem(key, m)
                    for m in field_errors(EvaluationOrganization, key, fields[key])
                ]
        for key in ("office_phones", "fax", "emails"):
            limit = EvaluationOrganization._meta.get_field(key).max_length
            if len(fields[key]) > limit:
                found.append(self._problem(key, f"共 {len(fields[key])} 个字符，超过 {limit} 个。"))
        for key, model, name in LIST_FIELDS:
            for index, item in enumerate(self.values.get(key, [])):
                found += [
                    f"第 {self._item_line(key, index)} 行「{HEADINGS[key]}」：{m}"
                    for m in field_errors(model, name, item)
                ]
        names, mobiles = self.values.get("contacts", []), self.values.get("mobiles", [])
        if names and mobiles and len(names) != len(mobiles):
            found.append(
                self._problem(
                    "mobiles", f"联系人 {len(names)} 位，手机 {len(mobiles)} 个，无法一一对应。"
                )
            )
        return found

    def organization_fields(self) -> dict[str, str]:
        joined = {
            key: LIST_SEPARATOR.join(value) if isinstance(value, list) else value
            for key, value in self.values.items()
        }
        return {
            "name": self.name,
            "office_phones": joined.get("office_phones", ""),
            "fax": joined.get("fax", ""),
            "emails": joined.get("emails", ""),
            "address": joined.get("address", ""),
            "postcode": joined.get("postcode", ""),
        }

    def contacts(self) -> list[dict[str, str]]:
        pairs = zip(self.values.get("contacts", []), self.values.get("mobiles", []), strict=False)
        return [{"name": name, "mobile": mobile} for name, mobile in pairs]
