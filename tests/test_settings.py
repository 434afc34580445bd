"""Start-up configuration: production safety and clear failures."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from pilot_portal.env import env_bool, env_int, env_list

ROOT = Path(__file__).resolve().parent.parent


def manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    clean = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DEBUG", "SECRET_KEY", "DJANGO_SETTINGS_MODULE"}
    }
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
    result = manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DEBUG="0",
        SECRET_KEY="k3y-for-the-deploy-check-4f9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f1",
        ALLOWED_HOSTS="x1.example.cn",
        CSRF_TRUSTED_ORIGINS="https://x1.example.cn",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


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
