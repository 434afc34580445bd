"""The unit's table page, the reviewers' board and the unit's export keep the same number of
queries whether the batch has the second batch's 10 certificates or a generated batch's 400
(issue #13): nothing is looked up once per certificate. The same rows, the same units, first
in the second batch, then in a generated third batch, which becomes the current one."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from bench.generated_batch import load_generated_batch
from filings.demo import fill_filing
from filings.models import FilingState, PilotRow

from .. import factories as f
from .helpers import url

pytestmark = pytest.mark.django_db

ROWS = 240  # more than one page of the table (200 a page)


def queries(client, address: str) -> int:
    client.get(address)  # once before: the session and the first request's own lookups
    with CaptureQueriesContext(connection) as captured:
        response = client.get(address)
        assert response.status_code == 200, address
    return len(captured.captured_queries)


def fill_batch(batch, unit, other_unit) -> None:
    """The unit's draft of ROWS rows, and another unit's submitted filing on the board."""
    fill_filing(f.make_filing(unit, batch), ROWS, seed=1)
    other = f.make_filing(other_unit, batch, state=FilingState.SUBMITTED)
    fill_filing(other, 60, seed=2)


def counts(staff_client, reviewer_client) -> dict[str, int]:
    return {
        "table page": queries(staff_client, url("rows", "420000")),
        "table page 2": queries(staff_client, url("rows", "420000") + "?page=2"),
        "board": queries(reviewer_client, reverse("filings:review_board")),
        "export": queries(staff_client, url("export", "420000")),
    }


def test_the_pages_queries_do_not_grow_with_the_certificates(
    batch, unit, other_unit, staff_client, reviewer_client
):
    fill_batch(batch, unit, other_unit)
    with_ten = counts(staff_client, reviewer_client)

    third = load_generated_batch(number=3, certificates=400)
    fill_batch(third, unit, other_unit)
    used = PilotRow.objects.filter(filing__batch=third).values("certificate").distinct()
    assert used.count() > 150  # the rows spread over many of the 400 certificates
    with_four_hundred = counts(staff_client, reviewer_client)

    assert with_four_hundred == with_ten


def test_the_table_pages_queries_do_not_grow_with_its_rows(
    batch, unit, other_unit, staff_client, reviewer_client
):
    third = load_generated_batch(number=3, certificates=400)
    filing = f.make_filing(unit, third)
    fill_filing(filing, 20, seed=1)
    few = counts(staff_client, reviewer_client)
    filing.rows.all().delete()
    filing.schools.all().delete()
    fill_filing(filing, ROWS, seed=3)
    many = counts(staff_client, reviewer_client)
    # The board has no filing of another unit either time; the table page a second page only
    # with many rows, so that page is left out of this comparison.
    few.pop("table page 2"), many.pop("table page 2")
    assert many == few
