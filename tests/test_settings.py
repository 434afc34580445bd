"""Start-up configuration: production safety and clear failures."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from pilot_portal.env import env_bool, env_int, env_list, env_rate

ROOT = Path(__file__).resolve().parent.parent


# What the tests' own settings put into the environment, and what a start-up test decides.
UNSET = {
    "DEBUG",
    "SECRET_KEY",
    "DJANGO_SETTINGS_MODULE",
    "DATABASE_URL",
    "PORTAL_BASE_URL",
    "EMAIL_HOST_USER",
    "EMAIL_HOST_PASSWORD",
    "EMAIL_USE_TLS",
    "EMAIL_USE_SSL",
}
# Everything production must name, so that each refusal test leaves out one thing only.
PRODUCTION = {
    "DEBUG": "0",
    "SECRET_KEY": "k3y-for-the-deploy-check-4f9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f1",
    "ALLOWED_HOSTS": "x1.example.cn",
    "CSRF_TRUSTED_ORIGINS": "https://x1.example.cn",
    "DATABASE_URL": "postgres://portal:secret@db.invalid:5432/pilot_portal",
    "PORTAL_BASE_URL": "https://x1.example.cn",
}


def manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if k not in UNSET}
    clean.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_without_debug_a_missing_secret_key_stops_start_up_clearly():
    result = manage("check", DEBUG="0")
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_check_deploy_with_production_values_reports_no_issues():
    result = manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def production_setting(name: str, **env: str) -> subprocess.CompletedProcess:
    """Start Django with production's environment (changed by `env`) and print one setting."""
    code = f"from django.conf import settings; print(repr(settings.{name}))"
    return manage("shell", "--no-imports", "-c", code, **{**PRODUCTION, **env})


def without(name: str) -> dict[str, str]:
    return {k: v for k, v in PRODUCTION.items() if k != name}


def test_without_debug_a_missing_database_url_stops_start_up_clearly():
    result = manage("check", **without("DATABASE_URL"))
    assert result.returncode != 0
    assert "DATABASE_URL is not set" in result.stderr
    assert "sqlite:///var/db.sqlite3" in result.stderr


def test_without_debug_sqlite_is_used_when_asked_for(tmp_path):
    database = tmp_path / "asked-for" / "portal.sqlite3"
    result = production_setting(
        "DATABASES['default']['NAME']", DATABASE_URL=f"sqlite:///{database}"
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == repr(str(database))
    # Its folder is made, so that a first migrate can create the file.
    assert database.parent.is_dir()


def test_with_debug_a_missing_database_url_means_the_development_sqlite_file():
    result = manage(
        "shell",
        "--no-imports",
        "-c",
        "from django.conf import settings; print(settings.DATABASES['default']['NAME'])",
        DEBUG="1",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().endswith("db.sqlite3")


def test_without_debug_a_missing_portal_base_url_stops_start_up_clearly():
    result = manage("check", **without("PORTAL_BASE_URL"))
    assert result.returncode != 0
    assert "PORTAL_BASE_URL is not set" in result.stderr


def test_a_portal_base_url_without_its_scheme_is_refused():
    result = manage("check", **{**PRODUCTION, "PORTAL_BASE_URL": "x1.example.cn"})
    assert result.returncode != 0
    assert "PORTAL_BASE_URL must start with https:// or http://" in result.stderr


def test_the_portal_base_url_loses_its_trailing_slash():
    result = production_setting("PORTAL_BASE_URL", PORTAL_BASE_URL="https://x1.example.cn/")
    assert result.stdout.strip() == repr("https://x1.example.cn")


def test_smtp_login_and_tls_come_from_the_environment():
    smtp = {
        "EMAIL_HOST": "smtp.example.cn",
        "EMAIL_PORT": "587",
        "EMAIL_HOST_USER": "portal@example.cn",
        "EMAIL_HOST_PASSWORD": "s3cret",
        "EMAIL_USE_TLS": "yes",
    }
    code = (
        "from django.conf import settings as s; print(repr((s.EMAIL_HOST, s.EMAIL_PORT, "
        "s.EMAIL_HOST_USER, s.EMAIL_HOST_PASSWORD, s.EMAIL_USE_TLS, s.EMAIL_USE_SSL)))"
    )
    result = manage("shell", "--no-imports", "-c", code, **PRODUCTION, **smtp)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == repr(
        ("smtp.example.cn", 587, "portal@example.cn", "s3cret", True, False)
    )


def test_smtp_without_login_or_tls_by_default():
    code = (
        "from django.conf import settings as s; "
        "print(repr((s.EMAIL_HOST_USER, s.EMAIL_HOST_PASSWORD, s.EMAIL_USE_TLS, s.EMAIL_USE_SSL)))"
    )
    result = manage("shell", "--no-imports", "-c", code, **PRODUCTION)
    assert result.stdout.strip() == repr(("", "", False, False))


def test_smtp_tls_and_ssl_together_are_refused():
    result = manage("check", **PRODUCTION, EMAIL_USE_TLS="1", EMAIL_USE_SSL="1")
    assert result.returncode != 0
    assert "EMAIL_USE_TLS and EMAIL_USE_SSL are both on" in result.stderr


def test_smtp_tls_must_be_a_yes_or_no():
    result = manage("check", **PRODUCTION, EMAIL_USE_SSL="sometimes")
    assert result.returncode != 0
    assert "EMAIL_USE_SSL must be one of" in result.stderr


def test_debug_runs_with_the_development_key():
    result = manage("check", DEBUG="1")
    assert result.returncode == 0, result.stderr


def test_env_bool_rejects_nonsense(monkeypatch):
    monkeypatch.setenv("X_FLAG", "maybe")
    with pytest.raises(ImproperlyConfigured, match="X_FLAG"):
        env_bool("X_FLAG", False)
    monkeypatch.setenv("X_FLAG", "Yes")
    assert env_bool("X_FLAG", False) is True


def test_env_int_and_list(monkeypatch):
    monkeypatch.setenv("X_NUM", "12a")
    with pytest.raises(ImproperlyConfigured, match="X_NUM"):
        env_int("X_NUM", 1)
    monkeypatch.setenv("X_LIST", " a.cn, ,b.cn ")
    assert env_list("X_LIST", []) == ["a.cn", "b.cn"]


def test_env_int_below_its_minimum_stops_start_up(monkeypatch):
    monkeypatch.setenv("X_NUM", "0")
    with pytest.raises(ImproperlyConfigured, match="X_NUM must be 1 or more; got 0"):
        env_int("X_NUM", 5, minimum=1)
    monkeypatch.delenv("X_NUM")
    assert env_int("X_NUM", 5, minimum=1) == 5


def test_a_reading_slot_count_of_zero_is_refused():
    result = manage("check", DEBUG="1", IMPORT_READ_SLOTS="0")
    assert result.returncode != 0
    assert "IMPORT_READ_SLOTS must be 1 or more; got 0" in result.stderr


def test_api_rates_are_checked_at_start_up(monkeypatch):
    for good in ("600/minute", "10/s", "5000/hour", "20000/day"):
        monkeypatch.setenv("X_RATE", good)
        assert env_rate("X_RATE", "1/minute") == good
    for bad in ("600", "600/week", "0/minute", "fast/minute", "/minute"):
        monkeypatch.setenv("X_RATE", bad)
        with pytest.raises(ImproperlyConfigured, match="X_RATE must be a rate such as 600/minute"):
            env_rate("X_RATE", "1/minute")
    result = manage("check", DEBUG="1", API_THROTTLE_USER="600 per minute")
    assert result.returncode != 0
    assert "API_THROTTLE_USER must be a rate" in result.stderr


def test_language_and_time_zone():
    from django.conf import settings

    assert settings.LANGUAGE_CODE == "zh-hans"
    assert settings.TIME_ZONE == "Asia/Shanghai"
    assert "django.contrib.auth.middleware.LoginRequiredMiddleware" in settings.MIDDLEWARE


def proxy_count(**env: str) -> subprocess.CompletedProcess:
    code = "from django.conf import settings; print(settings.TRUSTED_PROXY_COUNT)"
    return manage("shell", "--no-imports", "-c", code, DEBUG="1", **env)


def test_behind_the_proxy_one_proxy_is_trusted_unless_said_otherwise():
    assert proxy_count().stdout.strip() == "0"
    assert proxy_count(BEHIND_PROXY="1").stdout.strip() == "1"
    assert proxy_count(BEHIND_PROXY="1", TRUSTED_PROXY_COUNT="2").stdout.strip() == "2"
    refused = proxy_count(TRUSTED_PROXY_COUNT="-1")
    assert refused.returncode != 0
    assert "TRUSTED_PROXY_COUNT must be 0 or more" in refused.stderr


def test_login_throttling_counts_the_address_the_proxy_passes_on():
    from django.conf import settings

    # The address django-axes counts is the portal's reading of X-Forwarded-For, not
    # django-ipware's (which is not installed) nor REMOTE_ADDR alone.
    assert settings.AXES_CLIENT_IP_CALLABLE == "filings.addresses.client_address"
    assert not hasattr(settings, "AXES_IPWARE_META_PRECEDENCE_ORDER") or (
        settings.AXES_IPWARE_META_PRECEDENCE_ORDER == ("REMOTE_ADDR",)
    )
