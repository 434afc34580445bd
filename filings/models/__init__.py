"""Submitting units, the people who work for them, and their filings of Attachment 2.

A filing belongs to one unit and one batch. Its table is made of schools (each once per
filing, with its type and remarks) and pilot rows, one per school and certificate, which
carry the figures Attachment 2 prints and the evidence the notice's conditions ask for.

One module a topic (`units`, `filing`, `schools`, `rows`, `history`, `scans`); every model
is imported here, where Django and the rest of the app look for them.
"""

from .filing import EDITABLE_STATES, Filing, FilingState
from .history import Channel, EventKind, FilingEvent
from .rows import Facilities, PilotRow, format_certificate_and_levels
from .scans import StampedScan
from .schools import (
    SCHOOL_TYPE_LABELS,
    UNDERGRADUATE_TYPES,
    School,
    SchoolStatus,
    SchoolType,
    format_remarks,
)
from .units import Profile, Role, SubmittingUnit, UnitKind

__all__ = [
    "EDITABLE_STATES",
    "SCHOOL_TYPE_LABELS",
    "UNDERGRADUATE_TYPES",
    "Channel",
    "EventKind",
    "Facilities",
    "Filing",
    "FilingEvent",
    "FilingState",
    "PilotRow",
    "Profile",
    "Role",
    "School",
    "SchoolStatus",
    "SchoolType",
    "StampedScan",
    "SubmittingUnit",
    "UnitKind",
    "format_certificate_and_levels",
    "format_remarks",
]
