"""Error pages that Django would otherwise draw itself."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """A form refused for its CSRF token (CSRF_FAILURE_VIEW). For the portal's users this
    almost always means a page left open past a login or a session, so the page says that and
    how to go on, in Chinese, instead of Django's page about CSRF and DEBUG. Still a 403: the
    request changed nothing. The reason stays in the server's log (django.security.csrf)."""
    return render(request, "403_csrf.html", status=403)
