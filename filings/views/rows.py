"""The rows of a filing: the table (sorted, filtered, a page at a time), a row's edit and
its deletion."""

from dataclasses import dataclass, field

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_safe

from certificates.batch_scope import request_batch
from certificates.models import Level

from .. import access
from ..forms import BulkConfirmForm, PilotRowForm
from ..models import PilotRow, SchoolType
from ..rules import Problem, Severity, normalize_name
from ..selectors import filing_state
from ..services import row_delete, row_snapshot, row_update
from .common import delete_after_confirmation, flash_pending, save_versioned
from .params import id_param
from .table import QUICK_PARAMS, quick_edit_reopened

ROWS_PER_PAGE = 200
SORTS = {
    "school": ("院校名称", lambda r: (r.school.name_key, r.certificate.position)),
    "type": (
        "学校类型",
        lambda r: (r.school.school_type, r.school.name_key, r.certificate.position),
    ),
    "certificate": ("证书", lambda r: (r.certificate.position, r.school.name_key)),
    "students": ("学生规模", lambda r: (-(r.student_count or 0), r.school.name_key)),
}
PROBLEM_FILTERS = {
    "any": "只看有问题的行",
    "errors": "只看有错误的行",
    "warnings": "只看有提醒的行",
    "evidence": "只看缺少佐证的行",
}


@dataclass
class RowView:
    row: PilotRow
    problems: list[Problem] = field(default_factory=list)
    first_of_school: bool = True

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == Severity.ERROR]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == Severity.WARNING]

    @property
    def missing_evidence(self) -> bool:
        return any(p.missing_evidence for p in self.problems)


def _matches(view: RowView, params, certificate_id: int | None) -> bool:
    row = view.row
    if certificate_id is not None and row.certificate_id != certificate_id:
        return False
    school_type = params.get("type", "")
    if school_type in SchoolType.values and row.school.school_type != school_type:
        return False
    problems = params.get("problems", "")
    if problems == "any" and not view.problems:
        return False
    if problems == "errors" and not view.errors:
        return False
    if problems == "warnings" and not view.warnings:
        return False
    if problems == "evidence" and not view.missing_evidence:
        return False
    # Both sides without spaces, so that text is found as typed or as shown.
    query = normalize_name(params.get("q", ""))[:50].casefold()
    if query:
        haystack = normalize_name(
            "|".join(
                [row.school.name, row.certificate.name, row.school.remarks_text(), *row.major_names]
            )
        ).casefold()
        if query not in haystack:
            return False
    return True


@require_safe
def row_list(request: HttpRequest, code: str) -> HttpResponse:
    filing = access.get_filing_for_user(request.user, code, request_batch(request))
    state = filing_state(filing)
    sort = request.GET.get("sort", "school")
    sort_key = SORTS.get(sort, SORTS["school"])[1]
    views = [
        RowView(row, state.check.row_problems.get(row.pk, []))
        for row in sorted(state.rows, key=sort_key)
    ]
    certificate_id = id_param(request, "certificate")
    shown = [v for v in views if _matches(v, request.GET, certificate_id)]
    page = Paginator(shown, ROWS_PER_PAGE).get_page(request.GET.get("page"))
    previous_school = None
    for view in page.object_list:
        view.first_of_school = view.row.school_id != previous_school
        previous_school = view.row.school_id
    params = request.GET.copy()
    params.pop("page", None)
    for name in QUICK_PARAMS:
        params.pop(name, None)
    return render(
        request,
        "filings/rows.html",
        {
            "filing": filing,
            "state": state,
            "page": page,
            "shown_count": len(shown),
            "sorts": {key: label for key, (label, _) in SORTS.items()},
            "sort": sort if sort in SORTS else "school",
            "problem_filters": PROBLEM_FILTERS,
            "school_types": SchoolType.choices,
            "params": request.GET,
            "query_without_page": params.urlencode(),
            "can_edit": access.can_edit(request.user, filing),
            "bulk_form": BulkConfirmForm(row_ids=[]),
            "quick": quick_edit_reopened(request),
            "level_choices": Level.choices,
        },
    )


@require_http_methods(["GET", "POST"])
def row_edit(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    batch = request_batch(request)
    filing = access.get_rw_filing_for_user(request.user, code, batch)
    row = access.get_row(filing, pk)
    form = PilotRowForm(
        request.POST or None, batch=batch, school=row.school, initial=PilotRowForm.initial_from(row)
    )
    current_values = None
    if request.method == "POST" and form.is_valid():
        data = form.row_data()
        outcome = save_versioned(
            form,
            lambda: row_update(
                row=row,
                user=request.user,
                data=data,
                expected_version=form.cleaned_data["row_version"],
            ),
            reload=lambda: access.get_row(filing, pk),
            version_field="row_version",
        )
        if outcome.saved:
            messages.success(request, f"“{row.school.name} · {data['certificate'].name}”已保存。")
            flash_pending(request, form.pending)
            return redirect(reverse("filings:rows", args=[code]) + f"#row-{row.pk}")
        if outcome.current is not None:
            row = outcome.current
            current_values = row_snapshot(row)
    return render(
        request,
        "filings/row_edit.html",
        {
            "filing": filing,
            "row": row,
            "form": form,
            "current_values": current_values,
        },
    )


@require_http_methods(["GET", "POST"])
def row_remove(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    filing = access.get_rw_filing_for_user(request.user, code, request_batch(request))
    row = access.get_row(filing, pk)
    last = row.school.rows.count() == 1
    return delete_after_confirmation(
        request,
        code,
        filing,
        title=f"删除试点行“{row}”",
        detail="这是该校唯一的试点行，删除后该校将从汇总表中移除。" if last else "",
        delete=lambda: row_delete(row=row, user=request.user),
        done=f"已删除“{row}”。",
    )
