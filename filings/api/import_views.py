"""POST /api/v1/units/{code}/filings/{number}/import/: Attachment 2 as a file, the way the
import page takes it (filings/views/spreadsheets.py).

- POST with `file`: the upload guard's checks and size limit, then the file is read in a
  process of its own (spreadsheet.reading), never in the server worker. The answer is the
  preview (200) with a `token`, or, for a file still being read after IMPORT_WAIT_SECONDS,
  202 with the token to ask again with (GET ?token=).
- GET ?token=&page=: the preview again, another page of its rows.
- POST ?confirm=1 with the token: `services.filing_import` writes it, refused if the filing
  changed since the preview (409), as the page refuses it.

Only the unit's own staff, in the open batch, on a filing that awaits them.
"""

import logging

from django.conf import settings
from django.db import DatabaseError, connection
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    PolymorphicProxySerializer,
    extend_schema,
)
from rest_framework import status
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.response import Response

from certificates.api.errors import ErrorSerializer
from certificates.upload_guard import MAX_UPLOAD_BYTES, TOO_LARGE, RefusedFile

from ..models import Filing
from ..services import CHANGED_SINCE_PREVIEW, NOT_EDITABLE, FilingError, filing_import
from ..spreadsheet import reading
from ..spreadsheet.import_result import ReadingContext
from ..spreadsheet.preview import ROWS_PER_PAGE
from ..spreadsheet.reading import ReadingJob
from ..views.spreadsheets import IMPORT_DATABASE_ERROR, IMPORTED
from ..wording import thousands
from .base import FilingEndpoint
from .errors import filing_error_body
from .import_serializers import (
    ImportConfirmSerializer,
    ImportDoneSerializer,
    ImportPreviewSerializer,
    ImportReadingSerializer,
    ImportUploadSerializer,
    line_payload,
    preview_payload,
)
from .import_token import (
    PreviewTicket,
    check_file_unchanged,
    digest_of,
    issue_token,
    read_token,
)

logger = logging.getLogger(__name__)

NO_FILE = "请上传附件2 Excel 文件（multipart 表单字段 file）。"
STILL_READING = "文件仍在读取中，请稍后以 token 查询预览。"

TOKEN = OpenApiParameter("token", str, description="上传时得到的 token")
PAGE = OpenApiParameter("page", int, description=f"预览的第几页（每页 {ROWS_PER_PAGE} 行）")
CONFIRM = OpenApiParameter("confirm", int, enum=[1], description="1：确认导入 token 所指的预览")
ERRORS = {
    400: OpenApiResponse(ErrorSerializer, description="文件被拒绝、令牌无效或文件有阻止导入的问题"),
    403: OpenApiResponse(ErrorSerializer, description="不是本单位人员，或批次已结束"),
    404: OpenApiResponse(ErrorSerializer, description="没有这份汇总表"),
    409: OpenApiResponse(ErrorSerializer, description="汇总表已提交，或预览已失效"),
}
ANSWER = PolymorphicProxySerializer(
    component_name="ImportAnswer",
    serializers=[ImportPreviewSerializer, ImportDoneSerializer],
    resource_type_field_name=None,
)


class FilingImport(FilingEndpoint):
    parser_classes = [MultiPartParser, FormParser, JSONParser]

    @extend_schema(
        summary="导入附件2：查询预览（上传时未读完的文件，或预览的其他页）",
        description=(
            "以上传时得到的 token 查询：文件读完时回答预览（200，page 为预览的第几页），"
            "仍在读取时回答 202。只有上传者本人能查询。"
        ),
        tags=["导入附件2"],
        parameters=[TOKEN, PAGE],
        responses={
            200: ImportPreviewSerializer,
            202: ImportReadingSerializer,
            **ERRORS,
        },
    )
    def get(self, request, code: str, number: int):
        filing = self.editable_filing()
        token = request.query_params.get("token", "")
        ticket = read_token(token, user=request.user, filing=filing)
        return self.answer(filing, ticket, token, ticket.job.status())

    @extend_schema(
        summary="导入附件2：上传文件得到预览；?confirm=1 并回传 token 确认导入",
        description=(
            "上传（multipart，字段 file）：与网页相同的检查与大小限制，文件在独立进程中读取；"
            "回答预览（200）及 token，文件较大仍在读取时回答 202。"
            "确认（?confirm=1，表单字段或 JSON 的 token）：以预览的内容替换汇总表的院校和试点行；"
            "预览之后汇总表被修改过则拒绝（409），须重新上传。"
        ),
        tags=["导入附件2"],
        parameters=[CONFIRM],
        request={
            "multipart/form-data": ImportUploadSerializer,
            "application/x-www-form-urlencoded": ImportConfirmSerializer,
            "application/json": ImportConfirmSerializer,
        },
        responses={
            200: ANSWER,
            202: ImportReadingSerializer,
            **ERRORS,
            503: OpenApiResponse(ErrorSerializer, description="数据库暂时不可用，未作任何改动"),
        },
    )
    def post(self, request, code: str, number: int):
        filing = self.editable_filing()
        if request.query_params.get("confirm") == "1":
            return self.confirm(filing, request.data.get("token", ""))
        upload = request.FILES.get("file")
        if upload is None:
            raise FilingError(NO_FILE, code="required", field="file")
        try:
            if upload.size > MAX_UPLOAD_BYTES:
                raise RefusedFile(TOO_LARGE)
            context = ReadingContext.load(batch=filing.batch, unit=filing.unit)
            data = upload.read()
            job = ReadingJob.start(data, context=context, prefix=filing.unit.code)
        except RefusedFile as refused:
            raise FilingError(refused.message, code="file_refused", field="file") from None
        token = issue_token(
            user=request.user, filing=filing, job=job, name=upload.name, digest=digest_of(data)
        )
        ticket = read_token(token, user=request.user, filing=filing)
        # As the page does: wait (asleep, the reading is another process's) for the few
        # seconds a table of some hundred rows takes, so most clients never need to ask again.
        return self.answer(filing, ticket, token, job.wait(settings.IMPORT_WAIT_SECONDS))

    def editable_filing(self) -> Filing:
        filing = self.filing_to_change()
        if not filing.is_editable:
            raise FilingError(NOT_EDITABLE, code="not_editable")
        return filing

    def answer(self, filing: Filing, ticket: PreviewTicket, token: str, state: reading.Status):
        """The preview of a finished job (its page `?page=`), or where the reading is."""
        if not state.finished:
            body = {"token": token, "state": state.state, "lines": state.lines}
            return Response({**body, "detail": STILL_READING}, status=status.HTTP_202_ACCEPTED)
        preview, refusal = ticket.job.outcome(state)
        if refusal:
            ticket.job.discard()
            raise FilingError(refusal, code="file_refused", field="file")
        page = _page_number(self.request.query_params.get("page"), preview.pages)
        body = preview_payload(
            preview, filing=filing, token=token, file_name=ticket.name, revision=ticket.revision
        )
        lines = ticket.job.preview_lines(page)
        body.update(page=page, pages=preview.pages, rows=[line_payload(x) for x in lines])
        return Response(body)

    def confirm(self, filing: Filing, token: str) -> Response:
        ticket = read_token(token, user=self.request.user, filing=filing)
        job = ticket.job
        if not job.status().finished:
            error = FilingError(STILL_READING, code="still_reading", field="token")
            return Response(filing_error_body(error), status=status.HTTP_409_CONFLICT)
        check_file_unchanged(ticket)
        result = job.result()
        if result is None:
            job.discard()
            raise FilingError(reading.FAILED_MESSAGE, code="file_refused", field="file")
        try:
            rows, schools = filing_import(
                filing=filing,
                user=self.request.user,
                result=result,
                filename=ticket.name,
                expected_revision=ticket.revision,
            )
        except FilingError as error:
            if error.code != "changed_since_preview":
                raise  # the preview stays: the page shows it again with the message
            job.discard()  # this preview can never be confirmed now: upload it again
            raise FilingError(CHANGED_SINCE_PREVIEW, code="stale_preview") from None
        except DatabaseError:
            # One transaction: a database failing midway leaves the filing as it was, and
            # the preview stays for another try.
            logger.exception("Import into %s failed in the database", filing.unit.code)
            connection.close()
            error = FilingError(IMPORT_DATABASE_ERROR, code="database_unavailable")
            return Response(filing_error_body(error), status=status.HTTP_503_SERVICE_UNAVAILABLE)
        job.discard()
        filing.refresh_from_db(fields=["revision"])
        detail = IMPORTED.format(rows=thousands(rows), schools=thousands(schools))
        return Response(
            {"detail": detail, "rows": rows, "schools": schools, "version": filing.revision}
        )


def _page_number(asked: str | None, pages: int) -> int:
    try:
        return min(max(int(asked or 1), 1), pages)
    except ValueError:
        return 1
