"""Which batch a page is about: the open batch, or an earlier one under `/batches/<N>/`.

Every filing page exists once per batch. Rather than carry the batch number through every
URL pattern, link and redirect, a page of an earlier batch lives under a prefix, the way a
site mounted under a SCRIPT_NAME does: the middleware takes `/batches/<N>/` off the path
before URL resolution, keeps the batch on the request, and makes the prefix part of the
script prefix while the request is answered. Every `reverse()`, `{% url %}` and redirect
made for that request then stays in the same batch without knowing it. Without a prefix a
page is about the open batch: the one with the highest number.
"""

import re

from django.http import Http404, HttpRequest
from django.urls import get_script_prefix, set_script_prefix

from .models import Batch

PREFIX = re.compile(r"^/batches/(?P<number>\d{1,4})(?P<rest>/.*)$")
NO_SUCH_BATCH = "没有第 {number} 批的数据。"
NO_BATCH = "尚未载入参考数据。"


class BatchScopeMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest):
        match = PREFIX.match(request.path_info)
        root = get_script_prefix()
        request.batch_root = root
        if match is None:
            return self.get_response(request)
        number = int(match["number"])
        batch = Batch.objects.filter(number=number).first()
        if batch is None:
            raise Http404(NO_SUCH_BATCH.format(number=number))
        request.scoped_batch = batch
        request.path_info = match["rest"]
        set_script_prefix(f"{root}batches/{number}/")
        try:
            return self.get_response(request)
        finally:
            set_script_prefix(root)


def request_batch(request: HttpRequest) -> Batch:
    """The batch the page is about; a 404 before any batch is loaded."""
    batch = getattr(request, "scoped_batch", None)
    if batch is None:
        batch = request.scoped_batch = Batch.objects.current()
        if batch is not None:
            # The highest-numbered batch has no later one: no query to learn it is open.
            batch.__dict__["later_batch"] = None
    if batch is None:
        raise Http404(NO_BATCH)
    return batch


def shown_batch(request: HttpRequest) -> Batch | None:
    """The page's batch for the header and footer; None before any batch is loaded."""
    try:
        return request_batch(request)
    except Http404:
        return None


def path_in_batch(request: HttpRequest, number: int, path: str, *, is_open: bool) -> str:
    """`path`, a path within a batch such as `/units/42/`, in batch `number`: without a
    prefix in the open batch, under `/batches/<N>/` in an earlier one."""
    root = getattr(request, "batch_root", "/")
    if is_open:
        return f"{root}{path.lstrip('/')}"
    return f"{root}batches/{number}{path}"
