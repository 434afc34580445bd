"""A generated batch of the pilot for scale tests and benchmarks: plainly test data.

Its certificates and organizations are made up (测试证书0001, 测试评价组织001), its notice
number says 测试, and it is loaded the way a real batch is: an Attachment 1 workbook read by
`load_batch`. It is never written to `fixtures/` and never loaded by `make run`.
"""

from datetime import date, datetime
from io import BytesIO

from openpyxl import Workbook

from certificates.attachment1 import COLUMNS
from certificates.batch_loading import BatchDetails, load_batch
from certificates.models import Batch
from certificates.numerals import chinese_number

# Several certificates per organization, as in the real batches (about 447 from 300).
CERTIFICATES_PER_ORGANIZATION = 3


def certificate_name(index: int) -> str:
    return f"测试证书{index:04d}"


def organization_name(index: int) -> str:
    return f"测试评价组织{index:03d}有限公司"


def attachment1_rows(certificates: int) -> list[list[str]]:
    rows = []
    for index in range(1, certificates + 1):
        org = (index - 1) // CERTIFICATES_PER_ORGANIZATION + 1
        rows.append(
            [
                organization_name(org),
                certificate_name(index),
                f"测试联系人{org:03d}",
                f"010-6{org:07d}",
                f"139{org:08d}",
                "",
                f"org{org:03d}@example.com",
                f"北京市测试区测试路{org}号",
                "100000",
            ]
        )
    return rows


def attachment1_bytes(number: int, certificates: int) -> bytes:
    """The batch's Attachment 1 as a province would receive it: title, headings, rows."""
    wb = Workbook()
    ws = wb.active
    ws.append([f"第{chinese_number(number)}批培训评价组织联系人信息表"])
    ws.append([column.header for column in COLUMNS])
    for row in attachment1_rows(certificates):
        ws.append(row)
    buffer = BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def generated_details(number: int, certificates: int, deadline: datetime | None = None):
    return BatchDetails(
        number=number,
        name=f"第{chinese_number(number)}批1+X证书制度试点（测试生成，{certificates}个证书）",
        notice_number=f"测试〔2026〕{number}号",
        notice_title=f"测试用通知：生成的第{chinese_number(number)}批（非真实数据）",
        issued_on=date(2026, 1, 5),
        filing_deadline=deadline or datetime.fromisoformat("2026-12-31T23:59:59+08:00"),
    )


def load_generated_batch(
    number: int = 3, certificates: int = 400, deadline: datetime | None = None
) -> Batch:
    """Load (or find, if loaded with the same content) a generated batch."""
    content = attachment1_bytes(number, certificates)
    result = load_batch(content, generated_details(number, certificates, deadline))
    if result.problems:
        raise ValueError("；".join(result.problems))
    return Batch.objects.get(number=number)
