"""Uploads are read by a process of their own, bounded in size, time and memory, one at a
time, with a progress page for a file that takes a while; abandoned uploads expire.

The files are built as an attacker would (shared strings that compress only 16:1, ten
thousand rows) and go through the real upload page and the real reading process.
"""

import fcntl
import os
import time
import zipfile
from contextlib import contextmanager
from io import BytesIO
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from certificates import upload_guard as guard
from certificates.upload_guard import RefusedFile, check_workbook_bytes
from filings.spreadsheet import reading
from filings.views.spreadsheets import SESSION_KEY

from .. import factories as f
from . import workbooks as w
from .uploads import assert_nothing_written, stored_imports

pytestmark = pytest.mark.django_db

CODE = "420000"


def url(name: str, code: str = CODE) -> str:
    return reverse(f"filings:{name}", args=[code])


def upload(client: Client, data: bytes, code: str = CODE):
    return client.post(url("import", code), {"file": SimpleUploadedFile("附件2.xlsx", data)})


def table(rows: int = 3) -> bytes:
    return w.province_table([w.row(school=f"湖北测试职业学院{n}") for n in range(rows)]).data


@pytest.fixture(scope="module")
def bulky_file() -> bytes:
    """22 MB of shared strings in a 1.5 MB upload: under the limit, slow to parse."""
    return w.bulky_strings_bytes(table(), megabytes=22)


@contextmanager
def all_slots_taken(media_root, slots: int = 1):
    """Hold every reading slot, as uploads being read would: new ones wait in line."""
    folder = media_root / reading.FOLDER / reading.SLOTS_FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    handles = []
    try:
        for number in range(slots):
            handle = open(folder / f"{number}.lock", "a")  # noqa: SIM115
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            handles.append(handle)
        yield
    finally:
        for handle in handles:
            handle.close()


def job_of(client) -> reading.ReadingJob:
    [entry] = client.session[SESSION_KEY].values()
    return reading.ReadingJob(entry["job"])


def process_alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().split(")")[-1].split()[0] != "Z"
    except OSError:
        return False


# --- the guard, before anything is inflated ---------------------------------------------------


def test_text_that_compresses_only_16_to_1_is_refused_by_its_inflated_size():
    """The file the attack used: ~5 MB that inflate to 95 MB of shared strings, each part
    far below the ratio a zip bomb has, and the whole below the 100 MB of all members."""
    data = w.bulky_strings_bytes(table(), megabytes=95)
    strings = zipfile.ZipFile(BytesIO(data)).getinfo(w.STRINGS)
    assert strings.file_size / strings.compress_size < 25
    assert len(data) < 10 * 1024 * 1024
    with pytest.raises(RefusedFile) as refused:
        check_workbook_bytes(data)
    assert refused.value.message == guard.TOO_MUCH_XML
    assert "32 MB" in guard.TOO_MUCH_XML


def test_the_uploads_largest_table_is_well_under_the_limit():
    """The limit leaves room: ten thousand rows, the most an import takes, are far below."""
    data = w.many_rows_bytes(10_000)
    parts = zipfile.ZipFile(BytesIO(data)).infolist()
    assert sum(p.file_size for p in parts if p.filename.endswith(guard.XML_PARTS)) < (
        guard.MAX_XML_BYTES / 4
    )
    check_workbook_bytes(data)


def test_a_file_of_very_many_parts_is_refused():
    data = table()
    buffer = BytesIO()
    source = zipfile.ZipFile(BytesIO(data))
    with zipfile.ZipFile(buffer, "w") as target:
        for info in source.infolist():
            target.writestr(info, source.read(info.filename))
        for number in range(guard.MAX_MEMBERS):
            target.writestr(f"xl/media/image{number}.png", b"")
    with pytest.raises(RefusedFile) as refused:
        check_workbook_bytes(buffer.getvalue())
    assert refused.value.message == guard.BOMB


def test_the_upload_page_refuses_the_16_to_1_file_at_once(staff_client, filed, media_root):
    data = w.bulky_strings_bytes(table(), megabytes=40)
    started = time.monotonic()
    response = upload(staff_client, data)
    assert time.monotonic() - started < 5  # refused from the zip's directory, never parsed
    assert response.status_code == 200
    assert response.context["form"].errors["file"] == [guard.TOO_MUCH_XML]
    assert_nothing_written(filed, staff_client, media_root)


# --- the reading process ----------------------------------------------------------------------


def test_a_large_file_under_the_limits_is_read_by_its_own_process(
    staff_client, filed, media_root, bulky_file
):
    response = upload(staff_client, bulky_file)
    assert response.status_code == 302 and response["Location"] == url("import_preview")
    job = job_of(staff_client)
    assert job.status().state == reading.DONE
    pid = int((job.directory / reading.PID).read_text())
    assert pid != os.getpid()
    preview = staff_client.get(url("import_preview"))
    assert preview.status_code == 200
    assert preview.context["preview"].row_count == 3


def test_a_file_that_takes_too_long_is_stopped_and_refused(
    staff_client, filed, media_root, settings
):
    # Ten thousand rows take the reader seconds of processor time, far over the 1 s allowed
    # here (the bulky file's 22 MB of strings took about one, and sometimes passed).
    settings.IMPORT_READ_SECONDS = 1
    response = upload(staff_client, w.many_rows_bytes(10_000))
    assert response.status_code == 200
    assert response.context["form"].errors["file"] == [reading.TIMEOUT.format(seconds=1)]
    assert_nothing_written(filed, staff_client, media_root)


def test_a_file_that_needs_too_much_memory_is_stopped_and_refused(
    staff_client, filed, media_root, settings
):
    # Ten thousand rows take the reader about 200 MB; Django itself needs under 70.
    settings.IMPORT_READ_MEMORY_MB = 120
    response = upload(staff_client, w.many_rows_bytes(10_000))
    assert response.status_code == 200
    assert response.context["form"].errors["file"] == [reading.TOO_COMPLEX]
    assert_nothing_written(filed, staff_client, media_root)


def test_a_reading_process_that_dies_is_reported(staff_client, filed, media_root, settings):
    # So little memory that the process cannot even start Django: it dies without a word.
    settings.IMPORT_READ_MEMORY_MB = 20
    response = upload(staff_client, table())
    assert response.status_code == 200
    assert response.context["form"].errors["file"] == [reading.FAILED_MESSAGE]
    assert_nothing_written(filed, staff_client, media_root)


def test_the_reading_process_runs_below_the_servers_priority(unit, media_root, batch):
    context = reading.ReadingContext.load(batch=batch, unit=unit)
    with all_slots_taken(media_root):
        job = reading.ReadingJob.start(table(), context=context, prefix=CODE)
        pid = int((job.directory / reading.PID).read_text())
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            stat = Path(f"/proc/{pid}/stat").read_text()
            niceness = int(stat.split(")")[-1].split()[16])
            if os.sched_getscheduler(pid) == os.SCHED_IDLE:
                break
            time.sleep(0.05)
        # Linux's idle class: it runs only on a processor that no page needs.
        assert os.sched_getscheduler(pid) == os.SCHED_IDLE
        assert niceness == min(os.nice(0) + 19, 19)
        limits = Path(f"/proc/{pid}/limits").read_text()
        address_space = next(line for line in limits.splitlines() if "address space" in line)
        assert str(1024 * 1024 * 1024) in address_space
        job.discard()


# --- waiting in line, and the progress page ---------------------------------------------------


def test_a_file_waiting_for_its_turn_shows_a_page_that_looks_again(
    staff_client, filed, media_root, settings
):
    settings.IMPORT_WAIT_SECONDS = 0
    with all_slots_taken(media_root):
        response = upload(staff_client, table())
        assert response.status_code == 302
        page = staff_client.get(url("import_preview"))
        assert page.status_code == 200
        text = page.content.decode()
        assert '<meta http-equiv="refresh" content="1">' in text
        assert "排队中" in text and "附件2.xlsx" in text
        assert 'value="confirm"' not in text
    # The slot is free: the same page shows the preview once the file is read.
    assert job_of(staff_client).wait(60).state == reading.DONE
    preview = staff_client.get(url("import_preview"))
    assert "refresh" not in preview.content.decode()
    assert preview.context["preview"].row_count == 3


def test_the_progress_page_says_how_many_lines_are_read(staff_client, filed, media_root, settings):
    settings.IMPORT_WAIT_SECONDS = 0
    with all_slots_taken(media_root):
        upload(staff_client, table())
        job = job_of(staff_client)
        # What the reading process writes as it goes (it waits for the slot meanwhile).
        reading.write_json(job.directory / reading.PROGRESS, {"state": "reading", "lines": 1500})
        text = staff_client.get(url("import_preview")).content.decode()
        assert "正在读取文件" in text and "已读取 1500 行" in text
        job.discard()


def test_cancelling_while_waiting_stops_the_process_and_removes_the_file(
    staff_client, filed, media_root, settings
):
    settings.IMPORT_WAIT_SECONDS = 0
    with all_slots_taken(media_root):
        upload(staff_client, table())
        job = job_of(staff_client)
        pid = int((job.directory / reading.PID).read_text())
        assert process_alive(pid)
        response = staff_client.post(url("import_preview"), {"action": "cancel"})
        assert response.status_code == 302
        deadline = time.monotonic() + 10
        while process_alive(pid) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not process_alive(pid)
    assert_nothing_written(filed, staff_client, media_root)


def test_past_the_queue_limit_an_upload_is_refused_as_busy(
    staff_client, filed, media_root, settings, other_unit, batch
):
    settings.IMPORT_WAIT_SECONDS = 0
    settings.IMPORT_QUEUE_LIMIT = 1
    f.make_filing(other_unit, batch)
    other = Client()
    other.force_login(f.make_staff(other_unit))
    with all_slots_taken(media_root):
        upload(other, table(), code=other_unit.code)
        response = upload(staff_client, table())
        assert response.status_code == 200
        assert response.context["form"].errors["file"] == [reading.BUSY]
        assert not staff_client.session.get(SESSION_KEY)
        job_of(other).discard()


def test_uploads_are_read_one_at_a_time(unit, batch, media_root, bulky_file):
    """Two uploads at once: the second starts to be read only when the first is done."""
    context = reading.ReadingContext.load(batch=batch, unit=unit)
    first = reading.ReadingJob.start(bulky_file, context=context, prefix=CODE)
    second = reading.ReadingJob.start(bulky_file, context=context, prefix=CODE)
    seen = set()
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        states = (first.status().state, second.status().state)
        seen.add(states)
        if all(s == reading.DONE for s in states):
            break
        time.sleep(0.02)
    assert (reading.READING, reading.READING) not in seen
    assert first.result() is not None and second.result() is not None


# --- abandoned uploads ------------------------------------------------------------------------


def age(path, hours: float) -> None:
    then = time.time() - hours * 3600
    os.utime(path, (then, then))


def test_expire_imports_removes_the_uploads_of_abandoned_previews(
    staff_client, filed, media_root, capsys
):
    upload(staff_client, table())
    [fresh] = stored_imports(media_root)
    old = media_root / reading.FOLDER / "420000-0123456789abcdef"
    old.mkdir()
    (old / reading.UPLOAD).write_bytes(b"PK")
    age(old, 9)
    legacy = media_root / reading.FOLDER / "420000-fedcba9876543210.xlsx"
    legacy.write_bytes(b"PK")  # kept the way versions before December 2026 kept them
    age(legacy, 30)

    call_command("expire_imports")

    assert stored_imports(media_root) == [fresh]
    out = capsys.readouterr().out
    assert "420000-0123456789abcdef" in out and "已删除 2 个" in out
    # The preview still being looked at works.
    assert staff_client.get(url("import_preview")).status_code == 200


def test_expire_imports_takes_the_age_in_hours(media_root, capsys):
    folder = media_root / reading.FOLDER / "420000-0123456789abcdef"
    folder.mkdir(parents=True)
    age(folder, 2)
    call_command("expire_imports", "--hours", "3")
    assert stored_imports(media_root) == [folder]
    call_command("expire_imports", "--hours", "1")
    assert stored_imports(media_root) == []


def test_every_upload_removes_abandoned_ones(staff_client, filed, media_root):
    old = media_root / reading.FOLDER / "110000-0123456789abcdef"
    old.mkdir(parents=True)
    age(old, 9)
    upload(staff_client, table())
    assert old not in stored_imports(media_root)
    assert len(stored_imports(media_root)) == 1


def test_a_preview_whose_upload_expired_says_so(staff_client, filed, media_root):
    upload(staff_client, table())
    call_command("expire_imports", "--hours", "0")
    response = staff_client.get(url("import_preview"), follow=True)
    assert "导入预览已失效，请重新上传文件。" in response.content.decode()
