"""Shares as the messages write them: truncated to a tenth of a percent, with the figures
they come from. The training team's floors and the concentration of a filing both speak so."""

from fractions import Fraction


def percent(part: int, whole: int) -> str:
    """Truncated to a tenth, never rounded up: 199/400 is "49.7", not a "50" that is then
    called too low."""
    tenths = 1000 * part // whole
    return f"{tenths // 10}" if tenths % 10 == 0 else f"{tenths // 10}.{tenths % 10}"


def share(part: int, whole: int) -> str:
    return f"{percent(part, whole)}%（{part}/{whole}）"


def floor(minimum: Fraction) -> str:
    """A minimum share as the notice writes it: 50%."""
    return f"{percent(minimum.numerator, minimum.denominator)}%"
