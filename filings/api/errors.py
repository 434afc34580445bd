"""Refusals as JSON: a service's FilingError keeps its code, field and Chinese message.

- A stale `version` (someone saved meanwhile) is 409, as is a change the filing's state or
  its batch refuses (submitted, accepted, an earlier batch): the request was well formed,
  the filing is not in a state to take it.
- Any other refusal of a service is 400, with its field when it has one.
- Everything else is DRF's own answer (401, 403 with access.py's message, 404, 429), with
  its `code` added (not_authenticated, authentication_failed, permission_denied, not_found,
  throttled …) and, for 429, a Chinese message whatever the client's language.
"""

import math

from rest_framework import status
from rest_framework.exceptions import Throttled
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from ..services import EditConflict, FilingError

# Refusals by the filing's state rather than by the data sent.
CONFLICT_CODES = {
    "edit_conflict",
    "not_editable",
    "batch_closed",
    "not_submitted",
    "not_submittable",
    "not_awaiting",
    "stale_preview",
}


# The pages' wording speaks of a form that keeps what was typed; a client is told what to do.
API_EDIT_CONFLICT = (
    "版本已过期：在您读取之后，其他人（或其他程序）已修改了这一内容，本次修改未保存。"
    "请重新读取（GET）最新数据和版本，核对后再提交。"
)


def filing_error_body(error: FilingError) -> dict:
    message = API_EDIT_CONFLICT if isinstance(error, EditConflict) else error.message
    body = {"detail": message, "code": error.code or "refused"}
    if error.field:
        body["field"] = error.field
    if error.reasons:
        body["reasons"] = list(error.reasons)
    return body


THROTTLED = "请求过于频繁，已超过该令牌（或该地址）的频率限制。请 {wait} 秒后再试。"
THROTTLED_NO_WAIT = "请求过于频繁，已超过该令牌（或该地址）的频率限制。请稍后再试。"


def with_code(exc, response: Response) -> Response:
    """DRF's {"detail"} answers, given the same `code` as the portal's own refusals."""
    if isinstance(exc, Throttled):
        detail = THROTTLED.format(wait=math.ceil(exc.wait)) if exc.wait else THROTTLED_NO_WAIT
        response.data = {"detail": detail, "code": "throttled"}
    elif isinstance(response.data, dict) and set(response.data) == {"detail"}:
        code = getattr(response.data["detail"], "code", None)
        response.data = {"detail": response.data["detail"], "code": code or "error"}
    return response


def exception_handler(exc, context):
    if isinstance(exc, FilingError):
        conflict = isinstance(exc, EditConflict) or exc.code in CONFLICT_CODES
        return Response(
            filing_error_body(exc),
            status=status.HTTP_409_CONFLICT if conflict else status.HTTP_400_BAD_REQUEST,
        )
    response = drf_exception_handler(exc, context)
    return with_code(exc, response) if response is not None else None
