"""A unit's home, its header, its history and its printable table."""

from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_safe

from certificates.batch_scope import request_batch
from certificates.dates import days_until

from .. import access
from ..forms import ExtendForm, HeaderForm, ReturnForm
from ..models import FilingState as State
from ..selectors import filing_state, next_to_review
from ..services import header_snapshot, header_update
from ..spreadsheet import layout
from ..wording import beijing_time
from .common import save_versioned

NO_ROLE = "您的账号尚未分配报送单位或审核角色，请联系管理员。"


@login_not_required
@require_safe
def home(request: HttpRequest) -> HttpResponse:
    """The front door: people with a role go to their work, everyone else to the directory."""
    if access.is_reviewer(request.user) or access.unit_of(request.user) is not None:
        return my_filing(request)
    return redirect("certificates:directory")


@require_safe
def my_filing(request: HttpRequest) -> HttpResponse:
    """Where 'my filing' is: staff go to their unit, reviewers to the board."""
    if access.is_reviewer(request.user):
        return redirect("filings:review_board")
    unit = access.unit_of(request.user)
    if unit is None:
        raise PermissionDenied(NO_ROLE)
    return redirect("filings:unit_home", code=unit.code)


@dataclass
class Step:
    title: str
    done: bool
    url: str
    action: str
    detail: str = ""


def checklist(code: str, state) -> list[Step]:
    filing, check = state.filing, state.check
    errors = check.error_count
    return [
        Step(
            "填写表头（联系人、电话、邮箱）",
            filing.header_complete,
            reverse("filings:header", args=[code]),
            "填写表头",
        ),
        Step(
            "录入试点院校（逐校添加，或从 Excel 导入）",
            bool(state.rows),
            reverse("filings:rows", args=[code]),
            "录入院校",
            f"已录入 {state.summary.schools} 所院校、{len(state.rows)} 行" if state.rows else "",
        ),
        Step(
            "处理检查出的问题",
            bool(state.rows) and errors == 0,
            reverse("filings:rows", args=[code]) + "?problems=errors",
            "查看问题",
            f"{errors} 个错误、{check.warning_count} 条提醒" if state.rows else "",
        ),
        Step(
            "导出汇总表，打印、盖章、扫描并上传",
            state.scan is not None,
            reverse("filings:scan", args=[code]),
            "上传扫描件",
            f"扫描件对应表格版本 {state.scan.filing_revision}" if state.scan else "",
        ),
        Step(
            "提交",
            filing.state in (State.SUBMITTED, State.ACCEPTED),
            reverse("filings:submit", args=[code]),
            "提交",
            _submitted_note(filing),
        ),
    ]


def _submitted_note(filing) -> str:
    if not filing.submitted_at:
        return ""
    when = beijing_time(filing.submitted_at)
    return (
        f"{when} 已提交"
        if filing.state in (State.SUBMITTED, State.ACCEPTED)
        else f"上次提交：{when}"
    )


@require_safe
def unit_home(request: HttpRequest, code: str) -> HttpResponse:
    filing = access.get_filing_for_user(request.user, code, request_batch(request))
    return unit_home_page(request, filing)


def unit_home_page(
    request: HttpRequest, filing, extend_form: ExtendForm | None = None
) -> HttpResponse:
    """The unit's home; a refused extension comes back here with its errors by the date."""
    state = filing_state(filing)
    now = timezone.now()
    is_reviewer = access.is_reviewer(request.user)
    return render(
        request,
        "filings/unit_home.html",
        {
            "filing": filing,
            "state": state,
            "steps": checklist(filing.unit.code, state),
            "days_left": days_until(filing.deadline, now),
            "past_deadline": filing.is_past_deadline(now),
            "is_reviewer": is_reviewer,
            "can_edit": access.can_edit(request.user, filing),
            "next_to_review": next_to_review(filing) if is_reviewer else None,
            "return_form": ReturnForm(),
            "extend_form": extend_form or ExtendForm(),
        },
    )


@require_http_methods(["GET", "POST"])
def header_edit(request: HttpRequest, code: str) -> HttpResponse:
    filing = access.get_rw_filing_for_user(request.user, code, request_batch(request))
    form = HeaderForm(request.POST or None, initial=HeaderForm.initial_from(filing))
    current_values = None
    if request.method == "POST" and form.is_valid():
        outcome = save_versioned(
            form,
            lambda: header_update(
                filing=filing,
                user=request.user,
                expected_revision=form.cleaned_data["filing_revision"],
                **form.header_data(),
            ),
            reload=lambda: _reloaded(filing),
            version_field="filing_revision",
            version_attr="revision",
        )
        if outcome.saved:
            messages.success(request, "表头已保存。")
            return redirect("filings:unit_home", code=code)
        if outcome.current is not None:
            current_values = header_snapshot(filing)
    return render(
        request,
        "filings/header.html",
        {"filing": filing, "form": form, "current_values": current_values},
    )


def _reloaded(filing):
    filing.refresh_from_db()
    return filing


@require_safe
def history(request: HttpRequest, code: str) -> HttpResponse:
    filing = access.get_filing_for_user(request.user, code, request_batch(request))
    events = filing.events.select_related("user").order_by("-at", "-pk")[:500]
    return render(request, "filings/history.html", {"filing": filing, "events": events})


@require_safe
def print_table(request: HttpRequest, code: str) -> HttpResponse:
    """Attachment 2 as a page to print, stamp and scan."""
    filing = access.get_filing_for_user(request.user, code, request_batch(request))
    state = filing_state(filing)
    # The paper says when it was printed, as the exported workbook's footer does.
    context = {
        "filing": filing,
        "state": state,
        "printed_at": timezone.now(),
        # As the exported workbook's; the list numbers them. Every certificate is in the
        # distribution, so it counts them.
        "notes": layout.notes(filing.batch, len(state.distribution), numbered=False),
    }
    return render(request, "filings/print.html", context)
