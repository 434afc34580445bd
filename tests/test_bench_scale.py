"""A fast smoke test of the benchmarks' scale scenario (bench/scale.py, issue #13): it runs
on a few rows per unit and every page keeps its query count. Timings are never asserted here;
the benchmark itself is `python -m bench --only scale` (docs/benchmarks.md)."""

import re

import pytest

from bench import data
from bench.scale import CERTIFICATES, PAGES, scale
from certificates.models import Batch
from certificates.reference import LoadReport
from filings.models import PilotRow
from filings.reference import load_units


@pytest.fixture
def units(reference_data, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    load_units(LoadReport())


@pytest.mark.django_db
def test_the_scale_scenario_measures_every_page_with_fixed_queries(units):
    second = data.second_batch()
    data.national(second, 2)
    second_rows = set(PilotRow.objects.filter(filing__batch=second).values_list("pk", flat=True))

    rows = scale(sizes=(1, 3), repeat=1)

    assert len(rows) == len(PAGES) + 1  # and the import preview
    for what, figure, _, _ in rows:
        assert f"{CERTIFICATES} certificates: 1 → 3 rows per unit" in what
        before, after = re.search(r"queries (\d+) → (\d+)", figure).groups()
        assert before == after, (what, figure)
    third = Batch.objects.get(number=3)
    assert PilotRow.objects.filter(filing__batch=third).count() == 33 * 3
    # The scale scenario fills its own batch and leaves the second batch's filings alone.
    assert (
        set(PilotRow.objects.filter(filing__batch=second).values_list("pk", flat=True))
        == second_rows
    )
