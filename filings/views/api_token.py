"""The account's API token page: whether one has a token, and making, replacing or revoking
it. The key is shown once, in the answer to the POST that made it, and never stored anywhere
the page could show it again."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from .. import access
from ..api.tokens import issue_token, key_hint, revoke_token, token_of

TEMPLATE = "registration/api_token.html"
ALREADY = "您已有令牌。如需新的令牌，请使用“更换令牌”（原令牌随即失效）。"
CONFIRM_REVOKE = "请勾选确认后再撤销令牌。"
CONFIRM_REPLACE = "请勾选确认后再更换令牌。"
NO_ACTION = "请选择要进行的操作。"
REVOKED = "令牌已撤销：使用它的程序将无法再访问平台。"
NOTHING_TO_REVOKE = "您没有令牌，无需撤销。"


def token_page(request: HttpRequest, status: int = 200, **context) -> HttpResponse:
    token = token_of(request.user)
    context = {
        "token": token,
        "hint": key_hint(token) if token else "",
        "own_unit": access.unit_of(request.user),
        **context,
    }
    return render(request, TEMPLATE, context, status=status)


@never_cache
@require_http_methods(["GET", "POST"])
def api_token(request: HttpRequest) -> HttpResponse:
    if not access.may_hold_api_token(request.user):
        return render(request, TEMPLATE, {"refused": True}, status=403)
    if request.method == "GET":
        return token_page(request)
    action = request.POST.get("action")
    confirmed = request.POST.get("confirm") == "yes"
    if action == "create":
        if token_of(request.user) is not None:
            return token_page(request, 400, error=ALREADY)
        return token_page(request, new_key=issue_token(request.user).key)
    if action == "replace":
        if not confirmed:
            return token_page(request, 400, error=CONFIRM_REPLACE, error_for="replace")
        return token_page(request, new_key=issue_token(request.user).key, replaced=True)
    if action == "revoke":
        if not confirmed:
            return token_page(request, 400, error=CONFIRM_REVOKE, error_for="revoke")
        if revoke_token(request.user):
            messages.success(request, REVOKED)
        else:
            messages.info(request, NOTHING_TO_REVOKE)
        return redirect("filings:api_token")
    return token_page(request, 400, error=NO_ACTION)
