import pytest

from bench.data import national as fill_national
from bench.generated_batch import load_generated_batch
from certificates.reference import LoadReport
from filings.demo import seed_demo
from filings.reference import load_units

# The generated batch of the scale tests, and the rows each of the 33 units files in it.
CERTIFICATES = 400
ROWS_PER_UNIT = 30


@pytest.fixture
def units(reference_data):
    load_units(LoadReport())


@pytest.fixture
def demo(units, settings, tmp_path):
    """The demo data: 33 units in every state, deterministic."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return seed_demo(rows=400, seed=7)


@pytest.fixture
def big_batch(units):
    batch = load_generated_batch(number=3, certificates=CERTIFICATES)
    fill_national(batch, ROWS_PER_UNIT)
    return batch
