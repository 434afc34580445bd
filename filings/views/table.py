"""Edits made in the rows table itself: a row's quick edit, and the bulk confirmation of
the rows ticked."""

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect
from django.urls import reverse
from django.views.decorators.http import require_POST

from certificates.batch_scope import request_batch

from .. import access, form_errors
from ..forms import BulkConfirmForm, QuickRowForm
from ..services import EditConflict, FilingError, row_update, rows_bulk_confirm
from .params import id_param

# A refused quick edit goes back to the table with the row's quick form open (quick=<row>)
# and what was typed still in it: the version (qv), levels (ql), majors (qm), students (qs).
QUICK_PARAMS = ("quick", "qv", "ql", "qm", "qs")


def quick_edit_reopened(request: HttpRequest) -> dict[str, Any] | None:
    """The quick form a refused quick edit reopens in the table, with what was typed."""
    quick = id_param(request, "quick")
    if quick is None:
        return None
    return {
        "row": quick,
        "version": request.GET.get("qv", ""),
        "levels": request.GET.getlist("ql"),
        "major_count": request.GET.get("qm", ""),
        "student_count": request.GET.get("qs", ""),
    }


def _flash_errors(request: HttpRequest, form) -> None:
    """A form of the table is refused above the table: its errors as messages."""
    for errors in form.errors.values():
        for error in errors:
            messages.error(request, error)


def _reopen_query(row_pk: int, version, post: QueryDict) -> str:
    """The query string that reopens a refused quick edit (read by quick_edit_reopened)."""
    kept = QueryDict(mutable=True)
    kept["quick"] = row_pk
    kept["qv"] = version
    kept.setlist("ql", post.getlist("levels"))
    kept["qm"] = post.get("major_count", "")[:10]
    kept["qs"] = post.get("student_count", "")[:10]
    return kept.urlencode()


@require_POST
def row_quick_edit(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    """Save a row's levels, major count and students from the table. A refusal goes back to
    the table with the row's quick form open and what was typed still in it."""
    batch = request_batch(request)
    filing = access.get_rw_filing_for_user(request.user, code, batch)
    row = access.get_row(filing, pk)
    form = QuickRowForm(request.POST, row=row, batch=batch)
    back = reverse("filings:rows", args=[code])
    version = request.POST.get("row_version", "")
    if form.is_valid():
        try:
            row_update(
                row=row,
                user=request.user,
                data={k: form.cleaned_data[k] for k in ("levels", "major_count", "student_count")},
                expected_version=form.cleaned_data["row_version"],
            )
        except EditConflict as error:
            messages.error(request, error.message, extra_tags=form_errors.row_tags(row.pk))
            # The table shows the row as saved now: the next save is judged against it.
            version = access.get_row(filing, pk).version
        except FilingError as error:
            messages.error(request, error.message, extra_tags=form_errors.row_tags(row.pk))
        else:
            messages.success(request, f"“{row}”已保存。", extra_tags=form_errors.row_tags(row.pk))
            return redirect(f"{back}#row-{row.pk}")
    form_errors.flash_row_refusals(request, row, form.errors)
    return redirect(f"{back}?{_reopen_query(row.pk, version, request.POST)}#row-{row.pk}")


@require_POST
def rows_bulk_confirm_view(request: HttpRequest, code: str) -> HttpResponse:
    filing = access.get_rw_filing_for_user(request.user, code, request_batch(request))
    row_ids = list(filing.rows.values_list("pk", flat=True))
    form = BulkConfirmForm(request.POST, row_ids=row_ids)
    back = request.POST.get("back", "")
    if not form.is_valid():
        # Ids of another unit's rows are not choices: they fail here, and nothing changes.
        _flash_errors(request, form)
    else:
        try:
            changed = rows_bulk_confirm(
                filing=filing,
                user=request.user,
                row_ids=form.cleaned_data["rows"],
                attest=form.cleaned_data["attest"],
                facilities=form.cleaned_data["facilities"],
                enrolled_all_years=form.cleaned_data["enrolled_all_years"],
            )
        except FilingError as error:
            messages.error(request, error.message)
        else:
            messages.success(
                request, f"已批量确认 {changed} 行（所选 {len(form.cleaned_data['rows'])} 行）。"
            )
    target = reverse("filings:rows", args=[code])
    if back.startswith("?"):
        target += back
    return redirect(target)
