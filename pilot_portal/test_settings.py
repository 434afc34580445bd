"""Settings for the test suite: the real settings with test-only speed-ups.

DATABASE_URL still decides the database, so the same suite runs on SQLite and PostgreSQL.
"""

import os
from pathlib import Path

# The suite runs with DEBUG off, as production does, so it must name what production is
# refused without. In os.environ, so that the processes the tests start (the upload reader)
# inherit them.
os.environ.setdefault("SECRET_KEY", "test-only-key-0123456789-abcdefghijklmnopqrstuvwxyz")
# SQLite asked for explicitly, unless DATABASE_URL points elsewhere (PostgreSQL in CI).
# (Its test database is in memory; the file is only named.)
os.environ.setdefault(
    "DATABASE_URL",
    "sqlite:///"
    + str(Path(os.environ.get("VAR_DIR", Path(__file__).parent.parent / "var")) / "db.sqlite3"),
)
os.environ.setdefault("PORTAL_BASE_URL", "http://testserver")

from .settings import *  # noqa: F403

# Hashing passwords slowly is a production property, not something tests need.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Static files come from the apps' folders; no collectstatic before the tests.
STATIC_ROOT = None
WHITENOISE_USE_FINDERS = True
# The live-server browser tests speak plain HTTP.
SECURE_SSL_REDIRECT = False
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False

# Login throttling stays on in tests (it is tested), without logging every login.
AXES_VERBOSE = False
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# An upload's request waits for its reading process to finish (the progress page has tests
# of its own, which set this to 0), so that a test sees the preview or the refusal at once
# however busy the machine is.
IMPORT_WAIT_SECONDS = 60
