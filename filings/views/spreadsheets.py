"""Attachment 2 as a file: download the table, import a table with a preview."""

import contextlib
import logging

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.db import DatabaseError, connection
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_safe

from certificates.batch_scope import request_batch
from certificates.downloads import xlsx_download
from certificates.upload_guard import MAX_UPLOAD_BYTES, TOO_LARGE, RefusedFile

from .. import access
from ..forms import ImportForm
from ..models import Filing
from ..services import CHANGED_SINCE_PREVIEW, NOT_EDITABLE, FilingError, filing_import
from ..spreadsheet import reading
from ..spreadsheet.export import build_attachment2, export_filename
from ..spreadsheet.import_result import ReadingContext
from ..spreadsheet.preview import ROWS_PER_PAGE
from ..spreadsheet.reading import ReadingJob
from ..wording import thousands

logger = logging.getLogger(__name__)

SESSION_KEY = "attachment2_imports"
PREVIEW_GONE = "导入预览已失效，请重新上传文件。"
IMPORTED = "已导入 {rows} 行、{schools} 所院校。请补充缺少的佐证材料。"
IMPORT_DATABASE_ERROR = "导入未完成：数据库暂时不可用，汇总表没有任何改动。请稍后再点击“确认导入”。"


@require_safe
def export_download(request: HttpRequest, code: str) -> HttpResponse:
    filing = access.get_filing_for_user(request.user, code, request_batch(request))
    return xlsx_download(build_attachment2(filing), export_filename(filing))


def _pending(request: HttpRequest, filing: Filing) -> tuple[dict, ReadingJob] | None:
    entry = request.session.get(SESSION_KEY, {}).get(str(filing.pk))
    if not entry:
        return None
    try:
        job = ReadingJob(entry.get("job", ""))
    except ValueError:  # a session from before uploads were read in a process of their own
        return None
    return (entry, job) if job.exists() else None


def _forget(request: HttpRequest, filing: Filing) -> None:
    pending = request.session.get(SESSION_KEY, {})
    entry = pending.pop(str(filing.pk), None)
    request.session[SESSION_KEY] = pending
    if entry:
        with contextlib.suppress(ValueError):
            ReadingJob(entry.get("job", "")).discard()


def _upload_page(request: HttpRequest, filing: Filing, form: ImportForm) -> HttpResponse:
    return render(
        request,
        "filings/import_upload.html",
        {"filing": filing, "form": form, "row_count": filing.rows.count()},
    )


@require_http_methods(["GET", "POST"])
def import_upload(request: HttpRequest, code: str) -> HttpResponse:
    filing = access.get_rw_filing_for_user(request.user, code, request_batch(request))
    if not filing.is_editable:
        messages.error(request, NOT_EDITABLE)
        return redirect("filings:unit_home", code=code)
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            if upload.size > MAX_UPLOAD_BYTES:
                raise RefusedFile(TOO_LARGE)
            context = ReadingContext.load(batch=filing.batch, unit=filing.unit)
            job = ReadingJob.start(upload.read(), context=context, prefix=filing.unit.code)
        except RefusedFile as refused:
            form.add_error("file", refused.message)
        else:
            _forget(request, filing)
            pending = request.session.get(SESSION_KEY, {})
            pending[str(filing.pk)] = {
                "job": job.name,
                "name": upload.name[:200],
                "revision": filing.revision,
            }
            request.session[SESSION_KEY] = pending
            # A table of a few hundred rows is read in about a second: wait for it (asleep,
            # the reading is another process's), so that most people never see the
            # progress page.
            status = job.wait(settings.IMPORT_WAIT_SECONDS)
            if status.finished:
                _preview, refusal = job.outcome(status)
                if refusal:
                    _forget(request, filing)
                    return _upload_page(request, filing, ImportForm.refused(refusal))
            return redirect("filings:import_preview", code=code)
    return _upload_page(request, filing, form)


@require_http_methods(["GET", "POST"])
def import_preview(request: HttpRequest, code: str) -> HttpResponse:
    filing = access.get_rw_filing_for_user(request.user, code, request_batch(request))
    pending = _pending(request, filing)
    if pending is None:
        messages.error(request, PREVIEW_GONE)
        return redirect("filings:import", code=code)
    entry, job = pending

    if request.method == "POST" and request.POST.get("action") == "cancel":
        _forget(request, filing)
        messages.info(request, "已取消导入，汇总表未作任何修改。")
        return redirect("filings:rows", code=code)

    status = job.status()
    if not status.finished:
        return render(
            request,
            "filings/import_reading.html",
            {"filing": filing, "file_name": entry["name"], "status": status},
        )
    preview, refusal = job.outcome(status)
    if refusal:
        _forget(request, filing)
        return _upload_page(request, filing, ImportForm.refused(refusal))

    if request.method == "POST":
        response = _confirm(request, filing, entry, job)
        if response is not None:
            return response

    page = Paginator(range(preview.row_count), ROWS_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "filings/import_preview.html",
        {
            "filing": filing,
            "preview": preview,
            "file_name": entry["name"],
            "replaced_rows": filing.rows.count(),
            "page": page,
            "lines": job.preview_lines(page.number),
        },
    )


def _confirm(request: HttpRequest, filing: Filing, entry: dict, job: ReadingJob):
    """Write the previewed file into the filing; the answer to send, or None to show the
    preview again with the refusal's message."""
    code = filing.unit.code
    result = job.result()
    if result is None:
        _forget(request, filing)
        return _upload_page(request, filing, ImportForm.refused(reading.FAILED_MESSAGE))
    try:
        rows, schools = filing_import(
            filing=filing,
            user=request.user,
            result=result,
            filename=entry["name"],
            expected_revision=entry["revision"],
        )
    except FilingError as error:
        if error.code == "changed_since_preview":
            # This preview can never be confirmed now: start again from the file.
            _forget(request, filing)
            messages.error(request, CHANGED_SINCE_PREVIEW)
            return redirect("filings:import", code=code)
        messages.error(request, error.message)
        return None
    except DatabaseError:
        # The import is one transaction: a database that fails midway (a dropped
        # connection, a restart) leaves the filing exactly as it was.
        logger.exception("Import into %s failed in the database", code)
        connection.close()  # a broken connection is replaced on the next query
        messages.error(request, IMPORT_DATABASE_ERROR)
        return redirect("filings:import_preview", code=code)
    _forget(request, filing)
    messages.success(request, IMPORTED.format(rows=thousands(rows), schools=thousands(schools)))
    return redirect("filings:rows", code=code)
