"""Links between batches: the same page in each batch of the pilot."""

from django import template

from ..batch_scope import path_in_batch, request_batch
from ..models import Batch

register = template.Library()


@register.inclusion_tag("certificates/_batch_switcher.html", takes_context=True)
def batch_switcher(context, path: str = "", label: str = "批次") -> dict:
    """Every batch, newest first, each linking to `path` (a path within a batch, such as
    `/units/42/`; by default this page's) in that batch; nothing while there is only one."""
    request = context["request"]
    batches = list(Batch.objects.order_by("-number"))
    if len(batches) < 2:
        return {"links": []}
    shown = request_batch(request)
    path = path or request.path_info
    links = [
        {
            "batch": batch,
            "url": path_in_batch(request, batch.number, path, is_open=index == 0),
            "is_shown": batch.pk == shown.pk,
            "is_open": index == 0,
        }
        for index, batch in enumerate(batches)
    ]
    return {"links": links, "label": label}
