"""What the filing pages share: the batch being filed, and a filing's checked state."""

from dataclasses import dataclass

from django import forms
from django.http import Http404

from certificates.models import Batch

from ..models import Filing, PilotRow, StampedScan
from ..rules import FilingCheck, check_filing
from ..services import current_scan, rows_for_check
from ..summary import CertificateShare, Summary, distribution, summarize


def current_batch() -> Batch:
    batch = Batch.objects.current()
    if batch is None:
        raise Http404("尚未载入参考数据。")
    return batch


@dataclass
class CheckedFiling:
    """A filing with its rows checked and summed: what the unit pages show."""

    filing: Filing
    rows: list[PilotRow]
    check: FilingCheck
    summary: Summary
    distribution: list[CertificateShare]
    scan: StampedScan | None


def filing_state(filing: Filing) -> CheckedFiling:
    rows = rows_for_check(filing)
    return CheckedFiling(
        filing=filing,
        rows=rows,
        check=check_filing(filing, rows),
        summary=summarize(filing),
        distribution=distribution(filing),
        scan=current_scan(filing),
    )


def retry_from(form: forms.Form, field: str, version: int) -> None:
    """After a save refused because someone saved meanwhile: the form keeps what the user
    typed, and its next save is judged against the version now shown beside it."""
    form.data = form.data.copy()
    form.data[form.add_prefix(field)] = version
