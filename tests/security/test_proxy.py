"""Behind the reverse proxy: whose address a login attempt counts against.

Every request arrives from the proxy's own address (REMOTE_ADDR); the proxy appends the address
it saw to X-Forwarded-For. Anything left of that entry was written by the client and may be
forged, so the portal reads the entry its own proxy wrote: the Nth from the right, N being
TRUSTED_PROXY_COUNT.
"""

import pytest
from axes.models import AccessAttempt
from django.urls import reverse

from tests.filings import factories as f

pytestmark = pytest.mark.django_db

PROXY = "10.0.0.2"
VICTIM = "203.0.113.5"
ATTACKER = "198.51.100.7"
COLLEAGUE = "198.51.100.9"


@pytest.fixture(autouse=True)
def behind_one_proxy(settings):
    settings.TRUSTED_PROXY_COUNT = 1


@pytest.fixture
def staff(db):
    return f.make_staff(f.make_unit("420000"), username="420000")


def through_proxy(client, password, forwarded_for, username="420000"):
    """A login POST as the proxy passes it on: from the proxy, with the header it built."""
    return client.post(
        reverse("login"),
        {"username": username, "password": password},
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR=forwarded_for,
    )


def logged_in(client) -> bool:
    return "_auth_user_id" in client.session


def test_a_forged_leftmost_address_does_not_lock_that_address_out(client, staff):
    # The attacker claims to be the victim; the proxy appends the attacker's real address.
    for _ in range(5):
        through_proxy(client, "wrong", f"{VICTIM}, {ATTACKER}")
    assert through_proxy(client, f.PASSWORD, f"{ATTACKER}").status_code == 429
    response = through_proxy(client, f.PASSWORD, VICTIM)
    assert response.status_code == 302
    assert logged_in(client)
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {ATTACKER}


def test_two_clients_behind_the_proxy_are_locked_independently(client, staff):
    for _ in range(5):
        through_proxy(client, "wrong", ATTACKER)
    assert through_proxy(client, f.PASSWORD, ATTACKER).status_code == 429
    through_proxy(client, f.PASSWORD, COLLEAGUE)
    assert logged_in(client)


def test_a_locked_account_is_still_reachable_from_another_address(client, staff):
    reviewer = f.make_reviewer("reviewer")
    assert reviewer.username == "reviewer"
    for _ in range(5):
        through_proxy(client, "wrong", ATTACKER, username="reviewer")
    assert through_proxy(client, f.PASSWORD, ATTACKER, username="reviewer").status_code == 429
    through_proxy(client, f.PASSWORD, VICTIM, username="reviewer")
    assert logged_in(client)


def test_without_a_trusted_proxy_the_header_is_ignored(client, staff, settings):
    settings.TRUSTED_PROXY_COUNT = 0
    for index in range(5):
        # A client that talks to the portal directly cannot shed its failures by inventing
        # a new forwarded address each time.
        through_proxy(client, "wrong", f"192.0.2.{index}")
    assert through_proxy(client, f.PASSWORD, VICTIM).status_code == 429
