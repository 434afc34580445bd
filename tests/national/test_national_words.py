"""The national page in words: the concentration index explained, separators in large numbers,
shares written one way, heat-map headings that do not break inside a name."""

import re

import pytest
from django.urls import reverse

from tests.filings import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def national(client, demo):
    client.force_login(f.make_reviewer())
    return client.get(reverse("filings:national") + "?include_submitted=1")


@pytest.fixture
def national_html(national):
    return national.content.decode()


def test_the_concentration_index_is_explained_in_words(national_html):
    assert "集中度指数：各证书试点行占比的平方和" in national_html
    assert "十个证书平均分布时为 0.10" in national_html
    # No bare abbreviation as a column heading.
    assert '<th scope="col" class="text-end">HHI</th>' not in national_html
    assert '<th scope="col" class="text-end">集中度指数</th>' in national_html


def test_large_numbers_have_thousands_separators(national, national_html):
    summary = national.context["summary"]
    assert summary.students >= 1000
    assert f'<div class="fs-4">{summary.students:,}</div>' in national_html
    assert f'<div class="fs-4">{summary.students}</div>' not in national_html


def test_shares_are_truncated_to_a_tenth_with_one_percent_sign(national_html):
    shares = re.findall(r'<td class="text-end">([\d.]+%)</td>', national_html)
    assert shares
    assert all(re.fullmatch(r"\d{1,3}(\.\d)?%", share) for share in shares)


def test_heat_map_headings_do_not_break_inside_a_certificate_name(national_html):
    head = national_html[national_html.index('class="table table-sm table-bordered heatmap') :]
    head = head[: head.index("</thead>")]
    headings = re.findall(r'<th scope="col"([^>]*)>', head)
    assert len(headings) == 12  # 报送单位, ten certificates, 合计
    assert all("text-nowrap" in attrs for attrs in headings[1:])


def test_the_national_workbook_gives_submission_times_in_beijing_time(client, demo):
    from io import BytesIO

    from django.utils import timezone
    from openpyxl import load_workbook

    from filings.models import Filing
    from filings.wording import beijing_time

    client.force_login(f.make_reviewer())
    with timezone.override("UTC"):
        response = client.get(reverse("filings:national_export"), {"include_submitted": "1"})
    sheet = load_workbook(BytesIO(response.content))["各单位汇总"]
    header = [cell.value for cell in sheet[1]]
    column = header.index("提交时间（北京时间）")
    shown = {row[0].value: row[column].value for row in sheet.iter_rows(min_row=2)}
    submitted = Filing.objects.exclude(submitted_at=None).select_related("unit")
    included = [filing for filing in submitted if filing.state in ("submitted", "accepted")]
    assert included
    for filing in included:
        assert shown[filing.unit.code] == beijing_time(filing.submitted_at, suffix=False)
