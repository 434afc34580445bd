"""The public directory of certificates and evaluation organizations, and the help page.

All views here are public: school administrators use them without an account.
"""

from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from .attachment1 import attachment1_filename, build_attachment1
from .downloads import xlsx_download
from .models import Batch, Certificate
from .search import search_directory


def _batch_or_404() -> Batch:
    batch = Batch.objects.current()
    if batch is None:
        raise Http404("尚未载入参考数据。")
    return batch


@login_not_required
@require_safe
def directory(request: HttpRequest) -> HttpResponse:
    batch = Batch.objects.current()
    certificates = list(Certificate.objects.filter(batch=batch).with_directory()) if batch else []
    search = search_directory(certificates, request.GET.get("q", ""))
    shown = [m.certificate for m in search.matches] if search.is_active else certificates
    matched_fields = {m.certificate.pk: m.fields for m in search.matches}
    return render(
        request,
        "certificates/directory.html",
        {
            "batch": batch,
            "search": search,
            "certificates": [(cert, matched_fields.get(cert.pk, [])) for cert in shown],
            "total": len(certificates),
        },
    )


@login_not_required
@require_safe
def certificate_detail(request: HttpRequest, pk: int) -> HttpResponse:
    certificate = get_object_or_404(Certificate.objects.with_directory(), pk=pk)
    return render(request, "certificates/detail.html", {"certificate": certificate})


@login_not_required
@require_safe
def attachment1_download(request: HttpRequest) -> HttpResponse:
    batch = _batch_or_404()
    return xlsx_download(build_attachment1(batch), attachment1_filename(batch))


@login_not_required
@require_safe
def help_page(request: HttpRequest) -> HttpResponse:
    batch = Batch.objects.current()
    contacts = list(batch.notice_contacts.all()) if batch else []
    # The glossary speaks of the batch's certificates: how evenly rows could spread over them.
    count = batch.certificates.count() if batch else 0
    context = {"batch": batch, "contacts": contacts, "certificate_count": count}
    return render(request, "certificates/help.html", context)
