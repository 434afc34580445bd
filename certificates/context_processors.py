from django.http import HttpRequest

from .models import Batch


def current_batch(request: HttpRequest) -> dict:
    """The batch being filed, for the header and footer of every page."""
    return {"current_batch": Batch.objects.current()}
