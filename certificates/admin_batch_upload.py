"""The admin's 从附件1载入批次: upload a batch's Attachment 1, see what loading it would do,
and confirm. The same `load_batch` as the command does the work, all or nothing: the preview
is its dry run, the confirmation its real run, refused when it would not write what the
preview showed (the file changed, or the batch was loaded meanwhile)."""

from functools import update_wrapper

from django.contrib import messages
from django.contrib.admin import ModelAdmin
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import URLPattern, path, reverse
from django.views.decorators.http import require_POST

from .batch_load_outcome import SUCCESS, outcome_lines
from .batch_loading import BatchDetails, BatchLoad, load_batch
from .batch_upload import (
    BatchUploadForm,
    changes_digest,
    forget,
    pending_upload,
    preview_rows,
    remember,
)
from .models import Batch

TITLE = "从附件1载入批次"
PREVIEW_GONE = "载入预览已失效（已确认、已取消或已过期），请重新上传附件1。"
FILE_CHANGED = "上传的文件在预览之后已更换，未写入任何数据：请按最新的预览确认，或重新上传。"
STALE = (
    "第 {number} 批在预览之后已有变动（例如已被载入），现在载入的结果与预览不同，"
    "未写入任何数据。请重新上传附件1，按新的预览确认。"
)
CANCELLED = "已取消载入，未写入任何数据。"


def batch_upload_urls(model_admin: ModelAdmin) -> list[URLPattern]:
    def wrap(view):
        def wrapper(request: HttpRequest) -> HttpResponse:
            if not model_admin.has_add_permission(request):
                raise PermissionDenied
            return view(request, model_admin)

        return model_admin.admin_site.admin_view(update_wrapper(wrapper, view))

    return [
        path("load/", wrap(upload), name="certificates_batch_load"),
        path("load/confirm/", wrap(confirm), name="certificates_batch_load_confirm"),
    ]


def _page(
    model_admin: ModelAdmin, request: HttpRequest, template: str, context: dict
) -> TemplateResponse:
    return TemplateResponse(
        request,
        f"admin/certificates/batch/{template}",
        {
            **model_admin.admin_site.each_context(request),
            "opts": Batch._meta,
            "title": TITLE,
            **context,
        },
    )


def upload(request: HttpRequest, model_admin: ModelAdmin) -> HttpResponse:
    """The form; on submit, the dry run: its problems beside the form, or the preview."""
    form = BatchUploadForm(request.POST or None, request.FILES or None)
    if request.method != "POST" or not form.is_valid():
        return _page(model_admin, request, "load_batch.html", {"form": form})
    details = form.details()
    result = load_batch(form.content, details, dry_run=True)
    if result.problems:
        forget(request)
        return _page(model_admin, request, "load_batch.html", {"form": form, "result": result})
    pending = remember(request, form.content, form.cleaned_data["file"].name, details, result)
    return _page(
        model_admin,
        request,
        "load_batch_preview.html",
        {
            "details": details,
            "result": result,
            "rows": preview_rows(result),
            "changes": result.report.lines(restored="更新"),
            "pending": pending,
        },
    )


@require_POST
def confirm(request: HttpRequest, model_admin: ModelAdmin) -> HttpResponse:
    pending = pending_upload(request)
    if pending is None:
        messages.error(request, PREVIEW_GONE)
        return redirect("admin:certificates_batch_load")
    if request.POST.get("action") == "cancel":
        forget(request)
        messages.info(request, CANCELLED)
        return redirect("admin:certificates_batch_changelist")
    if request.POST.get("sha256") != pending.sha256:
        messages.error(request, FILE_CHANGED)
        return redirect("admin:certificates_batch_load")
    content = pending.content()
    if content is None:
        forget(request)
        messages.error(request, PREVIEW_GONE)
        return redirect("admin:certificates_batch_load")
    details = pending.batch_details()
    was_current = Batch.objects.current()
    result = _load_as_previewed(content, details, pending.changes)
    forget(request)
    if result is None:
        messages.error(request, STALE.format(number=details.number))
        return redirect("admin:certificates_batch_load")
    for outcome in outcome_lines(details, result, dry_run=False, was_current=was_current):
        level = messages.SUCCESS if outcome.level == SUCCESS else messages.WARNING
        messages.add_message(request, level, outcome.text)
    return redirect(reverse("admin:certificates_batch_changelist"))


def _load_as_previewed(content: bytes, details: BatchDetails, changes: str) -> BatchLoad | None:
    """Load for real, in one transaction with the check that it does what the preview
    showed; None (and nothing written) when it would not."""
    with transaction.atomic():
        result = load_batch(content, details)
        if result.problems or changes_digest(result) != changes:
            transaction.set_rollback(True)
            return None
    return result
