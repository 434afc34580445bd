"""How the portal writes times, numbers and shares for people to read: one way everywhere.

Times are Beijing time and say so; counts carry thousands separators; shares are truncated
to a tenth of a percent, never rounded up, as the rules' messages write them (a 49.97% share
must not read "50%" beside a verdict that calls it too low). The rules compare the exact
fractions; these functions only write them.
"""

from datetime import datetime
from decimal import Decimal
from fractions import Fraction
from zoneinfo import ZoneInfo

from django.utils import dateformat

from .rules import shares

BEIJING = ZoneInfo("Asia/Shanghai")
BEIJING_SUFFIX = "（北京时间）"
MINUTE = "Y-m-d H:i"  # Django date format: 2019-09-20 23:59


def in_beijing(moment: datetime) -> datetime:
    return moment.astimezone(BEIJING)


def beijing_time(moment: datetime | None, fmt: str = MINUTE, *, suffix: bool = True) -> str:
    """`2019-09-20 23:59（北京时间）`; without the suffix where a heading already says so."""
    if moment is None:
        return ""
    text = dateformat.format(in_beijing(moment), fmt)
    return text + BEIJING_SUFFIX if suffix else text


def thousands(value) -> str:
    """3300 → "3,300"; what is not a whole number is written as it is."""
    if value is None:
        return ""
    if isinstance(value, int) and not isinstance(value, bool):
        return f"{value:,}"
    if isinstance(value, str) and value.isdigit():
        return f"{int(value):,}"
    return str(value)


def percent_number(share) -> str:
    """A share (0.497, or an exact Fraction) as a percentage truncated to a tenth: "49.7";
    a whole percentage has no decimals: "50". Written by the rules' own function."""
    exact = Fraction(share) if not isinstance(share, float) else Fraction(Decimal(repr(share)))
    return shares.percent(exact.numerator, exact.denominator)


def percent(share) -> str:
    """ "49.7%"; a share of nothing (None) is "—"."""
    return "—" if share is None else f"{percent_number(share)}%"


def percent_of(part: int, whole: int) -> str:
    return percent(Fraction(part, whole)) if whole else "—"
