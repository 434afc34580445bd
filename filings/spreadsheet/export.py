"""Attachment 2 as the .xlsx to print, stamp and scan, with the evidence on a second sheet."""

from io import BytesIO
from typing import Any

from django.db.models import QuerySet
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from certificates.xlsx import (
    BORDER,
    HEADER_FONT,
    WRAP,
    WRAP_CENTER,
    CellStyle,
    prepare_for_print,
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


class TableStyles:
    """The few styles the table uses, registered once per sheet."""

    def __init__(self, ws) -> None:
        self.title = CellStyle(ws, font=Font(bold=True, size=16), alignment=WRAP_CENTER)
        self.label = CellStyle(ws, alignment=LEFT)
        self.header = CellStyle(ws, font=HEADER_FONT, alignment=WRAP_CENTER, border=BORDER)
        self.text = CellStyle(ws, alignment=WRAP, border=BORDER)
        self.number = CellStyle(ws, alignment=WRAP_CENTER, border=BORDER)
        self.bold_center = CellStyle(ws, font=HEADER_FONT, alignment=WRAP_CENTER, border=BORDER)
        self.note_heading = CellStyle(ws, font=HEADER_FONT)


def _widths(ws, columns) -> None:
    for index, column in enumerate(columns, start=1):
        ws.column_dimensions[get_column_letter(index)].width = column.width


def _merge(ws, row: int, first: int, last: int, last_row: int | None = None) -> None:
    ws.merged_cells.add(
        f"{get_column_letter(first)}{row}:{get_column_letter(last)}{last_row or row}"
    )


class TableWriter:
    """Attachment 2 in write-only mode: the lines above the table, the rows as they
    come, then the summary block and the notes."""

    def __init__(self, wb: Workbook, filing: Filing) -> None:
        self.ws = ws = wb.create_sheet(layout.SHEET_TITLE)
        self.style = style = TableStyles(ws)
        self.width = width = len(layout.COLUMNS)
        _widths(ws, layout.COLUMNS)
        ws.row_dimensions[1].height = 32
        ws.row_dimensions[2].height = ws.row_dimensions[3].height = 36
        ws.row_dimensions[self.HEADER_ROW].height = 36
        ws.freeze_panes = f"A{self.HEADER_ROW + 1}"
        prepare_for_print(ws, f"{self.HEADER_ROW}:{self.HEADER_ROW}")

        ws.append([style.title.cell(layout.TITLE)])
        _merge(ws, 1, 1, width)
        # 报送单位(盖章): …   联系人: …   with room to stamp beside the unit's name.
        for line, (left_label, left, right_label, right) in enumerate(
            (
                (layout.UNIT_LABEL, filing.unit.name, layout.CONTACT_LABEL, filing.contact_name),
                (
                    layout.PHONE_LABEL,
                    filing.contact_phone,
                    layout.EMAIL_LABEL,
                    filing.contact_email,
                ),
            ),
            start=2,
        ):
            label = style.label
            ws.append(
                [
                    label.cell(left_label),
                    None,
                    label.cell(left),
                    None,
                    None,
                    label.cell(right_label),
                    label.cell(right),
                ]
            )
            _merge(ws, line, 1, 2)
            _merge(ws, line, 3, 5)
            _merge(ws, line, 7, 8)
        ws.append([style.header.cell(column.header) for column in layout.COLUMNS])
        self.line = self.HEADER_ROW
        self.cell_styles = [style.number if c.number else style.text for c in layout.COLUMNS]

    HEADER_ROW = 4

    def row(self, values: list[Any]) -> None:
        self.ws.append([s.cell(v) for s, v in zip(self.cell_styles, values, strict=True)])
        self.line += 1

    def finish(self, summary: Summary) -> None:
        ws, style, width = self.ws, self.style, self.width
        first = self.line + 1
        for offset, (label, attribute) in enumerate(layout.SUMMARY_LINES):
            cells = [style.text.cell(None) for _ in range(width)]
            if offset == 0:
                cells[0] = style.bold_center.cell(layout.SUMMARY_HEADING)
            cells[layout.SUMMARY_LABEL_COLUMN - 1] = style.text.cell(label)
            cells[layout.SUMMARY_VALUE_COLUMN - 1] = style.number.cell(getattr(summary, attribute))
            ws.row_dimensions[first + offset].height = 20
            ws.append(cells)
        last = first + len(layout.SUMMARY_LINES) - 1
        _merge(ws, first, 1, layout.SUMMARY_LABEL_COLUMN - 1, last)
        ws.append([])
        notes = last + 2
        ws.append([style.note_heading.cell(layout.NOTES_HEADING)])
        for offset, note in enumerate(layout.NOTES, start=1):
            ws.append([style.label.cell(note)])
            _merge(ws, notes + offset, 1, width)
        ws.print_area = f"A1:{get_column_letter(width)}{notes + len(layout.NOTES)}"


class EvidenceWriter:
    def __init__(self, wb: Workbook) -> None:
        self.ws = ws = wb.create_sheet(layout.EVIDENCE_SHEET_TITLE)
        style = TableStyles(ws)
        _widths(ws, layout.EVIDENCE_COLUMNS)
        ws.row_dimensions[1].height = 32
        ws.row_dimensions[layout.EVIDENCE_HEADER_ROW].height = 48
        ws.freeze_panes = f"C{layout.EVIDENCE_HEADER_ROW + 1}"
        prepare_for_print(ws, f"{layout.EVIDENCE_HEADER_ROW}:{layout.EVIDENCE_HEADER_ROW}")
        ws.append([style.label.cell(layout.EVIDENCE_NOTE)])
        _merge(ws, 1, 1, len(layout.EVIDENCE_COLUMNS))
        ws.append([style.header.cell(c.header) for c in layout.EVIDENCE_COLUMNS])
        self.plain = CellStyle(ws)

    def row(self, values: list[Any]) -> None:
        # Not printed: bare values, which write several times faster than styled cells.
        # Text still never becomes a formula.
        self.ws.append([self.plain.bare(v) for v in values])


def export_rows(filing: Filing) -> QuerySet[PilotRow]:
    """The rows in the table's order: a school's rows together, certificates in the notice's
    order."""
    return (
        PilotRow.objects.filter(filing=filing)
        .select_related("school", "certificate")
        .order_by("school__name_key", "certificate__position")
    )


def build_attachment2(filing: Filing) -> bytes:
    """The workbook, written in openpyxl's write-only mode from a streamed query: time and
    memory stay close to writing the bare values, whatever the number of rows."""
    summary = summarize(filing)
    wb = Workbook(write_only=True)
    table = TableWriter(wb, filing)
    evidence = EvidenceWriter(wb)
    for index, row in enumerate(export_rows(filing).iterator(chunk_size=1000), start=1):
        table.row(table_values(row, index))
        evidence.row(evidence_values(row, index))
    table.finish(summary)
    wb.properties.title = f"{filing.unit.name} {layout.TITLE}"
    wb.properties.subject = f"{filing.batch.notice_number} 附件2，表格版本 {filing.revision}"
    buffer = BytesIO()
    wb.save(buffer)
    return buffer.getvalue()
