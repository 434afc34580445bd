"""The issue's test: a generated 400-certificate batch beside the second one, each filed,
imported, exported, reviewed and aggregated through the pages, neither touching the other."""

from datetime import timedelta
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from openpyxl import load_workbook

from certificates.models import Batch, Certificate
from filings.models import Filing, FilingState, PilotRow
from filings.national import certificate_totals, included_filings, unit_figures
from filings.rules import enrolment_years
from filings.services import scan_upload

from ..filings import factories as f
from ..filings.views.helpers import school_add_data
from .conftest import client_for, third_batch

pytestmark = pytest.mark.django_db

A, B = "420000", "430000"


def data_rows(content: bytes) -> list[tuple]:
    """The table's cells below its headings, as a province's Excel shows them."""
    sheet = load_workbook(BytesIO(content)).active
    return [row for row in sheet.iter_rows(min_row=5, values_only=True) if any(row)]


def as_unit(content: bytes, before: str, after: str) -> bytes:
    """The same table with another unit's name in its header, as B would keep it."""
    book = load_workbook(BytesIO(content))
    for row in book.active.iter_rows(max_row=4):
        for cell in row:
            if isinstance(cell.value, str) and before in cell.value:
                cell.value = cell.value.replace(before, after)
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def aggregate(batch: Batch) -> tuple:
    filings = included_filings(batch, include_submitted=True)
    return (
        [(t.certificate.name, t.rows, t.students) for t in certificate_totals(batch, filings)],
        [(u.unit.code, u.summary) for u in unit_figures(batch, filings)],
    )


def cycle(batch: Batch, certificate: Certificate, people) -> bytes:
    """Unit A files a school by the form and exports its table; unit B imports that file;
    both send their stamped scan and submit; the reviewer accepts A and returns B."""
    staff_a, staff_b, reviewer = people
    a, b, r = client_for(staff_a), client_for(staff_b), client_for(reviewer)
    for user in (staff_a, staff_b):
        f.make_filing(user.portal_profile.unit, batch)
    years = tuple(enrolment_years(batch))
    added = a.post(
        f"/units/{A}/schools/add/",
        school_add_data({"certificate": certificate.pk, "majors": [("电子商务", years)]}),
    )
    assert added.status_code == 302, added.context and added.context.get("form").errors
    exported = a.get(f"/units/{A}/export.xlsx")
    assert exported.status_code == 200
    content = b"".join(exported.streaming_content) if exported.streaming else exported.content

    upload = SimpleUploadedFile("附件2.xlsx", as_unit(content, "湖北省", "湖南省"))
    imported = b.post(f"/units/{B}/import/", {"file": upload})
    assert imported.status_code == 302, imported.context["form"].errors
    assert b.get(f"/units/{B}/import/preview/").status_code == 200
    assert b.post(f"/units/{B}/import/preview/", {"action": "confirm"}).status_code == 302

    for code, client, user in ((A, a, staff_a), (B, b, staff_b)):
        filing = Filing.objects.get(unit__code=code, batch=batch)
        scan_upload(filing=filing, user=user, uploaded=f.scan_file())
        assert client.post(f"/units/{code}/submit/", {"acknowledge": "on"}).status_code == 302
    assert r.post(f"/units/{A}/review/accept/").status_code == 302
    returned = r.post(f"/units/{B}/review/", {"action": "return", "reason": "请核对"})
    assert returned.status_code == 302
    national = r.get("/review/national/")
    assert national.status_code == 200 and national.context["batch"] == batch
    assert r.get("/review/national.xlsx").status_code == 200
    return content


def test_two_batches_filed_side_by_side_without_touching_each_other(
    reference_data, unit, other_unit, media_root
):
    second = reference_data
    # Batch 2's deadline is long past: filed today, as if it were still open.
    Batch.objects.filter(pk=second.pk).update(filing_deadline=timezone.now() + timedelta(days=9))
    second.refresh_from_db()
    people = (f.make_staff(unit), f.make_staff(other_unit), f.make_reviewer())

    content2 = cycle(second, f.certificate(3, second), people)
    before = aggregate(second), sorted(PilotRow.objects.filter(filing__batch=second).values_list())

    third = third_batch(400)
    last = Certificate.objects.get(batch=third, position=400)
    content3 = cycle(third, last, people)

    # Each batch's filings hold only their own batch's certificates and enrolment years.
    assert set(
        PilotRow.objects.filter(filing__batch=third).values_list("certificate", flat=True)
    ) == {last.pk}
    for row in PilotRow.objects.filter(filing__batch=third):
        assert row.majors[0]["years"] == enrolment_years(third)
    # Batch 2's rows and figures are as they were; its export is the same table.
    assert (
        aggregate(second),
        sorted(PilotRow.objects.filter(filing__batch=second).values_list()),
    ) == before
    reviewer = people[2]
    again = client_for(reviewer).get(f"/batches/2/units/{A}/export.xlsx")
    assert data_rows(
        b"".join(again.streaming_content) if again.streaming else again.content
    ) == data_rows(content2)
    assert data_rows(content2) != data_rows(content3)
    # Each batch's reviews: A accepted and B returned, in both.
    states = set(Filing.objects.values_list("batch__number", "unit__code", "state"))
    for number in (2, 3):
        assert (number, A, FilingState.ACCEPTED) in states
        assert (number, B, FilingState.RETURNED) in states
    # Batch 3's national figures are batch 3's alone.
    totals, units = aggregate(third)
    assert {name for name, rows, _ in totals if rows} == {last.name}
    assert [code for code, _ in units] == [A, B]
