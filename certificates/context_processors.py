from django.http import HttpRequest

from .batch_scope import shown_batch


def current_batch(request: HttpRequest) -> dict:
    """The page's batch for the header and footer of every page: the open batch, or the
    earlier one a page under /batches/<N>/ is about."""
    return {"current_batch": shown_batch(request)}
