"""POST /api/v1/units/{code}/filings/{number}/import/: Attachment 2 as a file, previewed and
confirmed with a token, under the page's checks (the guard, the reading process, the filing
unchanged since the preview)."""

import time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import DatabaseError
from django.db.models import F

from certificates.upload_guard import NOT_XLSX, TOO_LARGE
from filings.api import import_views
from filings.models import Channel, EventKind, Filing, FilingEvent, FilingState, PilotRow
from filings.services import CHANGED_SINCE_PREVIEW, IMPORT_BLOCKED
from filings.views.spreadsheets import IMPORT_DATABASE_ERROR, PREVIEW_GONE

from ..filings import factories as f
from ..filings.spreadsheet import workbooks as w
from ..filings.spreadsheet.test_import_views import clean_file
from ..filings.spreadsheet.uploads import stored_imports
from .conftest import token_client

pytestmark = pytest.mark.django_db

URL = "/api/v1/units/420000/filings/2/import/"
NAME = "湖北省附件2.xlsx"


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def filed(reference_data, unit, media_root):
    """The draft holds one row typed on the filing page."""
    filing = f.make_filing(unit, reference_data)
    f.make_row(filing)
    return filing


def upload(client, data: bytes, name: str = NAME):
    return client.post(URL, {"file": SimpleUploadedFile(name, data)}, format="multipart")


def confirm(client, token: str, fmt: str = "json"):
    return client.post(f"{URL}?confirm=1", {"token": token}, format=fmt)


def imported_events(filing):
    return FilingEvent.objects.filter(filing=filing, kind=EventKind.IMPORTED)


def assert_untouched(filing) -> None:
    assert PilotRow.objects.filter(filing=filing).count() == 1
    assert not imported_events(filing).exists()
    filing.refresh_from_db()
    assert filing.revision == 1


# --- preview ---------------------------------------------------------------------------------


def test_an_upload_answers_the_preview_and_writes_nothing(staff_api, filed, media_root):
    response = upload(staff_api, clean_file())

    assert response.status_code == 200
    body = response.json()
    assert body["file_name"] == NAME and body["token"]
    assert body["importable"] is True
    assert (body["row_count"], body["school_count"], body["student_count"]) == (3, 2, 1355)
    assert body["replaces"] == {"rows": 1, "schools": 1, "version": 1}
    assert body["header"]["contact_name"] == "张敏"
    assert (body["page"], body["pages"]) == (1, 1)
    assert [row["line"] for row in body["rows"]] == [5, 6, 7]
    first = body["rows"][0]
    assert first["cells"]["school"] == "武汉职业技术学院"
    assert first["cells"]["certificate"] == "网店运营推广（初级、中级）"
    assert {c["key"] for c in body["columns"]} >= {"school", "certificate", "student_count"}
    assert all(not row["blocking"] for row in body["rows"])
    assert len(stored_imports(media_root)) == 1
    assert_untouched(filed)


def test_problems_carry_their_code_severity_field_and_line(staff_api, filed):
    rows = [
        w.row(),
        w.row(school="湖北工程学院", school_type="应用型本科", certificate="网店运营推广（特级）"),
        w.row(school="鄂州职业大学", major_count=3, remarks=None),
    ]
    body = upload(staff_api, w.province_table(rows).data).json()

    assert body["importable"] is False
    level = next(p for p in body["problems"] if "特级" in p["message"])
    assert level["line"] == 6 and level["column"] == "D"
    assert level["severity"] == "error" and level["blocking"] is True and level["code"]
    assert set(level) == {"code", "severity", "field", "message", "line", "column", "blocking"}
    assert body["rows"][1]["blocking"] is True
    assert any(p["severity"] == "warning" for p in body["rows"][2]["problems"])

    refused = confirm(staff_api, body["token"])
    assert refused.status_code == 400
    assert refused.json()["detail"] == IMPORT_BLOCKED.format(n=2)
    assert_untouched(filed)


def test_a_large_preview_comes_a_page_at_a_time(staff_api, filed):
    body = upload(staff_api, w.many_rows_bytes(450)).json()
    assert (body["row_count"], body["pages"]) == (450, 3)
    assert [row["line"] for row in body["rows"]] == list(range(2, 202))

    last = staff_api.get(URL, {"token": body["token"], "page": 3}).json()
    assert [row["line"] for row in last["rows"]] == list(range(402, 452))
    assert last["token"] == body["token"]
    odd = staff_api.get(URL, {"token": body["token"], "page": "²"}).json()
    assert odd["page"] == 1

    assert confirm(staff_api, body["token"]).json()["rows"] == 450
    assert PilotRow.objects.filter(filing=filed).count() == 450


def test_a_file_still_being_read_answers_202_with_the_token(staff_api, filed, settings):
    settings.IMPORT_WAIT_SECONDS = 0
    response = upload(staff_api, clean_file())
    assert response.status_code in (200, 202)  # a very quick reading may have finished
    token = response.json()["token"]
    if response.status_code == 202:
        assert response.json()["state"] in ("queued", "reading")
    for _ in range(600):
        polled = staff_api.get(URL, {"token": token})
        if polled.status_code == 200:
            break
        assert polled.status_code == 202
        time.sleep(0.05)
    assert polled.json()["row_count"] == 3


# --- bad files -------------------------------------------------------------------------------


def test_a_file_that_is_no_workbook_is_refused_with_the_pages_message(staff_api, filed, media_root):
    response = upload(staff_api, b"school,certificate\n", name="table.csv")
    assert response.status_code == 400
    assert response.json() == {"detail": NOT_XLSX, "code": "file_refused", "field": "file"}
    assert stored_imports(media_root) == []
    assert_untouched(filed)


def test_a_file_above_the_limit_is_refused_before_it_is_read(
    staff_api, filed, media_root, monkeypatch
):
    monkeypatch.setattr(import_views, "MAX_UPLOAD_BYTES", 100)
    response = upload(staff_api, clean_file())
    assert response.status_code == 400 and response.json()["detail"] == TOO_LARGE
    assert stored_imports(media_root) == []


def test_a_workbook_without_a_table_is_refused_after_reading(staff_api, filed, media_root):
    response = upload(staff_api, w.workbook_bytes([["湖北省试点情况"], ["无"]]))
    assert response.status_code == 400
    assert response.json()["code"] == "file_refused" and response.json()["detail"]
    assert stored_imports(media_root) == []  # the refused job's folder is removed
    assert_untouched(filed)


def test_a_request_without_a_file_is_refused(staff_api, filed):
    response = staff_api.post(URL, {}, format="multipart")
    assert response.status_code == 400 and response.json()["field"] == "file"


# --- confirmation ----------------------------------------------------------------------------


def test_confirming_writes_the_rows_and_records_the_api_as_channel(staff_api, filed, media_root):
    token = upload(staff_api, clean_file()).json()["token"]

    response = confirm(staff_api, token)

    assert response.status_code == 200
    assert response.json() == {
        "detail": "已导入 3 行、2 所院校。请补充缺少的佐证材料。",
        "rows": 3,
        "schools": 2,
        "version": 2,
    }
    assert PilotRow.objects.filter(filing=filed).count() == 3
    event = imported_events(filed).get()
    assert (event.subject, event.channel) == (NAME, Channel.API)
    assert "替换了原有的 1 行" in event.note
    assert stored_imports(media_root) == []
    # The token is spent: the preview is gone.
    again = confirm(staff_api, token)
    assert again.status_code == 409
    assert again.json()["code"] == "stale_preview" and again.json()["detail"] == PREVIEW_GONE
    assert imported_events(filed).count() == 1


def test_the_token_may_come_as_a_form_field(staff_api, filed):
    token = upload(staff_api, clean_file()).json()["token"]
    assert confirm(staff_api, token, fmt="multipart").status_code == 200
    assert PilotRow.objects.filter(filing=filed).count() == 3


def test_a_change_after_the_preview_refuses_the_confirmation(staff_api, filed, media_root):
    token = upload(staff_api, clean_file()).json()["token"]
    # Someone edits the filing meanwhile: a new revision.
    Filing.objects.filter(pk=filed.pk).update(revision=F("revision") + 1)

    response = confirm(staff_api, token)

    assert response.status_code == 409
    assert response.json() == {"detail": CHANGED_SINCE_PREVIEW, "code": "stale_preview"}
    assert PilotRow.objects.filter(filing=filed).count() == 1
    assert not imported_events(filed).exists()
    # This preview can never be confirmed now.
    assert stored_imports(media_root) == []
    assert staff_api.get(URL, {"token": token}).status_code == 409


def test_another_users_token_is_refused(staff_api, unit, filed):
    token = upload(staff_api, clean_file()).json()["token"]
    colleague = token_client(f.make_staff(unit, username="colleague"))

    for response in (confirm(colleague, token), colleague.get(URL, {"token": token})):
        assert response.status_code == 400
        assert response.json()["code"] == "invalid_token"
    assert_untouched(filed)
    assert confirm(staff_api, token).status_code == 200


def test_a_forged_or_missing_token_is_refused(staff_api, filed):
    token = upload(staff_api, clean_file()).json()["token"]
    for forged in (token[:-2] + "xx", "", "abc"):
        response = confirm(staff_api, forged)
        assert response.status_code == 400 and response.json()["code"] == "invalid_token"
    assert_untouched(filed)


# --- who may ---------------------------------------------------------------------------------


def test_a_reviewer_may_not_import(reviewer_api, filed, media_root):
    response = upload(reviewer_api, clean_file())
    assert response.status_code == 403 and response.json()["detail"]
    assert stored_imports(media_root) == []


def test_another_units_staff_get_404(other_staff_api, filed, media_root):
    assert upload(other_staff_api, clean_file()).status_code == 404
    assert stored_imports(media_root) == []


def test_a_submitted_filing_takes_no_import(staff_api, filed, media_root):
    token = upload(staff_api, clean_file()).json()["token"]
    Filing.objects.filter(pk=filed.pk).update(state=FilingState.SUBMITTED)

    assert upload(staff_api, clean_file()).status_code == 409
    response = confirm(staff_api, token)
    assert response.status_code == 409 and response.json()["code"] == "not_editable"
    assert PilotRow.objects.filter(filing=filed).count() == 1


# Outside a test transaction: the view closes the connection it takes for broken, which
# PostgreSQL's test transaction would not survive.
@pytest.mark.django_db(transaction=True)
def test_a_database_failing_midway_changes_nothing_and_keeps_the_preview(
    staff_api, filed, monkeypatch
):
    token = upload(staff_api, clean_file()).json()["token"]

    def fails(**kwargs):
        raise DatabaseError("connection lost")

    with monkeypatch.context() as patch:
        patch.setattr(import_views, "filing_import", fails)
        response = confirm(staff_api, token)
    assert response.status_code == 503
    assert response.json()["detail"] == IMPORT_DATABASE_ERROR
    assert_untouched(filed)
    # The preview is still there to confirm once the database is back.
    assert confirm(staff_api, token).status_code == 200


def test_an_expired_token_finds_the_preview_gone(staff_api, filed, settings):
    token = upload(staff_api, clean_file()).json()["token"]
    settings.IMPORT_KEEP_HOURS = -1  # as if the hours had passed
    response = confirm(staff_api, token)
    assert response.status_code == 409
    assert response.json()["detail"] == PREVIEW_GONE
    assert_untouched(filed)
