"""The national workbook for 职教所: every included row, each unit's summary, each
certificate, and the unit × certificate matrix.

Written in openpyxl's write-only mode from a streamed query, so that memory stays flat
whatever the number of rows.
"""

from collections.abc import Iterable
from io import BytesIO
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from certificates.models import Batch, Level
from certificates.xlsx import CellStyle

from ..models import SCHOOL_TYPE_LABELS, PilotRow, format_certificate_and_levels, format_remarks
from ..national import (
    TYPE_LABELS,
    certificate_totals,
    included_filings,
    national_summary,
    unit_figures,
)
from . import layout

BOLD = Font(bold=True)


def national_filename(batch: Batch, include_submitted: bool) -> str:
    scope = "已确认和已提交" if include_submitted else "已确认"
    return f"{batch.name}全国汇总（{scope}）.xlsx"


class SheetWriter:
    """Appends rows to a write-only sheet: bare values (the fast path), text never a
    formula, a bold style for headings and totals."""

    def __init__(self, wb: Workbook, title: str, headers: list[str], widths: list[int]) -> None:
        self.ws = wb.create_sheet(title)
        for index, width in enumerate(widths, start=1):
            self.ws.column_dimensions[get_column_letter(index)].width = width
        self.ws.freeze_panes = "A2"
        self.plain = CellStyle(self.ws)
        self.bold = CellStyle(self.ws, font=BOLD)
        self.columns = len(headers)
        self.rows = 0
        self.append(headers, bold=True)

    def append(self, values: Iterable[Any], bold: bool = False) -> None:
        if bold:
            self.ws.append([self.bold.cell(v) for v in values])
        else:
            self.ws.append([self.plain.bare(v) for v in values])
        self.rows += 1

    def finish(self, filter_rows: int | None = None) -> None:
        last = filter_rows if filter_rows is not None else self.rows
        if last >= 1:
            self.ws.auto_filter.ref = f"A1:{get_column_letter(self.columns)}{last}"


ROW_FIELDS = (
    "filing__unit__name",
    "school__name",
    "school__school_type",
    "school__statuses",
    "school__remarks",
    "certificate_id",
    "certificate__name",
    "level_junior",
    "level_intermediate",
    "level_senior",
    "majors",
    "major_count",
    "student_count",
)
LEVEL_ORDER = (Level.JUNIOR, Level.INTERMEDIATE, Level.SENIOR)


def _all_rows_sheet(wb: Workbook) -> SheetWriter:
    return SheetWriter(
        wb,
        "全部试点行",
        ["报送单位", *(c.header for c in layout.COLUMNS)],
        [16, *(c.width for c in layout.COLUMNS)],
    )


def _certificate_sheets(wb: Workbook, totals) -> dict[int, SheetWriter]:
    headers = [
        "报送单位",
        "试点院校名称",
        "学校类型",
        *(lv.label for lv in LEVEL_ORDER),
        "参与试点专业名称",
        "学生规模",
    ]
    return {
        t.certificate.pk: SheetWriter(
            wb, t.certificate.name[:31], headers, [16, 30, 12, 6, 6, 6, 30, 10]
        )
        for t in totals
    }


def _stream_rows(filings, all_rows: SheetWriter, by_certificate: dict[int, SheetWriter]) -> None:
    """The sheet of all rows and the sheets per certificate, filled in one streamed pass:
    plain values from the database, formatted as the unit's own table formats them."""
    rows = (
        PilotRow.objects.filter(filing__in=filings)
        .order_by("filing__unit__code", "school__name_key", "certificate__position")
        .values_list(*ROW_FIELDS)
    )
    unit, index = None, 0
    for (
        unit_name,
        school,
        school_type,
        statuses,
        remarks,
        certificate_id,
        certificate,
        junior,
        intermediate,
        senior,
        majors,
        major_count,
        students,
    ) in rows.iterator(chunk_size=2000):
        if unit_name != unit:
            unit, index = unit_name, 0
        index += 1
        flags = (junior, intermediate, senior)
        levels = [level for level, chosen in zip(LEVEL_ORDER, flags, strict=True) if chosen]
        majors_text = layout.MAJOR_SEPARATOR.join(m.get("name", "") for m in majors or [])
        type_label = SCHOOL_TYPE_LABELS.get(school_type, school_type)
        all_rows.append(
            [
                unit_name,
                index,
                school,
                type_label,
                format_certificate_and_levels(certificate, levels),
                major_count,
                majors_text,
                students,
                format_remarks(statuses, remarks),
            ]
        )
        by_certificate[certificate_id].append(
            [
                unit_name,
                school,
                type_label,
                *("✓" if chosen else None for chosen in flags),
                majors_text,
                students,
            ]
        )
    all_rows.finish()
    for sheet in by_certificate.values():
        sheet.finish()


def _units_sheet(wb: Workbook, units) -> None:
    labels = [label for label, _ in layout.SUMMARY_LINES]
    headers = ["代码", "报送单位", "状态", "提交时间", "试点行数", *labels]
    sheet = SheetWriter(wb, "各单位汇总", headers, [8, 18, 8, 18, 10, *[14] * len(labels)])
    for line in units:
        filing = line.filing
        submitted = (
            filing.submitted_at.strftime("%Y-%m-%d %H:%M") if filing and filing.submitted_at else ""
        )
        sheet.append(
            [
                line.unit.code,
                line.unit.name,
                filing.get_state_display() if filing else "",
                submitted,
                line.summary.rows,
                *(getattr(line.summary, attr) for _, attr in layout.SUMMARY_LINES),
            ]
        )
    rows_before_total = sheet.rows
    total = national_summary(units)
    sheet.append(
        ["", "全国合计", "", "", total.rows, *(getattr(total, a) for _, a in layout.SUMMARY_LINES)],
        bold=True,
    )
    sheet.finish(filter_rows=rows_before_total)


def _certificates_sheet(wb: Workbook, totals) -> None:
    levels = list(Level)
    headers = [
        "证书",
        "培训评价组织",
        "试点行数",
        "试点院校数",
        "学生规模",
        *(f"{lv.label}行数" for lv in levels),
        *(f"{lv.label}学生" for lv in levels),
        *(f"{label}院校" for label in TYPE_LABELS.values()),
    ]
    sheet = SheetWriter(wb, "各证书", headers, [22, 30, *[10] * (len(headers) - 2)])
    for total in totals:
        sheet.append(
            [
                total.certificate.name,
                total.certificate.organization.name,
                total.rows,
                total.schools,
                total.students,
                *(total.rows_by_level[lv.value] for lv in levels),
                *(total.students_by_level[lv.value] for lv in levels),
                *(total.schools_by_type[group] for group in TYPE_LABELS),
            ]
        )
    rows_before_total = sheet.rows
    sheet.append(
        [
            "合计",
            "",
            sum(t.rows for t in totals),
            "",
            sum(t.students for t in totals),
            *(sum(t.rows_by_level[lv.value] for t in totals) for lv in levels),
            *(sum(t.students_by_level[lv.value] for t in totals) for lv in levels),
        ],
        bold=True,
    )
    sheet.finish(filter_rows=rows_before_total)


def _matrix_sheet(wb: Workbook, units, totals) -> None:
    certificates = [t.certificate for t in totals]
    headers = ["报送单位", *(c.name for c in certificates), "合计"]
    sheet = SheetWriter(wb, "单位×证书（行数）", headers, [18, *[12] * len(certificates), 10])
    for line in units:
        counts = [line.rows_by_certificate.get(c.pk, 0) for c in certificates]
        sheet.append([line.unit.name, *counts, sum(counts)])
    rows_before_total = sheet.rows
    column_totals = [sum(u.rows_by_certificate.get(c.pk, 0) for u in units) for c in certificates]
    sheet.append(["合计", *column_totals, sum(column_totals)], bold=True)
    sheet.finish(filter_rows=rows_before_total)


def build_national_workbook(batch: Batch, include_submitted: bool) -> bytes:
    filings = included_filings(batch, include_submitted)
    units = unit_figures(batch, filings)
    totals = certificate_totals(batch, filings)
    wb = Workbook(write_only=True)
    # Sheets appear in the order they are created, and rows may go to any of them until
    # the workbook is saved: the summaries are written at once, the rows streamed last.
    all_rows = _all_rows_sheet(wb)
    _units_sheet(wb, units)
    _certificates_sheet(wb, totals)
    _matrix_sheet(wb, units, totals)
    _stream_rows(filings, all_rows, _certificate_sheets(wb, totals))
    wb.properties.title = national_filename(batch, include_submitted)
    buffer = BytesIO()
    wb.save(buffer)
    return buffer.getvalue()
