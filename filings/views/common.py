"""What the filing pages share: the batch being filed."""

from django.http import Http404

from certificates.models import Batch


def current_batch() -> Batch:
    batch = Batch.objects.current()
    if batch is None:
        raise Http404("尚未载入参考数据。")
    return batch
