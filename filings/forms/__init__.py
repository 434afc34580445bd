"""Forms of the filing pages. They validate and normalise; the rules module judges the row,
and its errors are shown next to the fields they concern.

One module a topic: `header`, `schools`, `rows` (a row and the rows added with a school),
`table` (the rows table's quick edit and bulk confirmation), `imports`, `workflow`; the
fields they share are in `fields`, and what every form shares in `base`."""

from .base import NULL_CHARACTER, PortalForm
from .fields import CountField, MajorsField, MajorsWidget
from .header import HeaderForm
from .imports import ImportForm
from .rows import BaseRowFormSet, PilotRowForm, RowFormSet
from .schools import SchoolEditForm, SchoolForm
from .table import BulkConfirmForm, QuickRowForm
from .workflow import ExtendForm, ReturnForm, ScanForm, SubmitForm

__all__ = [
    "NULL_CHARACTER",
    "BaseRowFormSet",
    "BulkConfirmForm",
    "CountField",
    "ExtendForm",
    "HeaderForm",
    "ImportForm",
    "MajorsField",
    "MajorsWidget",
    "PilotRowForm",
    "PortalForm",
    "QuickRowForm",
    "ReturnForm",
    "RowFormSet",
    "ScanForm",
    "SchoolEditForm",
    "SchoolForm",
    "SubmitForm",
]
