"""Fixtures of the spreadsheet tests that go through the upload page."""

import pytest
from django.test import Client

from .. import factories as f


@pytest.fixture
def staff_client(unit, media_root) -> Client:
    client = Client()
    client.force_login(f.make_staff(unit))
    return client


@pytest.fixture
def filed(filing):
    """The filing with a row already in it, which a refused file must leave alone."""
    f.make_row(filing)
    return filing
