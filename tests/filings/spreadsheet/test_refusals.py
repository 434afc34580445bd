"""Files the importer refuses: each with its message, through read_attachment2 and through the
upload form, and never with a server error."""

import time
import zipfile
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from certificates import grid
from certificates import upload_guard as guard
from certificates.upload_guard import RefusedFile, check_workbook_bytes
from filings.spreadsheet import importer
from filings.spreadsheet.importer import read_attachment2

from . import workbooks as w
from .uploads import assert_nothing_written

pytestmark = pytest.mark.django_db


def base() -> bytes:
    return w.province_table([w.row()]).data


# (id, file name as uploaded, builder, message)
REFUSED = [
    ("xls", "附件2.xls", w.old_xls_bytes, guard.OLD_EXCEL),
    ("csv", "附件2.csv", w.csv_bytes, guard.NOT_XLSX),
    ("pdf", "附件2.pdf", w.pdf_bytes, guard.NOT_XLSX),
    ("random-bytes", "附件2.xlsx", w.random_bytes, guard.NOT_XLSX),
    ("truncated-xlsx", "附件2.xlsx", lambda: w.truncated(base()), guard.CORRUPT),
    ("zip-not-a-workbook", "附件2.xlsx", w.plain_zip_bytes, guard.CORRUPT),
    ("word-document", "附件2.xlsx", w.docx_like_bytes, guard.NOT_XLSX),
    ("oversize", "附件2.xlsx", lambda: w.oversize_bytes(base()), guard.TOO_LARGE),
    ("zip-bomb", "附件2.xlsx", lambda: w.zip_bomb_bytes(base()), guard.BOMB),
    ("billion-laughs", "附件2.xlsx", lambda: w.with_entities(base()), guard.ENTITIES),
]
REFUSED_IDS = [case[0] for case in REFUSED]


@pytest.mark.parametrize(("name", "build", "message"), [c[1:] for c in REFUSED], ids=REFUSED_IDS)
def test_read_attachment2_refuses(batch, name, build, message):
    with pytest.raises(RefusedFile) as refused:
        read_attachment2(build(), batch=batch, unit=None)
    assert refused.value.message == message
    assert str(refused.value) == message


def test_an_empty_file_is_refused(batch):
    with pytest.raises(RefusedFile) as refused:
        read_attachment2(b"", batch=batch, unit=None)
    assert refused.value.message == guard.EMPTY


def test_the_messages_say_what_to_do():
    assert "另存为" in guard.OLD_EXCEL and ".xlsx" in guard.OLD_EXCEL
    assert "另存为" in guard.NOT_XLSX and ".xls" in guard.NOT_XLSX and ".csv" in guard.NOT_XLSX
    assert "10 MB" in guard.TOO_LARGE


def test_an_opendocument_spreadsheet_is_told_to_save_as_xlsx(batch):
    with pytest.raises(RefusedFile) as refused:
        read_attachment2(w.ods_like_bytes(), batch=batch, unit=None)
    assert refused.value.message == guard.NOT_XLSX


def test_a_zip_bomb_is_refused_from_the_zip_directory_alone(record_property):
    bomb = w.zip_bomb_bytes(base(), megabytes=150)
    assert len(bomb) < 2 * 1024 * 1024  # the file itself is small
    started = time.perf_counter()
    with pytest.raises(RefusedFile) as refused:
        check_workbook_bytes(bomb)
    # Measured, not asserted: well under a second since nothing is inflated.
    record_property("check_workbook_bytes_seconds", time.perf_counter() - started)
    assert refused.value.message == guard.BOMB


def test_a_member_inflating_far_beyond_its_size_is_refused_under_the_total_limit():
    """60 MB of zeros stays under the 100 MB total, but its compression ratio gives it away."""
    bomb = w.zip_bomb_bytes(base(), megabytes=60, name="xl/worksheets/sheet2.xml")
    info = zipfile.ZipFile(BytesIO(bomb)).getinfo("xl/worksheets/sheet2.xml")
    assert info.file_size < guard.MAX_UNCOMPRESSED_BYTES
    with pytest.raises(RefusedFile) as refused:
        check_workbook_bytes(bomb)
    assert refused.value.message == guard.BOMB


def test_entities_are_refused_before_parsing(record_property):
    data = w.with_entities(base())
    assert b"<!ENTITY lol9" in w.member(data, w.SHEET)
    started = time.perf_counter()
    with pytest.raises(RefusedFile) as refused:
        check_workbook_bytes(data)
    record_property("check_workbook_bytes_seconds", time.perf_counter() - started)
    assert refused.value.message == guard.ENTITIES


def test_a_doctype_hidden_behind_a_long_comment_is_still_refused(batch):
    """The guard reads the first 4 KB of each part; defusedxml refuses what comes later."""
    data = w.with_entities(base(), padding=8000)
    with pytest.raises(RefusedFile) as refused:
        read_attachment2(data, batch=batch, unit=None)
    assert refused.value.message in (guard.ENTITIES, guard.CORRUPT)


# --- a sheet that is damaged inside a sound zip ---------------------------------------------


def _big_table() -> bytes:
    """A table whose sheet part is well over the 4 KB the guard reads."""
    return w.province_table(
        [w.row(school=f"湖北第{n}职业学校", certificate="智能财税（初级）") for n in range(60)]
    ).data


def _flip_compressed_bytes(data: bytes, name: str, where: float) -> bytes:
    """The workbook with 8 bytes of `name`'s compressed data flipped, at `where` (0..1)."""
    info = zipfile.ZipFile(BytesIO(data)).getinfo(name)
    local_header = data[info.header_offset : info.header_offset + 30]
    name_length = int.from_bytes(local_header[26:28], "little")
    extra_length = int.from_bytes(local_header[28:30], "little")
    start = info.header_offset + 30 + name_length + extra_length
    position = start + int((info.compress_size - 16) * where)
    damaged = bytearray(data)
    for offset in range(8):
        damaged[position + offset] ^= 0xFF
    return bytes(damaged)


def _sheet_cut_in_half() -> bytes:
    data = _big_table()
    sheet = w.member(data, w.SHEET)
    return w.replace_member(data, w.SHEET, sheet[: len(sheet) // 2])


DAMAGED = [
    pytest.param(
        lambda: _flip_compressed_bytes(_big_table(), w.SHEET, 0.0),
        id="deflate-data-damaged-at-the-start",
    ),
    pytest.param(
        lambda: _flip_compressed_bytes(_big_table(), w.SHEET, 0.5),
        id="deflate-data-damaged-in-the-middle",
    ),
    pytest.param(
        lambda: _flip_compressed_bytes(_big_table(), w.SHEET, 0.98),
        id="deflate-data-damaged-at-the-end",
    ),
    pytest.param(_sheet_cut_in_half, id="sheet-xml-cut-in-half"),
]


@pytest.mark.parametrize("build", DAMAGED)
def test_a_damaged_sheet_inside_a_sound_zip_is_refused_as_corrupt(batch, build):
    with pytest.raises(RefusedFile) as refused:
        read_attachment2(build(), batch=batch, unit=None)
    assert refused.value.message == guard.CORRUPT


# --- refusals of the importer: no heading, no rows, too many rows -----------------------------


def test_too_many_rows(batch):
    result = read_attachment2(w.many_rows_bytes(importer.MAX_DATA_ROWS + 1), batch=batch, unit=None)
    assert [i.message for i in result.issues] == [importer.TOO_MANY_ROWS]
    assert result.rows == [] and result.blocking


def test_a_table_of_exactly_the_row_limit_is_read(batch, monkeypatch):
    monkeypatch.setattr(importer, "MAX_DATA_ROWS", 3)
    rows = [w.row(school=f"湖北第{n}职业学校") for n in range(3)]
    result = read_attachment2(w.province_table(rows).data, batch=batch, unit=None)
    assert len(result.rows) == 3 and not result.issues

    over = w.province_table([*rows, w.row(school="湖北第4职业学校")])
    result = read_attachment2(over.data, batch=batch, unit=None)
    assert [i.message for i in result.issues] == [importer.TOO_MANY_ROWS]


def a_row_and_numbered_lines(non_empty_lines: int) -> bytes:
    """One school's row under the title and the heading, then numbered but empty template
    lines: `non_empty_lines` lines with something in them in all."""
    before = 1 + len(w.HEADER_LINES_IN_ONE_CELL) + 1 + 1  # title, 报送单位 lines, heading, row
    table = w.province_table(
        [w.row()], template_lines=non_empty_lines - before, summary=False, notes=False
    )
    return table.data


def test_a_sheet_past_the_lines_scanned_is_refused_whatever_its_rows(batch):
    # One school, far below the rows an import takes; what is too long is the sheet itself
    # (30,000 non-empty lines are read at most, which also bounds what a hostile file costs).
    result = read_attachment2(a_row_and_numbered_lines(grid.MAX_LINES + 1), batch=batch, unit=None)
    assert [i.message for i in result.issues] == [importer.TOO_MANY_LINES]
    assert "工作表超过 30,000 行" in importer.TOO_MANY_LINES
    assert result.rows == [] and result.blocking


def test_a_sheet_of_exactly_the_lines_scanned_is_read(batch):
    result = read_attachment2(a_row_and_numbered_lines(grid.MAX_LINES), batch=batch, unit=None)
    assert not result.issues
    assert [row.school.name for row in result.rows] == ["武汉职业技术学院"]


def test_template_lines_after_a_table_at_the_row_limit_do_not_count(batch, monkeypatch):
    monkeypatch.setattr(importer, "MAX_DATA_ROWS", 3)
    rows = [w.row(school=f"湖北第{n}职业学校") for n in range(3)]
    at_limit = w.province_table(rows, template_lines=10)
    result = read_attachment2(at_limit.data, batch=batch, unit=None)
    assert len(result.rows) == 3 and not result.issues


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(
            lambda: w.workbook_bytes([["汇总表"], ["武汉职业技术学院", "高职"]]), id="text"
        ),
        pytest.param(lambda: w.workbook_bytes([]), id="empty-sheet"),
        pytest.param(
            lambda: w.workbook_bytes([["学校", "人数"], ["武汉职业技术学院", 120]]),
            id="another-table",
        ),
        pytest.param(
            lambda: w.workbook_bytes([[]] * 31 + [w.HEADER, w.row(index=1)]),
            id="heading-below-row-30",
        ),
    ],
)
def test_no_recognisable_heading(batch, data):
    result = read_attachment2(data(), batch=batch, unit=None)
    assert [i.message[: len(importer.NO_HEADER)] for i in result.issues] == [importer.NO_HEADER]
    assert result.rows == [] and result.blocking


def test_a_heading_not_understood_is_described_with_what_was_expected(batch):
    """The line that looks most like a heading: what it has, what is not understood, what is
    missing, and Attachment 2's own headings."""
    data = w.workbook_bytes([["学校", "所在城市", "人数"], ["武汉职业技术学院", "武汉", 120]])
    (issue,) = read_attachment2(data, batch=batch, unit=None).issues
    assert issue.message == (
        f"{importer.NO_HEADER}第1行的栏目为“学校”、“所在城市”、“人数”；其中“所在城市”未能识别；"
        "缺少“参与试点证书及等级”。附件2的栏目为：序号、试点院校名称、学校类型、"
        "参与试点证书及等级、参与试点专业数量、参与试点专业名称、参与试点学生规模、学校情况备注。"
    )


def test_a_heading_without_rows(batch):
    table = w.province_table([], template_lines=15)
    result = read_attachment2(table.data, batch=batch, unit=None)
    assert [i.message for i in result.issues] == [importer.NO_ROWS]
    assert result.rows == [] and result.blocking


# --- through the upload form ------------------------------------------------------------------


def upload(client: Client, name: str, data: bytes):
    url = reverse("filings:import", args=["420000"])
    return client.post(url, {"file": SimpleUploadedFile(name, data)})


@pytest.mark.parametrize(("name", "build", "message"), [c[1:] for c in REFUSED], ids=REFUSED_IDS)
def test_the_upload_form_refuses(staff_client, filed, media_root, name, build, message):
    response = upload(staff_client, name, build())
    assert response.status_code == 200
    assert response.context["form"].errors["file"] == [message]
    assert message in response.content.decode()
    assert_nothing_written(filed, staff_client, media_root)


def test_the_upload_form_refuses_an_empty_file(staff_client, filed, media_root):
    response = upload(staff_client, "附件2.xlsx", b"")
    assert response.status_code == 200
    errors = response.context["form"].errors["file"]
    # Django's own FileField refuses an empty upload before the guard sees it.
    assert errors and (errors == [guard.EMPTY] or "空" in errors[0])
    assert_nothing_written(filed, staff_client, media_root)


@pytest.mark.parametrize("build", DAMAGED)
def test_the_upload_form_refuses_a_damaged_sheet(staff_client, filed, media_root, build):
    response = upload(staff_client, "附件2.xlsx", build())
    assert response.status_code == 200
    assert response.context["form"].errors["file"] == [guard.CORRUPT]
    assert_nothing_written(filed, staff_client, media_root)


IMPORTER_REFUSALS = [
    pytest.param(
        lambda: w.workbook_bytes([["汇总表"], ["武汉"]]), importer.NO_HEADER, id="no-header"
    ),
    pytest.param(
        lambda: w.province_table([], template_lines=5).data, importer.NO_ROWS, id="no-rows"
    ),
    # The real limit: the file is read by a process of its own, which no monkeypatch reaches.
    pytest.param(
        lambda: w.many_rows_bytes(importer.MAX_DATA_ROWS + 1),
        importer.TOO_MANY_ROWS,
        id="too-many-rows",
    ),
]


@pytest.mark.parametrize(("build", "message"), IMPORTER_REFUSALS)
def test_the_upload_form_refuses_what_the_importer_refuses(
    staff_client, filed, media_root, build, message
):
    response = upload(staff_client, "附件2.xlsx", build())
    assert response.status_code == 200
    assert response.context["form"].errors["file"] == [message]
    assert_nothing_written(filed, staff_client, media_root)
