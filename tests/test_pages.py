"""What every public page shares: language, labels, and nothing loaded from elsewhere."""

import re

import pytest
from django.urls import reverse

from tests.templates import template_files, template_id

pytestmark = pytest.mark.django_db

PUBLIC_PAGES = [
    reverse("certificates:directory"),
    reverse("certificates:directory") + "?q=焊接",
    reverse("help"),
    reverse("login"),
]


@pytest.fixture
def pages(client, reference_data):
    from certificates.models import Certificate

    urls = [*PUBLIC_PAGES, reverse("certificates:detail", args=[Certificate.objects.first().pk])]
    return {url: client.get(url) for url in urls}


def test_public_pages_open_without_login(pages):
    for url, response in pages.items():
        assert response.status_code == 200, url


def test_pages_declare_chinese(pages):
    for response in pages.values():
        assert '<html lang="zh-Hans">' in response.content.decode()


def test_pages_load_nothing_from_other_hosts(pages):
    for url, response in pages.items():
        html = response.content.decode()
        for attr in re.findall(r'(?:src|href|action)="([^"]*)"', html):
            assert not re.match(r"^(https?:)?//", attr), (url, attr)
        assert "@import" not in html


def test_the_footer_names_the_notice(pages):
    html = pages[reverse("help")].content.decode()
    assert "教职成司函〔2019〕89号" in html


def test_every_form_field_has_a_label(pages):
    for url, response in pages.items():
        html = response.content.decode()
        for field_id in re.findall(r'<input[^>]*\bid="([^"]+)"', html):
            assert f'for="{field_id}"' in html, (url, field_id)


# A control written by hand in a template (form fields Django renders are checked on the
# pages above): what a screen reader announces for it.
CONTROL = re.compile(r"<(?:input|select|textarea)\b[^>]*>")
UNLABELLED_TYPES = re.compile(r'\btype="(?:hidden|submit|button|reset)"')


@pytest.mark.parametrize("template", template_files(), ids=template_id)
def test_every_control_written_in_a_template_has_a_label(template):
    text = template.read_text("utf-8")
    for control in CONTROL.findall(text):
        if UNLABELLED_TYPES.search(control) or re.search(r"\baria-label(?:ledby)?=", control):
            continue
        field_id = re.search(r'\bid="([^"]+)"', control)
        assert field_id, control
        assert f'for="{field_id.group(1)}"' in text, control


def test_pages_not_marked_public_need_login(client, db):
    # Deny by default: a view that does not say it is public sends strangers to the login.
    response = client.get(reverse("password_change"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_static_assets_are_served_by_the_app(client):
    from django.contrib.staticfiles import finders

    assert finders.find("bootstrap/css/bootstrap.min.css")
    assert finders.find("bootstrap/js/bootstrap.bundle.min.js")
    assert finders.find("css/portal.css")
