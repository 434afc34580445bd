"""The schools of a filing: adding a school with its certificates (or a copy of a row),
editing it, and deleting it with its rows."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from certificates.batch_scope import request_batch

from .. import access
from ..forms import PilotRowForm, RowFormSet, SchoolEditForm, SchoolForm
from ..models import School
from ..services import (
    DUPLICATE_ROW,
    NOT_EDITABLE,
    FilingError,
    school_add_with_rows,
    school_delete,
    school_snapshot,
    school_update,
)
from .common import delete_after_confirmation, flash_pending, save_versioned
from .params import id_param


def _place_error(error: FilingError, school_form: SchoolForm, formset) -> None:
    """A refusal next to what it concerns: a certificate the school already has beside that
    certificate, anything else above the school's name and type."""
    if error.code == DUPLICATE_ROW:
        certificate = error.params.get("certificate")
        for form in formset.forms:
            if form.cleaned_data["certificate"].pk == certificate:
                form.add_error("certificate", error.message)
                return
    school_form.add_error(None, error.message)


def _school_suggestions(filing) -> list[str]:
    return list(
        School.objects.filter(filing=filing).order_by("name_key").values_list("name", flat=True)
    )


@require_http_methods(["GET", "POST"])
def school_add(request: HttpRequest, code: str) -> HttpResponse:
    """A school once, then each certificate it pilots. `?copy=<row>` starts from a row."""
    batch = request_batch(request)
    filing = access.get_rw_filing_for_user(request.user, code, batch)
    if not filing.is_editable:
        messages.error(request, NOT_EDITABLE)
        return redirect("filings:unit_home", code=code)
    school_initial, row_initial = {}, [{}]
    copy_of = id_param(request, "copy") if request.method == "GET" else None
    school_id = id_param(request, "school") if request.method == "GET" else None
    if copy_of is not None:
        source = access.get_row(filing, copy_of)
        school_initial = SchoolForm.initial_from(source.school)
        row_initial = [PilotRowForm.initial_from(source, with_certificate=False)]
    elif school_id is not None:
        school_initial = SchoolForm.initial_from(access.get_school(filing, school_id))

    school_form = SchoolForm(request.POST or None, initial=school_initial)
    formset = RowFormSet(request.POST or None, prefix="rows", batch=batch, initial=row_initial)
    if request.method == "POST" and school_form.is_valid() and formset.is_valid():
        try:
            school, rows = school_add_with_rows(
                filing=filing,
                user=request.user,
                school_data=school_form.cleaned_data,
                rows_data=[form.row_data() for form in formset.forms],
            )
        except FilingError as error:
            _place_error(error, school_form, formset)
        else:
            names = "、".join(row.certificate.name for row in rows)
            messages.success(request, f"已添加“{school.name}”：{names}。")
            flash_pending(request, [p for form in formset.forms for p in form.pending])
            if "add_another" in request.POST:
                return redirect("filings:school_add", code=code)
            return redirect(reverse("filings:rows", args=[code]) + f"#school-{school.pk}")
    return render(
        request,
        "filings/school_add.html",
        {
            "filing": filing,
            "school_form": school_form,
            "formset": formset,
            "suggestions": _school_suggestions(filing),
            "copying": bool(copy_of),
        },
    )


@require_http_methods(["GET", "POST"])
def school_edit(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    filing = access.get_rw_filing_for_user(request.user, code, request_batch(request))
    school = access.get_school(filing, pk)
    form = SchoolEditForm(request.POST or None, initial=SchoolEditForm.initial_from(school))
    current_values = None
    if request.method == "POST" and form.is_valid():
        outcome = save_versioned(
            form,
            lambda: school_update(
                school=school,
                user=request.user,
                data=form.school_data(),
                expected_version=form.cleaned_data["school_version"],
            ),
            reload=lambda: access.get_school(filing, pk),
            version_field="school_version",
        )
        if outcome.saved:
            school.refresh_from_db(fields=["name"])
            messages.success(request, f"“{school.name}”已保存。")
            return redirect(reverse("filings:rows", args=[code]) + f"#school-{school.pk}")
        if outcome.current is not None:
            school = outcome.current
            current_values = school_snapshot(school)
    return render(
        request,
        "filings/school_edit.html",
        {
            "filing": filing,
            "school": school,
            "form": form,
            "rows": school.rows.select_related("certificate"),
            "current_values": current_values,
        },
    )


@require_http_methods(["GET", "POST"])
def school_remove(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    filing = access.get_rw_filing_for_user(request.user, code, request_batch(request))
    school = access.get_school(filing, pk)
    return delete_after_confirmation(
        request,
        code,
        filing,
        title=f"删除院校“{school.name}”",
        detail=f"将同时删除该校的 {school.rows.count()} 个试点行。",
        delete=lambda: school_delete(school=school, user=request.user),
        done=f"已删除“{school.name}”及其全部试点行。",
    )
