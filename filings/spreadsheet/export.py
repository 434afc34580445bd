"""Attachment 2 as the .xlsx to print, stamp and scan, with the evidence on a hidden sheet."""

from io import BytesIO
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.utils import get_column_letter

from certificates.sheet_xml import SizedRows
from certificates.xlsx import (
    BODY_FONT,
    BORDER,
    HEADER_FONT,
    SONG,
    SONG_TITLE,
    TITLE_SIZE,
    WRAP,
    WRAP_CENTER,
    WRAP_LEFT,
    CellStyle,
    cjk_font,
    exported_text,
    new_workbook,
    prepare_for_print,
    write_only_sheet,
)

from ..models import Facilities, Filing, PilotRow
from ..summary import Summary, summarize
from . import layout


def export_filename(filing: Filing) -> str:
    return f"{filing.unit.name}-{layout.title(filing.batch)}-版本{filing.revision}.xlsx"


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
    """The few styles the table uses, registered once per sheet; every printed cell names
    the Chinese font (certificates.xlsx.cjk_font)."""

    def __init__(self, ws) -> None:
        self.title = CellStyle(ws, font=cjk_font(TITLE_SIZE, bold=True), alignment=WRAP_CENTER)
        self.label = CellStyle(ws, font=BODY_FONT, alignment=WRAP_LEFT)
        self.header = CellStyle(ws, font=HEADER_FONT, alignment=WRAP_CENTER, border=BORDER)
        self.text = CellStyle(ws, font=BODY_FONT, alignment=WRAP, border=BORDER)
        self.number = CellStyle(ws, font=BODY_FONT, alignment=WRAP_CENTER, border=BORDER)
        self.note_heading = CellStyle(ws, font=HEADER_FONT, alignment=WRAP_LEFT)


def _widths(ws, columns) -> None:
    for index, column in enumerate(columns, start=1):
        ws.column_dimensions[get_column_letter(index)].width = column.width


def _merge(ws, row: int, first: int, last: int, last_row: int | None = None) -> None:
    ws.merged_cells.add(
        f"{get_column_letter(first)}{row}:{get_column_letter(last)}{last_row or row}"
    )


# The header lines above the table: 报送单位(盖章): … 联系人: …, each label and value in its
# merged cells (first and last column).
HEADER_LINE_CELLS = [(1, 2), (3, 5), (6, 6), (7, 8)]


def version_footer(filing: Filing, exported) -> str:
    """What matches a stamped scan to the table it was printed from: the version (the same
    number as in the file's name) and the export time, in Beijing time."""
    return f"表格版本 {filing.revision} · {exported_text(exported)}"


class TableWriter:
    """Attachment 2 in write-only mode: the lines above the table, the rows as they come, then
    the summary block and the notes. Every row gets the height of its wrapped text, computed
    from the text and the column widths (certificates.xlsx.SONG) before it is written:
    a write-only sheet cannot go back to a row."""

    HEADER_ROW = 4

    def __init__(self, wb: Workbook, filing: Filing, exported) -> None:
        self.ws = ws = write_only_sheet(wb, layout.SHEET_TITLE)
        self.batch = filing.batch
        self.style = style = TableStyles(ws)
        self.widths = widths = [c.width for c in layout.COLUMNS]
        self.width = width = len(layout.COLUMNS)
        self.rows = SizedRows(ws)
        _widths(ws, layout.COLUMNS)
        ws.freeze_panes = f"A{self.HEADER_ROW + 1}"
        prepare_for_print(
            ws,
            f"{self.HEADER_ROW}:{self.HEADER_ROW}",
            footer_left=filing.unit.name,
            footer_right=version_footer(filing, exported),
        )

        text = layout.title(filing.batch)
        self._append([style.title.cell(text)], SONG_TITLE.row_height([text], [sum(widths)]) + 8)
        _merge(ws, 1, 1, width)
        # 报送单位(盖章): …   联系人: …   with room to stamp beside the unit's name.
        spans = [sum(widths[first - 1 : last]) for first, last in HEADER_LINE_CELLS]
        for values in (
            (layout.UNIT_LABEL, filing.unit.name, layout.CONTACT_LABEL, filing.contact_name),
            (layout.PHONE_LABEL, filing.contact_phone, layout.EMAIL_LABEL, filing.contact_email),
        ):
            cells = [None] * width
            for (first, last), value in zip(HEADER_LINE_CELLS, values, strict=True):
                cells[first - 1] = style.label.cell(value)
                if last > first:
                    _merge(ws, self.rows.count + 1, first, last)
            self._append(cells, max(SONG.row_height(values, spans), 28))
        headers = [column.header for column in layout.COLUMNS]
        self._append([style.header.cell(h) for h in headers], SONG.row_height(headers, widths))
        # Numbers and the 序号 centred, text from the left.
        self.cell_styles = [
            style.number if c.number or c.key == "index" else style.text for c in layout.COLUMNS
        ]

    def _append(self, cells: list[Any], height: float) -> None:
        self.rows.append(cells, height)

    def row(self, values: list[Any]) -> None:
        self._append(
            [s.cell(v) for s, v in zip(self.cell_styles, values, strict=True)],
            SONG.row_height(values, self.widths),
        )

    def finish(self, summary: Summary, certificates: int) -> None:
        """The summary block and the notes; `certificates`: how many the batch has (note 3)."""
        ws, style, width = self.ws, self.style, self.width
        first = self.rows.count + 1
        label_column, value_column = layout.SUMMARY_LABEL_COLUMN, layout.SUMMARY_VALUE_COLUMN
        label_width = self.widths[label_column - 1]
        for offset, (label, attribute) in enumerate(layout.summary_lines(self.batch)):
            cells = [style.text.cell(None) for _ in range(width)]
            if offset == 0:
                cells[0] = style.header.cell(layout.SUMMARY_HEADING)
            cells[label_column - 1] = style.text.cell(label)
            cells[value_column - 1] = style.number.cell(getattr(summary, attribute))
            self._append(cells, SONG.row_height([label], [label_width]))
        _merge(ws, first, 1, label_column - 1, self.rows.count)
        self._append([], SONG.height())
        self._append([style.note_heading.cell(layout.NOTES_HEADING)], SONG.height())
        # The notes run across the table's whole width.
        for note in layout.notes(self.batch, certificates):
            self._append([style.label.cell(note)], SONG.row_height([note], [sum(self.widths)]))
            _merge(ws, self.rows.count, 1, width)
        ws.print_area = f"A1:{get_column_letter(width)}{self.rows.count}"


class EvidenceWriter:
    """The evidence Attachment 2 has no column for, read back by the importer (by the sheet's
    name and EVIDENCE_HEADER_ROW) so that export and import lose nothing.

    The sheet is hidden: printing the workbook must print the stamped table alone, and its page
    count must be the table's. A hidden sheet is left out when LibreOffice prints or exports
    the workbook and when Excel prints the entire workbook, and stays in the file for the
    round trip (a print area or a print range per sheet is not honoured alike by both).
    """

    def __init__(self, wb: Workbook) -> None:
        self.ws = ws = write_only_sheet(wb, layout.EVIDENCE_SHEET_TITLE)
        ws.sheet_state = "hidden"
        style = TableStyles(ws)
        widths = [c.width for c in layout.EVIDENCE_COLUMNS]
        _widths(ws, layout.EVIDENCE_COLUMNS)
        ws.row_dimensions[1].height = SONG.row_height([layout.EVIDENCE_NOTE], [sum(widths)])
        ws.row_dimensions[layout.EVIDENCE_HEADER_ROW].height = SONG.row_height(
            [c.header for c in layout.EVIDENCE_COLUMNS], widths
        )
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
    wb = new_workbook(write_only=True)
    table = TableWriter(wb, filing, timezone.now())
    evidence = EvidenceWriter(wb)
    for index, row in enumerate(export_rows(filing).iterator(chunk_size=1000), start=1):
        table.row(table_values(row, index))
        evidence.row(evidence_values(row, index))
    table.finish(summary, filing.batch.certificates.count())
    wb.properties.title = f"{filing.unit.name} {layout.title(filing.batch)}"
    wb.properties.subject = f"{filing.batch.notice_number} 附件2，表格版本 {filing.revision}"
    buffer = BytesIO()
    wb.save(buffer)
    return buffer.getvalue()
