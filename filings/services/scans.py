"""The stamped scan of the printed table."""

import hashlib
from datetime import datetime

from django.db import transaction
from django.utils import timezone

from ..models import (
    EventKind,
    Filing,
    StampedScan,
)
from ..wording import thousands
from .common import _lock_editable
from .errors import FilingError
from .history import _record

SCAN_MAX_BYTES = 20 * 1024 * 1024
SCAN_SIGNATURES = {
    b"%PDF-": "application/pdf",
    b"\xff\xd8\xff": "image/jpeg",
    b"\x89PNG\r\n\x1a\n": "image/png",
}
SCAN_TOO_LARGE = "扫描件不能超过 20 MB。"
SCAN_EMPTY = "上传的文件是空的。"
SCAN_WRONG_TYPE = "扫描件须为 PDF、JPEG 或 PNG 文件（按文件内容判断，与文件名无关）。"


def scan_content_type(head: bytes) -> str | None:
    for signature, content_type in SCAN_SIGNATURES.items():
        if head.startswith(signature):
            return content_type
    return None


@transaction.atomic
def scan_upload(*, filing: Filing, user, uploaded, now: datetime | None = None) -> StampedScan:
    now = now or timezone.now()
    filing = _lock_editable(filing)
    if uploaded.size == 0:
        raise FilingError(SCAN_EMPTY, code="scan_empty", field="file")
    if uploaded.size > SCAN_MAX_BYTES:
        raise FilingError(SCAN_TOO_LARGE, code="scan_too_large", field="file")
    uploaded.seek(0)
    content_type = scan_content_type(uploaded.read(16))
    if content_type is None:
        raise FilingError(SCAN_WRONG_TYPE, code="scan_wrong_type", field="file")
    uploaded.seek(0)
    digest = hashlib.sha256()
    for chunk in uploaded.chunks():
        digest.update(chunk)
    uploaded.seek(0)
    extension = {"application/pdf": "pdf", "image/jpeg": "jpg", "image/png": "png"}[content_type]
    scan = StampedScan(
        filing=filing,
        original_name=uploaded.name[:200],
        content_type=content_type,
        size=uploaded.size,
        sha256=digest.hexdigest(),
        filing_revision=filing.revision,
        uploaded_by=user if getattr(user, "is_authenticated", False) else None,
        uploaded_at=now,
    )
    # The stored name is ours, never the uploader's.
    scan.file.save(
        f"{filing.unit.code}-r{filing.revision}-{scan.sha256[:12]}.{extension}",
        uploaded,
        save=False,
    )
    scan.save()
    _record(
        filing,
        user,
        EventKind.SCAN_UPLOADED,
        scan.original_name,
        note=f"对应表格版本 {filing.revision}，{thousands(scan.size)} 字节，SHA-256 {scan.sha256}",
        at=now,
    )
    return scan
