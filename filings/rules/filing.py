"""The whole filing: the rules that involve two rows (one row per school and certificate,
one type per school), the header and the concentration, over the rows each judged by
`check_row`; and the result, `FilingCheck`, that pages and the workflow read."""

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ..models import Filing, PilotRow
from .concentration import Concentration, Thresholds, concentration, concentration_problem
from .contact import header_problems
from .names import school_type_label
from .problems import Problem, Severity, error
from .row import check_row


@dataclass(frozen=True)
class RowLike:
    """What the filing-wide checks need of a row: who it is, and how to name it."""

    key: object
    label: str
    school_key: str
    school_type: str
    certificate_id: int | None


def duplicate_and_conflict_problems(rows: Sequence[RowLike]) -> dict[object, list[Problem]]:
    """Errors that involve two rows: the same school and certificate twice, or one school
    given two types. Each message names the other row."""
    problems: dict[object, list[Problem]] = defaultdict(list)
    first_by_pair: dict[tuple, RowLike] = {}
    first_by_school: dict[str, RowLike] = {}
    for row in rows:
        pair = (row.school_key, row.certificate_id)
        if row.certificate_id is not None and pair in first_by_pair:
            # Both rows are marked, each naming the other, so that either can be fixed.
            _mark_both(problems, row, first_by_pair[pair], _duplicate)
        else:
            first_by_pair.setdefault(pair, row)
        seen = first_by_school.setdefault(row.school_key, row)
        if seen is not row and seen.school_type != row.school_type:
            _mark_both(problems, row, seen, _type_conflict)
    return problems


def _mark_both(problems: dict, row: RowLike, other: RowLike, problem) -> None:
    for this, that in ((row, other), (other, row)):
        problems[this.key].append(problem(this, that))


def _duplicate(this: RowLike, that: RowLike) -> Problem:
    return error(
        "duplicate_row",
        f"{this.label}与{that.label}重复：同一院校、同一证书只能填写一行。",
        "certificate",
    )


def _type_conflict(this: RowLike, that: RowLike) -> Problem:
    return error(
        "type_conflict",
        f"{this.label}的学校类型“{school_type_label(this.school_type)}”与"
        f"{that.label}的“{school_type_label(that.school_type)}”不一致："
        f"同一院校只能有一种类型。",
        "school_type",
    )


@dataclass
class FilingCheck:
    """The result of checking a whole filing."""

    row_problems: dict[int, list[Problem]]
    filing_problems: list[Problem]
    concentration: Concentration

    def _all(self) -> Iterable[Problem]:
        yield from self.filing_problems
        for problems in self.row_problems.values():
            yield from problems

    @property
    def error_count(self) -> int:
        return sum(1 for p in self._all() if p.is_error)

    @property
    def warning_count(self) -> int:
        return sum(1 for p in self._all() if not p.is_error)

    @property
    def missing_evidence_count(self) -> int:
        return sum(1 for p in self._all() if p.missing_evidence)

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self._all() if not p.is_error]

    def rows_with(self, severity: Severity) -> set[int]:
        return {
            pk
            for pk, problems in self.row_problems.items()
            if any(p.severity == severity for p in problems)
        }


def check_filing(filing: Filing, rows: Sequence[PilotRow]) -> FilingCheck:
    """Check every row and the filing as a whole. `rows` must carry school and certificate
    (select_related), so that checking costs no further queries."""
    row_problems = {row.pk: check_row(row, batch=filing.batch) for row in rows}
    _remarks_once_per_school(rows, row_problems)
    labelled = [
        RowLike(
            key=row.pk,
            label=f"“{row.school.name} · {row.certificate.name}”",
            school_key=row.school.name_key,
            school_type=row.school.school_type,
            certificate_id=row.certificate_id,
        )
        for row in rows
    ]
    for key, problems in duplicate_and_conflict_problems(labelled).items():
        row_problems[key] += problems

    conc = concentration(
        dict(Counter(row.certificate_id for row in rows)), Thresholds.of(filing.batch)
    )
    filing_problems = header_problems(filing)
    if conc.top_certificate_id is not None:
        top_name = next(
            r.certificate.name for r in rows if r.certificate_id == conc.top_certificate_id
        )
        problem = concentration_problem(conc, top_name)
        if problem:
            filing_problems.append(problem)
    if not rows:
        filing_problems.append(error("no_rows", "汇总表还没有任何试点院校。"))
    return FilingCheck(row_problems, filing_problems, conc)


def _remarks_once_per_school(
    rows: Sequence[PilotRow], row_problems: dict[int, list[Problem]]
) -> None:
    """Remarks belong to the school: say it once, on the school's first row."""
    warned_schools: set[int] = set()
    for row in rows:
        if row.school_id in warned_schools:
            row_problems[row.pk] = [p for p in row_problems[row.pk] if p.code != "no_remarks"]
        elif any(p.code == "no_remarks" for p in row_problems[row.pk]):
            warned_schools.add(row.school_id)
