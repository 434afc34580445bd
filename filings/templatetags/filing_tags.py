from datetime import timedelta

from django import template

register = template.Library()


@register.filter
def get_item(mapping: dict, key):
    """`mapping|get_item:key` — a dictionary look-up by a variable key."""
    return mapping.get(key, []) if mapping else []


_DURATION_UNITS = [(86400, "天"), (3600, "小时"), (60, "分钟"), (1, "秒")]


@register.filter
def duration(delta: timedelta) -> str:
    """`cooloff_timedelta|duration` — "1 小时 30 分钟" where django-axes would say PT1H30M."""
    seconds = int(delta.total_seconds())
    parts = []
    for size, unit in _DURATION_UNITS:
        count, seconds = divmod(seconds, size)
        if count:
            parts.append(f"{count} {unit}")
    return " ".join(parts)
