"""Two batches side by side: the second (the notice's, from the fixture) and a generated
third one, which makes the second an earlier, read-only batch."""

import pytest
from django.test import Client

from bench.generated_batch import load_generated_batch
from certificates.models import Batch

from ..filings import factories as f


@pytest.fixture
def second(reference_data) -> Batch:
    return reference_data


def third_batch(certificates: int = 12) -> Batch:
    return load_generated_batch(number=3, certificates=certificates)


@pytest.fixture
def unit(db):
    return f.make_unit("420000", "湖北省")


@pytest.fixture
def other_unit(db):
    return f.make_unit("430000", "湖南省")


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT
