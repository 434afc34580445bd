"""Keep what a signed-in user sees out of caches."""

from django.utils.cache import has_vary_header, patch_cache_control


class PrivateResponsesMiddleware:
    """`Cache-Control: private, no-store` on every answer to a signed-in user (pages, exports,
    scans) and on every answer that depends on a cookie, unless the view set its own.

    A unit's rows and scans must not stay in a shared proxy's cache nor on the disk of an office
    computer after logging out. An answer depends on a cookie when it sets one (a CSRF token in
    a form), or varies with the cookie and the browser sent one. Every page varies with the
    cookie (the menu asks who is logged in), so without the last condition the public directory
    would never be cached; seen without any cookie, it is the same for everyone.

    It sits above SessionMiddleware, so that it sees the `Vary: Cookie` that sessions and CSRF
    add on the way out.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.has_header("Cache-Control"):
            return response
        user = getattr(request, "user", None)
        signed_in = user is not None and user.is_authenticated
        sent_cookie = bool(request.COOKIES) and has_vary_header(response, "Cookie")
        if signed_in or response.cookies or sent_cookie:
            patch_cache_control(response, private=True, no_store=True)
        return response
