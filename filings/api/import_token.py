"""The import preview's token: what the page keeps in its session, signed and handed to the
client instead (a token client has no session).

It names the reading job, the file's digest, the filing's revision the preview was read
against, and whom it was given to: only that user, for that filing, can look at the preview
again or confirm it, and only within IMPORT_KEEP_HOURS (after which the job's folder is gone
anyway). The signature keeps a client from pointing a token at another unit's job.
"""

import hashlib
from dataclasses import dataclass

from django.conf import settings
from django.core import signing

from ..models import Filing
from ..services import FilingError
from ..spreadsheet import reading
from ..spreadsheet.reading import ReadingJob
from ..views.spreadsheets import PREVIEW_GONE

SALT = "filings.api.import-preview"
TOKEN_INVALID = "导入令牌无效：请使用上传文件时得到的 token。"
TOKEN_NOT_YOURS = "导入令牌不属于当前用户或这份汇总表，请重新上传文件。"
FILE_CHANGED = "预览之后上传的文件已被改动，请重新上传并预览。"


@dataclass(frozen=True)
class PreviewTicket:
    job: ReadingJob
    name: str  # the uploaded file's name, for the history
    revision: int  # the filing's revision when the file was uploaded
    digest: str  # sha256 of the file as uploaded


def digest_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def issue_token(*, user, filing: Filing, job: ReadingJob, name: str, digest: str) -> str:
    payload = {
        "user": user.pk,
        "filing": filing.pk,
        "job": job.name,
        "name": name[:200],
        "revision": filing.revision,
        "digest": digest,
    }
    return signing.dumps(payload, salt=SALT, compress=True)


def read_token(token: str, *, user, filing: Filing) -> PreviewTicket:
    """The preview the token names, for this user and filing; a FilingError otherwise."""
    if not token:
        raise FilingError(TOKEN_INVALID, code="invalid_token", field="token")
    try:
        data = signing.loads(token, salt=SALT, max_age=settings.IMPORT_KEEP_HOURS * 3600)
    except signing.SignatureExpired:
        raise FilingError(PREVIEW_GONE, code="stale_preview", field="token") from None
    except signing.BadSignature:
        raise FilingError(TOKEN_INVALID, code="invalid_token", field="token") from None
    if data.get("user") != user.pk or data.get("filing") != filing.pk:
        raise FilingError(TOKEN_NOT_YOURS, code="invalid_token", field="token")
    try:
        job = ReadingJob(data.get("job", ""))
    except ValueError:
        raise FilingError(TOKEN_INVALID, code="invalid_token", field="token") from None
    if not job.exists():
        # Confirmed, refused or expired since: the preview cannot be had again.
        raise FilingError(PREVIEW_GONE, code="stale_preview", field="token")
    return PreviewTicket(job, data["name"], data["revision"], data["digest"])


def check_file_unchanged(ticket: PreviewTicket) -> None:
    """The file the job holds is still the one uploaded and previewed."""
    try:
        stored = (ticket.job.directory / reading.UPLOAD).read_bytes()
    except OSError:
        raise FilingError(PREVIEW_GONE, code="stale_preview", field="token") from None
    if digest_of(stored) != ticket.digest:
        raise FilingError(FILE_CHANGED, code="stale_preview", field="token")
