"""The API's tests: clients with a token or a session, and the schema to check answers by."""

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient
from rest_framework.views import APIView

from ..filings import factories as f


@pytest.fixture(autouse=True)
def no_throttling(settings, monkeypatch):
    """Throttling has tests of its own; the rest must not depend on how fast they run.

    APIView copies the setting into a class attribute when DRF's views are first imported
    (whenever a test first loads the URLs), so the attribute is set too."""
    rest = dict(settings.REST_FRAMEWORK)
    rest["DEFAULT_THROTTLE_CLASSES"] = []
    settings.REST_FRAMEWORK = rest
    monkeypatch.setattr(APIView, "throttle_classes", [])


@pytest.fixture
def unit(db):
    return f.make_unit("420000", "湖北省")


@pytest.fixture
def other_unit(db):
    return f.make_unit("430000", "湖南省")


def token_client(user) -> APIClient:
    """A province's system: the user's token in the Authorization header, no session."""
    client = APIClient()
    token, _ = Token.objects.get_or_create(user=user)
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return client


@pytest.fixture
def staff_api(unit):
    return token_client(f.make_staff(unit))


@pytest.fixture
def other_staff_api(other_unit):
    return token_client(f.make_staff(other_unit))


@pytest.fixture
def reviewer_api(db):
    return token_client(f.make_reviewer())
