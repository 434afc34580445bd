"""Confirming many rows at once, as after importing a province's own table."""

import pytest

from filings.models import FilingEvent, PilotRow
from filings.rules import check_filing

from .. import factories as f
from .helpers import flashed, url

pytestmark = pytest.mark.django_db


@pytest.fixture
def imported(filing):
    """Rows as an import of a foreign table leaves them: no years, nothing attested."""
    rows = []
    for n in range(3):
        school = f.make_school(filing, f"第{n}职业技术学院")
        rows.append(
            f.make_row(
                filing,
                school,
                majors=[{"name": "电子商务", "years": None}, {"name": "市场营销", "years": [2019]}],
                major_count=2,
                training_experience=None,
                teaching_resources=None,
                management=None,
                facilities="",
            )
        )
    return rows


def post(client, data):
    return client.post(url("rows_bulk_confirm", "420000"), data)


def test_it_confirms_the_selected_rows_and_records_each(staff_client, filing, imported):
    chosen = [imported[0].pk, imported[1].pk]
    response = post(
        staff_client,
        {"rows": chosen, "attest": "on", "enrolled_all_years": "on", "facilities": "shared"},
    )
    assert response.status_code == 302
    assert "已批量确认 2 行" in " ".join(flashed(staff_client.get(response.url)))
    for row in PilotRow.objects.filter(pk__in=chosen):
        assert (row.training_experience, row.teaching_resources, row.management) == (True,) * 3
        assert row.facilities == "shared"
        # Years filled only where none were given; a major's own answer is kept.
        assert row.majors == [
            {"name": "电子商务", "years": [2017, 2018, 2019]},
            {"name": "市场营销", "years": [2019]},
        ]
        assert row.version == 2
    untouched = PilotRow.objects.get(pk=imported[2].pk)
    assert untouched.training_experience is None
    assert FilingEvent.objects.filter(filing=filing, note="批量确认").count() == 2
    filing.refresh_from_db()
    assert filing.revision > 1


def test_the_confirmed_rows_lose_their_warnings(staff_client, filing, imported):
    post(staff_client, {"rows": [r.pk for r in imported], "attest": "on", "facilities": "own"})
    rows = list(PilotRow.objects.filter(filing=filing).select_related("school", "certificate"))
    check = check_filing(filing, rows)
    assert not any(p.code == "unattested" for ps in check.row_problems.values() for p in ps)


def test_nothing_chosen_or_nothing_to_confirm_is_refused_with_a_message(
    staff_client, filing, imported
):
    response = post(staff_client, {"attest": "on"})
    assert "请先勾选要确认的行。" in flashed(staff_client.get(response.url))
    response = post(staff_client, {"rows": [imported[0].pk]})
    assert "请选择至少一项要确认的内容。" in flashed(staff_client.get(response.url))
    assert PilotRow.objects.get(pk=imported[0].pk).version == 1


def test_another_units_row_ids_change_nothing(client, filing, imported, other_unit, batch):
    other = f.make_staff(other_unit)
    f.make_filing(other_unit, batch)
    client.force_login(other)
    response = client.post(
        url("rows_bulk_confirm", "430000"), {"rows": [imported[0].pk], "attest": "on"}
    )
    assert response.status_code == 302
    assert PilotRow.objects.get(pk=imported[0].pk).training_experience is None


def test_a_submitted_filing_is_not_changed(staff_client, filing, imported):
    filing.state = "submitted"
    filing.save()
    response = post(staff_client, {"rows": [imported[0].pk], "attest": "on"})
    assert any("不能修改" in m for m in flashed(staff_client.get(response.url)))
    assert PilotRow.objects.get(pk=imported[0].pk).training_experience is None


def test_the_rows_page_offers_it_to_staff_only(staff_client, reviewer_client, imported):
    html = staff_client.get(url("rows", "420000")).content.decode()
    assert 'id="bulk-form"' in html and 'name="rows"' in html
    html = reviewer_client.get(url("rows", "420000")).content.decode()
    assert 'id="bulk-form"' not in html
