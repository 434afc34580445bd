"""Attachment 1 (第二批培训评价组织联系人信息表, and the same of each batch) as an .xlsx file.

The layout follows the notice: one row per evaluation organization and certificate, the
two contacts and their mobiles stacked in one cell each, as the printed table has them.
"""

from collections.abc import Callable
from dataclasses import dataclass
from io import BytesIO

from .models import Batch, Certificate
from .numerals import chinese_number
from .xlsx import (
    BODY_FONT,
    BORDER,
    HEADER_FONT,
    SONG_TITLE,
    TITLE_SIZE,
    WRAP,
    WRAP_CENTER,
    cjk_font,
    fit_columns,
    landscape_for,
    new_workbook,
    prepare_for_print,
    set_row_height,
    set_text,
    text_width,
)


def attachment1_title(batch: Batch) -> str:
    return f"第{chinese_number(batch.number)}批培训评价组织联系人信息表"


TITLE_ROW = 1
HEADER_ROW = 2


@dataclass(frozen=True)
class Column:
    header: str
    value: Callable[[Certificate], str]


COLUMNS = [
    Column("培训评价组织名称", lambda c: c.organization.name),
    Column("职业技能等级证书名称", lambda c: c.name),
    Column("联系人", lambda c: "\n".join(p.name for p in c.organization.contacts.all())),
    Column("办公电话", lambda c: "\n".join(c.organization.office_phone_list)),
    Column("手机", lambda c: "\n".join(p.mobile for p in c.organization.contacts.all())),
    Column("传真", lambda c: c.organization.fax),
    Column("电子邮箱", lambda c: "\n".join(c.organization.email_list)),
    Column("通讯地址", lambda c: c.organization.address),
    Column("邮政编码", lambda c: c.organization.postcode),
]


def attachment1_filename(batch: Batch) -> str:
    return f"附件1-{attachment1_title(batch)}.xlsx"


def build_attachment1(batch: Batch) -> bytes:
    certificates = list(Certificate.objects.filter(batch=batch).with_directory())
    rows = [[column.value(cert) for column in COLUMNS] for cert in certificates]

    # The Normal font sets the unit of the column widths (see certificates.xlsx).
    wb = new_workbook()
    ws = wb.active
    ws.title = "附件1"

    ws.merge_cells(start_row=TITLE_ROW, start_column=1, end_row=TITLE_ROW, end_column=len(COLUMNS))
    title = set_text(ws.cell(TITLE_ROW, 1), attachment1_title(batch))
    title.font = cjk_font(TITLE_SIZE, bold=True)
    title.alignment = WRAP_CENTER
    ws.row_dimensions[TITLE_ROW].height = SONG_TITLE.height() + 8

    for index, column in enumerate(COLUMNS, start=1):
        cell = set_text(ws.cell(HEADER_ROW, index), column.header)
        cell.font = HEADER_FONT
        cell.alignment = WRAP_CENTER
        cell.border = BORDER

    widths = fit_columns(
        ws,
        [
            max([text_width(column.header)] + [text_width(row[i]) for row in rows])
            for i, column in enumerate(COLUMNS)
        ],
        maximum=36,
    )
    set_row_height(ws, HEADER_ROW, [c.header for c in COLUMNS], widths)

    for offset, row in enumerate(rows):
        row_number = HEADER_ROW + 1 + offset
        for index, value in enumerate(row, start=1):
            cell = set_text(ws.cell(row_number, index), value)
            cell.font = BODY_FONT
            cell.alignment = WRAP
            cell.border = BORDER
        set_row_height(ws, row_number, row, widths)

    ws.freeze_panes = ws.cell(HEADER_ROW + 1, 1)
    prepare_for_print(ws, f"{HEADER_ROW}:{HEADER_ROW}", landscape=landscape_for(widths))
    wb.properties.title = attachment1_title(batch)
    wb.properties.creator = batch.notice_number

    buffer = BytesIO()
    wb.save(buffer)
    return buffer.getvalue()
