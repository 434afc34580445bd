"""The public directory of certificates and evaluation organizations, and the help page.

All views here are public: school administrators use them without an account.
"""

from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from .attachment1 import attachment1_filename, build_attachment1
from .directory import UnknownBatch, batch_entries, batch_label, chosen_entry, directory_listing
from .downloads import xlsx_download
from .models import Batch, Certificate


def _unknown_batch(request: HttpRequest, error: UnknownBatch) -> HttpResponse:
    return render(request, "certificates/unknown_batch.html", {"message": str(error)}, status=404)


@login_not_required
@require_safe
def directory(request: HttpRequest) -> HttpResponse:
    entries = batch_entries()
    try:
        chosen = chosen_entry(entries, request.GET.get("batch"))
    except UnknownBatch as error:
        return _unknown_batch(request, error)
    listing = directory_listing(entries, chosen, request.GET.get("q", ""), request.GET.get("page"))
    params = request.GET.copy()
    params.pop("page", None)
    return render(
        request,
        "certificates/directory.html",
        {
            "listing": listing,
            "search": listing.search,
            # The download offered first: the batch chosen, else the newest (the open one).
            "download": listing.chosen or (entries[0] if entries else None),
            "query_without_page": params.urlencode(),
        },
    )


@login_not_required
@require_safe
def certificate_detail(request: HttpRequest, pk: int) -> HttpResponse:
    certificate = get_object_or_404(Certificate.objects.with_directory(), pk=pk)
    return render(
        request,
        "certificates/detail.html",
        {"certificate": certificate, "batch_label": batch_label(certificate.batch)},
    )


@login_not_required
@require_safe
def attachment1_download(request: HttpRequest) -> HttpResponse:
    """The open batch's Attachment 1, or with `?batch=N` that batch's."""
    try:
        entry = chosen_entry(batch_entries(), request.GET.get("batch"))
    except UnknownBatch as error:
        return _unknown_batch(request, error)
    batch = entry.batch if entry else Batch.objects.current()
    if batch is None:
        raise Http404("尚未载入参考数据。")
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
