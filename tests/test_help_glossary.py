"""The help page explains the notice's terms and the portal's, in the glossary's words."""

import html as html_lib

import pytest
from django.urls import reverse

from filings.glossary import STAMP_FOR_EVERY_KIND, glossary

pytestmark = pytest.mark.django_db


def test_the_help_page_lists_every_term_of_the_glossary(client, reference_data):
    html = html_lib.unescape(client.get(reverse("help")).content.decode())
    for term in glossary(reference_data, 10):
        assert f'<dt class="col-sm-3">{term.name}</dt>' in html
        assert term.meaning in html
    # The deadline in Beijing time, and each kind of unit's stamp.
    assert "2019年9月20日 23:59（北京时间）" in html
    assert STAMP_FOR_EVERY_KIND in html
