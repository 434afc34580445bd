"""How the API's refusals are documented: one JSON shape for every error, by status.

Here rather than under filings/ because the public endpoints document theirs too, and
certificates/ imports nothing from filings/. The shape is what filings/api/errors.py answers.
"""

from drf_spectacular.utils import OpenApiResponse
from rest_framework import serializers


class ErrorSerializer(serializers.Serializer):
    detail = serializers.CharField(help_text="中文说明")
    code = serializers.CharField(
        help_text="错误代码，程序据此判断，如 not_authenticated、not_found、throttled、"
        "edit_conflict、batch_closed"
    )
    field = serializers.CharField(required=False, help_text="所涉字段（若有）")
    reasons = serializers.ListField(
        child=serializers.CharField(), required=False, help_text="更多原因（若有）"
    )


MEANINGS = {
    400: "请求的数据不符合要求",
    401: "未提供令牌，或令牌无效（已撤销）",
    403: "无权进行此操作（如审核人员修改报送数据、已结束的批次）",
    404: "没有该内容，或无权查看（其他单位的数据）",
    409: "汇总表的状态不允许，或他人已先修改（version 已过期）",
    429: "请求过于频繁，请按 Retry-After 等待后再试",
}


def error_responses(*statuses: int) -> dict[int, OpenApiResponse]:
    """`responses` entries for extend_schema: each status with the shared error body."""
    return {
        status: OpenApiResponse(ErrorSerializer, description=MEANINGS[status])
        for status in statuses
    }


def document_common_errors(result, generator, request, public):
    """A drf-spectacular postprocessing hook: every operation may be throttled (429), and every
    one that takes credentials may be refused them (401). Said once here rather than on each
    view, so that no endpoint leaves them out. The Error component it points at is the
    ErrorSerializer's, which the filing and certificate endpoints document."""
    error = {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}
    for path_item in result.get("paths", {}).values():
        for operation in path_item.values():
            public_operation = operation.get("security") == [{}]
            for status in (429,) if public_operation else (401, 429):
                operation["responses"].setdefault(
                    str(status), {"description": MEANINGS[status], **error}
                )
    return result
