"""The lines above the table: 报送单位's contact person, phone and e-mail."""

from django.db import transaction

from ..models import (
    EventKind,
    Filing,
)
from ..rules import HEADER_FIELDS
from .common import _lock_editable, _table_changed
from .errors import HEADER_EDIT_CONFLICT, EditConflict
from .history import _record


def header_snapshot(filing: Filing) -> dict[str, str]:
    return {label: getattr(filing, key) for key, label in HEADER_FIELDS.items()}


@transaction.atomic
def header_update(
    *,
    filing: Filing,
    user,
    contact_name: str,
    contact_phone: str,
    contact_email: str,
    expected_revision: int | None,
) -> None:
    """Save the header edited from the table's `expected_revision`; refused if the table
    changed meanwhile, or if the save does not say which revision it was based on.

    The header has no version of its own: the table's revision stands for it. A header
    saved after a change to the rows is refused too, which is stricter than needed, never
    lossy, and the user sees the current header and can save again at once.
    """
    caller = filing
    filing = _lock_editable(filing)
    if expected_revision is None or filing.revision != expected_revision:
        raise EditConflict(HEADER_EDIT_CONFLICT)
    after = {
        "contact_name": contact_name,
        "contact_phone": contact_phone,
        "contact_email": contact_email,
    }
    changes = [
        {"field": HEADER_FIELDS[k], "before": getattr(filing, k), "after": v}
        for k, v in after.items()
        if getattr(filing, k) != v
    ]
    if not changes:
        return
    for key, value in after.items():
        setattr(filing, key, value)
        setattr(caller, key, value)
    filing.full_clean()
    # Only the header: other fields (the revision above all) belong to other writers.
    filing.save(update_fields=[*after, "updated_at"])
    _table_changed(filing)
    caller.revision, caller.state = filing.revision, filing.state
    _record(filing, user, EventKind.HEADER, "表头", changes)
