"""Times, numbers and shares as people read them; the glossary; lateness against the deadline
that applied."""

from datetime import UTC, datetime, timedelta
from fractions import Fraction

import pytest
from django.template import Context, Template

from filings import glossary
from filings.glossary import in_extension
from filings.models import Filing, UnitKind
from filings.rules import CONDITIONS, SUMMARY_FIGURES
from filings.wording import beijing_time, percent, percent_of, thousands


def render(text: str, **context) -> str:
    return Template("{% load words %}" + text).render(Context(context))


def test_a_time_is_written_in_beijing_time_and_says_so():
    moment = datetime(2019, 5, 30, 9, 0, tzinfo=UTC)
    assert beijing_time(moment) == "2019-05-30 17:00（北京时间）"
    assert beijing_time(moment, "Y年n月j日 H:i") == "2019年5月30日 17:00（北京时间）"
    assert beijing_time(moment, suffix=False) == "2019-05-30 17:00"
    assert beijing_time(None) == ""
    assert render("{{ t|beijing }}", t=moment) == "2019-05-30 17:00（北京时间）"
    assert render('{{ t|beijing_bare:"n月j日 H:i" }}', t=moment) == "5月30日 17:00"


def test_the_time_is_beijing_time_whatever_zone_is_active(settings):
    from django.utils import timezone

    with timezone.override("UTC"):
        assert beijing_time(datetime(2019, 9, 20, 15, 59, tzinfo=UTC)) == (
            "2019-09-20 23:59（北京时间）"
        )


@pytest.mark.parametrize(
    ("value", "text"),
    [(3300, "3,300"), (12, "12"), (1234567, "1,234,567"), (0, "0"), (None, ""), ("—", "—")],
)
def test_large_numbers_have_thousands_separators(value, text):
    assert thousands(value) == text
    assert render("{{ n|thousands }}", n=value) == text


@pytest.mark.parametrize(
    ("share", "text"),
    [
        (Fraction(199, 400), "49.7%"),  # truncated, never rounded up to a "50%" called too low
        (199 / 400, "49.7%"),
        (0.5, "50%"),
        (Fraction(1, 3), "33.3%"),
        (0.29, "29%"),
        (0.07, "7%"),
        (1.0, "100%"),
        (0, "0%"),
        (None, "—"),
    ],
)
def test_percentages_are_written_one_way(share, text):
    assert percent(share) == text
    assert render("{{ s|percent }}", s=share) == text


def test_a_share_of_nothing_is_a_dash():
    assert percent_of(3, 0) == "—"
    assert percent_of(1, 8) == "12.5%"


def test_the_glossary_names_the_conditions_and_summary_lines_as_the_rules_do():
    meanings = {term.name: term.meaning for term in glossary.glossary(certificates=10)}
    for condition in CONDITIONS.values():
        assert condition.name in meanings[condition.tag]
    for line, _ in SUMMARY_FIGURES:
        assert line in meanings["总体情况"]
    assert "版本号加 1" in meanings["表格版本"]
    assert "HHI" in meanings["集中度指数"] and "0.10" in meanings["集中度指数"]
    assert render('{% explain "表格版本" %}') == glossary.meaning("表格版本")


@pytest.mark.parametrize(
    ("kind", "stamp"),
    [
        (UnitKind.PROVINCE, "省级教育行政部门公章（省厅公章）"),
        (UnitKind.CORPS, "新疆生产建设兵团教育局公章"),
        (UnitKind.OPEN_UNIVERSITY, "国家开放大学公章"),
    ],
)
def test_each_kind_of_unit_has_its_stamp(kind, stamp):
    assert glossary.stamp(_unit(kind)) == stamp


def _unit(kind):
    from filings.models import SubmittingUnit

    return SubmittingUnit(code="000000", name="x", kind=kind)


@pytest.mark.django_db
def test_a_submission_within_an_extension_is_not_late(batch, unit):
    deadline = batch.filing_deadline
    filing = Filing(unit=unit, batch=batch, deadline_extended_to=deadline + timedelta(days=7))
    filing.submitted_at = deadline + timedelta(days=3)
    assert not filing.is_late
    assert in_extension(filing)
    filing.submitted_at = deadline + timedelta(days=8)
    assert filing.is_late
    assert not in_extension(filing)
    filing.submitted_at = deadline - timedelta(days=1)
    assert not filing.is_late and not in_extension(filing)
    filing.deadline_extended_to = None
    filing.submitted_at = deadline + timedelta(minutes=1)
    assert filing.is_late and not in_extension(filing)


def test_pages_write_a_share_as_the_rules_messages_do():
    # One way of writing a share: the rules' (truncated to a tenth) and the pages' agree.
    from filings.rules import concentration

    for whole in range(1, 120):
        for part in range((whole + 1) // 2, whole + 1):  # part is the larger share
            conc = concentration({1: part, 2: whole - part} if part < whole else {1: part})
            assert percent(conc.top_share) == f"{conc.top_share_percent}%", (part, whole)
            assert percent_of(part, whole) == f"{conc.top_share_percent}%", (part, whole)
