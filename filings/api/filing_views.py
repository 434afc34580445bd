"""GET /api/v1/units/{code}/filings/{number}/: the filing as its unit's page shows it."""

from drf_spectacular.utils import extend_schema
from rest_framework.response import Response

from .. import access
from ..selectors import filing_state
from .base import FilingEndpoint
from .serializers import FilingSerializer, filing_payload


class FilingDetail(FilingEndpoint):
    @extend_schema(
        summary="汇总表：表头、状态、版本、总体情况和检查出的问题",
        tags=["汇总表"],
        responses=FilingSerializer,
    )
    def get(self, request, code: str, number: int):
        filing = self.filing()
        state = filing_state(filing)
        editable = access.can_edit(request.user, filing)
        return Response(filing_payload(state, editable=editable))
