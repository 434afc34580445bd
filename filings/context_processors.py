from django.http import HttpRequest

from . import access


def portal_role(request: HttpRequest) -> dict:
    """The visitor's role, for the navigation."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"my_unit": access.unit_of(user), "is_reviewer": access.is_reviewer(user)}
