"""Throttling per user, and so per token (one token per user), at the rates in the settings.

DRF's own classes copy the rates into a class attribute when they are first imported; these
read them when a request comes, so that a changed setting (API_THROTTLE_USER at start-up, a
test's lower rate) is the one applied.
"""

from rest_framework import throttling
from rest_framework.settings import api_settings

from ..addresses import client_address


class RatesFromSettings:
    def get_rate(self):
        self.THROTTLE_RATES = api_settings.DEFAULT_THROTTLE_RATES
        return super().get_rate()


class UserRateThrottle(RatesFromSettings, throttling.UserRateThrottle):
    """A signed-in user's (or token's) requests: API_THROTTLE_USER."""


class AnonRateThrottle(RatesFromSettings, throttling.AnonRateThrottle):
    """Requests without a credential, per client address: API_THROTTLE_ANON."""

    def get_ident(self, request):
        # The address the login and password-reset throttles count (TRUSTED_PROXY_COUNT).
        # DRF's own, without NUM_PROXIES, takes X-Forwarded-For as the client writes it:
        # a new made-up address per request would never be throttled.
        return client_address(request)
