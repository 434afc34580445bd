"""The address of the client a request comes from, as the login and password-reset
throttles count it.

Behind a reverse proxy every request arrives from the proxy's address, so REMOTE_ADDR alone
would make all clients one. Each trusted proxy appends the address it saw to X-Forwarded-For;
the entries left of those were written by the client and can say anything. So the client is
the TRUSTED_PROXY_COUNT-th entry from the right, never the leftmost.
"""

from ipaddress import ip_address

from django.conf import settings
from django.http import HttpRequest


def _is_address(value: str) -> bool:
    try:
        ip_address(value)
    except ValueError:
        return False
    return True


def client_address(request: HttpRequest) -> str:
    peer = request.META.get("REMOTE_ADDR", "")
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies <= 0:
        return peer
    forwarded = [
        entry.strip()
        for entry in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        if entry.strip()
    ]
    if len(forwarded) < proxies:
        # The request did not pass through every trusted proxy: nothing in the header is
        # vouched for.
        return peer
    candidate = forwarded[-proxies]
    return candidate if _is_address(candidate) else peer
