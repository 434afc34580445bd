"""What every edit of a filing shares: it must be editable, it is locked while it is
changed, and a change to the table bumps its revision and its problem counts."""

from django.db.models import F

from ..models import (
    EDITABLE_STATES,
    Filing,
    FilingState,
)
from ..rules import (
    FilingCheck,
    check_filing,
)
from ..selectors import rows_for_check
from .errors import BATCH_CLOSED, NOT_EDITABLE, FilingError


def ensure_batch_open(batch) -> None:
    """Only the open batch changes: once a later batch is loaded, an earlier one is the
    record the institute reported from, and neither its units nor its reviewers change it."""
    if not batch.is_open:
        raise FilingError(
            BATCH_CLOSED.format(batch=batch.name, later=batch.later_batch.name),
            code="batch_closed",
        )


def ensure_editable(filing: Filing) -> None:
    ensure_batch_open(filing.batch)
    if filing.state not in EDITABLE_STATES:
        raise FilingError(NOT_EDITABLE, code="not_editable")


def _lock_editable(filing: Filing) -> Filing:
    """The filing as it is now, locked until the transaction ends, and still editable.

    The caller's copy may be older than a submission that happened meanwhile; judging it
    would let a change slip into a submitted filing.
    """
    locked = Filing.objects.select_for_update().select_related("unit", "batch").get(pk=filing.pk)
    ensure_editable(locked)
    return locked


def refresh_check_counts(filing: Filing) -> FilingCheck:
    """Check the filing and keep the counts on it for the reviewers' board."""
    check = check_filing(filing, rows_for_check(filing))
    filing.open_errors, filing.open_warnings = check.error_count, check.warning_count
    Filing.objects.filter(pk=filing.pk).update(
        open_errors=filing.open_errors, open_warnings=filing.open_warnings
    )
    return check


def _table_changed(filing: Filing) -> None:
    """The table changed: a new revision (any scan of the old one is outdated), fresh
    check counts, and a returned filing is a draft again."""
    Filing.objects.filter(pk=filing.pk).update(revision=F("revision") + 1)
    filing.refresh_from_db(fields=["revision"])
    refresh_check_counts(filing)
    if filing.state == FilingState.RETURNED:
        filing.state = FilingState.DRAFT
        filing.save(update_fields=["state", "updated_at"])
