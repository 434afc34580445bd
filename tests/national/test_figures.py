"""National figures agree with the units' own summaries, whatever the scope."""

import pytest

from filings.models import Filing, FilingState, PilotRow
from filings.national import (
    certificate_totals,
    conflicts,
    included_filings,
    national_summary,
    unit_figures,
)
from filings.summary import summarize
from tests.filings import factories as f

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("include_submitted", [False, True])
def test_every_national_figure_is_the_sum_of_the_units_own_summaries(
    demo, reference_data, include_submitted
):
    filings = included_filings(reference_data, include_submitted)
    states = {FilingState.ACCEPTED} | ({FilingState.SUBMITTED} if include_submitted else set())
    assert set(filings.values_list("state", flat=True)) == states

    units = unit_figures(reference_data, filings)
    own = [summarize(filing) for filing in filings]
    total = national_summary(units)
    for name in (
        "students",
        "secondary_schools",
        "higher_schools",
        "undergraduate_schools",
        "schools",
        "rows",
    ):
        assert getattr(total, name) == sum(getattr(s, name) for s in own), name
    # Each unit's line is its own summary.
    by_unit = {u.unit.pk: u.summary for u in units if u.filing}
    for filing in filings:
        assert by_unit[filing.unit_id] == summarize(filing)

    totals = certificate_totals(reference_data, filings)
    assert sum(t.rows for t in totals) == total.rows
    assert sum(t.students for t in totals) == total.students
    for t in totals:
        assert sum(t.rows_by_level.values()) >= t.rows  # a row may cover several levels
        matrix_column = sum(u.rows_by_certificate.get(t.certificate.pk, 0) for u in units)
        assert matrix_column == t.rows


def test_only_accepted_filings_count_by_default(demo, reference_data):
    accepted = included_filings(reference_data, False)
    rows = PilotRow.objects.filter(filing__in=accepted).count()
    assert national_summary(unit_figures(reference_data, accepted)).rows == rows
    all_rows = PilotRow.objects.filter(filing__batch=reference_data).count()
    assert rows < all_rows


def test_the_figures_take_a_fixed_number_of_queries(
    units, reference_data, django_assert_max_num_queries, settings, tmp_path
):
    from filings.demo import seed_demo

    settings.MEDIA_ROOT = tmp_path
    counts = []
    for rows in (100, 600):
        seed_demo(rows=rows, seed=3, replace=True)
        filings = included_filings(reference_data, True)
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as ctx:
            units_ = unit_figures(reference_data, filings)
            certificate_totals(reference_data, filings)
            conflicts(reference_data, filings)
            national_summary(units_)
        counts.append(len(ctx.captured_queries))
    assert counts[0] == counts[1]
    assert counts[0] <= 10


def test_a_school_filed_by_two_units_is_a_conflict_naming_both(reference_data, units):
    from filings.models import SubmittingUnit

    hubei = SubmittingUnit.objects.get(code="420000")
    hunan = SubmittingUnit.objects.get(code="430000")
    for unit, name in ((hubei, "武汉职业技术学院"), (hunan, "武汉职业技术学院 ")):
        filing = f.make_filing(unit, reference_data, state=FilingState.ACCEPTED)
        f.make_row(filing, f.make_school(filing, name))
    # The same school code under two names is one school too.
    for unit, name in ((hubei, "湖北工业职业技术学院"), (hunan, "湖北工业职院")):
        filing = Filing.objects.get(unit=unit)
        school = f.make_school(filing, name)
        school.school_code = "4142012345"
        school.save()
        f.make_row(filing, school)

    found = conflicts(reference_data, included_filings(reference_data, False))
    by_school = {c.school: c for c in found}
    assert {u.code for u, _ in by_school["武汉职业技术学院"].units} == {"420000", "430000"}
    code_conflict = next(c for c in found if c.by == "学校标识码")
    assert code_conflict.key == "4142012345"
    assert {name for _, name in code_conflict.units} == {"湖北工业职业技术学院", "湖北工业职院"}


def test_no_conflict_within_one_unit_or_with_unincluded_filings(reference_data, units):
    from filings.models import SubmittingUnit

    hubei = SubmittingUnit.objects.get(code="420000")
    hunan = SubmittingUnit.objects.get(code="430000")
    accepted = f.make_filing(hubei, reference_data, state=FilingState.ACCEPTED)
    school = f.make_school(accepted, "武汉职业技术学院")
    f.make_row(accepted, school, f.certificate(1))
    f.make_row(accepted, school, f.certificate(2))
    draft = f.make_filing(hunan, reference_data)
    f.make_row(draft, f.make_school(draft, "武汉职业技术学院"))
    assert conflicts(reference_data, included_filings(reference_data, True)) == []


def test_concentration_is_flagged_per_unit(reference_data, units):
    from filings.models import SubmittingUnit

    reference_data.concentration_min_rows = 4
    filing = f.make_filing(
        SubmittingUnit.objects.get(code="420000"), reference_data, state=FilingState.ACCEPTED
    )
    for n in range(5):
        f.make_row(filing, f.make_school(filing, f"第{n}职业学院"), f.certificate(1))
    line = next(
        u for u in unit_figures(reference_data, included_filings(reference_data, False)) if u.filing
    )
    assert line.concentration.is_concentrated
    assert line.concentration.top_share == 1.0
