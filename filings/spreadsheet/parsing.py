"""Reading the values of one cell as people actually type them in Attachment 2."""

import re
import unicodedata
from typing import Any

from certificates.models import Certificate, Level

from ..models import Facilities, SchoolStatus, SchoolType
from ..rules import MAX_COUNT, TECHNICIAN_SCHOOL, clean_name, count_too_large
from . import layout


def raw_text(value: Any) -> str:
    """A cell as written: numbers without a spurious '.0', surrounding spaces trimmed."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def text(value: Any) -> str:
    """A cell as text to interpret (a number, a type, a certificate): Unicode folded (NFKC),
    so that full-width digits and brackets read as their half-width forms. Never for names,
    which are kept as written (`written`)."""
    return unicodedata.normalize("NFKC", raw_text(value)).strip()


def written(value: Any) -> str:
    """A name as written in the cell, cleaned as the form cleans it (rules.clean_name)."""
    return clean_name(raw_text(value))


def compact(value: Any) -> str:
    """Text without any white space, for comparing headings and names."""
    return re.sub(r"\s+", "", text(value))


class ParseError(ValueError):
    def __init__(self, message: str, field: str = "", code: str = "unreadable") -> None:
        super().__init__(message)
        self.field = field  # the column key it belongs to, when not the one being parsed
        self.code = code


def parse_count(value: Any, *, what: str) -> int | None:
    """'1,200', '１２０', '120人', '120 名', 120.0 → 120; empty → None. Whether the number
    is in range is the rules' to judge (rules.count_problems), as for a number typed in a
    form."""
    if value is None:
        return None
    if isinstance(value, bool):
        raise ParseError(f"{what}应为整数", code="not_integer")
    if isinstance(value, float):
        if not value.is_integer():
            raise ParseError(f"{what}“{value:g}”不是整数", code="not_integer")
        value = int(value)
    if isinstance(value, int):
        number = value
    else:
        raw = text(value)
        if not raw:
            return None
        cleaned = re.sub(r"[\s,]", "", raw)
        cleaned = re.sub(r"(人|名|个|所|门)$", "", cleaned)
        if not re.fullmatch(r"-?\d+", cleaned):
            raise ParseError(f"{what}“{raw[:20]}”不是整数", code="not_integer")
        if len(cleaned.lstrip("-")) > len(str(MAX_COUNT)) + 1:
            # Thousands of digits: too large to be real, and too long for int() to parse.
            raise ParseError(count_too_large(what, f"{cleaned[:12]}…"), code="count_too_large")
        number = int(cleaned)
    return number


SCHOOL_TYPE_ALIASES = {
    SchoolType.SECONDARY: (
        "中职",
        "中职学校",
        "中职院校",
        "中等职业学校",
        "中等职业院校",
        "中等职业教育",
        "中专",
        "中等专业学校",
        "职业高中",
        "职高",
    ),
    SchoolType.HIGHER: (
        "高职",
        "高职院校",
        "高职学校",
        "高等职业学校",
        "高等职业院校",
        "高职高专",
        "高职(专科)",
        "高等职业教育",
        "专科",
    ),
    SchoolType.UNDERGRAD_PILOT: (
        "本科层次职业教育试点学校",
        "本科层次职业教育试点",
        "本科层次职业学校",
        "职业本科",
        "本科职业教育试点学校",
    ),
    SchoolType.APPLIED_UNDERGRAD: (
        "应用型本科",
        "应用型本科高校",
        "应用型本科院校",
        "应用型本科学校",
    ),
}
_TYPE_LOOKUP = {
    compact(alias): school_type
    for school_type, aliases in SCHOOL_TYPE_ALIASES.items()
    for alias in (*aliases, school_type.label)
}


def parse_school_type(value: Any) -> str:
    raw = text(value)
    if not raw:
        raise ParseError("未填写学校类型")
    found = _TYPE_LOOKUP.get(compact(raw))
    if found is not None:
        return found.value
    if TECHNICIAN_SCHOOL in compact(raw) or compact(raw) in {"技校", "技师学院"}:
        raise ParseError(f"学校类型“{raw}”：技工学校不在本次试点范围（通知第二部分）")
    raise ParseError(f"学校类型“{raw}”无效，应为中职、高职、本科层次职业教育试点学校或应用型本科")


LEVEL_ALIASES = {
    "初级": Level.JUNIOR,
    "初": Level.JUNIOR,
    "中级": Level.INTERMEDIATE,
    "中": Level.INTERMEDIATE,
    "高级": Level.SENIOR,
    "高": Level.SENIOR,
}
LIST_SPLIT = re.compile(r"[、,;/\n\r]+|\s+(?:和|及)?\s*|(?<=级)(?:和|及)")
CERTIFICATE_SUFFIXES = ("职业技能等级证书", "职业技能等级", "证书")


class CertificateIndex:
    """The batch's certificates by every name a table may use for them; `ordinal` names the
    batch (第二批) in a message."""

    def __init__(self, certificates: list[Certificate], ordinal: str) -> None:
        self.scope = f"{ordinal}的{len(certificates)}个证书"
        self.by_name: dict[str, Certificate] = {}
        for cert in certificates:
            for name in (cert.name, cert.full_name, cert.attachment1_name):
                if name:
                    self.by_name[compact(name)] = cert

    def find(self, name: str) -> Certificate | None:
        key = compact(name)
        if key in self.by_name:
            return self.by_name[key]
        for suffix in CERTIFICATE_SUFFIXES:
            if key.endswith(suffix) and key[: -len(suffix)] in self.by_name:
                return self.by_name[key[: -len(suffix)]]
        return None


def parse_certificate(
    value: Any, index: CertificateIndex, levels_value: Any = None
) -> tuple[Certificate, list[Level]]:
    """'网店运营推广（初级、中级）', '网店运营推广(初级,中级)', '网店运营推广 中级',
    '网店运营推广职业技能等级证书（中级）'; or the name alone with the levels in a column of
    their own (`levels_value`, '初级、中级'). Problems with the levels carry field 'levels'
    when they come from that column."""
    raw = text(value)
    separate = text(levels_value)
    if not raw:
        raise ParseError("未填写参与试点证书及等级" if not separate else "未填写证书名称")
    bracket = re.fullmatch(r"(.*?)\s*\((.*)\)\s*", raw)
    if bracket:
        name, levels_text = bracket.group(1), bracket.group(2)
    else:
        trailing = re.fullmatch(r"(.*?)[\s:]+(\S*级.*)", raw)
        name, levels_text = (trailing.group(1), trailing.group(2)) if trailing else (raw, "")
    certificate = index.find(name)
    if certificate is None:
        raise ParseError(f"证书“{name.strip()}”不在{index.scope}之中")
    levels = _levels(levels_text, field="")
    levels += [lv for lv in _levels(separate, field="levels") if lv not in levels]
    if not levels:
        if levels_value is not None or separate:
            raise ParseError(
                f"未填写{certificate.name}的证书等级（初级、中级、高级）", field="levels"
            )
        raise ParseError(
            f"“{raw}”未写明证书等级（初级、中级、高级），如：{certificate.name}（初级、中级）"
        )
    order = list(Level)
    return certificate, sorted(levels, key=order.index)


def _levels(value: str, *, field: str) -> list[Level]:
    levels: list[Level] = []
    for token in (t for t in LIST_SPLIT.split(value) if t):
        level = LEVEL_ALIASES.get(token)
        if level is None:
            raise ParseError(f"证书等级“{token}”不存在（应为初级、中级、高级）", field=field)
        if level not in levels:
            levels.append(level)
    return levels


# Marks of a level column ticked for a row (one column per level).
LEVEL_MARKS = {"✓", "√", "✔", "☑", "●", "是", "Y", "y", "1", "有", "参与", "○", "〇"}


def level_marked(value: Any) -> bool:
    return compact(value) in LEVEL_MARKS


# The separators people put between majors in one cell, half and full width.
MAJOR_SPLIT = re.compile(r"[、,，;；/／\n\r]+")


def split_majors(value: Any) -> list[str]:
    """The majors of a cell, each as written."""
    parts = MAJOR_SPLIT.split(raw_text(value))
    return [name for name in (clean_name(part) for part in parts) if name]


_STATUS_BY_TEXT = {compact(status.label): status for status in SchoolStatus}


def parse_remarks(value: Any) -> tuple[list[str], str]:
    """Status categories the portal knows, and the rest of the remark as written."""
    raw = "" if value is None else str(value).strip()
    statuses, rest = [], []
    for part in re.split(r"[；;]", raw):
        status = _STATUS_BY_TEXT.get(compact(part))
        if status is not None:
            if status.value not in statuses:
                statuses.append(status.value)
        elif part.strip():
            rest.append(part.strip())
    return statuses, layout.REMARK_SEPARATOR.join(rest)


def parse_enrolment(value: Any) -> dict[str, list[int] | None]:
    """'电子商务（2017、2018、2019）；市场营销（未填写）' → {name: years or None}."""
    result: dict[str, list[int] | None] = {}
    for part in re.split(r"[；;\n]", raw_text(value)):
        part = part.strip()
        if not part:
            continue
        # The last bracket holds the years: a major's own name may have brackets too.
        match = re.fullmatch(r"(.*)[(（]([^()（）]*)[)）]", part)
        if not match:
            result[clean_name(part)] = None
            continue
        name, detail = clean_name(match.group(1)), match.group(2)
        if detail in ("未填写", ""):
            result[name] = None
        elif detail == "无":
            result[name] = []
        else:
            result[name] = sorted({int(y) for y in re.findall(r"\d{4}", detail)})
    return result


def parse_yes_no(value: Any) -> bool | None:
    raw = compact(value)
    if raw in {"是", "具备", "有", "Y", "y", "yes", "√", "✓", "1"}:
        return True
    if raw in {"否", "不具备", "无", "N", "n", "no", "×", "0"}:
        return False
    return None


_FACILITIES = {compact(f.label): f.value for f in Facilities}


def parse_facilities(value: Any) -> str:
    return _FACILITIES.get(compact(value), "")
