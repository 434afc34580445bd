"""A fast smoke test of the benchmarks' scale scenario (bench/scale.py, issue #13): it runs
on a few rows per unit, and every page keeps its query count with 10 or 400 certificates and
with 1 or 3 rows per unit. Timings are never asserted here; the benchmark itself is
`python -m bench --only scale` (docs/benchmarks.md)."""

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
    rows = scale(sizes=(1, 3), repeat=1)

    assert len(rows) == len(PAGES) + 1  # and the import preview
    for what, figure, _, _ in rows:
        assert f"3 rows per unit, 10 → {CERTIFICATES} certificates" in what
        counts = re.search(r"queries (\d+) → (\d+) \(1 rows per unit\) → (\d+)", figure)
        assert counts and len(set(counts.groups())) == 1, (what, figure)
    # Each batch holds its own filings: the baseline's and the generated batch's.
    for batch in (data.second_batch(), Batch.objects.get(number=3)):
        assert PilotRow.objects.filter(filing__batch=batch).count() == 33 * 3
