"""Shared fixtures of the filings tests; the data itself comes from `factories`."""

import pytest
from django.contrib.auth.models import User

from certificates.models import Batch
from filings.models import Filing, SubmittingUnit

from . import factories


@pytest.fixture
def batch(reference_data) -> Batch:
    return reference_data


@pytest.fixture
def unit(db) -> SubmittingUnit:
    return factories.make_unit("420000", "湖北省")


@pytest.fixture
def other_unit(db) -> SubmittingUnit:
    return factories.make_unit("430000", "湖南省")


@pytest.fixture
def staff(unit):
    return factories.make_staff(unit)


@pytest.fixture
def other_staff(other_unit):
    return factories.make_staff(other_unit)


@pytest.fixture
def reviewer(db):
    return factories.make_reviewer()


@pytest.fixture
def outsider(db):
    """Logged in, but neither staff nor reviewer: no profile."""
    return User.objects.create_user(username="outsider", password=factories.PASSWORD)


@pytest.fixture
def filing(batch, unit) -> Filing:
    return factories.make_filing(unit, batch)


@pytest.fixture
def media_root(settings, tmp_path):
    """Uploaded scans go to a temporary folder, never to var/media."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT
