"""The figures under 总体情况, and the distribution over the certificates.

Computed, never typed: from the rows, in the database, in a fixed number of queries.
"""

from collections import Counter
from dataclasses import dataclass

from django.db.models import Count, Q, Sum

from certificates.models import Certificate

from .models import UNDERGRADUATE_TYPES, Filing, PilotRow, School, SchoolType
from .rules import summary_lines


@dataclass(frozen=True)
class Summary:
    """The figures of 总体情况; the notice heads each with the batch (第二批试点学生总规模)."""

    students: int  # 试点学生总规模
    secondary_schools: int  # 试点院校数量(中职)
    higher_schools: int  # 试点院校数量(高职)
    undergraduate_schools: int  # 试点院校数量(本科): both undergraduate types
    schools: int  # 试点院校总规模: distinct schools
    rows: int

    def lines(self, batch) -> list[tuple[str, int]]:
        """The five lines of Attachment 2's summary block, in order, labelled for `batch`."""
        return [(label, getattr(self, attribute)) for label, attribute in summary_lines(batch)]


def summarize(filing: Filing) -> Summary:
    rows = PilotRow.objects.filter(filing=filing).aggregate(
        students=Sum("student_count", filter=Q(student_count__gt=0)), rows=Count("pk")
    )
    # A school counts once, and only when it has at least one row.
    schools = (
        School.objects.filter(filing=filing, rows__isnull=False)
        .distinct()
        .aggregate(
            total=Count("pk", distinct=True),
            secondary=Count("pk", distinct=True, filter=Q(school_type=SchoolType.SECONDARY)),
            higher=Count("pk", distinct=True, filter=Q(school_type=SchoolType.HIGHER)),
            undergraduate=Count(
                "pk", distinct=True, filter=Q(school_type__in=list(UNDERGRADUATE_TYPES))
            ),
        )
    )
    return Summary(
        students=rows["students"] or 0,
        secondary_schools=schools["secondary"],
        higher_schools=schools["higher"],
        undergraduate_schools=schools["undergraduate"],
        schools=schools["total"],
        rows=rows["rows"],
    )


@dataclass(frozen=True)
class CertificateShare:
    certificate: Certificate
    rows: int
    students: int
    share: float  # of the filing's rows


def distribution(filing: Filing, rows: list[PilotRow] | None = None) -> list[CertificateShare]:
    """Every certificate of the batch, with its rows and students in this filing. Given the
    filing's `rows` (the unit pages hold them already), they are counted here: the database's
    count joins every row of the batch, which for 33 units of 1,000 rows took 80 ms."""
    if rows is None:
        return _distribution_counted_by_the_database(filing)
    row_counts: Counter[int] = Counter()
    students: Counter[int] = Counter()
    for row in rows:
        row_counts[row.certificate_id] += 1
        # Like summarize(): a row without a positive student number adds no students.
        if row.student_count and row.student_count > 0:
            students[row.certificate_id] += row.student_count
    certificates = list(Certificate.objects.filter(batch_id=filing.batch_id))
    return _shares([(c, row_counts[c.pk], students[c.pk]) for c in certificates])


def _distribution_counted_by_the_database(filing: Filing) -> list[CertificateShare]:
    certificates = Certificate.objects.filter(batch_id=filing.batch_id).annotate(
        row_count=Count("pilot_rows", filter=Q(pilot_rows__filing=filing)),
        # Like summarize(): a row without a positive student number adds no students.
        student_sum=Sum(
            "pilot_rows__student_count",
            filter=Q(pilot_rows__filing=filing, pilot_rows__student_count__gt=0),
        ),
    )
    return _shares([(c, c.row_count, c.student_sum or 0) for c in certificates])


def _shares(counted: list[tuple[Certificate, int, int]]) -> list[CertificateShare]:
    total = sum(rows for _, rows, _ in counted)
    return [
        CertificateShare(
            certificate=certificate,
            rows=rows,
            students=students,
            share=(rows / total) if total else 0.0,
        )
        for certificate, rows, students in counted
    ]
