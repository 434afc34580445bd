"""The history in the portal's words: Chinese punctuation, no empty brackets, Beijing time."""

import pytest
from django.utils import timezone

from filings.services import row_update

from .. import factories as f
from .helpers import page, url

pytestmark = pytest.mark.django_db


def test_majors_in_the_history_use_chinese_commas_and_never_empty_brackets(
    staff_client, staff, filing
):
    row = f.make_row(filing, majors=[{"name": "云计算技术应用", "years": []}], major_count=1)
    majors = [
        {"name": "云计算技术应用", "years": []},
        {"name": "计算机网络技术", "years": [2017, 2018, 2019]},
    ]
    row_update(row=row, user=staff, data={"majors": majors, "major_count": 2}, expected_version=1)
    html = page(staff_client.get(url("history", "420000")))
    assert "云计算技术应用（未填招生年份）、计算机网络技术（2017，2018，2019）" in html
    assert "（）" not in html
    assert "2017,2018" not in html


def test_the_history_says_its_times_are_beijing_time(staff_client, staff, filing):
    row = f.make_row(filing)
    row_update(row=row, user=staff, data={"student_count": 41}, expected_version=1)
    event = filing.events.get()
    html = page(staff_client.get(url("history", "420000")))
    assert "时间（北京时间）" in html
    beijing = timezone.localtime(event.at, timezone.get_default_timezone())
    assert f"{beijing:%Y-%m-%d %H:%M:%S}" in html
