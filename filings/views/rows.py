"""The rows of a filing: the list, adding a school with its certificates, editing, copying
and deleting."""

from dataclasses import dataclass, field

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from certificates.models import Level

from .. import access, form_errors
from ..forms import (
    BulkConfirmForm,
    PilotRowForm,
    QuickRowForm,
    RowFormSet,
    SchoolEditForm,
    SchoolForm,
)
from ..models import PilotRow, School, SchoolType
from ..rules import Problem, Severity, normalize_name
from ..selectors import filing_state
from ..services import (
    DUPLICATE_ROW,
    NOT_EDITABLE,
    EditConflict,
    FilingError,
    row_delete,
    row_snapshot,
    row_update,
    rows_bulk_confirm,
    school_add_with_rows,
    school_delete,
    school_snapshot,
    school_update,
)
from .common import current_batch, retry_from
from .params import id_param

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
    filing = access.get_filing_for_user(request.user, code, current_batch())
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
    for name in ("quick", *QUICK_PARAMS):
        params.pop(name, None)
    quick = id_param(request, "quick")
    quick_values = None
    if quick is not None:
        quick_values = {
            "row": quick,
            "version": request.GET.get("qv", ""),
            "levels": request.GET.getlist("ql"),
            "major_count": request.GET.get("qm", ""),
            "student_count": request.GET.get("qs", ""),
        }
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
            "quick": quick_values,
            "level_choices": Level.choices,
        },
    )


QUICK_PARAMS = ("qv", "ql", "qm", "qs")


@require_POST
def row_quick_edit(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    """Save a row's levels, major count and students from the table. A refusal goes back to
    the table with the row's quick form open and what was typed still in it."""
    batch = current_batch()
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
    kept = QueryDict(mutable=True)
    kept["quick"] = row.pk
    kept["qv"] = version
    kept.setlist("ql", request.POST.getlist("levels"))
    kept["qm"] = request.POST.get("major_count", "")[:10]
    kept["qs"] = request.POST.get("student_count", "")[:10]
    return redirect(f"{back}?{kept.urlencode()}#row-{row.pk}")


@require_POST
def rows_bulk_confirm_view(request: HttpRequest, code: str) -> HttpResponse:
    filing = access.get_rw_filing_for_user(request.user, code, current_batch())
    row_ids = list(filing.rows.values_list("pk", flat=True))
    form = BulkConfirmForm(request.POST, row_ids=row_ids)
    back = request.POST.get("back", "")
    if not form.is_valid():
        # Ids of another unit's rows are not choices: they fail here, and nothing changes.
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
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


PENDING = "已保存，尚待补充（提交前须补齐）：{items}"


def _flash_pending(request: HttpRequest, pending: list[Problem]) -> None:
    """Evidence saved without: the row is stored, and says what is still to complete."""
    if pending:
        items = "；".join(p.message.rstrip("。") for p in pending)
        messages.warning(request, PENDING.format(items=items) + "。")


def _school_suggestions(filing) -> list[str]:
    return list(
        School.objects.filter(filing=filing).order_by("name_key").values_list("name", flat=True)
    )


@require_http_methods(["GET", "POST"])
def school_add(request: HttpRequest, code: str) -> HttpResponse:
    """A school once, then each certificate it pilots. `?copy=<row>` starts from a row."""
    batch = current_batch()
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
            _flash_pending(request, [p for form in formset.forms for p in form.pending])
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
    filing = access.get_rw_filing_for_user(request.user, code, current_batch())
    school = access.get_school(filing, pk)
    form = SchoolEditForm(request.POST or None, initial=SchoolEditForm.initial_from(school))
    current_values = None
    if request.method == "POST" and form.is_valid():
        try:
            school = school_update(
                school=school,
                user=request.user,
                data=form.school_data(),
                expected_version=form.cleaned_data["school_version"],
            )
        except EditConflict as error:
            form.add_error(None, error.message)
            school = access.get_school(filing, pk)
            current_values = school_snapshot(school)
            retry_from(form, "school_version", school.version)
        except FilingError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            messages.success(request, f"“{school.name}”已保存。")
            return redirect(reverse("filings:rows", args=[code]) + f"#school-{school.pk}")
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


def _delete_after_confirmation(request, code, filing, *, title, detail, delete, done):
    """GET asks (nothing changes on GET); POST deletes through the service."""
    if request.method == "POST":
        try:
            delete()
        except FilingError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, done)
        return redirect("filings:rows", code=code)
    return render(
        request,
        "filings/confirm_delete.html",
        {"filing": filing, "title": title, "detail": detail},
    )


@require_http_methods(["GET", "POST"])
def school_remove(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    filing = access.get_rw_filing_for_user(request.user, code, current_batch())
    school = access.get_school(filing, pk)
    return _delete_after_confirmation(
        request,
        code,
        filing,
        title=f"删除院校“{school.name}”",
        detail=f"将同时删除该校的 {school.rows.count()} 个试点行。",
        delete=lambda: school_delete(school=school, user=request.user),
        done=f"已删除“{school.name}”及其全部试点行。",
    )


@require_http_methods(["GET", "POST"])
def row_edit(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    batch = current_batch()
    filing = access.get_rw_filing_for_user(request.user, code, batch)
    row = access.get_row(filing, pk)
    form = PilotRowForm(
        request.POST or None, batch=batch, school=row.school, initial=PilotRowForm.initial_from(row)
    )
    conflict = False
    if request.method == "POST" and form.is_valid():
        data = form.row_data()
        try:
            row_update(
                row=row,
                user=request.user,
                data=data,
                expected_version=form.cleaned_data.get("row_version"),
            )
        except EditConflict as error:
            conflict = True
            form.add_error(None, error.message)
            row = access.get_row(filing, pk)
            retry_from(form, "row_version", row.version)
        except FilingError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            messages.success(request, f"“{row.school.name} · {data['certificate'].name}”已保存。")
            _flash_pending(request, form.pending)
            return redirect(reverse("filings:rows", args=[code]) + f"#row-{row.pk}")
    return render(
        request,
        "filings/row_edit.html",
        {
            "filing": filing,
            "row": row,
            "form": form,
            "current_values": row_snapshot(row) if conflict else None,
        },
    )


@require_http_methods(["GET", "POST"])
def row_remove(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    filing = access.get_rw_filing_for_user(request.user, code, current_batch())
    row = access.get_row(filing, pk)
    last = row.school.rows.count() == 1
    return _delete_after_confirmation(
        request,
        code,
        filing,
        title=f"删除试点行“{row}”",
        detail="这是该校唯一的试点行，删除后该校将从汇总表中移除。" if last else "",
        delete=lambda: row_delete(row=row, user=request.user),
        done=f"已删除“{row}”。",
    )
