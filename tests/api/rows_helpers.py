"""A row as a province's system posts it: the JSON counterpart of the school-add form's data
(tests/filings/views/helpers.py `row_fields`), valid unless overridden."""

from typing import Any

from filings.models import Facilities

from ..filings.views.helpers import school_fields

YEARS = [2017, 2018, 2019]


def rows_url(code: str = "420000", batch: int = 2) -> str:
    return f"/api/v1/units/{code}/filings/{batch}/rows/"


def row_url(pk: int, code: str = "420000", batch: int = 2) -> str:
    return f"{rows_url(code, batch)}{pk}/"


def school_json(**overrides: Any) -> dict[str, Any]:
    """The school as the school-add form posts it, as JSON."""
    return school_fields(**overrides)


def row_json(position: int = 1, *, school: dict | None = None, **overrides: Any) -> dict:
    body: dict[str, Any] = {
        "school": school or school_json(),
        "certificate_position": position,
        "levels": ["junior", "intermediate"],
        "majors": [{"name": "电子商务", "years": YEARS}, {"name": "移动商务", "years": YEARS}],
        "major_count": None,
        "student_count": 40,
        "team": {"team_size": 10, "dual_qualified_count": 6, "industry_expert_count": 3},
        "attestations": {
            "training_experience": True,
            "teaching_resources": True,
            "facilities": Facilities.OWN,
            "management": True,
        },
    }
    body.update(overrides)
    return body
