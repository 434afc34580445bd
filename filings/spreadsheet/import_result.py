"""What reading an Attachment 2 workbook gives: the rows read (`ImportedRow`), each problem at
its place in the file (`Issue`), and the whole (`ImportResult`), which the preview shows and
`services.filing_import` writes; and what the reading needs of the database, read before the
file is (`ReadingContext`). The reading process pickles them for the server."""

import re
from dataclasses import dataclass, field

from certificates.models import Batch, Certificate

from ..models import PilotRow, School, SubmittingUnit
from ..unit_names import known_unit_names


@dataclass
class Issue:
    """A problem at a place in the file."""

    message: str
    line: int | None = None  # the spreadsheet's row number
    column: str = ""  # a column letter, or a description where the table has no column
    sheet: str = ""
    blocking: bool = True  # blocks the import (not only the submission)
    missing_evidence: bool = False
    warning: bool = False
    code: str = ""
    field: str = ""  # the rule's field (rules.Problem.field), or the column key parsed

    @property
    def is_evidence_note(self) -> bool:
        """Something Attachment 2 has no column for: to complete on the filing page."""
        return self.missing_evidence or self.code == "unattested"

    def place(self) -> str:
        parts = []
        if self.sheet:
            parts.append(f"“{self.sheet}”表")
        if self.line is not None:
            parts.append(f"第{self.line}行")
        if self.column:
            parts.append(
                f"{self.column}列"
                if re.fullmatch(r"[A-Z]{1,3}", self.column)
                else f"（{self.column}）"
            )
        return " ".join(parts)

    def __str__(self) -> str:
        place = self.place()
        return f"{place}：{self.message}" if place else self.message


@dataclass
class ImportedRow:
    line: int
    cells: dict[str, str]  # what the file says, by column key, for the preview
    school: School
    row: PilotRow | None  # None when the row cannot be stored
    issues: list[Issue] = field(default_factory=list)
    has_evidence: bool = False
    school_type: str = ""  # this row's own type, which may conflict with the school's first row

    @property
    def blocking(self) -> bool:
        return any(i.blocking for i in self.issues)

    @property
    def needs_evidence(self) -> bool:
        return any(i.is_evidence_note for i in self.issues)

    @property
    def shown_issues(self) -> list[Issue]:
        """The row's problems other than evidence to complete, which the preview sums up."""
        return [i for i in self.issues if not i.is_evidence_note]

    columns: dict[str, str] = field(default_factory=dict)  # column key -> letter


@dataclass
class ImportResult:
    header: dict[str, str] = field(default_factory=dict)
    rows: list[ImportedRow] = field(default_factory=list)
    issues: list[Issue] = field(default_factory=list)  # about the file as a whole
    sheet: str = ""
    columns: dict[str, str] = field(default_factory=dict)
    evidence_rows: int = 0
    # How the file was read: what was assumed, skipped or recognised by meaning. Shown
    # before the rows, so that "可以导入" never hides data read wrongly.
    notes: list[str] = field(default_factory=list)

    @property
    def all_issues(self) -> list[Issue]:
        return [*self.issues, *(i for r in self.rows for i in r.issues)]

    @property
    def blocking(self) -> bool:
        return any(i.blocking for i in self.all_issues)

    @property
    def shown_issues(self) -> list[Issue]:
        return [i for i in self.all_issues if not i.is_evidence_note]

    @property
    def rows_needing_evidence(self) -> int:
        return sum(1 for r in self.rows if r.needs_evidence)

    @property
    def error_count(self) -> int:
        return sum(1 for i in self.all_issues if not i.warning)

    @property
    def school_count(self) -> int:
        return len({r.school.name_key for r in self.rows})

    @property
    def student_count(self) -> int:
        return sum(
            (r.row.student_count or 0)
            for r in self.rows
            if r.row and (r.row.student_count or 0) > 0
        )


@dataclass
class ReadingContext:
    """What reading a table needs from the database, read before the file is: the reading
    process (`reading_worker`) is given this and never opens a database connection."""

    batch: Batch
    unit: SubmittingUnit | None  # the unit importing the table; None checks no unit
    certificates: list[Certificate]
    unit_names: list[str]

    @classmethod
    def load(cls, *, batch: Batch, unit: SubmittingUnit | None) -> "ReadingContext":
        return cls(
            batch=batch,
            unit=unit,
            certificates=list(Certificate.objects.filter(batch=batch)),
            unit_names=known_unit_names(),
        )
