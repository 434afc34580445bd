"""The national workbook's sheets of rows: every included row (全部试点行), and the rows by
certificate, either a sheet per certificate (a batch of a few, as the second batch's ten) or,
for a batch of hundreds, one sheet with the certificate as its first column and a filter on it.

Streamed from the database in chunks, so that memory stays flat whatever the number of rows.
"""

from typing import Any, NamedTuple

from openpyxl import Workbook

from certificates.models import Level

from ..models import SCHOOL_TYPE_LABELS, PilotRow, format_certificate_and_levels, format_remarks
from . import layout
from .printed_sheet import PageText, SheetWriter

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
# A sheet per certificate up to this many certificates; beyond, one sheet of rows by
# certificate (a workbook of 400 sheets has tabs nobody can find).
SHEETS_PER_CERTIFICATE_UP_TO = 20
ROWS_BY_CERTIFICATE = "各证书试点行"
# Wide enough for most certificates', schools' names and majors on one line, within a
# landscape page.
CERTIFICATE_WIDTH = 22
SCHOOL_COLUMNS = [
    ("报送单位", UNIT_WIDTH),
    ("试点院校名称", 30),
    ("学校类型", 14),
    *((lv.label, 5) for lv in LEVEL_ORDER),
    ("参与试点专业名称", 44),
    ("学生规模", 9),
]


def many_certificates(certificates: int) -> bool:
    return certificates > SHEETS_PER_CERTIFICATE_UP_TO


def all_rows_sheet(wb: Workbook, page: PageText) -> SheetWriter:
    return SheetWriter(
        wb,
        "全部试点行",
        ["报送单位", *(c.header for c in layout.COLUMNS)],
        [UNIT_WIDTH, *(c.width for c in layout.COLUMNS)],
        page,
    )


class SheetPerCertificate:
    """A sheet per certificate, named after it, for a batch of a few certificates."""

    def __init__(self, wb: Workbook, totals, page: PageText) -> None:
        headers = [h for h, _ in SCHOOL_COLUMNS]
        widths = [w for _, w in SCHOOL_COLUMNS]
        self.sheets = {
            t.certificate.pk: SheetWriter(wb, t.certificate.name[:31], headers, widths, page)
            for t in totals
        }

    def append(self, line: "NationalRow") -> None:
        self.sheets[line.certificate_id].append(line.certificate_cells())

    def finish(self) -> None:
        for sheet in self.sheets.values():
            sheet.finish()


class OneSheetByCertificate:
    """One sheet of every row with its certificate first, for a batch of hundreds: the
    filter on the certificate column stands for a sheet each (and prints as one)."""

    def __init__(self, wb: Workbook, page: PageText) -> None:
        self.sheet = SheetWriter(
            wb,
            ROWS_BY_CERTIFICATE,
            ["证书", *(h for h, _ in SCHOOL_COLUMNS)],
            [CERTIFICATE_WIDTH, *(w for _, w in SCHOOL_COLUMNS)],
            page,
        )

    def append(self, line: "NationalRow") -> None:
        self.sheet.append([line.certificate, *line.certificate_cells()])

    def finish(self) -> None:
        self.sheet.finish()


def rows_by_certificate(wb: Workbook, totals, page: PageText):
    if many_certificates(len(totals)):
        return OneSheetByCertificate(wb, page)
    return SheetPerCertificate(wb, totals, page)


def stream_rows(
    filings, all_rows: SheetWriter, by_certificate: SheetPerCertificate | OneSheetByCertificate
) -> None:
    """The sheet of all rows and the rows by certificate, filled in one streamed pass, unit by
    unit (a certificate's rows are then those its filter shows): plain values from the
    database, formatted as the unit's own table formats them. One query at any number of
    certificates, and no second pass over 33,000 rows."""
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
        all_rows.append(line.all_rows_cells(index))
        by_certificate.append(line)
    all_rows.finish()
    by_certificate.finish()


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

    def _flags(self) -> tuple[bool, bool, bool]:
        return (self.junior, self.intermediate, self.senior)

    def _majors(self) -> str:
        return layout.MAJOR_SEPARATOR.join(m.get("name", "") for m in self.majors or [])

    def _type(self) -> str:
        return SCHOOL_TYPE_LABELS.get(self.school_type, self.school_type)

    def all_rows_cells(self, index: int) -> list[Any]:
        """Its line of 全部试点行: the unit, then the columns of Attachment 2."""
        flags = self._flags()
        levels = [level for level, chosen in zip(LEVEL_ORDER, flags, strict=True) if chosen]
        return [
            self.unit_name,
            index,
            self.school,
            self._type(),
            format_certificate_and_levels(self.certificate, levels),
            self.major_count,
            self._majors(),
            self.students,
            format_remarks(self.statuses, self.remarks),
        ]

    def certificate_cells(self) -> list[Any]:
        """Its line among its certificate's rows: a tick under each level."""
        return [
            self.unit_name,
            self.school,
            self._type(),
            *("✓" if chosen else None for chosen in self._flags()),
            self._majors(),
            self.students,
        ]
