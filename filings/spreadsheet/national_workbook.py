"""The national workbook for 职教所: every included row, each unit's summary, each
certificate, the unit × certificate matrix, and the rows by certificate.

A batch of a few certificates (the second batch's ten) gets a matrix with a column per
certificate and a sheet per certificate; a batch of hundreds a matrix with a line per
certificate and one sheet of rows with the certificate as a filtered column: never hundreds of
sheets or columns.

Written in write-only mode from a streamed query, so that memory stays flat whatever the
number of rows. Every sheet prints (printed_sheet.SheetWriter): one A4 page wide, its header
row on every page, each row as tall as its wrapped text, the pages named and numbered.
"""

from io import BytesIO

from django.utils import timezone
from openpyxl import Workbook

from certificates.models import Batch, Level
from certificates.xlsx import beijing_time, new_workbook

from ..national import (
    TYPE_LABELS,
    certificate_totals,
    included_filings,
    national_summary,
    unit_figures,
)
from . import layout
from .national_rows import (
    CERTIFICATE_WIDTH,
    UNIT_WIDTH,
    all_rows_sheet,
    many_certificates,
    rows_by_certificate,
    stream_rows,
)
from .printed_sheet import PageText, SheetWriter

# A unit's column in the matrix turned around: two Chinese characters a line, so that the
# 33 units fit a landscape page at a legible scale (新疆维吾尔自治区 on four lines).
UNIT_COLUMN_WIDTH = 5


def national_filename(batch: Batch, include_submitted: bool) -> str:
    return f"{national_title(batch, include_submitted)}.xlsx"


def national_title(batch: Batch, include_submitted: bool) -> str:
    scope = "已确认和已提交" if include_submitted else "已确认"
    return f"{batch.name}全国汇总（{scope}）"


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
    """Rows per unit and certificate: a line per unit and a column per certificate, or, for a
    batch of many certificates, a line per certificate and a column per unit."""
    certificates = [t.certificate for t in totals]
    grid = [[u.rows_by_certificate.get(c.pk, 0) for c in certificates] for u in units]
    if many_certificates(len(certificates)):
        title, corner = "证书×单位（行数）", "证书"
        names = [c.name for c in certificates]
        headings = [u.unit.name for u in units]
        grid = [list(column) for column in zip(*grid, strict=True)] if grid else []
        widths = [CERTIFICATE_WIDTH, *[UNIT_COLUMN_WIDTH] * len(units), 8]
    else:
        title, corner = "单位×证书（行数）", "报送单位"
        names = [u.unit.name for u in units]
        headings = [c.name for c in certificates]
        widths = [UNIT_WIDTH, *[12] * len(certificates), 8]
    sheet = SheetWriter(wb, title, [corner, *headings, "合计"], widths, page)
    # Most of hundreds of certificates are piloted in a few provinces: their lines leave the
    # noughts out, so that the counts stand out.
    blank = many_certificates(len(certificates))
    for name, counts in zip(names, grid, strict=False):
        cells = [count or None for count in counts] if blank else counts
        sheet.append([name, *cells, sum(counts)])
    rows_before_total = sheet.rows
    column_totals = [sum(column) for column in zip(*grid, strict=True)] if grid else []
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
    all_rows = all_rows_sheet(wb, page)
    _units_sheet(wb, units, page, layout.summary_lines(batch))
    _certificates_sheet(wb, totals, page)
    _matrix_sheet(wb, units, totals, page)
    by_certificate = rows_by_certificate(wb, totals, page)
    stream_rows(filings, all_rows, by_certificate)
    wb.properties.title = national_title(batch, include_submitted)
    buffer = BytesIO()
    wb.save(buffer)
    return buffer.getvalue()
