"""Personal API tokens: one per user (rest_framework.authtoken's Token), carrying exactly the
user's role. Whoever holds the key acts as the user, so the key is shown once, when made."""

from django.core.exceptions import PermissionDenied
from rest_framework.authtoken.models import Token

from .. import access

NO_ROLE = "您的账号没有报送单位或审核人员的角色，不能使用 API 令牌。如有需要，请联系平台管理员。"


def token_of(user) -> Token | None:
    return Token.objects.filter(user=user).first()


def issue_token(user) -> Token:
    """A new token for the user, replacing the one they had (whose key stops working)."""
    if not access.may_hold_api_token(user):
        raise PermissionDenied(NO_ROLE)
    Token.objects.filter(user=user).delete()
    return Token.objects.create(user=user)


def revoke_token(user) -> bool:
    """Whether there was a token to revoke."""
    deleted, _ = Token.objects.filter(user=user).delete()
    return bool(deleted)


def key_hint(token: Token) -> str:
    """Enough of the key to tell tokens apart, not enough to use one."""
    return f"{token.key[:4]}…"
