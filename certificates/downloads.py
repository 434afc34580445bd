"""The answer to every spreadsheet download: the workbook as an attachment with its Chinese
file name (RFC 6266 filename*, which every current browser reads)."""

from django.http import HttpResponse
from django.utils.http import content_disposition_header

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def xlsx_download(workbook: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(workbook, content_type=XLSX_CONTENT_TYPE)
    response.headers["Content-Disposition"] = content_disposition_header(
        as_attachment=True, filename=filename
    )
    return response
