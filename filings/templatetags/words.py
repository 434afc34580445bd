"""`{% load words %}`: times, numbers, shares and terms written the one way (filings.wording,
filings.glossary) on every page and in every e-mail."""

import re

from django import template

from .. import access, glossary, wording

register = template.Library()


@register.filter
def beijing(moment, fmt: str = wording.MINUTE) -> str:
    """`{{ filing.submitted_at|beijing }}` → 2019-09-20 17:00（北京时间）;
    `|beijing:"Y年n月j日 H:i"` in another Django date format."""
    return wording.beijing_time(moment, fmt)


@register.filter
def beijing_bare(moment, fmt: str = wording.MINUTE) -> str:
    """In Beijing time without the suffix, where the column's or the table's heading says it."""
    return wording.beijing_time(moment, fmt, suffix=False)


@register.filter
def thousands(value) -> str:
    """`{{ 3300|thousands }}` → 3,300 (pages only: spreadsheets keep numbers numeric)."""
    return wording.thousands(value)


@register.filter
def percent(share) -> str:
    """`{{ 0.4975|percent }}` → 49.7%: truncated to a tenth, as the rules' messages write it."""
    return wording.percent(share)


@register.simple_tag
def explain(name: str, batch=None, certificates=None) -> str:
    """`{% explain "表格版本" %}`: the glossary's words for a term, to show where it appears;
    `{% explain "集中度指数" batch n %}` in the words of a batch with n certificates."""
    return glossary.meaning(name, batch, certificates)


@register.simple_tag
def concentration_scale(certificates=None) -> str:
    """`{% concentration_scale n %}`: how to read a concentration index over n certificates,
    in a few words beside one."""
    return glossary.concentration_scale(certificates)


@register.simple_tag
def glossary_terms(batch=None, certificates=None) -> list:
    return glossary.glossary(batch, certificates)


@register.filter
def stamp(unit) -> str:
    """`{{ filing.unit|stamp }}` → whose seal the printed table carries."""
    return glossary.stamp(unit)


@register.filter
def sees_hashes(user) -> bool:
    return access.can_see_hashes(user)


_HASH = re.compile(r"[，,]?\s*SHA-256[：:\s]*[0-9a-f]{64}")


@register.filter
def without_hashes(text: str) -> str:
    """A history note with the scans' SHA-256 digests left out (for those who may not see them)."""
    return _HASH.sub("", text or "")


@register.filter
def person(user, missing: str = "未记录") -> str:
    """A user as the pages name one: the full name, else the account name; `missing` when the
    record has nobody (an account since deleted, or demonstration data made without one)."""
    if user is None:
        return missing
    return user.get_full_name() or user.get_username()


@register.inclusion_tag("filings/_timing.html")
def timing_badge(filing, in_time: str = "") -> dict:
    """`{% timing_badge filing %}`: 逾期提交 or 延期内提交, or `in_time` for one in time."""
    return {
        "timing": glossary.submission_timing(filing) if filing else "",
        "late": bool(filing and filing.is_late),
        "in_time": in_time,
    }


@register.simple_tag
def stamp_for_every_kind() -> str:
    return glossary.STAMP_FOR_EVERY_KIND
