"""The national workbook for 职教所: every included row, each unit's summary, each
certificate, and the unit × certificate matrix.

Written in openpyxl's write-only mode from a streamed query, so that memory stays flat
whatever the number of rows.
"""

from collections.abc import Iterable
from io import BytesIO
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from certificates.models import Batch, Level
from certificates.xlsx import FORMULA_TRIGGERS

from ..models import PilotRow
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
    """Appends rows to a write-only sheet; text is always text, never a formula."""

    def __init__(self, wb: Workbook, title: str, headers: list[str], widths: list[int]) -> None:
        self.ws = wb.create_sheet(title)
        for index, width in enumerate(widths, start=1):
            self.ws.column_dimensions[get_column_letter(index)].width = width
        self.ws.freeze_panes = "A2"
        self.columns = len(headers)
        self.rows = 0
        self.append(headers, bold=True)

    def cell(self, value: Any, bold: bool = False) -> WriteOnlyCell:
        cell = WriteOnlyCell(self.ws, value=value)
        if isinstance(value, str) and value:
            cell.data_type = "s"
            if value.startswith(FORMULA_TRIGGERS):
                cell.quotePrefix = True
        if bold:
            cell.font = BOLD
        return cell

    def append(self, values: Iterable[Any], bold: bool = False) -> None:
        self.ws.append([self.cell(v, bold) for v in values])
        self.rows += 1

    def finish(self, filter_rows: int | None = None) -> None:
        last = filter_rows if filter_rows is not None else self.rows
        if last >= 1:
            self.ws.auto_filter.ref = f"A1:{get_column_letter(self.columns)}{last}"


def _rows_sheet(wb: Workbook, filings) -> None:
    headers = ["报送单位", *(c.header for c in layout.COLUMNS)]
    widths = [16, *(c.width for c in layout.COLUMNS)]
    sheet = SheetWriter(wb, "全部试点行", headers, widths)
    rows = (
        PilotRow.objects.filter(filing__in=filings)
        .select_related("school", "certificate", "filing__unit")
        .order_by("filing__unit__code", "school__name_key", "certificate__position")
    )
    unit_code, index = None, 0
    for row in rows.iterator(chunk_size=2000):
        if row.filing.unit.code != unit_code:
            unit_code, index = row.filing.unit.code, 0
        index += 1
        sheet.append(
            [
                row.filing.unit.name,
                index,
                row.school.name,
                row.school.get_school_type_display(),
                row.certificate_and_levels(),
                row.major_count,
                layout.MAJOR_SEPARATOR.join(row.major_names),
                row.student_count,
                row.school.remarks_text(),
            ]
        )
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


def _certificate_sheets(wb: Workbook, filings, totals) -> None:
    """One sheet per certificate: the schools piloting it, with their levels and students."""
    levels = list(Level)
    headers = [
        "报送单位",
        "试点院校名称",
        "学校类型",
        *(lv.label for lv in levels),
        "参与试点专业名称",
        "学生规模",
    ]
    widths = [16, 30, 12, 6, 6, 6, 30, 10]
    rows = (
        PilotRow.objects.filter(filing__in=filings)
        .select_related("school", "filing__unit")
        .order_by("certificate__position", "filing__unit__code", "school__name_key")
        .only(
            "certificate_id",
            "level_junior",
            "level_intermediate",
            "level_senior",
            "majors",
            "student_count",
            "school__name",
            "school__school_type",
            "filing__unit__name",
        )
    )
    sheets = {
        t.certificate.pk: SheetWriter(wb, t.certificate.name[:31], headers, widths) for t in totals
    }
    for row in rows.iterator(chunk_size=2000):
        sheets[row.certificate_id].append(
            [
                row.filing.unit.name,
                row.school.name,
                row.school.get_school_type_display(),
                *("✓" if lv in row.levels else "" for lv in levels),
                layout.MAJOR_SEPARATOR.join(row.major_names),
                row.student_count,
            ]
        )
    for sheet in sheets.values():
        sheet.finish()


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
    _rows_sheet(wb, filings)
    _units_sheet(wb, units)
    _certificates_sheet(wb, totals)
    _matrix_sheet(wb, units, totals)
    _certificate_sheets(wb, filings, totals)
    wb.properties.title = national_filename(batch, include_submitted)
    buffer = BytesIO()
    wb.save(buffer)
    return buffer.getvalue()
