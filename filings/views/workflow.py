"""The stamped scan, submission, and the reviewers' actions."""

from django.contrib import messages
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from certificates.batch_scope import request_batch

from .. import access
from ..forms import ExtendForm, ReturnForm, ScanForm, SubmitForm
from ..models import FilingState
from ..notifications import notified_text
from ..selectors import current_scan, filing_state, scan_label
from ..services import (
    EXTEND_NOT_AWAITING,
    NOT_SUBMITTED,
    RETURN_NEEDS_REASON,
    FilingError,
    filing_accept,
    filing_extend,
    filing_return,
    filing_submit,
    filing_unaccept,
    scan_upload,
    submission_blockers,
)
from ..wording import beijing_time
from .unit import unit_home_page


@require_http_methods(["GET", "POST"])
def scan_page(request: HttpRequest, code: str) -> HttpResponse:
    batch = request_batch(request)
    if request.method == "POST":
        filing = access.get_rw_filing_for_user(request.user, code, batch)
    else:
        filing = access.get_filing_for_user(request.user, code, batch)
    form = ScanForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            scan = scan_upload(filing=filing, user=request.user, uploaded=form.cleaned_data["file"])
        except FilingError as error:
            if filing.is_editable:
                form.add_error("file", error.message)
            else:
                # The upload form is not shown for a submitted filing: say it at the top.
                messages.error(request, error.message)
        else:
            messages.success(
                request,
                f"扫描件“{scan.original_name}”已上传，对应表格版本 {scan.filing_revision}。",
            )
            return redirect("filings:scan", code=code)
    current = current_scan(filing)
    uploaded = filing.scans.select_related("uploaded_by")
    scans = [(scan, *scan_label(scan, filing, current)) for scan in uploaded]
    return render(
        request,
        "filings/scan.html",
        {
            "filing": filing,
            "form": form,
            "scans": scans,
            "can_edit": access.can_edit(request.user, filing),
        },
    )


@require_safe
def scan_download(request: HttpRequest, code: str, pk: int) -> FileResponse:
    filing = access.get_filing_for_user(request.user, code, request_batch(request))
    scan = access.get_scan(filing, pk)
    extension = scan.file.name.rsplit(".", 1)[-1]
    return FileResponse(
        scan.file.open("rb"),
        as_attachment=True,
        filename=f"{filing.unit.name}-盖章扫描件-版本{scan.filing_revision}.{extension}",
        content_type=scan.content_type,
    )


@require_http_methods(["GET", "POST"])
def submit(request: HttpRequest, code: str) -> HttpResponse:
    filing = access.get_rw_filing_for_user(request.user, code, request_batch(request))
    form = SubmitForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            filing_submit(
                filing=filing, user=request.user, acknowledged=form.cleaned_data["acknowledge"]
            )
        except FilingError as error:
            messages.error(request, error.message + "；".join(error.reasons))
        else:
            messages.success(request, "汇总表已提交，等待职教所审核。")
            return redirect("filings:unit_home", code=code)
        filing.refresh_from_db()
    state = filing_state(filing)
    # Before the box is ticked, everything but the acknowledgement must already be fine.
    blockers = submission_blockers(filing, state.check, acknowledged=True)
    return render(
        request,
        "filings/submit.html",
        {"filing": filing, "state": state, "form": form, "blockers": blockers},
    )


@require_http_methods(["GET", "POST"])
def accept(request: HttpRequest, code: str) -> HttpResponse:
    """Accepting is a step of its own: the reviewer sees what is being accepted, then
    confirms. (The unit's page links here; the undo is on that page afterwards.)"""
    filing = access.get_review_filing_for_user(request.user, code, request_batch(request))
    if filing.state != FilingState.SUBMITTED:
        messages.error(request, NOT_SUBMITTED)
        return redirect("filings:unit_home", code=code)
    if request.method == "POST":
        try:
            reviewed = filing_accept(filing=filing, user=request.user)
        except FilingError as error:
            messages.error(request, error.message)
        else:
            messages.success(
                request,
                f"已确认{filing.unit.name}的汇总表。" + notified_text(filing, reviewed.notified),
            )
        return redirect("filings:unit_home", code=code)
    return render(
        request,
        "filings/accept.html",
        {"filing": filing, "state": filing_state(filing), "is_reviewer": True},
    )


@require_POST
def review_action(request: HttpRequest, code: str) -> HttpResponse:
    filing = access.get_review_filing_for_user(request.user, code, request_batch(request))
    action = request.POST.get("action")
    try:
        if action == "return":
            form = ReturnForm(request.POST)
            if not form.is_valid():
                raise FilingError(RETURN_NEEDS_REASON, code="no_reason", field="reason")
            reviewed = filing_return(
                filing=filing, user=request.user, reason=form.cleaned_data["reason"]
            )
            messages.success(
                request,
                f"已退回{filing.unit.name}的汇总表。" + notified_text(filing, reviewed.notified),
            )
        elif action == "unaccept":
            reviewed = filing_unaccept(filing=filing, user=request.user)
            messages.success(
                request,
                f"已撤销对{filing.unit.name}汇总表的确认，汇总表恢复为“已提交”。"
                + notified_text(filing, reviewed.notified),
            )
        elif action == "extend":
            if not filing.is_editable:
                # No date form is shown for such a filing: the refusal is a message.
                raise FilingError(EXTEND_NOT_AWAITING.format(state=filing.get_state_display()))
            form = ExtendForm(request.POST, filing=filing)
            if not form.is_valid():
                # The date is wrong: say so next to it, on the page the reviewer came from.
                return unit_home_page(request, filing, extend_form=form)
            until = form.deadline
            reviewed = filing_extend(filing=filing, user=request.user, until=until)
            messages.success(
                request,
                f"{filing.unit.name}的截止时间已延至 {beijing_time(until)}。"
                + notified_text(filing, reviewed.notified),
            )
        else:
            raise FilingError("未知操作。")
    except FilingError as error:
        messages.error(request, error.message)
    return redirect("filings:unit_home", code=code)
