"""What the endpoints that change a filing share: the body and the version they were sent
with, and refusals answered with the problems in the rules' shape."""

from typing import Any

from rest_framework import status
from rest_framework.response import Response

from ..rules import Problem
from ..rules.problems import error
from ..services import EditConflict, FilingError
from .base import FilingEndpoint
from .errors import CONFLICT_CODES
from .row_input import RowsRefused, whole_number
from .serializers import problem_payload

NOT_AN_OBJECT_BODY = "请求体应为 JSON 对象（{…}）。"
VERSION_REQUIRED = "请回传所修改内容的版本（{field}），以免覆盖他人同时保存的修改。"


def refusal_body(detail: str, code: str, problems: list[Problem], field: str = "") -> dict:
    body: dict[str, Any] = {"detail": detail, "code": code}
    if field:
        body["field"] = field
    body["problems"] = [problem_payload(p) for p in problems]
    return body


class WritingEndpoint(FilingEndpoint):
    """A filing endpoint that takes writes: what cannot be saved is a 400 listing every
    problem; a refusal by the filing's state or a stale version stays a 409."""

    def handle_exception(self, exc):
        if isinstance(exc, RowsRefused):
            body = refusal_body(exc.detail, "invalid", exc.problems)
            return Response(body, status=status.HTTP_400_BAD_REQUEST)
        if (
            isinstance(exc, FilingError)
            and not isinstance(exc, EditConflict)
            and exc.code not in CONFLICT_CODES
        ):
            # A refusal of the data sent (a school of another type, a certificate the school
            # already has): a problem like the others.
            problem = error(exc.code or "refused", exc.message, exc.field or "")
            body = refusal_body(exc.message, problem.code, [problem], exc.field or "")
            return Response(body, status=status.HTTP_400_BAD_REQUEST)
        return super().handle_exception(exc)

    def body(self) -> dict[str, Any]:
        data = self.request.data
        if not isinstance(data, dict):
            raise RowsRefused([error("invalid", NOT_AN_OBJECT_BODY)], detail=NOT_AN_OBJECT_BODY)
        return dict(data)

    @staticmethod
    def version(value: Any, field: str = "version") -> int:
        """The version a change was based on: required (taking the current one would
        overwrite unseen whatever was saved meanwhile)."""
        if value is None or value == "":
            message = VERSION_REQUIRED.format(field=field)
            raise RowsRefused([error("version_required", message, field)], detail=message)
        return whole_number(value, field)
