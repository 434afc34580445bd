"""Reads that several pages (and the services) share: a filing as the unit pages show it.

Writes go through services.py; what a page needs to read of a filing comes from here, so
that the unit home, the rows page, the submit page and the services judge the same rows.
The national figures, read by the reviewers' pages and the national workbook, are in
national.py.
"""

from dataclasses import dataclass

from .models import EDITABLE_STATES, Filing, FilingState, PilotRow, StampedScan
from .rules import FilingCheck, check_filing
from .summary import CertificateShare, Summary, distribution, summarize


def rows_for_check(filing: Filing) -> list[PilotRow]:
    """The filing's rows with what the rules read of them."""
    return list(PilotRow.objects.filter(filing=filing).select_related("school", "certificate"))


def current_scan(filing: Filing) -> StampedScan | None:
    """The scan that belongs to the table as it is now. A scan uploaded before the filing was
    returned does not count: a returned table is stamped and scanned again."""
    scan = filing.scans.order_by("-uploaded_at", "-pk").first()
    if scan is None:
        return None
    scan.filing = filing  # judged against the filing as the caller holds it
    return scan if scan.is_current() else None


SCAN_CURRENT = "对应当前版本"
SCAN_BEFORE_RETURN = "退回前上传，须重新上传"
SCAN_REPLACED = "已由后来上传的扫描件取代"
SCAN_OLD_VERSION = "对应旧的表格版本 {revision}，此后表格已修改"


def scan_label(scan: StampedScan, filing: Filing, current: StampedScan | None) -> tuple[str, str]:
    """What the scan page says of one uploaded scan, and its tone (a Bootstrap colour)."""
    if current is not None and scan.pk == current.pk:
        return SCAN_CURRENT, "success"
    if scan.filing_revision != filing.revision:
        return SCAN_OLD_VERSION.format(revision=scan.filing_revision), "secondary"
    returned = filing.state in EDITABLE_STATES and filing.return_reason and filing.reviewed_at
    if returned and scan.uploaded_at <= filing.reviewed_at:
        return SCAN_BEFORE_RETURN, "warning"
    return SCAN_REPLACED, "secondary"


def next_to_review(filing: Filing) -> Filing | None:
    """The next filing of the batch waiting for a review, by unit code after this one's (and
    from the start again past the last), so that a reviewer can go through them in order."""
    waiting = list(
        Filing.objects.filter(batch=filing.batch_id, state=FilingState.SUBMITTED)
        .exclude(pk=filing.pk)
        .select_related("unit")
        .order_by("unit__code")
    )
    after = [other for other in waiting if other.unit.code > filing.unit.code]
    return (after or waiting or [None])[0]


@dataclass
class CheckedFiling:
    """A filing with its rows checked and summed: what the unit pages show."""

    filing: Filing
    rows: list[PilotRow]
    check: FilingCheck
    summary: Summary
    distribution: list[CertificateShare]
    scan: StampedScan | None

    # A batch of a handful of certificates shows them all beside the table; one of hundreds
    # shows the certificates the unit pilots most, and counts the others.
    LISTS_EVERY_CERTIFICATE_UP_TO = 20
    LISTS_TOP = 15

    @property
    def lists_every_certificate(self) -> bool:
        return len(self.distribution) <= self.LISTS_EVERY_CERTIFICATE_UP_TO

    @property
    def distribution_used(self) -> list[CertificateShare]:
        used = [item for item in self.distribution if item.rows]
        return sorted(used, key=lambda item: (-item.rows, item.certificate.position))

    @property
    def distribution_shown(self) -> list[CertificateShare]:
        if self.lists_every_certificate:
            return self.distribution
        return self.distribution_used[: self.LISTS_TOP]

    @property
    def distribution_not_shown(self) -> tuple[int, int]:
        """(certificates piloted but not listed, certificates not piloted at all)."""
        if self.lists_every_certificate:
            return 0, 0
        used = len(self.distribution_used)
        return used - len(self.distribution_shown), len(self.distribution) - used

    @property
    def summary_lines(self) -> list[tuple[str, int]]:
        return self.summary.lines(self.filing.batch)


def filing_state(filing: Filing) -> CheckedFiling:
    rows = rows_for_check(filing)
    return CheckedFiling(
        filing=filing,
        rows=rows,
        check=check_filing(filing, rows),
        summary=summarize(filing),
        distribution=distribution(filing, rows),
        scan=current_scan(filing),
    )
