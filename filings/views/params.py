"""Ids in query strings, read one way on every page.

A link's ?copy=, ?school=, ?quick= or ?certificate= names a row, a school or a certificate by
its id. What a person or a scanner may put there instead (², a 5,000-digit number, an id
beyond the database's integers, a NUL) is no id: it is ignored, and the page says so.
"""

from django.contrib import messages
from django.http import HttpRequest

from ..rules import INVISIBLE

# PostgreSQL's integer column (SQLite's is wider): no id is larger.
MAX_ID = 2**31 - 1
INVALID_PARAMETER = "链接中的“{name}={value}”无效，已忽略。"


def id_param(request: HttpRequest, name: str) -> int | None:
    """The id in the query string's `name`, or None when there is none or it is no id."""
    raw = request.GET.get(name, "")
    if not raw:
        return None
    # ASCII digits only: str.isdigit() also accepts ², which int() refuses.
    if raw.isascii() and raw.isdigit() and len(raw) <= len(str(MAX_ID)) and int(raw) <= MAX_ID:
        return int(raw)
    messages.warning(request, INVALID_PARAMETER.format(name=name, value=_shown(raw)))
    return None


def _shown(raw: str) -> str:
    visible = INVISIBLE.sub("", raw)
    return visible if len(visible) <= 20 else f"{visible[:20]}…"
