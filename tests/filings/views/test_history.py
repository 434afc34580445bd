"""The history: who did what and when, with before and after."""

import pytest

from filings.models import Filing
from filings.services import row_update

from .. import factories as f
from .helpers import fill, page, queries_of, school_add_data, url

pytestmark = pytest.mark.django_db


def test_an_empty_history_says_so(staff_client, filing):
    assert "还没有操作记录。" in page(staff_client.get(url("history", "420000")))


def test_it_lists_who_did_what_newest_first_with_before_and_after(staff_client, staff, filing):
    staff_client.post(url("school_add", "420000"), school_add_data())
    row = filing.rows.get()
    row_update(row=row, user=staff, data={"student_count": 60}, expected_version=1)

    response = staff_client.get(url("history", "420000"))
    events = list(response.context["events"])
    assert [e.get_kind_display() for e in events] == ["修改试点行", "添加试点行", "添加院校"]
    html = page(response)
    # Newest first, each with the person's name, the action, its subject and the change.
    assert html.index("修改试点行") < html.index("添加试点行") < html.index("添加院校")
    assert html.count("张敏") >= 3  # the staff member's full name on every line
    assert "武汉船舶职业技术学院 · 电子商务数据分析" in html
    assert "参与试点学生规模：</span><del>40</del> → <ins>60</ins>" in html
    # An added row has no before.
    assert '参与试点学生规模：</span><span class="text-muted">（空）</span> → <ins>40</ins>' in (
        html
    )


def test_reviewers_read_the_history_too(reviewer_client, staff, filing):
    row = f.make_row(filing)
    row_update(row=row, user=staff, data={"student_count": 45}, expected_version=1)
    response = reviewer_client.get(url("history", "420000"))
    assert response.status_code == 200
    assert "<del>40</del> → <ins>45</ins>" in page(response)


def test_the_history_runs_as_many_queries_for_60_rows_as_for_5(staff_client, staff, filing):
    path = url("history", "420000")
    fill(filing, staff, 5)
    small = queries_of(staff_client, path)
    fill(filing, staff, 55)
    assert Filing.objects.get(pk=filing.pk).events.count() > 60
    large = queries_of(staff_client, path)
    assert large == small
