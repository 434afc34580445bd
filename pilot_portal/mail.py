"""Sending e-mail: the backend and the SMTP server's encryption, read from the environment.

A mail server that wants a login gets it from the environment too (EMAIL_HOST_USER,
EMAIL_HOST_PASSWORD), never from the code.
"""

from django.core.exceptions import ImproperlyConfigured

from .env import env_bool, env_str

CONSOLE_BACKEND = "django.core.mail.backends.console.EmailBackend"
SMTP_BACKEND = "django.core.mail.backends.smtp.EmailBackend"


def email_backend(*, debug: bool) -> str:
    """EMAIL_BACKEND, or the console on a developer's machine and SMTP on a server."""
    return env_str("EMAIL_BACKEND", CONSOLE_BACKEND if debug else SMTP_BACKEND)


def smtp_encryption() -> tuple[bool, bool]:
    """(EMAIL_USE_TLS, EMAIL_USE_SSL): STARTTLS (usually port 587) or TLS from the first byte
    (usually port 465), never both."""
    use_tls = env_bool("EMAIL_USE_TLS", False)
    use_ssl = env_bool("EMAIL_USE_SSL", False)
    if use_tls and use_ssl:
        # Django would only find out when the first e-mail is sent, and lose it.
        raise ImproperlyConfigured(
            "EMAIL_USE_TLS and EMAIL_USE_SSL are both on; set only one: EMAIL_USE_TLS for "
            "STARTTLS (usually port 587), EMAIL_USE_SSL for TLS from the start (usually port 465)."
        )
    return use_tls, use_ssl
