"""What a batch's notice states of it beyond its number, and what a new batch starts with:
the words that name it in Attachment 2, and the concentration thresholds."""

from datetime import date

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator

from .numerals import chinese_number


def batch_ordinal(number: int) -> str:
    """2 → 第二批, as the notices name a batch."""
    return f"第{chinese_number(number)}批"


def attachment2_title(number: int) -> str:
    return f"{batch_ordinal(number)}1+X证书制度试点院校情况汇总表"


def enrolment_years(issued_on: date) -> list[int]:
    """The last three years of condition 1, up to the notice's year: 2017, 2018 and 2019 for
    the second batch's 2019 notice."""
    year = issued_on.year
    return [year - 2, year - 1, year]


# The concentration thresholds a new batch starts with (the environment's, pilot_portal/settings);
# each batch then keeps its own, edited in the admin.
def default_min_rows() -> int:
    return settings.CONCENTRATION_MIN_ROWS


def default_max_share_percent() -> int:
    return round(settings.CONCENTRATION_MAX_SHARE * 100)


def default_max_hhi_percent() -> int:
    return round(settings.CONCENTRATION_MAX_HHI * 100)


PERCENT = [MinValueValidator(1), MaxValueValidator(100)]
