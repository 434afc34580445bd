"""Calendar days as the notice counts them: in Beijing time."""

from datetime import datetime

from django.utils import timezone


def days_until(moment: datetime, now: datetime | None = None) -> int:
    """Whole calendar days (Beijing time) from today to the day of `moment`; negative after."""
    today = timezone.localtime(now or timezone.now()).date()
    return (timezone.localtime(moment).date() - today).days
