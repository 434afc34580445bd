"""Security headers on every response, and nothing loaded from elsewhere."""

import re
from pathlib import Path

import pytest
from django.urls import reverse

from tests.templates import template_files, template_folders, template_id

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("url", ["/directory/", "/help/", "/accounts/login/"])
def test_security_headers_are_set(client, reference_data, url):
    response = client.get(url)
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    policy = response["Content-Security-Policy"]
    for directive in (
        "default-src 'self'",
        "script-src 'self'",
        "object-src 'none'",
        "frame-ancestors 'none'",
        "form-action 'self'",
    ):
        assert directive in policy


@pytest.mark.parametrize("template", template_files(), ids=template_id)
def test_no_template_runs_inline_script(template):
    text = template.read_text("utf-8")
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", text)
    assert not re.search(r"\son[a-z]+=", text)


def test_the_templates_checked_are_those_of_every_folder():
    from django.conf import settings

    folders = {folder.relative_to(settings.BASE_DIR) for folder in template_folders()}
    assert folders >= {Path("templates"), Path("filings/templates")}


def test_the_login_page_is_not_cached_by_a_shared_cache(client):
    response = client.get(reverse("login"))
    assert "no-cache" in response.get("Cache-Control", "") or "private" in response.get(
        "Cache-Control", ""
    )


def test_an_answer_that_depends_on_a_cookie_is_not_stored(client, reference_data):
    client.cookies["sessionid"] = "a-session-that-ended"
    response = client.get(reverse("certificates:directory"))
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]
