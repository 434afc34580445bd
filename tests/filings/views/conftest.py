"""Fixtures of the view tests: people, logged-in clients and a batch still open for filing."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from .helpers import client_for


@pytest.fixture(autouse=True)
def _media(media_root):
    """No view test writes a scan into var/media."""


@pytest.fixture
def staff_client(staff) -> Client:
    return client_for(staff)


@pytest.fixture
def reviewer_client(reviewer) -> Client:
    return client_for(reviewer)


@pytest.fixture
def in_time(batch):
    """The batch's deadline moved ten days ahead, so that today is within it (the notice's
    own deadline, 2019-09-20, is long past)."""
    batch.filing_deadline = timezone.now() + timedelta(days=10)
    batch.save(update_fields=["filing_deadline"])
    return batch
