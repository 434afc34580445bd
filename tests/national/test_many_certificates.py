"""The national page at 400 certificates: a searched, sorted, paged certificate table, and a
matrix of the same page's certificates, a line per unit or per certificate; never 400 bars or
400 columns. Filled the way the benchmarks fill a batch (bench.data)."""

import re

import pytest
from django.urls import reverse

from bench.data import national as fill_national
from bench.generated_batch import load_generated_batch
from certificates.models import Batch
from filings.national_table import PAGE_SIZE
from tests.filings import factories as f
from tests.national.conftest import CERTIFICATES, ROWS_PER_UNIT

pytestmark = pytest.mark.django_db


@pytest.fixture
def reviewer_client(client, units):
    client.force_login(f.make_reviewer())
    return client


def national(client, **params) -> str:
    response = client.get(reverse("filings:national"), {"include_submitted": "1", **params})
    assert response.status_code == 200
    return response.content.decode()


def table(html: str, css_class: str) -> str:
    start = html.index(f'class="table table-sm {css_class}')
    return html[start : html.index("</table>", start)]


def certificate_names(html: str) -> list[str]:
    """The certificate column of the certificate table, in order."""
    body = table(html, "align-middle cert-table")
    return re.findall(r'<tr><td>(测试证书\d{4})</td><td class="text-end">\d+</td>', body)


def matrix_headings(html: str) -> list[str]:
    head = table(html, "table-bordered heatmap")
    head = head[: head.index("</thead>")]
    return re.findall(r'<th scope="col"[^>]*>([^<]*)</th>', head)


def test_a_page_shows_25_certificates_in_the_table_the_chart_and_the_matrix(
    reviewer_client, big_batch
):
    html = national(reviewer_client)
    names = certificate_names(html)
    assert names == [f"测试证书{i:04d}" for i in range(1, PAGE_SIZE + 1)]
    assert html.count('<rect x="150"') == PAGE_SIZE  # bars only for the page
    headings = matrix_headings(html)
    assert headings == ["报送单位", *names, "合计"]
    assert "第 1 / 16 页" in html
    assert 'aria-label="证书表分页"' in html and 'aria-label="矩阵分页"' in html
    assert "各证书（400 个）" in html


def test_the_second_page_goes_on_where_the_first_stopped(reviewer_client, big_batch):
    html = national(reviewer_client, page="2")
    assert certificate_names(html)[0] == "测试证书0026"
    assert "本页为第 26–50 个" in html
    # The pager keeps the scope of the page it is on.
    assert 'href="?include_submitted=1&page=3"' in html


def test_search_by_certificate_or_organization(reviewer_client, big_batch):
    html = national(reviewer_client, q="测试证书012")
    assert certificate_names(html) == [f"测试证书{i:04d}" for i in range(120, 130)]
    assert matrix_headings(html)[1:-1] == certificate_names(html)
    assert "第 1 / " not in html  # one page: no pager
    # Three certificates per organization: 13, 14 and 15 are the fifth's.
    html = national(reviewer_client, q="测试评价组织005")
    assert certificate_names(html) == ["测试证书0013", "测试证书0014", "测试证书0015"]
    # The search keeps the other choices, in hidden fields without JavaScript.
    assert '<input type="hidden" name="include_submitted" value="1">' in html


def test_a_search_that_finds_nothing_says_so(reviewer_client, big_batch):
    html = national(reviewer_client, q="没有这个证书")
    assert certificate_names(html) == []
    assert html.count("没有名称或培训评价组织含“没有这个证书”的证书。") >= 2


def test_sorting_by_a_heading_link_and_back(reviewer_client, big_batch):
    from filings.national import certificate_totals, included_filings

    totals = certificate_totals(big_batch, included_filings(big_batch, True))
    most = sorted(totals, key=lambda t: (-t.students, t.certificate.position))
    html = national(reviewer_client, sort="-students")
    assert certificate_names(html) == [t.certificate.name for t in most[:PAGE_SIZE]]
    head = table(html, "align-middle cert-table")
    # The sorted heading says so, and its link turns the order around.
    assert re.search(
        r'<th scope="col" aria-sort="descending"[^>]*><a href="[^"]*sort=students"', head
    )
    assert head.count("aria-sort=") == 1
    # The matrix lists the same certificates in the same order.
    assert matrix_headings(html)[1:-1] == certificate_names(html)
    html = national(reviewer_client, sort="name")
    assert certificate_names(html)[0] == "测试证书0001"
    html = national(reviewer_client, sort="-name")
    assert certificate_names(html)[0] == "测试证书0400"


def test_an_unknown_sort_or_view_is_ignored_with_a_message(reviewer_client, big_batch):
    html = national(reviewer_client, sort="evil", view="sideways")
    assert "链接中的“sort=evil”无效，已忽略。" in html
    assert "链接中的“view=sideways”无效，已忽略。" in html
    assert certificate_names(html)[0] == "测试证书0001"


def test_the_matrix_turns_around_with_a_line_per_certificate(reviewer_client, big_batch):
    from filings.models import SubmittingUnit

    html = national(reviewer_client, view="certificates", page="3")
    units = list(SubmittingUnit.objects.order_by("code").values_list("name", flat=True))
    assert matrix_headings(html) == ["证书", *units, "合计"]
    body = table(html, "table-bordered heatmap")
    lines = re.findall(r'<th scope="row" class="fw-normal text-nowrap">([^<]*)</th>', body)
    assert lines == [f"测试证书{i:04d}" for i in range(51, 76)]
    assert "证书 × 单位（试点行数）" in html
    # Every link keeps the view.
    assert "view=certificates&page=4" in html


def test_the_matrix_totals_add_up_to_the_table(reviewer_client, big_batch):
    response = reviewer_client.get(
        reverse("filings:national"),
        {"include_submitted": "1", "q": "测试证书000", "view": "certificates"},
    )
    body = table(response.content.decode(), "table-bordered heatmap")
    totals = re.findall(r'<td class="text-end fw-semibold">([\d,]+)</td></tr>', body)
    listed = response.context["totals"]
    assert totals == [f"{t.rows:,}" for t in listed] and len(listed) == 9


def test_the_page_takes_as_many_queries_at_400_certificates_as_at_10(
    reviewer_client, units, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    counts = []
    for certificates in (10, CERTIFICATES):
        if certificates == CERTIFICATES:
            load_generated_batch(number=3, certificates=CERTIFICATES)
        fill_national(Batch.objects.current(), ROWS_PER_UNIT)
        for params in ({}, {"view": "certificates", "q": "测试", "sort": "-rows", "page": "2"}):
            with CaptureQueriesContext(connection) as ctx:
                national(reviewer_client, **params)
            counts.append(len(ctx.captured_queries))
    assert len(set(counts)) == 1, counts
    with django_assert_max_num_queries(counts[0]):
        national(reviewer_client)


def test_a_page_that_is_not_there_shows_the_first_with_a_message(reviewer_client, big_batch):
    for page in ("17", "0", "x", "²"):
        html = national(reviewer_client, page=page)
        assert f"链接中的“page={page}”无效，已忽略。" in html
        assert certificate_names(html)[0] == "测试证书0001"
        assert "page=2" in html  # the pager goes on from the first page
