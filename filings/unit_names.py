"""Which submitting unit a piece of text names: the 报送单位 line of a table says
`湖北省教育厅`, `湖北` or `湖北省`, and all of them are 420000."""

import json
import re
import unicodedata
from collections.abc import Iterable
from functools import cache

from .models import SubmittingUnit
from .reference import UNITS_FILE

# What follows the region's name in a department's name or a table's line.
_DEPARTMENT = re.compile(
    r"\(盖章\)|盖章|教育厅|教育委员会|教委|教育局|教育行政部门|人民政府|报送单位:?|:"
)
# Shorter names of the units whose short form is not just the name without 省/市.
_EXTRA_ALIASES = {
    "新疆生产建设兵团": ("兵团", "新疆兵团"),
    "国家开放大学": ("国开", "国开大"),
}
_REGION_SUFFIX = re.compile(r"(壮族自治区|回族自治区|维吾尔自治区|自治区|特别行政区|省|市)$")


def _compact(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text or ""))


def aliases(name: str) -> set[str]:
    """湖北省 → {湖北省, 湖北}; 广西壮族自治区 → {广西壮族自治区, 广西}."""
    found = {name, *_EXTRA_ALIASES.get(name, ())}
    short = _REGION_SUFFIX.sub("", name)
    if len(short) >= 2:
        found.add(short)
    return {_compact(a) for a in found}


@cache
def _reference_names() -> tuple[str, ...]:
    data = json.loads(UNITS_FILE.read_text("utf-8"))
    return tuple(item["name"] for item in data["units"])


def known_unit_names() -> list[str]:
    """The 33 units of the reference data, and any other unit an administrator added."""
    names = dict.fromkeys(_reference_names())
    names.update(dict.fromkeys(SubmittingUnit.objects.values_list("name", flat=True)))
    return list(names)


def unit_named(text: str, names: Iterable[str] | None = None) -> str | None:
    """The unit's name that `text` names, or None when it names none, or two equally well.

    The longest name found wins, so that 新疆生产建设兵团教育局 is the 兵团 and not 新疆, and
    新疆维吾尔自治区教育厅 is 新疆 and not the 兵团.
    """
    key = _DEPARTMENT.sub("", _compact(text))
    if not key:
        return None
    best: dict[str, int] = {}
    for name in names if names is not None else known_unit_names():
        length = max((len(alias) for alias in aliases(name) if alias in key), default=0)
        if length:
            best[name] = length
    if not best:
        return None
    longest = max(best.values())
    winners = [name for name, length in best.items() if length == longest]
    return winners[0] if len(winners) == 1 else None


def department_name(text: str) -> str:
    """The 报送单位 as the file writes it, without the stamp's label."""
    return re.sub(r"[(（]\s*盖章\s*[)）]", "", text or "").strip(" :：")
