"""Loading a batch from its Attachment 1 in the admin: the form, the upload kept between the
preview and the confirmation, and the preview's rows.

The upload is untrusted even from an administrator's hands: it is refused above the size
limit and checked by the same guard as a province's Attachment 2 before openpyxl opens it.
Between the preview and the confirmation it is kept as a plain file under
MEDIA_ROOT/batch_uploads/, named by a random token that only the session knows, with its
SHA-256; the session holds nothing but strings (no pickles, no path from the user). A file
whose content no longer matches its hash is not loaded. Files nobody confirmed are removed
after KEEP_HOURS, on the next upload.
"""

import hashlib
import re
import secrets
import time
from dataclasses import asdict, dataclass
from datetime import date, datetime
from pathlib import Path

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import HttpRequest

from certificates.upload_guard import MAX_UPLOAD_BYTES, TOO_LARGE, RefusedFile, check_workbook_bytes

from .batch_load_outcome import BEIJING, end_of_minute
from .batch_loading import DEFAULT_ISSUER, BatchDetails, BatchLoad
from .models import Batch, Level

FOLDER = "batch_uploads"
SESSION_KEY = "certificates_batch_upload"
KEEP_HOURS = 24
TOKEN = re.compile(r"[0-9a-f]{32}")


def _label(name: str) -> str:
    return str(Batch._meta.get_field(name).verbose_name)


class BatchUploadForm(forms.Form):
    file = forms.FileField(
        label="附件1（.xlsx）", help_text="通知附件1《培训评价组织联系人信息表》，不超过 10 MB"
    )
    number = forms.IntegerField(label="批次编号", min_value=1, max_value=32767)
    name = forms.CharField(
        label=_label("name"), max_length=100, help_text="如：第三批1+X证书制度试点"
    )
    notice_number = forms.CharField(label=_label("notice_number"), max_length=50)
    notice_title = forms.CharField(label=_label("notice_title"), max_length=200)
    issuer = forms.CharField(label=_label("issuer"), max_length=100, initial=DEFAULT_ISSUER)
    issued_on = forms.DateField(
        label=_label("issued_on"), input_formats=["%Y-%m-%d"], help_text="YYYY-MM-DD"
    )
    deadline = forms.DateTimeField(
        label="报送截止时间（北京时间）",
        input_formats=["%Y-%m-%d %H:%M"],
        help_text="YYYY-MM-DD HH:MM，截止到这一分钟结束，如 2026-09-20 23:59",
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise ValidationError(TOO_LARGE)
        content = upload.read()
        try:
            check_workbook_bytes(content)
        except RefusedFile as refused:
            raise ValidationError(refused.message) from None
        self.content = content
        return upload

    def details(self) -> BatchDetails:
        data = self.cleaned_data
        deadline = data["deadline"].astimezone(BEIJING).replace(tzinfo=None)
        return BatchDetails(
            number=data["number"],
            name=data["name"],
            notice_number=data["notice_number"],
            notice_title=data["notice_title"],
            issuer=data["issuer"],
            issued_on=data["issued_on"],
            filing_deadline=end_of_minute(deadline),
        )


@dataclass(frozen=True)
class PendingUpload:
    """An upload previewed and not yet confirmed, as the session keeps it (strings only)."""

    token: str
    sha256: str
    name: str
    details: dict[str, str | int]
    # The digest of the preview's report lines: the confirmation must do the same.
    changes: str

    @property
    def path(self) -> Path:
        return Path(settings.MEDIA_ROOT) / FOLDER / f"{self.token}.xlsx"

    def content(self) -> bytes | None:
        """The file, unless it is gone or no longer the one previewed."""
        try:
            content = self.path.read_bytes()
        except OSError:
            return None
        return content if hashlib.sha256(content).hexdigest() == self.sha256 else None

    def batch_details(self) -> BatchDetails:
        values = dict(self.details)
        values["issued_on"] = date.fromisoformat(str(values["issued_on"]))
        values["filing_deadline"] = datetime.fromisoformat(str(values["filing_deadline"]))
        return BatchDetails(**values)


def changes_digest(result: BatchLoad) -> str:
    """What a load does (its report's lines), in a few bytes for the session."""
    lines = "\n".join(result.report.lines(restored="更新"))
    return hashlib.sha256(lines.encode()).hexdigest()


def remember(
    request: HttpRequest, content: bytes, name: str, details: BatchDetails, result: BatchLoad
) -> PendingUpload:
    """Keep a previewed upload for its confirmation (replacing an earlier one)."""
    forget(request)
    _expire_abandoned()
    folder = Path(settings.MEDIA_ROOT) / FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    values = asdict(details)
    values["issued_on"] = details.issued_on.isoformat()
    values["filing_deadline"] = details.filing_deadline.isoformat()
    pending = PendingUpload(
        token=secrets.token_hex(16),
        sha256=hashlib.sha256(content).hexdigest(),
        name=name[:200],
        details=values,
        changes=changes_digest(result),
    )
    pending.path.write_bytes(content)
    pending.path.chmod(0o600)
    request.session[SESSION_KEY] = asdict(pending)
    return pending


def pending_upload(request: HttpRequest) -> PendingUpload | None:
    entry = request.session.get(SESSION_KEY)
    try:
        pending = PendingUpload(**entry)
    except TypeError:  # none, or a session from another version
        return None
    return pending if TOKEN.fullmatch(pending.token) else None


def forget(request: HttpRequest) -> None:
    pending = pending_upload(request)
    request.session.pop(SESSION_KEY, None)
    if pending is not None:
        pending.path.unlink(missing_ok=True)


def _expire_abandoned() -> None:
    folder = Path(settings.MEDIA_ROOT) / FOLDER
    if not folder.is_dir():
        return
    oldest = time.time() - KEEP_HOURS * 3600
    for path in folder.glob("*.xlsx"):
        try:
            if path.stat().st_mtime < oldest:
                path.unlink()
        except OSError:  # removed meanwhile by another request
            continue


@dataclass(frozen=True)
class PreviewRow:
    position: int
    name: str
    attachment1_name: str
    organization: str
    levels: str
    contacts: list[str]
    status: str


def _touches(line: str, label: str) -> bool:
    """Whether a report line (`更新：证书 X（…）`, `新增：X 的联系人 第1项`) is about `label`."""
    item = line.split("：", 1)[-1]
    return item == label or item.startswith((f"{label}（", f"{label} 第", f"{label}："))


def preview_rows(result: BatchLoad) -> list[PreviewRow]:
    """Each certificate of the file with its organization, levels and contacts, and what
    loading does to it (新增, 更新 of it or its organization, 不变)."""
    if result.table is None:
        return []
    lines = result.report.lines(restored="更新")
    rows = []
    for position, record in enumerate(result.table.certificates, start=1):
        organization = result.table.organizations[record.organization]
        labels = [
            f"证书 {record.name}",
            f"培训评价组织 {record.organization}",
            f"{record.organization} 的联系人",
        ]
        if f"新增：{labels[0]}" in lines:
            status = "新增"
        elif any(_touches(line, label) for line in lines for label in labels):
            status = "更新"
        else:
            status = "不变"
        rows.append(
            PreviewRow(
                position=position,
                name=record.name,
                attachment1_name=record.attachment1_name,
                organization=record.organization,
                levels="、".join(Level(code).label for code in record.levels),
                contacts=[f"{c['name']} {c['mobile']}" for c in organization.contacts()],
                status=status,
            )
        )
    return rows
