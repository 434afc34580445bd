"""GET /api/v1/units/{code}/filings/{number}/: the filing as its unit's page shows it;
PATCH: its header (the unit's contact), as the header page saves it."""

from drf_spectacular.utils import extend_schema
from rest_framework.response import Response

from certificates.api.errors import error_responses

from .. import access
from ..forms import HeaderForm
from ..selectors import filing_state
from ..services import header_update
from .row_input import clean_header
from .row_serializers import HeaderWriteSerializer
from .row_views import REFUSALS
from .serializers import FilingSerializer, filing_payload
from .writing import WritingEndpoint


class FilingDetail(WritingEndpoint):
    @extend_schema(
        summary="汇总表：表头、状态、版本、总体情况和检查出的问题",
        tags=["汇总表"],
        responses={200: FilingSerializer, **error_responses(401, 404, 429)},
    )
    def get(self, request, code: str, number: int):
        filing = self.filing()
        state = filing_state(filing)
        editable = access.can_edit(request.user, filing)
        return Response(filing_payload(state, editable=editable))

    @extend_schema(
        summary="修改表头（联系人、电话、邮箱），须回传汇总表的版本",
        tags=["汇总表"],
        request=HeaderWriteSerializer,
        responses={200: FilingSerializer, **REFUSALS},
    )
    def patch(self, request, code: str, number: int):
        filing = self.filing_to_change()
        sent = self.body()
        version = self.version(sent.get("version"))
        values = HeaderForm.initial_from(filing)
        values.update({name: sent[name] for name in HeaderWriteSerializer.CONTACT if name in sent})
        header_update(
            filing=filing, user=request.user, expected_revision=version, **clean_header(values)
        )
        editable = access.can_edit(request.user, filing)
        return Response(filing_payload(filing_state(filing), editable=editable))
