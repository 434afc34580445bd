"""GET /api/v1/national/{number}/ and …/rows/: the national figures and every row counted in
them, for reviewers only (anyone else: 404, as the national pages answer).

The figures are filings/national.py's, the functions the national page calls: by default
only accepted filings count, `include_submitted=1` adds the submitted ones.
"""

from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework.generics import ListAPIView
from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response
from rest_framework.views import APIView

from certificates.api.errors import ErrorSerializer
from certificates.models import Batch

from .. import access
from ..models import PilotRow
from ..national import (
    certificate_totals,
    conflicts,
    heat_map,
    included_filings,
    included_states,
    national_summary,
    unit_figures,
)
from ..rules import Thresholds, concentration
from ..services import FilingError
from .base import batch_or_404
from .national_serializers import (
    CertificateTotalSerializer,
    NationalRowSerializer,
    NationalRowsQuerySerializer,
    NationalSerializer,
    concentration_payload,
    summary_payload,
)

INCLUDE_SUBMITTED = OpenApiParameter(
    "include_submitted", int, enum=[0, 1], description="1：已提交未确认的汇总表也计入"
)
INVALID_FILTER = "筛选条件 {name} 无效：{reason}"
NOT_FOUND = {404: OpenApiResponse(ErrorSerializer, description="不是审核人员，或没有此批次")}


def _include_submitted(request) -> bool:
    return request.query_params.get("include_submitted") == "1"


def _reviewers_batch(request, number: int) -> Batch:
    """Reviewers only, before anything else: staff must not learn whether a batch exists."""
    access.require_reviewer(request.user)
    return batch_or_404(number)


class National(APIView):
    @extend_schema(
        summary="全国汇总：各证书合计、各单位数字、单位×证书矩阵、集中度、重复报送的院校",
        tags=["全国汇总"],
        parameters=[INCLUDE_SUBMITTED],
        responses={200: NationalSerializer, **NOT_FOUND},
    )
    def get(self, request, number: int):
        batch = _reviewers_batch(request, number)
        include_submitted = _include_submitted(request)
        filings = included_filings(batch, include_submitted)
        units = unit_figures(batch, filings)
        totals = certificate_totals(batch, filings)
        included = [u for u in units if u.filing is not None]
        national = concentration(
            {t.certificate.pk: t.rows for t in totals if t.rows}, Thresholds.of(batch)
        )
        return Response(
            {
                "batch": batch.number,
                "include_submitted": include_submitted,
                "included_units": len(included),
                "summary": summary_payload(national_summary(units)),
                "certificates": [_total_payload(t) for t in totals],
                "units": [_unit_payload(u) for u in units],
                "matrix": _matrices(included, totals),
                "concentration": concentration_payload(national),
                "conflicts": [_conflict_payload(c) for c in conflicts(batch, filings)],
            }
        )


def _total_payload(total) -> dict:
    names = [n for n in CertificateTotalSerializer().fields if n not in ("id", "name")]
    body = {name: getattr(total, name) for name in names if name != "organization"}
    cert = total.certificate
    return {"id": cert.pk, "name": cert.name, "organization": cert.organization.name, **body}


def _unit_payload(figures) -> dict:
    filing = figures.filing
    return {
        "unit": {"code": figures.unit.code, "name": figures.unit.name},
        "included": filing is not None,
        "state": filing.state if filing else None,
        "summary": summary_payload(figures.summary),
        "concentration": concentration_payload(figures.concentration),
    }


def _matrices(included, totals) -> dict:
    def matrix(measure: str) -> dict:
        found = heat_map(included, totals, measure)
        return {
            "lines": [
                {"unit": unit.unit.code, "cells": [c.value for c in cells], "total": total}
                for unit, cells, total in found.lines
            ],
            "column_totals": found.column_totals,
            "grand_total": found.grand_total,
        }

    return {
        "certificates": [t.certificate.pk for t in totals],
        "rows": matrix("rows"),
        "students": matrix("students"),
    }


def _conflict_payload(conflict) -> dict:
    return {
        "school": conflict.school,
        "by": conflict.by,
        "key": conflict.key,
        "units": [
            {"code": unit.code, "name": unit.name, "school_name": name}
            for unit, name in conflict.units
        ],
    }


class RowsPagination(PageNumberPagination):
    """The site's page size, which a client may raise for fewer requests."""

    page_size_query_param = "page_size"
    max_page_size = 1000


class NationalRows(ListAPIView):
    """Every row of the included filings, a page at a time, in a fixed number of queries
    (the count and the page, joined to unit, school and certificate)."""

    serializer_class = NationalRowSerializer
    pagination_class = RowsPagination

    @extend_schema(
        summary="全国汇总的全部试点行（分页），可按单位、证书、学校类型、汇总表状态筛选",
        description=(
            "默认只含已确认的汇总表，include_submitted=1 另含已提交的；"
            "state 只看一种状态。按单位代码、院校、证书顺序排列。"
        ),
        tags=["全国汇总"],
        parameters=[NationalRowsQuerySerializer],
        responses={
            200: NationalRowSerializer(many=True),
            400: OpenApiResponse(ErrorSerializer, description="筛选条件无效"),
            **NOT_FOUND,
        },
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        batch = _reviewers_batch(self.request, self.kwargs["number"])
        query = NationalRowsQuerySerializer(data=self.request.query_params)
        if not query.is_valid():
            name, errors = next(iter(query.errors.items()))
            raise FilingError(
                INVALID_FILTER.format(name=name, reason=errors[0]),
                code="invalid_filter",
                field=name,
            )
        chosen = query.validated_data
        states = included_states(_include_submitted(self.request))
        if "state" in chosen:
            states = [chosen["state"]]
        rows = PilotRow.objects.filter(filing__batch=batch, filing__state__in=states)
        if "unit" in chosen:
            rows = rows.filter(filing__unit__code=chosen["unit"])
        if "certificate" in chosen:
            rows = rows.filter(certificate_id=chosen["certificate"])
        if "school_type" in chosen:
            rows = rows.filter(school__school_type=chosen["school_type"])
        return rows.select_related("filing__unit", "school", "certificate").order_by(
            "filing__unit__code", "school__name_key", "certificate__position", "pk"
        )
