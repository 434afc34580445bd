"""The lines around Attachment 2's table: 报送单位(盖章)、联系人、电话、邮箱 above it (or, in some
provinces' tables, under it), read into the filing's header, and the unit they name checked
against the unit importing the file; the title above them checked against the batch."""

import re
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email

from certificates.models import Batch
from certificates.numerals import batch_number_in
from certificates.upload_guard import RefusedFile

from ..models import SubmittingUnit
from ..rules import MAX_CONTACT_NAME, clean_name, normalize_phone, phone_problem
from ..unit_names import department_name, unit_named
from .parsing import raw_text, text

# Matched on the text as written: labels with half- or full-width brackets and colons.
HEADER_LABELS = re.compile(
    r"(报送单位(?:\s*[(（]\s*盖章\s*[)）])?|联系人|联系电话|电话|电子邮箱|邮箱)\s*[:：]?\s*"
)
HEADER_KEYS = {
    "报送单位": "unit",
    "联系人": "contact_name",
    "联系电话": "contact_phone",
    "电话": "contact_phone",
    "电子邮箱": "contact_email",
    "邮箱": "contact_email",
}

WRONG_UNIT = "文件的报送单位是{file}，不是{unit}。请确认上传的是本单位的汇总表。"
NO_UNIT_LINE = "文件中没有“报送单位”一行，无法核对是否为{unit}的汇总表：请确认后再导入。"
UNKNOWN_UNIT = "文件的报送单位“{file}”不是任何一个报送单位的名称，请确认是{unit}的汇总表。"
OTHER_BATCH = (
    "表格标题为“{title}”，而当前报送的是{ordinal}（{expected}）。请确认上传的是{ordinal}的汇总表。"
)


def _key(label: str) -> str:
    return HEADER_KEYS[re.sub(r"[\s(（].*", "", label)]


def _value(key: str, value: str) -> str:
    # Names as written; a phone number or an address folded to half width.
    return clean_name(value) if key in ("unit", "contact_name") else text(value)


def read_header_lines(lines: Iterable[Iterable[Any]], header: dict[str, str]) -> None:
    """报送单位/联系人/电话/邮箱 from lines of cells: 'label: value' in one cell, several of
    them in one cell, or a label in one cell and its value in the next. Fills the keys of
    `header` not filled yet."""
    for values in lines:
        texts = [raw_text(v) for v in values]
        for position, cell in enumerate(texts):
            labels = list(HEADER_LABELS.finditer(cell))
            if not labels or labels[0].start() != 0:
                continue
            for index, label in enumerate(labels):
                key = _key(label.group(1))
                end = labels[index + 1].start() if index + 1 < len(labels) else len(cell)
                value = cell[label.end() : end].strip()
                if not value and index == len(labels) - 1:
                    following = [t for t in texts[position + 1 :] if t]
                    if following and not HEADER_LABELS.match(following[0]):
                        value = following[0]
                value = _value(key, value)
                if value and key not in header:
                    header[key] = value


def check_unit(
    header: dict[str, str], unit: SubmittingUnit | None, names: Iterable[str] | None = None
) -> str | None:
    """Refuse another unit's table (RefusedFile). A table naming no unit, or none that the
    portal knows, imports: the warning returned says so. No unit given: nothing to check."""
    if unit is None:
        return None
    written = department_name(header.get("unit", ""))
    if not written:
        return NO_UNIT_LINE.format(unit=unit.name)
    named = unit_named(written, names)
    if named is None:
        return UNKNOWN_UNIT.format(file=written, unit=unit.name)
    if named != unit.name:
        raise RefusedFile(WRONG_UNIT.format(file=written, unit=unit.name))
    return None


def check_batch(lines: Iterable[Iterable[Any]], batch: Batch) -> None:
    """Refuse (RefusedFile) a table whose title, above its heading, names another batch
    (第三批… uploaded into the second): its certificates are not this batch's, and a row
    whose name happens to match one would be filed under the wrong notice. A title naming
    no batch imports."""
    for values in lines:
        for value in values:
            title = text(value)
            named = batch_number_in(title)
            if named is None:
                continue
            if named != batch.number:
                raise RefusedFile(
                    OTHER_BATCH.format(
                        title=title, ordinal=batch.ordinal, expected=batch.attachment2_title
                    )
                )
            return


def checked_contact_fields(header: dict[str, str]) -> list[str]:
    """Header values the portal would refuse in its form are left out, each with a warning."""
    warnings = []
    name = header.get("contact_name", "")
    if len(name) > MAX_CONTACT_NAME:
        warnings.append(
            f"表头联系人“{name[:20]}…”过长（最多{MAX_CONTACT_NAME}个字），未导入；请在平台填写。"
        )
        header.pop("contact_name")
    # The form's own normalisation and rule: what the header form accepts imports.
    phone = normalize_phone(header.get("contact_phone", ""))
    if phone_problem(phone):
        warnings.append(f"表头电话“{phone}”格式不正确，未导入；请在平台填写。")
        header.pop("contact_phone")
    elif phone:
        header["contact_phone"] = phone
    email = header.get("contact_email", "")
    if email:
        try:
            validate_email(email)
        except ValidationError:
            warnings.append(f"表头邮箱“{email}”格式不正确，未导入；请在平台填写。")
            header.pop("contact_email")
    return warnings
