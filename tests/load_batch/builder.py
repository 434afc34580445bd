"""Attachment 1 files built the way people build them in WPS or Excel, with openpyxl."""

import json
from datetime import date, datetime
from io import BytesIO
from pathlib import Path
from typing import Any

from django.conf import settings
from django.utils import timezone
from openpyxl import Workbook

from certificates.attachment1 import COLUMNS
from certificates.batch_loading import BatchDetails
from certificates.models import Batch, Certificate, EvaluationOrganization

# The notice's own headings, as the portal's export writes them.
HEADINGS = [column.header for column in COLUMNS]

# Two made-up organizations (test data, not the notice's).
ALPHA = [
    "甲示例科技有限公司",
    "示例证书一",
    "张三\n李四",
    "010-12345678",
    "13800000001\n13900000002",
    "010-12345679",
    "a@example.com",
    "北京市海淀区示例路1号",
    "100085",
]
BETA = [
    "乙示例教育有限公司",
    "示例证书三",
    "王五",
    "0531-1234567",
    "13700000003",
    "",
    "b@example.org",
    "山东省济南市示例路2号",
    "250002",
]


def workbook_bytes(
    rows: list[list[Any]],
    *,
    title: str | None = "第三批培训评价组织联系人信息表",
    headings: list[str] = HEADINGS,
    setup=None,
) -> bytes:
    """A sheet with an optional merged title line, a heading line and `rows`; `setup(ws)`
    merges, hides or adds what a test needs."""
    wb = Workbook()
    ws = wb.active
    if title is not None:
        ws.append([title])
        ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(headings))
    ws.append(headings)
    for row in rows:
        ws.append(row)
    if setup is not None:
        setup(ws)
    buffer = BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def details(number: int = 3, **changes: Any) -> BatchDetails:
    values = {
        "number": number,
        "name": f"第{number}批测试批次",
        "notice_number": "测试〔2026〕1号",
        "notice_title": "测试用通知",
        "issued_on": date(2026, 1, 5),
        "filing_deadline": datetime.fromisoformat("2026-01-20T23:59:59+08:00"),
    }
    return BatchDetails(**{**values, **changes})


def fixture_batch2() -> dict[str, Any]:
    with open(Path(settings.BASE_DIR) / "fixtures" / "batch2.json", encoding="utf-8") as f:
        return json.load(f)


def fixture_details(data: dict[str, Any]) -> BatchDetails:
    batch = data["batch"]
    return BatchDetails(
        number=batch["number"],
        name=batch["name"],
        notice_number=batch["notice_number"],
        notice_title=batch["notice_title"],
        issuer=batch["issuer"],
        issued_on=date.fromisoformat(batch["issued_on"]),
        filing_deadline=datetime.fromisoformat(batch["filing_deadline"]),
    )


def snapshot(number: int) -> dict[str, Any]:
    """A batch as the fixture writes it: its notice, then its certificates in order with
    their organizations and contacts."""
    batch = Batch.objects.get(number=number)
    certificates = []
    for cert in Certificate.objects.filter(batch=batch).with_directory():
        org = cert.organization
        certificates.append(
            {
                "position": cert.position,
                "name": cert.name,
                "levels": [level.value for level in cert.level_list],
                "organization": {
                    "name": org.name,
                    "contacts": [{"name": c.name, "mobile": c.mobile} for c in org.contacts.all()],
                    "office_phones": org.office_phone_list,
                    "fax": org.fax,
                    "emails": org.email_list,
                    "address": org.address,
                    "postcode": org.postcode,
                },
            }
        )
    return {
        "batch": {
            "number": batch.number,
            "name": batch.name,
            "notice_number": batch.notice_number,
            "notice_title": batch.notice_title,
            "issuer": batch.issuer,
            "issued_on": batch.issued_on.isoformat(),
            "filing_deadline": timezone.localtime(batch.filing_deadline).isoformat(),
            "ordinal": batch.ordinal,
            "attachment2_title": batch.attachment2_title,
        },
        "certificates": certificates,
    }


def everything() -> list[tuple]:
    """Every row of the reference tables, to show that a refusal wrote nothing."""
    return [
        *Batch.objects.values_list(),
        *Certificate.objects.values_list(),
        *EvaluationOrganization.objects.values_list(),
        *EvaluationOrganization.objects.values_list("contacts__name", "contacts__mobile"),
    ]


def command_args(path: Path, *, deadline: str = "2026-01-20 23:59") -> list[str]:
    """`load_batch`'s arguments for a made-up third batch."""
    return [
        str(path),
        "--number=3",
        "--name=第三批测试",
        "--notice-number=测试〔2026〕1号",
        "--notice-title=测试用通知",
        "--issued-on=2026-01-05",
        f"--deadline={deadline}",
    ]
