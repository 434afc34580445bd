"""National figures for 职教所: every unit's filing summed up, in the database, in a fixed
number of queries whatever the number of units and rows.

By default only accepted filings count; reviewers can include submitted ones. Every national
figure is the sum of the units' own summaries (a school filed by two units counts for both;
such schools are listed as conflicts).
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet, Sum

from certificates.models import Batch, Certificate, Level

from .models import (
    UNDERGRADUATE_TYPES,
    Filing,
    FilingState,
    PilotRow,
    School,
    SchoolType,
    SubmittingUnit,
)
from .rules import Concentration, Thresholds, concentration
from .summary import Summary

LEVEL_FIELDS = {
    Level.JUNIOR: "level_junior",
    Level.INTERMEDIATE: "level_intermediate",
    Level.SENIOR: "level_senior",
}
TYPE_GROUPS = {
    "secondary": [SchoolType.SECONDARY],
    "higher": [SchoolType.HIGHER],
    "undergraduate": list(UNDERGRADUATE_TYPES),
}
TYPE_LABELS = {"secondary": "中职", "higher": "高职", "undergraduate": "本科"}


def included_states(include_submitted: bool) -> list[str]:
    states = [FilingState.ACCEPTED]
    if include_submitted:
        states.append(FilingState.SUBMITTED)
    return states


def included_filings(batch: Batch, include_submitted: bool) -> QuerySet[Filing]:
    return Filing.objects.filter(batch=batch, state__in=included_states(include_submitted))


def _positive(field_name: str = "student_count", **extra) -> Q:
    return Q(**{f"{field_name}__gt": 0}, **extra)


@dataclass
class CertificateTotal:
    certificate: Certificate
    rows: int = 0
    schools: int = 0
    students: int = 0
    rows_by_level: dict[str, int] = field(default_factory=dict)
    students_by_level: dict[str, int] = field(default_factory=dict)
    schools_by_type: dict[str, int] = field(default_factory=dict)
    share: float = 0.0


def certificate_totals(batch: Batch, filings: QuerySet[Filing]) -> list[CertificateTotal]:
    """Per certificate: rows, schools, students, by level and by school type (2 queries)."""
    annotations = {
        "rows": Count("pk"),
        "schools": Count("school", distinct=True),
        "students": Sum("student_count", filter=_positive()),
    }
    for level, name in LEVEL_FIELDS.items():
        annotations[f"rows_{level.value}"] = Count("pk", filter=Q(**{name: True}))
        annotations[f"students_{level.value}"] = Sum(
            "student_count", filter=_positive(**{name: True})
        )
    for group, types in TYPE_GROUPS.items():
        annotations[f"schools_{group}"] = Count(
            "school", distinct=True, filter=Q(school__school_type__in=types)
        )
    figures = {
        item["certificate_id"]: item
        for item in PilotRow.objects.filter(filing__in=filings)
        .values("certificate_id")
        .annotate(**annotations)
        .order_by()
    }
    totals = []
    for cert in Certificate.objects.filter(batch=batch).select_related("organization"):
        item = figures.get(cert.pk, {})
        totals.append(
            CertificateTotal(
                certificate=cert,
                rows=item.get("rows", 0),
                schools=item.get("schools", 0),
                students=item.get("students") or 0,
                rows_by_level={lv.value: item.get(f"rows_{lv.value}", 0) for lv in LEVEL_FIELDS},
                students_by_level={
                    lv.value: item.get(f"students_{lv.value}") or 0 for lv in LEVEL_FIELDS
                },
                schools_by_type={g: item.get(f"schools_{g}", 0) for g in TYPE_GROUPS},
            )
        )
    all_rows = sum(t.rows for t in totals)
    for total in totals:
        total.share = total.rows / all_rows if all_rows else 0.0
    return totals


@dataclass
class UnitFigures:
    """One unit's line in the national view: its summary and its spread over certificates."""

    unit: SubmittingUnit
    filing: Filing | None
    summary: Summary
    rows_by_certificate: dict[int, int]
    students_by_certificate: dict[int, int]
    concentration: Concentration


def unit_figures(batch: Batch, filings: QuerySet[Filing]) -> list[UnitFigures]:
    """Every unit with its five summary figures and its row of the matrix (4 queries)."""
    filing_by_unit = {f.unit_id: f for f in filings.select_related("unit")}
    matrix_rows: dict[int, dict[int, int]] = defaultdict(dict)
    matrix_students: dict[int, dict[int, int]] = defaultdict(dict)
    for item in (
        PilotRow.objects.filter(filing__in=filings)
        .values("filing_id", "certificate_id")
        .annotate(rows=Count("pk"), students=Sum("student_count", filter=_positive()))
        .order_by()
    ):
        matrix_rows[item["filing_id"]][item["certificate_id"]] = item["rows"]
        matrix_students[item["filing_id"]][item["certificate_id"]] = item["students"] or 0
    schools = {
        item["filing_id"]: item
        for item in School.objects.filter(filing__in=filings, rows__isnull=False)
        .values("filing_id")
        .annotate(
            total=Count("pk", distinct=True),
            **{
                group: Count("pk", distinct=True, filter=Q(school_type__in=types))
                for group, types in TYPE_GROUPS.items()
            },
        )
        .order_by()
    }
    lines = []
    thresholds = Thresholds.of(batch)
    for unit in SubmittingUnit.objects.order_by("code"):
        filing = filing_by_unit.get(unit.pk)
        key = filing.pk if filing else None
        rows_by_cert = matrix_rows.get(key, {})
        students_by_cert = matrix_students.get(key, {})
        school = schools.get(key, {})
        summary = Summary(
            students=sum(students_by_cert.values()),
            secondary_schools=school.get("secondary", 0),
            higher_schools=school.get("higher", 0),
            undergraduate_schools=school.get("undergraduate", 0),
            schools=school.get("total", 0),
            rows=sum(rows_by_cert.values()),
        )
        conc = concentration(rows_by_cert, thresholds)
        lines.append(UnitFigures(unit, filing, summary, rows_by_cert, students_by_cert, conc))
    return lines


# The heat map's deepest blue (the largest cell): dark text on it still has a contrast of
# 4.5:1 (WCAG AA). White text on a paler blue would not, nor dark text on the full blue.
DEEPEST_SHADE = 0.75


@dataclass
class MatrixCell:
    value: int
    intensity: float  # 0..1 of the largest cell, for the heat map's colour

    @property
    def shade(self) -> str:
        """The opacity of the cell's blue, as the style attribute takes it."""
        return f"{self.intensity * DEEPEST_SHADE:.2f}"


@dataclass
class HeatMap:
    """The unit × certificate matrix of rows (or students): a line per unit with its cells
    and total, and the certificates' totals."""

    lines: list[tuple[UnitFigures, list[MatrixCell], int]]
    column_totals: list[int]

    @property
    def grand_total(self) -> int:
        return sum(self.column_totals)


def heat_map(
    units: list[UnitFigures], totals: list[CertificateTotal], measure: str = "rows"
) -> HeatMap:
    """`measure` is "rows" or "students"."""

    def value(unit: UnitFigures, cert_id: int) -> int:
        source = unit.students_by_certificate if measure == "students" else unit.rows_by_certificate
        return source.get(cert_id, 0)

    ids = [t.certificate.pk for t in totals]
    values = [[value(unit, pk) for pk in ids] for unit in units]
    peak = max((v for line in values for v in line), default=0)
    return HeatMap(
        lines=[
            (unit, [MatrixCell(v, v / peak if peak else 0.0) for v in line], sum(line))
            for unit, line in zip(units, values, strict=True)
        ],
        column_totals=[sum(column) for column in zip(*values, strict=True)]
        if values
        else [0] * len(ids),
    )


def national_summary(units: list[UnitFigures]) -> Summary:
    """The sum of the units' own summaries."""
    return Summary(
        **{
            name: sum(getattr(u.summary, name) for u in units)
            for name in (
                "students",
                "secondary_schools",
                "higher_schools",
                "undergraduate_schools",
                "schools",
                "rows",
            )
        }
    )


@dataclass
class Conflict:
    """One school filed by more than one unit."""

    school: str
    by: str  # "学校标识码" or "校名"
    key: str
    units: list[tuple[SubmittingUnit, str]]  # (unit, the name as that unit wrote it)


def conflicts(batch: Batch, filings: QuerySet[Filing]) -> list[Conflict]:
    """Schools filed by two or more units: by school code where given, else by normalised
    name (3 queries)."""
    # order_by(): School's default ordering would otherwise join the GROUP BY and split
    # every group by filing.
    schools = School.objects.filter(filing__in=filings, rows__isnull=False).order_by()
    by_code = set(
        schools.exclude(school_code="")
        .values("school_code")
        .annotate(units=Count("filing__unit", distinct=True))
        .filter(units__gt=1)
        .values_list("school_code", flat=True)
    )
    by_name = set(
        schools.values("name_key")
        .annotate(units=Count("filing__unit", distinct=True))
        .filter(units__gt=1)
        .values_list("name_key", flat=True)
    )
    if not by_code and not by_name:
        return []
    found: dict[tuple[str, str], Conflict] = {}
    involved = (
        School.objects.filter(filing__in=filings, rows__isnull=False)
        .filter(Q(school_code__in=by_code) | Q(name_key__in=by_name))
        .select_related("filing__unit")
        .distinct()
        .order_by("name_key", "filing__unit__code")
    )
    for school in involved:
        if school.school_code in by_code:
            key = ("学校标识码", school.school_code)
        else:
            key = ("校名", school.name_key)
        conflict = found.setdefault(key, Conflict(school.name, key[0], key[1], []))
        entry = (school.filing.unit, school.name)
        if entry not in conflict.units:
            conflict.units.append(entry)
    return [c for c in found.values() if len({u.pk for u, _ in c.units}) > 1]
