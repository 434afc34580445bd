"""The national workbook for 职教所: every included row, each unit's summary, each
certificate, and the unit × certificate matrix.

Written in write-only mode from a streamed query, so that memory stays flat whatever the
number of rows. Every sheet prints (printed_sheet.SheetWriter): one A4 page wide, its header
row on every page, each row as tall as its wrapped text, the pages named and numbered.
"""

from io import BytesIO
from typing import Any, NamedTuple

from django.utils import timezone
from openpyxl import Workbook

from certificates.models import Batch, Level
from certificates.xlsx import beijing_time, new_workbook

from ..models import SCHOOL_TYPE_LABELS, PilotRow, format_certificate_and_levels, format_remarks
from ..national import (
    TYPE_LABELS,
    certificate_totals,
    included_filings,
    national_summary,
    unit_figures,
)
from . import layout
from .printed_sheet import PageText, SheetWriter


def national_filename(batch: Batch, include_submitted: bool) -> str:
    return f"{national_title(batch, include_submitted)}.xlsx"


def national_title(batch: Batch, include_submitted: bool) -> str:
    scope = "已确认和已提交" if include_submitted else "已确认"
    return f"{batch.name}全国汇总（{scope}）"


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


# 报送单位 fits 新疆维吾尔自治区 and 新疆生产建设兵团 on one line.
UNIT_WIDTH = 18


def _all_rows_sheet(wb: Workbook, page: PageText) -> SheetWriter:
    return SheetWriter(
        wb,
        "全部试点行",
        ["报送单位", *(c.header for c in layout.COLUMNS)],
        [UNIT_WIDTH, *(c.width for c in layout.COLUMNS)],
        page,
    )


def _certificate_sheets(wb: Workbook, totals, page: PageText) -> dict[int, SheetWriter]:
    headers = [
        "报送单位",
        "试点院校名称",
        "学校类型",
        *(lv.label for lv in LEVEL_ORDER),
        "参与试点专业名称",
        "学生规模",
    ]
    # Wide enough for most schools' names and majors on one line, within a landscape page.
    widths = [UNIT_WIDTH, 30, 14, 5, 5, 5, 44, 9]
    return {
        t.certificate.pk: SheetWriter(wb, t.certificate.name[:31], headers, widths, page)
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
    for values in rows.iterator(chunk_size=2000):
        line = NationalRow(*values)
        if line.unit_name != unit:
            unit, index = line.unit_name, 0
        index += 1
        all_cells, certificate_cells = line.cells(index)
        all_rows.append(all_cells)
        by_certificate[line.certificate_id].append(certificate_cells)
    all_rows.finish()
    for sheet in by_certificate.values():
        sheet.finish()


class NationalRow(NamedTuple):
    """One pilot row as read for the national workbook (ROW_FIELDS, in order)."""

    unit_name: str
    school: str
    school_type: str
    statuses: str
    remarks: str
    certificate_id: int
    certificate: str
    junior: bool
    intermediate: bool
    senior: bool
    majors: list | None
    major_count: int | None
    students: int | None

    def cells(self, index: int) -> tuple[list[Any], list[Any]]:
        """Its line of 全部试点行 (the unit, then the columns of Attachment 2) and its line of
        its certificate's sheet (a tick under each level)."""
        flags = (self.junior, self.intermediate, self.senior)
        levels = [level for level, chosen in zip(LEVEL_ORDER, flags, strict=True) if chosen]
        majors = layout.MAJOR_SEPARATOR.join(m.get("name", "") for m in self.majors or [])
        type_label = SCHOOL_TYPE_LABELS.get(self.school_type, self.school_type)
        return (
            [
                self.unit_name,
                index,
                self.school,
                type_label,
                format_certificate_and_levels(self.certificate, levels),
                self.major_count,
                majors,
                self.students,
                format_remarks(self.statuses, self.remarks),
            ],
            [
                self.unit_name,
                self.school,
                type_label,
                *("✓" if chosen else None for chosen in flags),
                majors,
                self.students,
            ],
        )


def _units_sheet(wb: Workbook, units, page: PageText, lines: list[tuple[str, str]]) -> None:
    labels = [label for label, _ in lines]
    headers = ["代码", "报送单位", "状态", "提交时间（北京时间）", "试点行数", *labels]
    widths = [8, UNIT_WIDTH, 8, 21, 8, *[12] * len(labels)]
    sheet = SheetWriter(wb, "各单位汇总", headers, widths, page)
    for line in units:
        filing = line.filing
        # Stored in UTC; the pages show Beijing time, and say so in the heading.
        submitted = beijing_time(filing.submitted_at) if filing and filing.submitted_at else ""
        sheet.append(
            [
                line.unit.code,
                line.unit.name,
                filing.get_state_display() if filing else "",
                submitted,
                line.summary.rows,
                *(getattr(line.summary, attr) for _, attr in lines),
            ]
        )
    rows_before_total = sheet.rows
    total = national_summary(units)
    sheet.append(
        ["", "全国合计", "", "", total.rows, *(getattr(total, a) for _, a in lines)],
        bold=True,
    )
    sheet.finish(filter_rows=rows_before_total)


def _certificates_sheet(wb: Workbook, totals, page: PageText) -> None:
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
    sheet = SheetWriter(wb, "各证书", headers, [22, 32, *[8] * (len(headers) - 2)], page)
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


def _matrix_sheet(wb: Workbook, units, totals, page: PageText) -> None:
    certificates = [t.certificate for t in totals]
    headers = ["报送单位", *(c.name for c in certificates), "合计"]
    widths = [UNIT_WIDTH, *[12] * len(certificates), 8]
    sheet = SheetWriter(wb, "单位×证书（行数）", headers, widths, page)
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
    page = PageText(national_title(batch, include_submitted), timezone.now())
    wb = new_workbook(write_only=True)
    # Sheets appear in the order they are created, and rows may go to any of them until
    # the workbook is saved: the summaries are written at once, the rows streamed last.
    all_rows = _all_rows_sheet(wb, page)
    _units_sheet(wb, units, page, layout.summary_lines(batch))
    _certificates_sheet(wb, totals, page)
    _matrix_sheet(wb, units, totals, page)
    _stream_rows(filings, all_rows, _certificate_sheets(wb, totals, page))
    wb.properties.title = national_title(batch, include_submitted)
    buffer = BytesIO()
    wb.save(buffer)
    return buffer.getvalue()
