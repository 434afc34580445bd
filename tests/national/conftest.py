import pytest

from certificates.reference import LoadReport
from filings.demo import seed_demo
from filings.reference import load_units


@pytest.fixture
def units(reference_data):
    load_units(LoadReport())


@pytest.fixture
def demo(units, settings, tmp_path):
    """The demo data: 33 units in every state, deterministic."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return seed_demo(rows=400, seed=7)
