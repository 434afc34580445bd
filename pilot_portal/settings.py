"""Settings for the 1+X pilot filing portal.

Everything that differs between a developer's checkout and a deployment comes from
environment variables (documented in README.md). The defaults are those of a local
checkout with DEBUG off; `make run` turns DEBUG on.
"""

from datetime import timedelta
from pathlib import Path

import django
from csp.constants import NONE, SELF, UNSAFE_INLINE

from .api_settings import REST_FRAMEWORK, SPECTACULAR_SETTINGS  # noqa: F401
from .database import database_from_environment
from .env import env_bool, env_int, env_list, env_str
from .mail import email_backend, smtp_encryption
from .security import portal_base_url, secret_key

BASE_DIR = Path(__file__).resolve().parent.parent
# Runtime state of a checkout (SQLite file, uploads, collected static files) lives here;
# the folder is ignored by git.
VAR_DIR = Path(env_str("VAR_DIR", str(BASE_DIR / "var")))

DEBUG = env_bool("DEBUG", False)

# Required with DEBUG off (security.py).
SECRET_KEY = secret_key(debug=DEBUG)

# Behind a reverse proxy (TLS ends there): how many proxies in front of the portal append to
# X-Forwarded-For. The client is the entry that many places from the right; REMOTE_ADDR is used
# when there are none.
BEHIND_PROXY = env_bool("BEHIND_PROXY", False)
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 1 if BEHIND_PROXY else 0, minimum=0)

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "crispy_forms",
    "crispy_bootstrap5",
    "bootstrap",  # django-bootstrap-static: Bootstrap 5's CSS and JS, served by the app
    "axes",  # login throttling
    "rest_framework",  # the Web API (api_settings.py)
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",  # Swagger UI's files, served by the app
    "certificates",
    "filings",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Before the session: it must see the `Vary: Cookie` that sessions add to a response.
    "filings.middleware.PrivateResponsesMiddleware",
    # Before anything that reads the path: takes /batches/<N>/ off it (batch_scope.py).
    "certificates.batch_scope.BatchScopeMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Deny by default: every view needs a login unless it is marked @login_not_required.
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes asks: answers a locked-out login with the lockout page.
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Login throttling: after LOGIN_FAILURE_LIMIT wrong passwords for one account from one address,
# that pair is locked for LOGIN_COOLOFF_MINUTES. Per account *and* address, so that a stranger
# cannot lock a province's staff out, and one office behind one address is not locked out
# by one colleague's typos.
AXES_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("LOGIN_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
# Attempts and lockouts are kept in the database (admin: Axes); no line per login on stdout.
AXES_VERBOSE = env_bool("AXES_VERBOSE", False)
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
# The address counted is the client's as the trusted proxies pass it on (filings/addresses.py),
# not the proxy's own, which every client behind it shares.
AXES_CLIENT_IP_CALLABLE = "filings.addresses.client_address"

ROOT_URLCONF = "pilot_portal.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "certificates.context_processors.current_batch",
                "filings.context_processors.portal_role",
            ],
        },
    },
]

WSGI_APPLICATION = "pilot_portal.wsgi.application"

# From DATABASE_URL, required with DEBUG off (database.py).
DATABASES = {"default": database_from_environment(debug=DEBUG, var_dir=VAR_DIR)}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Password reset by e-mail (filings/views/password_reset.py): at most this many e-mails per
# client address and per account in each window; further requests get the same answer and
# send nothing. The link in the e-mail is valid for 3 days (Django's default) and only once.
PASSWORD_RESET_LIMIT_PER_ADDRESS = env_int("PASSWORD_RESET_LIMIT_PER_ADDRESS", 5)
PASSWORD_RESET_LIMIT_PER_ACCOUNT = env_int("PASSWORD_RESET_LIMIT_PER_ACCOUNT", 3)
PASSWORD_RESET_WINDOW_MINUTES = env_int("PASSWORD_RESET_WINDOW_MINUTES", 60)
PASSWORD_RESET_TIMEOUT = 3 * 24 * 60 * 60
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "/"

LANGUAGE_CODE = "zh-hans"
# An installed app's translations win over Django's own, and DRF's say some of Django's form
# messages otherwise (该字段是必填项 for 这个字段是必填项): Django's catalog, named here, wins
# again, so that the pages say what they said before the API came; DRF keeps its own words
# for its own messages.
LOCALE_PATHS = [Path(django.__file__).resolve().parent / "conf" / "locale"]
LANGUAGES = [("zh-hans", "简体中文")]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        # Hashed, compressed files in production (after `collectstatic`); plain files in
        # development so that no collect step is needed.
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage",
    },
}
if DEBUG:
    # Serve straight from the apps' static folders, no collect step needed.
    WHITENOISE_USE_FINDERS = True
    WHITENOISE_AUTOREFRESH = True
    STATIC_ROOT.mkdir(parents=True, exist_ok=True)
# Uploaded files (stamped scans) are private: they live outside the static files and are
# served only through views that check who is asking.
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(VAR_DIR / "media")))

# Reading an uploaded Attachment 2 (filings/spreadsheet/reading.py): each upload is parsed
# by a child process with these bounds, at most IMPORT_READ_SLOTS at once per host, at most
# IMPORT_QUEUE_LIMIT waiting; the upload's request waits IMPORT_WAIT_SECONDS before it shows a
# progress page. Uploads of previews never confirmed are removed after IMPORT_KEEP_HOURS.
IMPORT_READ_SECONDS = env_int("IMPORT_READ_SECONDS", 60, minimum=1)
IMPORT_READ_MEMORY_MB = env_int("IMPORT_READ_MEMORY_MB", 1024, minimum=1)
IMPORT_READ_SLOTS = env_int("IMPORT_READ_SLOTS", 1, minimum=1)
IMPORT_QUEUE_LIMIT = env_int("IMPORT_QUEUE_LIMIT", 6)
IMPORT_WAIT_SECONDS = env_int("IMPORT_WAIT_SECONDS", 3)
IMPORT_KEEP_HOURS = env_int("IMPORT_KEEP_HOURS", 8)

# A file cache shared by the server's worker processes on one host: the password-reset
# throttle's counters.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": env_str("CACHE_DIR", str(VAR_DIR / "cache")),
        "TIMEOUT": 3600,
    }
}

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

EMAIL_BACKEND = email_backend(debug=DEBUG)
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
# A mail server that wants a login gets it from the environment, never from the code.
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
# STARTTLS (usually port 587) or TLS from the first byte (usually port 465), never both.
EMAIL_USE_TLS, EMAIL_USE_SSL = smtp_encryption()
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "noreply@localhost")

# Content Security Policy (django-csp): the portal loads nothing from other hosts and runs
# no inline script. Inline styles stay allowed for the heat map's computed colours, and data:
# images for Bootstrap's built-in icons.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF, UNSAFE_INLINE],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

# Security. With DEBUG off these are the values `check --deploy` asks for; each can be
# relaxed through the environment where a deployment needs it (see README).
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 8 * 60 * 60)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
# A form refused for its CSRF token gets a Chinese page saying the page expired (still 403).
CSRF_FAILURE_VIEW = "filings.views.errors.csrf_failure"
if not DEBUG:
    SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", True)
    CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", True)
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
    if BEHIND_PROXY:
        # The reverse proxy terminates TLS and says so in this header.
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
}

# Section 三.1 of the notice: pilots should not concentrate in a few certificates. A unit with
# at least CONCENTRATION_MIN_ROWS rows is warned when its largest certificate holds more than
# CONCENTRATION_MAX_SHARE of its rows, or the Herfindahl index over the batch's certificates
# exceeds CONCENTRATION_MAX_HHI (1/N is an even spread over N, 1.0 everything in one). These
# are the values a batch starts with when it is created (certificates.batch_words); each batch
# then keeps its own, changed in the admin, and the concentration check reads the batch's.
CONCENTRATION_MIN_ROWS = env_int("CONCENTRATION_MIN_ROWS", 10)
CONCENTRATION_MAX_SHARE = env_int("CONCENTRATION_MAX_SHARE_PERCENT", 40) / 100
CONCENTRATION_MAX_HHI = env_int("CONCENTRATION_MAX_HHI_PERCENT", 25) / 100

# The portal's public address, for links in e-mails (no trailing slash); required with DEBUG
# off (security.py).
PORTAL_BASE_URL = portal_base_url(debug=DEBUG)
