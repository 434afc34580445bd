"""The stamped scan: upload, refusal of what is not a scan, download."""

from urllib.parse import quote

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from filings.models import EventKind, Filing, FilingEvent, FilingState, StampedScan
from filings.services import NOT_EDITABLE, SCAN_EMPTY, SCAN_WRONG_TYPE, row_update

from .. import factories as f
from .helpers import errors_next_to, flashed, page, url

pytestmark = pytest.mark.django_db


def upload(client, file):
    return client.post(url("scan", "420000"), {"file": file})


@pytest.mark.parametrize(
    ("kind", "content_type"),
    [("pdf", "application/pdf"), ("png", "image/png"), ("jpeg", "image/jpeg")],
)
def test_a_pdf_png_or_jpeg_scan_is_accepted(staff_client, filing, kind, content_type):
    response = upload(staff_client, f.scan_file(kind, name=f"湖北省 盖章汇总表.{kind}"))
    assert response.status_code == 302
    assert response.url == url("scan", "420000")
    assert flashed(response) == [f"扫描件“湖北省 盖章汇总表.{kind}”已上传，对应表格版本 1。"]
    scan = StampedScan.objects.get(filing=filing)
    assert (scan.content_type, scan.filing_revision, scan.size) == (content_type, 1, 2048)
    assert FilingEvent.objects.get(filing=filing).kind == EventKind.SCAN_UPLOADED
    html = page(staff_client.get(url("scan", "420000")))
    assert f"湖北省 盖章汇总表.{kind}" in html
    assert "对应当前版本" in html


def test_a_renamed_text_file_is_refused_next_to_the_field(staff_client, filing):
    text = SimpleUploadedFile(
        "盖章汇总表.pdf", "这不是扫描件，只是改了扩展名的文本文件。\n".encode(), "application/pdf"
    )
    response = upload(staff_client, text)
    assert response.status_code == 200
    assert errors_next_to(page(response), "file") == [SCAN_WRONG_TYPE]
    assert not StampedScan.objects.exists()
    assert not FilingEvent.objects.filter(filing=filing).exists()


def test_an_empty_file_is_refused_in_chinese(staff_client, filing):
    response = upload(staff_client, SimpleUploadedFile("盖章汇总表.pdf", b"", "application/pdf"))
    assert response.status_code == 200
    # The form refuses it before the service does, in the service's words.
    assert errors_next_to(page(response), "file") == [SCAN_EMPTY]
    assert not StampedScan.objects.exists()


def test_no_file_at_all_is_refused_in_chinese(staff_client, filing):
    # What a browser posts when no file was chosen: the form's token, no file.
    response = staff_client.post(url("scan", "420000"), {"csrfmiddlewaretoken": "token"})
    assert response.status_code == 200
    assert errors_next_to(page(response), "file") == ["这个字段是必填项。"]
    assert not StampedScan.objects.exists()


def test_the_download_serves_the_file_as_an_attachment(staff_client, reviewer_client, filing):
    sent = f.scan_file("png", name="扫描.png")
    content = sent.read()
    sent.seek(0)
    upload(staff_client, sent)
    scan = StampedScan.objects.get(filing=filing)

    for client in (staff_client, reviewer_client):
        response = client.get(url("scan_download", "420000", scan.pk))
        assert response.status_code == 200
        assert response["Content-Type"] == "image/png"
        disposition = response["Content-Disposition"]
        assert disposition.startswith("attachment;")
        assert quote("湖北省-盖章扫描件-版本1.png") in disposition
        assert b"".join(response.streaming_content) == content


def test_a_scan_of_an_older_version_is_marked_outdated(staff_client, staff, filing):
    row = f.make_row(filing)
    upload(staff_client, f.scan_file())
    row_update(row=row, user=staff, data={"student_count": 41}, expected_version=1)
    html = page(staff_client.get(url("scan", "420000")))
    assert "对应旧的表格版本 1，此后表格已修改" in html
    assert "对应当前版本" not in html


def test_reviewers_see_the_scans_but_no_upload_form(staff_client, reviewer_client, filing):
    upload(staff_client, f.scan_file())
    html = page(reviewer_client.get(url("scan", "420000")))
    assert "scan.pdf" in html
    assert 'type="file"' not in html
    assert 'type="file"' in page(staff_client.get(url("scan", "420000")))


def test_an_upload_to_a_submitted_filing_says_why_and_stores_nothing(staff_client, filing):
    # Was refused silently: the error went to the upload form, which a submitted filing's
    # page does not show.
    Filing.objects.filter(pk=filing.pk).update(state=FilingState.SUBMITTED)
    response = upload(staff_client, f.scan_file())
    assert response.status_code == 200
    assert NOT_EDITABLE in page(response)
    assert not StampedScan.objects.exists()
    assert not FilingEvent.objects.filter(filing=filing).exists()


def test_the_scan_page_runs_as_many_queries_for_many_scans_as_for_one(staff_client, filing):
    from .helpers import queries_of

    upload(staff_client, f.scan_file())
    small = queries_of(staff_client, url("scan", "420000"))
    for kind in ("png", "jpeg", "pdf", "png", "jpeg"):
        upload(staff_client, f.scan_file(kind))
    assert StampedScan.objects.count() == 6
    assert queries_of(staff_client, url("scan", "420000")) == small
