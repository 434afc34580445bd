"""The reviewers' board, the national view and the national workbook."""

from io import BytesIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from openpyxl import load_workbook

from filings.models import Filing, FilingState, PilotRow
from filings.national import included_filings, national_summary, unit_figures
from tests.filings import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def reviewer_client(client, units):
    client.force_login(f.make_reviewer())
    return client


def test_the_board_lists_all_33_units_with_headline_counts(reviewer_client, demo):
    html = reviewer_client.get(reverse("filings:review_board")).content.decode()
    assert html.count('class="text-muted small">') >= 33
    submitted = Filing.objects.filter(
        state__in=[FilingState.SUBMITTED, FilingState.ACCEPTED]
    ).count()
    assert f"{submitted}/33" in html
    assert "未开始" in html and "已退回" in html and "延期内提交" in html


def test_the_board_filters_by_state_and_sorts(reviewer_client, demo):
    html = reviewer_client.get(
        reverse("filings:review_board"), {"state": "已退回"}
    ).content.decode()
    returned = Filing.objects.filter(state=FilingState.RETURNED).select_related("unit")
    for filing in returned:
        assert filing.unit.name in html
    accepted = Filing.objects.filter(state=FilingState.ACCEPTED).select_related("unit").first()
    assert f">{accepted.unit.name}</a>" not in html
    response = reviewer_client.get(reverse("filings:review_board"), {"sort": "rows", "q": "省"})
    assert response.status_code == 200


def test_the_board_and_national_pages_take_a_fixed_number_of_queries(
    reviewer_client, units, settings, tmp_path
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from filings.demo import seed_demo

    settings.MEDIA_ROOT = tmp_path
    counts = {"board": [], "national": []}
    for rows in (66, 660):
        seed_demo(rows=rows, seed=5, replace=True)
        for name, url in (
            ("board", reverse("filings:review_board")),
            ("national", reverse("filings:national") + "?include_submitted=1"),
        ):
            with CaptureQueriesContext(connection) as ctx:
                assert reviewer_client.get(url).status_code == 200
            counts[name].append(len(ctx.captured_queries))
    assert counts["board"][0] == counts["board"][1], counts
    assert counts["national"][0] == counts["national"][1], counts


def test_the_national_page_shows_the_figures_the_units_add_up_to(
    reviewer_client, demo, reference_data
):
    html = reviewer_client.get(
        reverse("filings:national"), {"include_submitted": "1"}
    ).content.decode()
    total = national_summary(unit_figures(reference_data, included_filings(reference_data, True)))
    assert f'<div class="fs-4">{total.students:,}</div>' in html
    assert f'<div class="fs-4">{total.schools:,}</div>' in html
    assert "<svg" in html and "<title" in html  # the chart, drawn here
    assert "heatmap" in html
    assert "跨单位重复（" in html


def test_staff_and_strangers_cannot_see_the_national_pages(client, units, reference_data):
    staff = f.make_staff(f.make_unit("420000"))
    for url in (
        reverse("filings:review_board"),
        reverse("filings:national"),
        reverse("filings:national_export"),
    ):
        client.logout()
        assert client.get(url).status_code == 302  # to the login
        client.force_login(staff)
        assert client.get(url).status_code == 404


def test_the_national_workbook_matches_the_board(reviewer_client, demo, reference_data):
    response = reviewer_client.get(reverse("filings:national_export"), {"include_submitted": "1"})
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    wb = load_workbook(BytesIO(response.content))
    assert wb.sheetnames[:4] == ["全部试点行", "各单位汇总", "各证书", "单位×证书（行数）"]
    # Then a sheet per certificate, with the schools piloting it.
    from filings.national import certificate_totals

    totals = certificate_totals(reference_data, included_filings(reference_data, True))
    assert wb.sheetnames[4:] == [t.certificate.name for t in totals]
    for t in totals:
        assert wb[t.certificate.name].max_row - 1 == t.rows
    rows = wb["全部试点行"]
    included = included_filings(reference_data, True)
    assert rows.max_row - 1 == PilotRow.objects.filter(filing__in=included).count()
    assert rows.freeze_panes == "A2" and rows.auto_filter.ref.startswith("A1:")
    units = wb["各单位汇总"]
    total_line = [c.value for c in units[units.max_row]]
    figures = national_summary(unit_figures(reference_data, included))
    assert total_line[1] == "全国合计"
    assert total_line[4:] == [
        figures.rows,
        figures.students,
        figures.secondary_schools,
        figures.higher_schools,
        figures.undergraduate_schools,
        figures.schools,
    ]
    matrix = wb["单位×证书（行数）"]
    assert matrix.cell(matrix.max_row, matrix.max_column).value == figures.rows


def test_the_national_workbook_never_writes_a_formula(reviewer_client, units, reference_data):
    filing = f.make_filing(f.make_unit("420000"), reference_data, state=FilingState.ACCEPTED)
    school = f.make_school(
        filing, '=HYPERLINK("http://x")学院', statuses=[], remarks="+cmd|' /C calc'!A0"
    )
    f.make_row(
        filing, school, majors=[{"name": "@SUM(1)", "years": [2017, 2018, 2019]}], major_count=1
    )
    wb = load_workbook(BytesIO(reviewer_client.get(reverse("filings:national_export")).content))
    ws = wb["全部试点行"]
    values = {c.value: c for c in ws[2]}
    for text in ('=HYPERLINK("http://x")学院', "+cmd|' /C calc'!A0", "@SUM(1)"):
        assert values[text].data_type == "s"


def test_export_national_command(demo, reference_data, tmp_path):
    from io import StringIO

    out = StringIO()
    target = tmp_path / "national.xlsx"
    call_command("export_national", "--output", str(target), stdout=out)
    wb = load_workbook(target)
    accepted = included_filings(reference_data, False)
    assert wb["全部试点行"].max_row - 1 == PilotRow.objects.filter(filing__in=accepted).count()
    assert "已确认" in out.getvalue()


def test_a_return_e_mails_the_units_staff(
    reviewer_client, reference_data, mailoutbox, django_capture_on_commit_callbacks
):
    unit = f.make_unit("420000")
    staff = f.make_staff(unit)
    staff.email = "zhangmin@hbe.gov.cn"
    staff.save()
    filing = f.make_filing(unit, reference_data, state=FilingState.SUBMITTED)
    with django_capture_on_commit_callbacks(execute=True):
        response = reviewer_client.post(
            reverse("filings:review", args=["420000"]),
            {"action": "return", "reason": "学生规模有误，请核实。"},
        )
    assert response.status_code == 302
    filing.refresh_from_db()
    assert filing.state == FilingState.RETURNED
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == ["zhangmin@hbe.gov.cn"]
    assert "学生规模有误" in mailoutbox[0].body
    assert "/units/420000/" in mailoutbox[0].body
