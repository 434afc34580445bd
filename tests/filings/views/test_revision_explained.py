"""表格版本 is explained wherever a unit's filing shows its number."""

import pytest

from filings.glossary import meaning

from .helpers import page, url

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("name", ["unit_home", "rows", "scan", "submit", "history", "print"])
def test_every_page_that_shows_the_table_version_explains_it(staff_client, filing, name):
    html = page(staff_client.get(url(name, "420000")))
    assert "表格版本" in html
    assert meaning("表格版本") in html


def test_reviewers_get_the_explanation_too(reviewer_client, filing):
    html = page(reviewer_client.get(url("unit_home", "420000")))
    assert "什么是表格版本？" in html and meaning("表格版本") in html
