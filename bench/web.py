"""The benchmarks' visitors: a unit's staff and a reviewer signed in through the test client,
and a page's time and query count."""

from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from filings.models import Profile, Role, SubmittingUnit

from .measure import timed


def staff_client(code: str) -> Client:
    user, _ = User.objects.get_or_create(username=f"bench-{code}")
    Profile.objects.update_or_create(
        user=user,
        defaults={"role": Role.UNIT_STAFF, "unit": SubmittingUnit.objects.get(code=code)},
    )
    client = Client()
    client.force_login(user)
    return client


def reviewer_client() -> Client:
    user, _ = User.objects.get_or_create(username="bench-reviewer")
    Profile.objects.update_or_create(user=user, defaults={"role": Role.REVIEWER, "unit": None})
    client = Client()
    client.force_login(user)
    return client


def queries_of(client: Client, url: str) -> int:
    """The queries of one request (counted at once: the log is read lazily, and later
    requests clear it)."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
    return len(queries.captured_queries)


def page(client: Client, url: str, repeat: int = 7) -> tuple[float, int]:
    """Median server time of `repeat` requests, and the queries of one."""
    count = queries_of(client, url)
    return timed(lambda: client.get(url), repeat=repeat).median, count


def upload(content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile("table.xlsx", content)
