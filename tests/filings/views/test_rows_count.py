"""What the rows page says it shows, and its pager above and below the table."""

import pytest

from filings.demo import fill_filing

from .helpers import page, url

pytestmark = pytest.mark.django_db


@pytest.fixture
def many_rows(filing):
    written, _ = fill_filing(filing, 238, seed=1)
    assert written == 238
    return filing


def test_the_count_says_which_rows_the_page_shows(staff_client, many_rows):
    response = staff_client.get(url("rows", "420000"))
    html = page(response)
    shown = len(response.context["page"].object_list)
    assert shown == 200
    assert "当前显示 238 行" not in html
    assert "共 238 行" in html
    assert "本页显示第 1–200 行（每页 200 行）" in html

    html = page(staff_client.get(url("rows", "420000"), {"page": 2}))
    assert "本页显示第 201–238 行（每页 200 行）" in html


def test_the_pager_is_above_the_table_and_below_it(staff_client, many_rows):
    html = page(staff_client.get(url("rows", "420000")))
    table = html.index('<div class="table-responsive">')
    above = html.index('aria-label="分页（上）"')
    below = html.index('aria-label="分页（下）"')
    assert above < table < below
    assert html.count("第 1 / 2 页") == 2


def test_a_filter_says_how_many_rows_it_found(staff_client, many_rows):
    response = staff_client.get(url("rows", "420000"), {"type": "higher"})
    found = len(response.context["page"].paginator.object_list)
    assert 0 < found < 238
    html = page(response)
    assert f"筛选出 {found:,} 行" in html


def test_one_page_of_rows_says_all_are_shown_and_has_no_pager(staff_client, filing):
    fill_filing(filing, 12, seed=1)
    html = page(staff_client.get(url("rows", "420000")))
    assert "共 12 行" in html and "全部显示。" in html
    assert "分页（上）" not in html


def test_large_counts_carry_thousands_separators(staff_client, many_rows):
    response = staff_client.get(url("rows", "420000"))
    students = response.context["state"].summary.students
    assert students >= 1000
    html = page(response)
    assert f'<td class="text-end fw-semibold">{students:,}</td>' in html
    home = page(staff_client.get(url("unit_home", "420000")))
    assert f"{students:,}" in home and f">{students}<" not in home
