"""The client address read from X-Forwarded-For, trusting only the configured proxies."""

import pytest
from django.test import RequestFactory

from filings.addresses import client_address


def request(remote="10.0.0.2", forwarded=None):
    extra = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **extra)


@pytest.mark.parametrize(
    ("proxies", "forwarded", "expected"),
    [
        # No trusted proxy: the header is the client's own words.
        (0, "203.0.113.5", "10.0.0.2"),
        # One proxy: the rightmost entry is the one it wrote.
        (1, "203.0.113.5", "203.0.113.5"),
        (1, "192.0.2.1, 203.0.113.5", "203.0.113.5"),
        (1, "192.0.2.1,203.0.113.5 ", "203.0.113.5"),
        # Two proxies: the client is second from the right.
        (2, "192.0.2.1, 203.0.113.5, 10.0.0.1", "203.0.113.5"),
        # Fewer entries than proxies, no header, or a value that is no address: the peer.
        (2, "203.0.113.5", "10.0.0.2"),
        (1, None, "10.0.0.2"),
        (1, "", "10.0.0.2"),
        (1, "192.0.2.1, not-an-address", "10.0.0.2"),
        (1, "2001:db8::1", "2001:db8::1"),
    ],
)
def test_the_client_address(settings, proxies, forwarded, expected):
    settings.TRUSTED_PROXY_COUNT = proxies
    assert client_address(request(forwarded=forwarded)) == expected
