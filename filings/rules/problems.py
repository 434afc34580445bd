"""What a rule returns: a problem with its severity, code, message and field.

A rule returns problems rather than raising, so that a page or an import preview can show
every problem at once. Errors block submission; warnings must be acknowledged when
submitting. Every rule module builds its problems with `error` and `warning`.
"""

from dataclasses import dataclass
from enum import StrEnum


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class Problem:
    severity: Severity
    code: str
    message: str
    field: str = ""
    # True for evidence the table itself does not carry (teachers, enrolment years):
    # imported rows come without it and are completed on the filing page.
    missing_evidence: bool = False

    @property
    def is_error(self) -> bool:
        return self.severity == Severity.ERROR

    @property
    def blocks_saving(self) -> bool:
        """An error no row may be stored with, typed or imported alike. Evidence still to
        complete is an error too, but blocks only the submission: a province that imports
        its table must be able to correct one figure before it has the teachers' numbers."""
        return self.is_error and not self.missing_evidence


def error(code: str, message: str, field: str = "", missing: bool = False) -> Problem:
    return Problem(Severity.ERROR, code, message, field, missing)


def warning(code: str, message: str, field: str = "") -> Problem:
    return Problem(Severity.WARNING, code, message, field)
