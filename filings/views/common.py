"""What the filing pages share: the batch being filed, and a form's retry after a conflict."""

from django import forms
from django.http import Http404

from certificates.models import Batch


def current_batch() -> Batch:
    batch = Batch.objects.current()
    if batch is None:
        raise Http404("尚未载入参考数据。")
    return batch


def retry_from(form: forms.Form, field: str, version: int) -> None:
    """After a save refused because someone saved meanwhile: the form keeps what the user
    typed, and its next save is judged against the version now shown beside it."""
    form.data = form.data.copy()
    form.data[form.add_prefix(field)] = version
