"""…/filings/{number}/rows/: a province's own system files its table, row by row, through
the services and forms the pages use (same rules, same locking, same history)."""

from typing import Any

from django.db import transaction
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.response import Response
from rest_framework.settings import api_settings

from .. import access
from ..forms import SchoolForm
from ..models import PilotRow, SchoolType
from ..rules import check_filing, normalize_name
from ..rules.problems import error
from ..selectors import rows_for_check
from ..services import row_delete_at_version, row_update, school_add_with_rows, school_update
from .row_input import RowsRefused, clean_row, clean_school, section
from .row_serializers import (
    RowDeleteSerializer,
    RowErrorSerializer,
    RowPageSerializer,
    RowSerializer,
    RowWriteSerializer,
    row_payload,
)
from .writing import WritingEndpoint

TAGS = ["试点行"]
REFUSALS = {
    400: OpenApiResponse(RowErrorSerializer, description="未保存：problems 列出每个问题"),
    403: OpenApiResponse(RowErrorSerializer, description="无权修改（审核人员、往批次）"),
    404: OpenApiResponse(RowErrorSerializer, description="没有这个单位、批次或试点行"),
    409: OpenApiResponse(
        RowErrorSerializer,
        description="edit_conflict：版本已过期；not_editable：已提交；batch_closed：往批次",
    ),
}
FILTERS = [
    OpenApiParameter("certificate", OpenApiTypes.INT, description="只看该证书（证书 id）"),
    OpenApiParameter(
        "school_type", OpenApiTypes.STR, enum=SchoolType.values, description="学校类型"
    ),
    OpenApiParameter("school", OpenApiTypes.STR, description="院校名称包含的文字"),
    OpenApiParameter(
        "page", OpenApiTypes.INT, description="页码（从 1 起；每页条数见 API_PAGE_SIZE）"
    ),
]
BAD_FILTER = "筛选条件 {name} 的值无效：{value}。"


def checked_row(filing, pk: int) -> dict:
    """The row as saved, with what the filing's check (the pages' check) finds in it."""
    rows = rows_for_check(filing)
    check = check_filing(filing, rows)
    row = next(r for r in rows if r.pk == pk)
    return row_payload(row, check.row_problems.get(pk, []))


def _bad_filter(name: str, value: str) -> RowsRefused:
    return RowsRefused([error("invalid", BAD_FILTER.format(name=name, value=value), name)])


def _filtered(rows: list[PilotRow], params) -> list[PilotRow]:
    certificate, school_type = params.get("certificate"), params.get("school_type")
    if certificate:
        if not certificate.isdigit():
            raise _bad_filter("certificate", certificate)
        rows = [r for r in rows if r.certificate_id == int(certificate)]
    if school_type:
        if school_type not in SchoolType.values:
            raise _bad_filter("school_type", school_type)
        rows = [r for r in rows if r.school.school_type == school_type]
    # Both sides without spaces, full-width folded, as the rows page finds a school.
    name = normalize_name(params.get("school", ""))[:50].casefold()
    if name:
        rows = [r for r in rows if name in normalize_name(r.school.name).casefold()]
    return rows


class RowList(WritingEndpoint):
    @extend_schema(
        operation_id="rows_list",
        summary="试点行列表（分页，可筛选），每行附检查出的问题",
        tags=TAGS,
        parameters=FILTERS,
        responses={200: RowPageSerializer, **{k: REFUSALS[k] for k in (400, 404)}},
    )
    def get(self, request, code: str, number: int):
        filing = self.filing()
        rows = rows_for_check(filing)
        check = check_filing(filing, rows)
        paginator = api_settings.DEFAULT_PAGINATION_CLASS()
        page = paginator.paginate_queryset(_filtered(rows, request.query_params), request, self)
        data = [row_payload(row, check.row_problems.get(row.pk, [])) for row in page]
        return paginator.get_paginated_response(data)

    @extend_schema(
        operation_id="rows_create",
        summary="新增试点行：院校名称本表已有则加入该校，否则新建院校",
        tags=TAGS,
        request=RowWriteSerializer,
        responses={201: RowSerializer, **REFUSALS},
    )
    def post(self, request, code: str, number: int):
        filing = self.filing_to_change()
        body = self.body()
        school, form = clean_school_and_row(body, filing.batch, None)
        _, [row] = school_add_with_rows(
            filing=filing, user=request.user, school_data=school, rows_data=[form.row_data()]
        )
        return Response(checked_row(filing, row.pk), status=status.HTTP_201_CREATED)


def clean_school_and_row(body: dict[str, Any], batch, school) -> tuple[dict[str, Any], Any]:
    """Both judged before anything is saved, every problem of both said at once."""
    problems = []
    cleaned_school = form = None
    try:
        cleaned_school = clean_school(section(body, "school"))
    except RowsRefused as refused:
        problems += refused.problems
    try:
        form = clean_row(body, batch, school)
    except RowsRefused as refused:
        problems += refused.problems
    if problems:
        raise RowsRefused(problems)
    return cleaned_school, form


def merged(current: dict[str, Any], sent: dict[str, Any]) -> dict[str, Any]:
    """PATCH: what was sent over the row as it is; the nested objects key by key."""
    result = dict(current)
    if "certificate" in sent or "certificate_position" in sent:
        result.pop("certificate", None)
        result.pop("certificate_position", None)
    for key, value in sent.items():
        if isinstance(value, dict) and isinstance(result.get(key), dict):
            result[key] = {**result[key], **value}
        else:
            result[key] = value
    return result


class RowDetail(WritingEndpoint):
    def row(self, filing) -> PilotRow:
        return access.get_row(filing, self.kwargs["pk"])

    @extend_schema(
        operation_id="row_retrieve",
        summary="一个试点行及其问题",
        tags=TAGS,
        responses={200: RowSerializer, 404: REFUSALS[404]},
    )
    def get(self, request, code: str, number: int, pk: int):
        filing = self.filing()
        self.row(filing)
        return Response(checked_row(filing, pk))

    @extend_schema(
        operation_id="row_update",
        summary="修改试点行（整行；不传 school 则院校不变）",
        tags=TAGS,
        request=RowWriteSerializer,
        responses={200: RowSerializer, **REFUSALS},
    )
    def put(self, request, code: str, number: int, pk: int):
        return self.save(replace=True)

    @extend_schema(
        operation_id="row_partial_update",
        summary="修改试点行的部分字段",
        tags=TAGS,
        request=RowWriteSerializer,
        responses={200: RowSerializer, **REFUSALS},
    )
    def patch(self, request, code: str, number: int, pk: int):
        return self.save(replace=False)

    @extend_schema(
        operation_id="row_destroy",
        summary="删除试点行（该校最后一行删除后，院校随之移除）",
        tags=TAGS,
        parameters=[OpenApiParameter("version", OpenApiTypes.INT, description="试点行的版本")],
        request=RowDeleteSerializer,
        responses={204: None, **REFUSALS},
    )
    def delete(self, request, code: str, number: int, pk: int):
        filing = self.filing_to_change()
        row = self.row(filing)
        sent = request.query_params.get("version")
        if sent is None and isinstance(request.data, dict):
            sent = request.data.get("version")
        version = self.version(sent)
        row_delete_at_version(row=row, user=request.user, expected_version=version)
        return Response(status=status.HTTP_204_NO_CONTENT)

    def save(self, *, replace: bool) -> Response:
        filing = self.filing_to_change()
        row = self.row(filing)
        sent = self.body()
        version = self.version(sent.get("version"))
        current = row_payload(row)
        # PUT replaces the row; the school only if it is sent.
        body = {"school": current["school"], **sent} if replace else merged(current, sent)
        school_data, form = clean_school_and_row(body, filing.batch, row.school)
        school_changed = school_data != SchoolForm.initial_from(row.school)
        school_version = section(sent, "school").get("version")
        if school_changed:
            school_version = self.version(school_version, "school.version")
        with transaction.atomic():
            if school_changed:
                school_update(
                    school=row.school,
                    user=self.request.user,
                    data=school_data,
                    expected_version=school_version,
                )
            row_update(
                row=row, user=self.request.user, data=form.row_data(), expected_version=version
            )
        return Response(checked_row(filing, row.pk))
