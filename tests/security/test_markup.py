"""Text with markup or script in every field shows as text everywhere: pages, admin, exports."""

from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from certificates.models import EvaluationOrganization
from filings.models import FilingState
from filings.services import filing_return
from tests.filings import factories as f

pytestmark = pytest.mark.django_db

SCRIPT = '<script>alert("x")</script>'
IMAGE = '"><img src=x onerror=alert(1)>'
PAYLOAD = SCRIPT + IMAGE


def assert_inert(html: str, where: str, shown: bool = True) -> None:
    assert SCRIPT not in html, where
    assert "<img src=x" not in html, where
    if shown:  # the page does show the text, escaped
        assert "&lt;script&gt;" in html, where


@pytest.fixture
def hostile(reference_data):
    unit = f.make_unit("420000")
    staff = f.make_staff(unit)
    reviewer = f.make_reviewer()
    filing = f.make_filing(unit, reference_data, contact_name=PAYLOAD[:50])
    school = f.make_school(filing, "学院" + SCRIPT, remarks=PAYLOAD)
    row = f.make_row(
        filing,
        school,
        majors=[{"name": PAYLOAD, "years": [2017, 2018, 2019]}],
        major_count=1,
        training_experience=False,
        training_experience_note=PAYLOAD[:200],
        facilities_note=PAYLOAD[:200],
    )
    org = EvaluationOrganization.objects.get(name="济南阳光大姐服务有限公司")
    org.address = PAYLOAD
    org.save()
    filing.state = FilingState.SUBMITTED
    filing.save()
    filing_return(filing=filing, user=reviewer, reason=PAYLOAD)
    filing.refresh_from_db()
    filing.state = FilingState.ACCEPTED
    filing.save()
    return {"staff": staff, "reviewer": reviewer, "filing": filing, "row": row}


def test_unit_pages_show_markup_as_text(client, hostile):
    client.force_login(hostile["staff"])
    row = hostile["row"]
    for name, args in (
        ("filings:unit_home", ["420000"]),
        ("filings:rows", ["420000"]),
        ("filings:print", ["420000"]),
        ("filings:history", ["420000"]),
        ("filings:scan", ["420000"]),
        ("filings:submit", ["420000"]),
    ):
        html = client.get(reverse(name, args=args)).content.decode()
        assert_inert(html, name, shown=name not in ("filings:scan", "filings:submit"))
    hostile["filing"].state = FilingState.DRAFT
    hostile["filing"].save()
    for name, args in (
        ("filings:row_edit", ["420000", row.pk]),
        ("filings:school_edit", ["420000", row.school_id]),
        ("filings:school_add", ["420000"]),
    ):
        response = client.get(
            reverse(name, args=args) + (f"?copy={row.pk}" if name.endswith("add") else "")
        )
        assert_inert(response.content.decode(), name)


def test_reviewer_pages_show_markup_as_text(client, hostile):
    client.force_login(hostile["reviewer"])
    for url in (
        reverse("filings:review_board"),
        reverse("filings:national"),
        reverse("filings:unit_home", args=["420000"]),
    ):
        html = client.get(url).content.decode()
        assert SCRIPT not in html and "<img src=x" not in html, url


def test_the_public_directory_shows_markup_as_text(client, hostile):
    html = client.get(reverse("certificates:directory"), {"q": "阳光大姐"}).content.decode()
    assert_inert(html, "directory")


def test_the_admin_shows_markup_as_text(admin_client, hostile):
    for model in ("school", "pilotrow", "filingevent", "filing"):
        html = admin_client.get(reverse(f"admin:filings_{model}_changelist")).content.decode()
        assert SCRIPT not in html, model
    html = admin_client.get(
        reverse("admin:filings_school_change", args=[hostile["row"].school_id])
    ).content.decode()
    assert SCRIPT not in html


def test_exports_keep_markup_as_plain_text(client, hostile):
    client.force_login(hostile["reviewer"])
    for url in (
        reverse("filings:export", args=["420000"]),
        reverse("filings:national_export"),
        reverse("certificates:attachment1"),
    ):
        wb = load_workbook(BytesIO(client.get(url).content))
        found = [
            cell
            for ws in wb.worksheets
            for line in ws.iter_rows()
            for cell in line
            if isinstance(cell.value, str) and SCRIPT in cell.value
        ]
        assert found, url
        assert all(cell.data_type == "s" for cell in found), url


def test_e_mails_carry_the_reason_as_plain_text(hostile, mailoutbox):
    # The reason went out with the return (text e-mail, no HTML part to inject into).
    assert all(not message.alternatives for message in mailoutbox)
