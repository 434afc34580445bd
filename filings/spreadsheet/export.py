"""Attachment 2 as the .xlsx to print, stamp and scan, with the evidence on a second sheet."""

from io import BytesIO
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from certificates.xlsx import (
    BORDER,
    HEADER_FONT,
    WRAP,
    WRAP_CENTER,
    prepare_for_print,
    set_row_height,
    set_text,
)

from ..models import Facilities, Filing, PilotRow
from ..summary import Summary, summarize
from . import layout

LEFT = Alignment(wrap_text=True, vertical="center", horizontal="left")


def export_filename(filing: Filing) -> str:
    return f"{filing.unit.name}-{layout.TITLE}-版本{filing.revision}.xlsx"


def _yes_no(value: bool | None) -> str:
    return {True: layout.YES, False: layout.NO, None: layout.UNKNOWN}[value]


def enrolment_text(majors: list[dict[str, Any]]) -> str:
    """电子商务（2017、2018、2019）；市场营销（未填写）"""
    parts = []
    for major in majors or []:
        years = major.get("years")
        if years is None:
            detail = "未填写"
        elif not years:
            detail = "无"
        else:
            detail = "、".join(str(y) for y in sorted(years))
        parts.append(f"{major.get('name', '')}（{detail}）")
    return layout.REMARK_SEPARATOR.join(parts)


def table_values(row: PilotRow, index: int) -> list[Any]:
    """The eight cells of one row of Attachment 2, in the layout's order."""
    values = {
        "index": index,
        "school": row.school.name,
        "school_type": row.school.get_school_type_display(),
        "certificate": row.certificate_and_levels(),
        "major_count": row.major_count,
        "majors": layout.MAJOR_SEPARATOR.join(row.major_names),
        "student_count": row.student_count,
        "remarks": row.school.remarks_text(),
    }
    return [values[column.key] for column in layout.COLUMNS]


def evidence_values(row: PilotRow, index: int) -> list[Any]:
    values = {
        "index": index,
        "school": row.school.name,
        "certificate": row.certificate.name,
        "school_code": row.school.school_code,
        "enrolment": enrolment_text(row.majors),
        "team_size": row.team_size,
        "dual_qualified_count": row.dual_qualified_count,
        "industry_expert_count": row.industry_expert_count,
        "innovation_team": _yes_no(row.innovation_team),
        "training_experience": _yes_no(row.training_experience),
        "training_experience_note": row.training_experience_note,
        "teaching_resources": _yes_no(row.teaching_resources),
        "teaching_resources_note": row.teaching_resources_note,
        "facilities": Facilities(row.facilities).label if row.facilities else "",
        "facilities_note": row.facilities_note,
        "management": _yes_no(row.management),
        "management_note": row.management_note,
    }
    return [values[column.key] for column in layout.EVIDENCE_COLUMNS]


def _header_cell(ws: Worksheet, row: int, column: int, text: str) -> None:
    cell = set_text(ws.cell(row, column), text)
    cell.font = HEADER_FONT
    cell.alignment = WRAP_CENTER
    cell.border = BORDER


def _write_table(ws: Worksheet, filing: Filing, rows: list[PilotRow], summary: Summary) -> None:
    width = len(layout.COLUMNS)
    for index, column in enumerate(layout.COLUMNS, start=1):
        ws.column_dimensions[get_column_letter(index)].width = column.width
    widths = [float(c.width) for c in layout.COLUMNS]

    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=width)
    title = set_text(ws.cell(1, 1), layout.TITLE)
    title.font = Font(bold=True, size=16)
    title.alignment = WRAP_CENTER
    ws.row_dimensions[1].height = 32

    # 报送单位(盖章): …   联系人: …   (room to stamp beside the unit's name)
    set_text(ws.cell(2, 1), layout.UNIT_LABEL).alignment = LEFT
    ws.merge_cells(start_row=2, start_column=1, end_row=2, end_column=2)
    set_text(ws.cell(2, 3), filing.unit.name).alignment = LEFT
    ws.merge_cells(start_row=2, start_column=3, end_row=2, end_column=5)
    set_text(ws.cell(2, 6), layout.CONTACT_LABEL).alignment = LEFT
    set_text(ws.cell(2, 7), filing.contact_name).alignment = LEFT
    ws.merge_cells(start_row=2, start_column=7, end_row=2, end_column=8)
    set_text(ws.cell(3, 1), layout.PHONE_LABEL).alignment = LEFT
    ws.merge_cells(start_row=3, start_column=1, end_row=3, end_column=2)
    set_text(ws.cell(3, 3), filing.contact_phone).alignment = LEFT
    ws.merge_cells(start_row=3, start_column=3, end_row=3, end_column=5)
    set_text(ws.cell(3, 6), layout.EMAIL_LABEL).alignment = LEFT
    set_text(ws.cell(3, 7), filing.contact_email).alignment = LEFT
    ws.merge_cells(start_row=3, start_column=7, end_row=3, end_column=8)
    ws.row_dimensions[2].height = ws.row_dimensions[3].height = 36

    header_row = 4
    for index, column in enumerate(layout.COLUMNS, start=1):
        _header_cell(ws, header_row, index, column.header)
    ws.row_dimensions[header_row].height = 36

    current = header_row
    for index, row in enumerate(rows, start=1):
        current += 1
        values = table_values(row, index)
        for col, value in enumerate(values, start=1):
            cell = set_text(ws.cell(current, col), value)
            cell.alignment = WRAP_CENTER if layout.COLUMNS[col - 1].number else WRAP
            cell.border = BORDER
        set_row_height(ws, current, values, widths)

    first_summary = current + 1
    for offset, (label, attribute) in enumerate(layout.SUMMARY_LINES):
        line = first_summary + offset
        for col in range(1, width + 1):
            ws.cell(line, col).border = BORDER
        set_text(ws.cell(line, layout.SUMMARY_LABEL_COLUMN), label).alignment = WRAP
        value = ws.cell(line, layout.SUMMARY_VALUE_COLUMN, getattr(summary, attribute))
        value.alignment = WRAP_CENTER
        ws.row_dimensions[line].height = 20
    last_summary = first_summary + len(layout.SUMMARY_LINES) - 1
    ws.merge_cells(
        start_row=first_summary,
        start_column=1,
        end_row=last_summary,
        end_column=layout.SUMMARY_LABEL_COLUMN - 1,
    )
    heading = set_text(ws.cell(first_summary, 1), layout.SUMMARY_HEADING)
    heading.font = HEADER_FONT
    heading.alignment = WRAP_CENTER

    notes = last_summary + 2
    set_text(ws.cell(notes, 1), layout.NOTES_HEADING).font = HEADER_FONT
    for offset, note in enumerate(layout.NOTES, start=1):
        ws.merge_cells(
            start_row=notes + offset, start_column=1, end_row=notes + offset, end_column=width
        )
        set_text(ws.cell(notes + offset, 1), note).alignment = LEFT
        ws.row_dimensions[notes + offset].height = 18

    ws.freeze_panes = ws.cell(header_row + 1, 1)
    prepare_for_print(ws, f"{header_row}:{header_row}")
    ws.print_area = f"A1:{ws.cell(notes + len(layout.NOTES), width).coordinate}"


def _write_evidence(ws: Worksheet, rows: list[PilotRow]) -> None:
    widths = [float(c.width) for c in layout.EVIDENCE_COLUMNS]
    set_text(ws.cell(1, 1), layout.EVIDENCE_NOTE).alignment = LEFT
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(widths))
    ws.row_dimensions[1].height = 32
    for index, column in enumerate(layout.EVIDENCE_COLUMNS, start=1):
        ws.column_dimensions[get_column_letter(index)].width = column.width
        _header_cell(ws, layout.EVIDENCE_HEADER_ROW, index, column.header)
    set_row_height(
        ws, layout.EVIDENCE_HEADER_ROW, [c.header for c in layout.EVIDENCE_COLUMNS], widths
    )
    for index, row in enumerate(rows, start=1):
        line = layout.EVIDENCE_HEADER_ROW + index
        values = evidence_values(row, index)
        for col, value in enumerate(values, start=1):
            cell = set_text(ws.cell(line, col), value)
            cell.alignment = WRAP
            cell.border = BORDER
        set_row_height(ws, line, values, widths)
    ws.freeze_panes = ws.cell(layout.EVIDENCE_HEADER_ROW + 1, 3)
    prepare_for_print(ws, f"{layout.EVIDENCE_HEADER_ROW}:{layout.EVIDENCE_HEADER_ROW}")


def export_rows(filing: Filing) -> list[PilotRow]:
    """The rows in the table's order: a school's rows together, certificates in the notice's
    order."""
    return list(
        PilotRow.objects.filter(filing=filing)
        .select_related("school", "certificate")
        .order_by("school__name_key", "certificate__position")
    )


def build_attachment2(filing: Filing) -> bytes:
    rows = export_rows(filing)
    wb = Workbook()
    table = wb.active
    table.title = layout.SHEET_TITLE
    _write_table(table, filing, rows, summarize(filing))
    _write_evidence(wb.create_sheet(layout.EVIDENCE_SHEET_TITLE), rows)
    wb.properties.title = f"{filing.unit.name} {layout.TITLE}"
    wb.properties.subject = f"{filing.batch.notice_number} 附件2，表格版本 {filing.revision}"
    buffer = BytesIO()
    wb.save(buffer)
    return buffer.getvalue()
