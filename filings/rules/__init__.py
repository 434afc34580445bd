"""The notice's rules for a filing, in one place.

Forms, the importer, management commands and views all call these functions; none of them
needs a request. A rule returns problems rather than raising, so that a page or an import
preview can show every problem at once. Errors block submission; warnings must be
acknowledged when submitting.

The rules are kept by topic in the modules of this package; callers import them from here:

- `glossary`: the notice's words (the five conditions, the counts' labels, the summary);
- `problems`: what a rule returns;
- `names`, `contact`, `limits`: a school's name and type, the header's contact details, and
  the limits of what a row may hold, which the form and the importer both apply;
- `row` with `majors`, `team`, `attestation`: one row judged by itself;
- `filing` with `concentration`: the rows together, and the filing as a whole.
"""

from .attestation import attestation_problems
from .concentration import Concentration, Thresholds, concentration, concentration_problem
from .contact import (
    CONTACT_PHONE_RE,
    PHONE_INVALID,
    header_problems,
    is_contact_phone,
    normalize_phone,
    phone_problem,
)
from .filing import FilingCheck, RowLike, check_filing, duplicate_and_conflict_problems
from .glossary import (
    ATTESTATIONS,
    ATTESTED,
    CONDITIONS,
    COUNT_LABELS,
    HEADER_FIELDS,
    NOT_ATTESTED,
    SUMMARY_FIGURES,
    Condition,
    summary_lines,
)
from .limits import (
    MAX_CONTACT_NAME,
    MAX_COUNT,
    MAX_MAJOR_NAME,
    MAX_MAJORS,
    MAX_NOTE,
    MAX_REMARKS,
    MAX_SCHOOL_NAME,
    count_negative,
    count_problems,
    count_too_large,
    school_problems,
)
from .majors import enrolment_years, major_problems
from .names import (
    INVISIBLE,
    INVISIBLE_IN_NAME,
    TECHNICIAN_SCHOOL,
    clean_name,
    has_invisible,
    normalize_name,
    school_type_label,
    school_type_problem,
)
from .problems import Problem, Severity
from .row import certificate_problem, check_row
from .team import MIN_DUAL_QUALIFIED_SHARE, MIN_INDUSTRY_EXPERT_SHARE, team_problems

__all__ = [
    "ATTESTATIONS",
    "ATTESTED",
    "CONDITIONS",
    "CONTACT_PHONE_RE",
    "COUNT_LABELS",
    "HEADER_FIELDS",
    "INVISIBLE",
    "INVISIBLE_IN_NAME",
    "MAX_CONTACT_NAME",
    "MAX_COUNT",
    "MAX_MAJORS",
    "MAX_MAJOR_NAME",
    "MAX_NOTE",
    "MAX_REMARKS",
    "MAX_SCHOOL_NAME",
    "MIN_DUAL_QUALIFIED_SHARE",
    "MIN_INDUSTRY_EXPERT_SHARE",
    "NOT_ATTESTED",
    "PHONE_INVALID",
    "SUMMARY_FIGURES",
    "TECHNICIAN_SCHOOL",
    "Concentration",
    "Condition",
    "FilingCheck",
    "Problem",
    "RowLike",
    "Severity",
    "Thresholds",
    "attestation_problems",
    "certificate_problem",
    "check_filing",
    "check_row",
    "clean_name",
    "concentration",
    "concentration_problem",
    "count_negative",
    "count_problems",
    "count_too_large",
    "duplicate_and_conflict_problems",
    "enrolment_years",
    "has_invisible",
    "header_problems",
    "is_contact_phone",
    "major_problems",
    "normalize_name",
    "normalize_phone",
    "phone_problem",
    "school_problems",
    "school_type_label",
    "school_type_problem",
    "summary_lines",
    "team_problems",
]
