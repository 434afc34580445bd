"""Upload, preview, confirm or cancel; download the table. Nothing is written before the
confirmation, and only the unit's own staff may import."""

import html
import re
from io import BytesIO

import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import F
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from filings.models import EventKind, Filing, FilingEvent, PilotRow, School
from filings.services import IMPORT_BLOCKED
from filings.spreadsheet import reading
from filings.spreadsheet.export import export_filename
from filings.views.spreadsheets import CHANGED_SINCE_PREVIEW, PREVIEW_GONE, SESSION_KEY

from .. import factories as f
from ..views.helpers import row_fields
from . import workbooks as w
from .uploads import stored_imports

pytestmark = pytest.mark.django_db

CODE = "420000"


def url(name: str, code: str = CODE) -> str:
    return reverse(f"filings:{name}", args=[code])


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def page(response) -> str:
    return html.unescape(response.content.decode())


def flashed(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def marked_cells(response, mark: str) -> list[str]:
    """The values of the preview's cells carrying `mark` (cell-error, cell-warning)."""
    return re.findall(rf'<td class="small {mark}">([^<]*)</td>', page(response))


@pytest.fixture
def staff(unit, media_root):
    return f.make_staff(unit)


@pytest.fixture
def staff_client(staff) -> Client:
    return client_for(staff)


@pytest.fixture
def filed(filing):
    """The draft holds one row typed on the filing page."""
    f.make_row(filing)
    return filing


CLEAN_ROWS = [
    w.row(certificate="网店运营推广（初级、中级）", students="1,200人"),
    w.row(school=None, school_type=None, remarks=None, certificate="失智老年人（初级）"),
    w.row(
        school="湖北省工业建筑学校",
        school_type="中等职业学校",
        certificate="特殊焊接技术 中级",
        major_count=1,
        majors="焊接技术应用",
        students=35,
        remarks="国家中等职业教育改革发展示范学校",
    ),
]


def clean_file() -> bytes:
    return w.province_table(CLEAN_ROWS, merge=[("B", 0, 1), ("C", 0, 1), ("H", 0, 1)]).data


def upload(client: Client, data: bytes, name: str = "湖北省附件2.xlsx"):
    return client.post(url("import"), {"file": SimpleUploadedFile(name, data)})


def imported_events(filing):
    return FilingEvent.objects.filter(filing=filing, kind=EventKind.IMPORTED)


# --- upload and preview -----------------------------------------------------------------------


def test_the_upload_page(staff_client, filed):
    response = staff_client.get(url("import"))
    assert response.status_code == 200
    assert "导入将替换汇总表现有的 1 行" in re.sub(r"<[^>]+>", "", page(response))


def test_an_upload_goes_to_the_preview_and_writes_nothing(staff_client, filed, media_root):
    data = clean_file()
    response = upload(staff_client, data)

    assert response.status_code == 302 and response["Location"] == url("import_preview")
    [stored] = stored_imports(media_root)
    assert (stored / reading.UPLOAD).read_bytes() == data
    assert staff_client.session[SESSION_KEY][str(filed.pk)]["name"] == "湖北省附件2.xlsx"

    preview = staff_client.get(url("import_preview"))
    assert preview.status_code == 200
    # Nothing written before the confirmation.
    assert PilotRow.objects.filter(filing=filed).count() == 1
    assert not imported_events(filed).exists()
    filed.refresh_from_db()
    assert filed.revision == 1


def test_the_preview_shows_each_row_and_what_it_replaces(staff_client, filed):
    upload(staff_client, clean_file())
    response = staff_client.get(url("import_preview"))
    text = page(response)

    assert response.context["file_name"] == "湖北省附件2.xlsx"
    assert [line.line for line in response.context["lines"]] == [5, 6, 7]
    for shown in (
        "武汉职业技术学院",
        "湖北省工业建筑学校",
        # Each cell as the file writes it (full-width brackets and all).
        "失智老年人（初级）",
        "特殊焊接技术 中级",
    ):
        assert shown in text
    assert "确认导入（替换现有 1 行）" in text
    assert 'value="confirm"' in text
    assert "联系人 张敏" in text
    assert not marked_cells(response, "cell-error")


def test_a_large_file_is_previewed_a_page_at_a_time_and_imported_whole(staff_client, filed):
    # Rendering ten thousand rows at once held a server thread for seconds (issue #10).
    upload(staff_client, w.many_rows_bytes(450))
    first = staff_client.get(url("import_preview"))
    assert [line.line for line in first.context["lines"]] == list(range(2, 202))
    text = re.sub(r"<[^>]+>", "", page(first))
    assert "当前显示第 1–200 行（共 450 行）；确认导入时导入全部行" in text
    assert "第 1 / 3 页" in text

    last = staff_client.get(url("import_preview") + "?page=3")
    assert [line.line for line in last.context["lines"]] == list(range(402, 452))
    # A page that is no page shows the first.
    odd = staff_client.get(url("import_preview") + "?page=²")
    assert odd.context["lines"][0].line == 2

    response = staff_client.post(url("import_preview") + "?page=3", {"action": "confirm"})
    assert response.status_code == 302
    assert PilotRow.objects.filter(filing=filed).count() == 450


def test_showing_the_preview_never_loads_the_whole_result(staff_client, filed, monkeypatch):
    # The reading process leaves the preview's figures and pages beside the result, which
    # only a confirmation loads (a large file's took a server thread seconds).
    upload(staff_client, w.many_rows_bytes(450))

    def loaded(job):
        raise AssertionError("the whole result was loaded to show the preview")

    with monkeypatch.context() as patch:
        patch.setattr(reading.ReadingJob, "result", loaded)
        for query in ("", "?page=2", "?page=3"):
            assert staff_client.get(url("import_preview") + query).status_code == 200
    response = staff_client.post(url("import_preview"), {"action": "confirm"})
    assert response.status_code == 302
    assert PilotRow.objects.filter(filing=filed).count() == 450


def test_the_list_of_problems_above_the_preview_is_cut_short(staff_client, filed):
    rows = [w.row(school=f"湖北测试学院{n}", students=-1) for n in range(230)]
    upload(staff_client, w.province_table(rows).data)
    response = staff_client.get(url("import_preview"))
    assert len(response.context["preview"].listed_issues) == 200
    assert response.context["preview"].issues_left_out >= 30
    assert "其余" in page(response)


def test_the_preview_marks_the_cells_with_problems(staff_client, filed):
    rows = [
        w.row(),
        w.row(school="湖北工程学院", school_type="应用型本科", certificate="网店运营推广（特级）"),
        w.row(school="鄂州职业大学", major_count=3, remarks=None),
    ]
    upload(staff_client, w.province_table(rows).data)
    response = staff_client.get(url("import_preview"))
    text = page(response)

    # 3 majors announced, 2 listed: refused, as the row's form refuses it; no remarks: a
    # warning.
    assert marked_cells(response, "cell-error") == ["网店运营推广（特级）", "3"]
    assert marked_cells(response, "cell-warning") == [""]
    assert "第6行 D列：证书等级“特级”不存在" in text
    assert "不能导入" in text
    assert 'value="confirm"' not in text  # nothing to confirm while a problem blocks


def test_the_preview_says_how_the_file_was_read_before_it_can_be_confirmed(staff_client, filed):
    """Skipped lines, headings read by meaning and the school taken from the row above are
    on the page, so that "可以导入" never hides data read wrongly."""
    lines = [
        ["报送单位（盖章）：湖北省教育厅"],
        [
            "序号",
            "学校全称",
            "学校类别",
            "证书及级别",
            "试点专业数",
            "专业名称",
            "学生数量",
            "备注",
        ],
        w.row(index=1),
        w.row(index=2, school=None, school_type=None, remarks=None, certificate="智能财税（初级）"),
        ["合计", None, None, None, 4, None, 240],
        ["填表人：张敏", None, None, "审核人：李强"],
    ]
    upload(staff_client, w.workbook_bytes(lines))
    response = staff_client.get(url("import_preview"))
    text = page(response)

    assert "读取说明" in text
    for note in response.context["preview"].notes:
        assert note in text
    assert "C列“学校类别”读作“学校类型”" in text
    assert "第5行是合计行，未作为试点院校读取。" in text
    assert "第6行是表尾的填表人、日期、盖章等信息" in text
    # The empty school cell: marked on its cell, said on its row.
    assert marked_cells(response, "cell-warning")[0] == "武汉职业技术学院"
    assert "按上一行的“武汉职业技术学院”读取，请核实" in text
    assert [line.line for line in response.context["lines"]] == [3, 4]
    assert 'value="confirm"' in text


def test_a_file_without_the_unit_line_warns_in_the_preview(staff_client, filed):
    upload(staff_client, w.province_table([w.row()], header_lines=[]).data)
    text = page(staff_client.get(url("import_preview")))
    assert "文件中没有“报送单位”一行，无法核对是否为湖北省的汇总表" in text
    assert 'value="confirm"' in text


def test_a_forced_confirmation_of_a_blocked_file_writes_nothing(staff_client, filed):
    rows = [w.row(), w.row(school="湖北工程学院", certificate="Web前端开发（初级）")]
    upload(staff_client, w.province_table(rows).data)

    response = staff_client.post(url("import_preview"), {"action": "confirm"})

    assert response.status_code == 200
    assert IMPORT_BLOCKED.format(n=1) in page(response)
    assert PilotRow.objects.filter(filing=filed).count() == 1
    assert not imported_events(filed).exists()


# --- confirm or cancel ------------------------------------------------------------------------


def test_confirming_writes_the_rows_and_goes_to_the_rows_page(
    staff_client, staff, filed, media_root
):
    upload(staff_client, clean_file())
    before = PilotRow.objects.filter(filing=filed).count()

    response = staff_client.post(url("import_preview"), {"action": "confirm"})

    assert response.status_code == 302 and response["Location"] == url("rows")
    assert "已导入 3 行、2 所院校。请补充缺少的佐证材料。" in flashed(response)
    assert before == 1
    assert PilotRow.objects.filter(filing=filed).count() == 3
    assert sorted(School.objects.filter(filing=filed).values_list("name", flat=True)) == [
        "武汉职业技术学院",
        "湖北省工业建筑学校",
    ]
    event = imported_events(filed).get()
    assert (event.user, event.subject) == (staff, "湖北省附件2.xlsx")
    assert "替换了原有的 1 行" in event.note
    filed.refresh_from_db()
    assert filed.revision == 2
    # The temporary file and the pending import are gone.
    assert stored_imports(media_root) == []
    assert not staff_client.session.get(SESSION_KEY)
    # A second confirmation finds nothing to confirm.
    again = staff_client.post(url("import_preview"), {"action": "confirm"})
    assert again.status_code == 302 and again["Location"] == url("import")
    assert PREVIEW_GONE in flashed(again)
    assert imported_events(filed).count() == 1


def test_cancelling_writes_nothing_and_deletes_the_stored_file(staff_client, filed, media_root):
    upload(staff_client, clean_file())
    assert len(stored_imports(media_root)) == 1

    response = staff_client.post(url("import_preview"), {"action": "cancel"})

    assert response.status_code == 302 and response["Location"] == url("rows")
    assert stored_imports(media_root) == []
    assert not staff_client.session.get(SESSION_KEY)
    assert PilotRow.objects.filter(filing=filed).count() == 1
    assert not imported_events(filed).exists()
    assert staff_client.get(url("import_preview"))["Location"] == url("import")


def test_a_second_upload_replaces_the_first_pending_file(staff_client, filed, media_root):
    upload(staff_client, clean_file())
    upload(staff_client, w.province_table([w.row()]).data, name="第二稿.xlsx")
    assert len(stored_imports(media_root)) == 1
    response = staff_client.get(url("import_preview"))
    assert response.context["file_name"] == "第二稿.xlsx"


def test_a_change_between_preview_and_confirmation_refuses_the_confirmation(
    staff_client, filed, media_root
):
    upload(staff_client, clean_file())
    staff_client.get(url("import_preview"))
    # Someone else edits the filing meanwhile: a new revision.
    Filing.objects.filter(pk=filed.pk).update(revision=F("revision") + 1)

    response = staff_client.post(url("import_preview"), {"action": "confirm"})

    assert response.status_code == 302 and response["Location"] == url("import")
    assert CHANGED_SINCE_PREVIEW in flashed(response)
    assert PilotRow.objects.filter(filing=filed).count() == 1
    assert not imported_events(filed).exists()
    assert stored_imports(media_root) == []


def test_a_colleagues_edit_between_preview_and_confirmation_is_never_wiped(
    staff_client, unit, filed, media_root
):
    # A uploads and previews the file.
    upload(staff_client, clean_file())
    assert staff_client.get(url("import_preview")).status_code == 200
    # B, at the same time, corrects a row of the table on the filing page.
    colleague = client_for(f.make_staff(unit, username="staff-420000-2"))
    row = PilotRow.objects.get(filing=filed)
    edit = reverse("filings:row_edit", args=[CODE, row.pk])
    saved = colleague.post(edit, {**row_fields(student_count="77"), "row_version": "1"})
    assert saved.status_code == 302

    # A confirms the preview: refused, and told why.
    response = staff_client.post(url("import_preview"), {"action": "confirm"})

    assert response.status_code == 302 and response["Location"] == url("import")
    assert flashed(response) == [CHANGED_SINCE_PREVIEW]
    [kept] = PilotRow.objects.filter(filing=filed)
    assert (kept.pk, kept.student_count) == (row.pk, 77)
    assert not imported_events(filed).exists()
    assert stored_imports(media_root) == []


def test_a_submitted_filing_cannot_be_imported_into(staff_client, filed, media_root):
    filed.state = "submitted"
    filed.save()
    response = upload(staff_client, clean_file())
    assert response.status_code == 302 and response["Location"] == url("unit_home")
    assert stored_imports(media_root) == []
    assert PilotRow.objects.filter(filing=filed).count() == 1


# --- who may ----------------------------------------------------------------------------------


@pytest.fixture
def other_staff_client(other_unit, media_root) -> Client:
    return client_for(f.make_staff(other_unit))


@pytest.fixture
def reviewer_client(db, media_root) -> Client:
    return client_for(f.make_reviewer())


@pytest.mark.parametrize("name", ["import", "import_preview", "export"])
def test_staff_of_another_unit_see_nothing_of_this_unit(other_staff_client, filed, name):
    assert other_staff_client.get(url(name)).status_code == 404


def test_staff_of_another_unit_cannot_upload_into_this_unit(other_staff_client, filed, media_root):
    response = upload(other_staff_client, clean_file())
    assert response.status_code == 404
    assert stored_imports(media_root) == []


@pytest.mark.parametrize("name", ["import", "import_preview"])
def test_a_reviewer_may_not_import(reviewer_client, filed, name, media_root):
    assert reviewer_client.get(url(name)).status_code == 403
    assert reviewer_client.post(url(name), {"action": "confirm"}).status_code == 403
    assert stored_imports(media_root) == []


def test_a_reviewer_may_not_upload(reviewer_client, filed, media_root):
    assert upload(reviewer_client, clean_file()).status_code == 403
    assert stored_imports(media_root) == []
    assert PilotRow.objects.filter(filing=filed).count() == 1


def test_anonymous_users_are_sent_to_log_in(filed):
    response = Client().get(url("import"))
    assert response.status_code == 302 and "login" in response["Location"]


# --- download ---------------------------------------------------------------------------------


def test_a_reviewer_may_download_the_table(reviewer_client, filed):
    response = reviewer_client.get(url("export"))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")


def test_the_download_is_a_readable_workbook(staff_client, filed, batch):
    response = staff_client.get(url("export"))

    assert response.status_code == 200
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment;")
    assert "filename*=utf-8''" in disposition  # the Chinese name, encoded
    assert response["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    assert export_filename(filed) == "湖北省-第二批1+X证书制度试点院校情况汇总表-版本1.xlsx"
    wb = load_workbook(BytesIO(response.content), read_only=True)
    assert wb.sheetnames[0] == "附件2"
    ws = wb["附件2"]
    assert next(ws.iter_rows(max_row=1, values_only=True))[0] == (
        "第二批1+X证书制度试点院校情况汇总表"
    )


def test_a_downloaded_table_uploads_back_cleanly(staff_client, filed):
    exported = staff_client.get(url("export")).content

    upload(staff_client, exported, name="export.xlsx")
    preview = staff_client.get(url("import_preview"))
    shown = preview.context["preview"]
    assert not shown.issue_count and not shown.rows_needing_evidence, shown.listed_issues
    response = staff_client.post(url("import_preview"), {"action": "confirm"})

    assert response.status_code == 302
    assert PilotRow.objects.filter(filing=filed).count() == 1
