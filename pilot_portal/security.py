"""What production must name and the portal never guesses: the secret key and the portal's
public address. With DEBUG off a missing one stops start-up with a message saying what to
set; with DEBUG on, a developer's machine gets a stand-in."""

from django.core.exceptions import ImproperlyConfigured

from .env import env_str

# Only ever used with DEBUG on, on a developer's machine.
DEVELOPMENT_SECRET_KEY = "development-only-key-never-use-in-production-0123456789abcdefghij"
DEVELOPMENT_BASE_URL = "http://127.0.0.1:8000"


def secret_key(*, debug: bool) -> str:
    key = env_str("SECRET_KEY")
    if key:
        return key
    if not debug:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. With DEBUG off the portal refuses to start without it: "
            "set SECRET_KEY to a long random string (for example the output of "
            "`python -c 'import secrets; print(secrets.token_urlsafe(50))'`), "
            "or set DEBUG=1 for local development."
        )
    return DEVELOPMENT_SECRET_KEY


def portal_base_url(*, debug: bool) -> str:
    """The portal's public address, for links in e-mails (no trailing slash). A production
    default would send review notices and password-reset links pointing at somebody's
    loopback."""
    url = env_str("PORTAL_BASE_URL", DEVELOPMENT_BASE_URL if debug else "").rstrip("/")
    if not url:
        raise ImproperlyConfigured(
            "PORTAL_BASE_URL is not set. With DEBUG off the portal needs its public address "
            "for the links in its e-mails: set PORTAL_BASE_URL, for example "
            "https://1x.example.edu.cn, or set DEBUG=1 for local development."
        )
    if not url.startswith(("https://", "http://")):
        raise ImproperlyConfigured(
            f"PORTAL_BASE_URL must start with https:// or http://; got {url!r}"
        )
    return url
