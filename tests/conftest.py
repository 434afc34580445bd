import pytest

from certificates.models import Batch
from certificates.reference import load_reference_data


@pytest.fixture
def reference_data(db) -> Batch:
    """The notice's reference data, loaded as `load_reference_data` would."""
    load_reference_data()
    return Batch.objects.get(number=2)
