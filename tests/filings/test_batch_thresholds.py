"""The concentration thresholds are the batch's own: a new batch starts with the settings'
values, an administrator changes them per batch, and the warning, the national figures and
the glossary follow the batch's."""

import pytest

from bench.generated_batch import load_generated_batch
from filings.glossary import meaning
from filings.models import FilingState
from filings.national import included_filings, unit_figures
from filings.rules import check_filing
from filings.selectors import rows_for_check

from . import factories as f

pytestmark = pytest.mark.django_db


def fill(filing, batch, positions):
    """One school per row, in the certificates at `positions`."""
    for n, position in enumerate(positions):
        school = f.make_school(filing, f"湖北第{n + 1}职业学院")
        f.make_row(filing, school, f.certificate(position, batch))


def warned(filing) -> bool:
    problems = check_filing(filing, rows_for_check(filing)).filing_problems
    return "concentrated" in [p.code for p in problems]


# 12 rows, 5 in one certificate: a largest share of 41.6%, an HHI of 0.22.
SPREAD = [1] * 5 + [2, 3, 4, 5, 6, 7, 8]


def test_the_second_batch_keeps_todays_thresholds(batch):
    assert (
        batch.concentration_min_rows,
        batch.concentration_max_share_percent,
        batch.concentration_max_hhi_percent,
    ) == (10, 40, 25)


def test_a_new_batch_starts_with_the_settings_values(batch, settings):
    settings.CONCENTRATION_MIN_ROWS = 7
    settings.CONCENTRATION_MAX_SHARE = 0.5
    third = load_generated_batch(number=3, certificates=12)
    assert (third.concentration_min_rows, third.concentration_max_share_percent) == (7, 50)
    assert third.concentration_max_hhi_percent == 25


def test_the_warning_follows_the_thresholds_of_the_filings_batch(batch, unit):
    third = load_generated_batch(number=3, certificates=12)
    second_filing = f.make_filing(unit, batch)
    third_filing = f.make_filing(unit, third)
    fill(second_filing, batch, SPREAD)
    fill(third_filing, third, SPREAD)
    assert warned(second_filing) and warned(third_filing)  # 41.6% > 40%
    third.concentration_max_share_percent = 45
    third.save()
    third_filing.refresh_from_db()
    assert warned(second_filing) and not warned(third_filing)
    third.concentration_max_hhi_percent = 20  # 0.22 > 0.20
    third.save()
    third_filing.refresh_from_db()
    assert warned(third_filing)


def test_the_national_figures_follow_the_batchs_minimum(batch, unit):
    filing = f.make_filing(unit, batch, state=FilingState.ACCEPTED)
    fill(filing, batch, [1] * 5)

    def concentrated() -> bool:
        lines = unit_figures(batch, included_filings(batch, False))
        return next(u for u in lines if u.filing).concentration.is_concentrated

    assert not concentrated()  # 5 rows, fewer than 10
    batch.concentration_min_rows = 5
    batch.save()
    assert concentrated()


def test_the_glossary_gives_the_batchs_thresholds_and_even_spread(batch):
    assert "十个证书平均分布时为 0.10" in meaning("集中度指数", batch, 10)
    assert "不少于 10 行的单位，集中度指数超过 0.25 或最大证书占比超过 40%" in meaning(
        "集中度指数", batch, 10
    )
    batch.concentration_min_rows, batch.concentration_max_hhi_percent = 20, 30
    words = meaning("集中度指数", batch, 400)
    assert "400个证书平均分布时为 0.0025" in words
    assert "不少于 20 行的单位，集中度指数超过 0.30" in words
