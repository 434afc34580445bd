"""Editing a row's levels, major count and students in the table itself."""

from urllib.parse import parse_qs, urlparse

import pytest

from filings.models import FilingEvent, PilotRow
from filings.services import EDIT_CONFLICT

from .. import factories as f
from .helpers import flashed, url

pytestmark = pytest.mark.django_db


@pytest.fixture
def row(filing):
    return f.make_row(filing, f.make_school(filing, "武汉职业技术学院"))


def quick(client, row, **fields):
    data = {
        "row_version": str(row.version),
        "levels": ["junior", "intermediate"],
        "major_count": "2",
        "student_count": "88",
        **fields,
    }
    return client.post(url("row_quick_edit", "420000", row.pk), data)


def test_it_saves_and_returns_to_the_row(staff_client, row, filing):
    response = quick(staff_client, row, levels=["senior"], student_count="150")
    assert response.status_code == 302
    assert response.url.endswith(f"#row-{row.pk}")
    row.refresh_from_db()
    assert [level.value for level in row.levels] == ["senior"]
    assert row.student_count == 150
    assert row.version == 2
    event = FilingEvent.objects.filter(filing=filing).latest("pk")
    assert {"field": "参与试点学生规模", "before": "40", "after": "150"} in event.changes


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"student_count": "0"}, "参与试点学生规模应为正整数，现为 0。"),
        ({"student_count": ""}, "请填写参与试点学生规模。"),
        ({"levels": []}, "至少选择一个证书等级（初级、中级、高级）。"),
        ({"major_count": "5"}, "参与试点专业数量填写为 5，但列出了 2 个专业。"),
    ],
)
def test_bad_input_is_refused_with_what_was_typed_kept(staff_client, row, fields, message):
    response = quick(staff_client, row, **fields)
    assert response.status_code == 302
    assert any(message in m for m in flashed(response))
    kept = parse_qs(urlparse(response.url).query)
    assert kept["quick"] == [str(row.pk)]
    page = staff_client.get(response.url).content.decode()
    # The row's quick form is open again, holding the typed values.
    assert f'class="collapse quick-edit show" id="quick-{row.pk}"' in page
    if fields.get("major_count"):
        assert f'value="{fields["major_count"]}"' in page
    row.refresh_from_db()
    assert row.student_count == 40 and row.version == 1


def test_a_save_from_an_old_version_is_refused(staff_client, row):
    PilotRow.objects.filter(pk=row.pk).update(version=5, student_count=99)
    response = quick(staff_client, row, student_count="120")
    assert any("其他人已修改了这一行" in m for m in flashed(response))
    row.refresh_from_db()
    assert row.student_count == 99


def test_after_a_refused_old_version_the_typed_values_save_against_the_current_one(
    staff_client, row
):
    PilotRow.objects.filter(pk=row.pk).update(version=5, student_count=99)
    refused = quick(staff_client, row, student_count="120")
    assert flashed(refused) == [EDIT_CONFLICT]
    kept = parse_qs(urlparse(refused.url).query)
    assert (kept["qs"], kept["qv"]) == (["120"], ["5"])
    page = staff_client.get(refused.url).content.decode()
    assert 'name="row_version" value="5"' in page

    again = staff_client.post(
        url("row_quick_edit", "420000", row.pk),
        {"row_version": "5", "levels": ["junior"], "major_count": "2", "student_count": "120"},
    )
    assert flashed(again) == [f"“{row}”已保存。"]
    row.refresh_from_db()
    assert (row.student_count, row.version) == (120, 6)


def test_a_save_without_its_version_is_refused_like_an_old_one(staff_client, row):
    response = quick(staff_client, row, row_version="", student_count="120")
    assert flashed(response) == [EDIT_CONFLICT]
    row.refresh_from_db()
    assert (row.student_count, row.version) == (40, 1)


def test_another_units_row_is_not_found(client, row, other_unit, batch):
    other = f.make_staff(other_unit)
    f.make_filing(other_unit, batch)
    client.force_login(other)
    response = client.post(
        url("row_quick_edit", "430000", row.pk),
        {"row_version": "1", "levels": ["junior"], "major_count": "2", "student_count": "9"},
    )
    assert response.status_code == 404
    row.refresh_from_db()
    assert row.student_count == 40
