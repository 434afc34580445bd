"""What the view tests share: the data a browser posts, and reading what a page shows."""

import html as html_lib
import re
from typing import Any

from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse

from filings.models import Facilities, SchoolStatus, SchoolType

from .. import factories as f

YEARS = (2017, 2018, 2019)
FORMSET_PREFIX = "rows"


def client_for(user) -> Client:
    """A browser of its own, logged in as `user` (for two people at once)."""
    client = Client()
    client.force_login(user)
    return client


def url(name: str, *args: Any) -> str:
    return reverse(f"filings:{name}", args=args)


def page(response) -> str:
    """The page as text, entities decoded (so “ and ” compare as typed)."""
    return html_lib.unescape(response.content.decode())


def flashed(response) -> list[str]:
    """The messages queued for the next page (after a redirect)."""
    return [str(m) for m in get_messages(response.wsgi_request)]


def school_fields(**overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "name": "武汉船舶职业技术学院",
        "school_type": SchoolType.HIGHER,
        "school_code": "",
        "statuses": [SchoolStatus.NATIONAL_HIGH_LEVEL],
        "remarks": "",
    }
    data.update(overrides)
    return data


def row_fields(
    certificate_position: int = 1,
    *,
    majors: list[tuple[str, tuple[int, ...]]] | None = None,
    prefix: str = "",
    **overrides: Any,
) -> dict[str, Any]:
    """The fields of one certificate as the browser posts them; valid unless overridden.

    Majors are posted as <prefix>majors-<i>-name and <prefix>majors-<i>-y<year>."""
    if majors is None:
        majors = [("电子商务", YEARS), ("移动商务", YEARS)]
    values: dict[str, Any] = {
        "certificate": f.certificate(certificate_position).pk,
        "levels": ["junior", "intermediate"],
        "major_count": "",
        "student_count": "40",
        "team_size": "10",
        "dual_qualified_count": "6",
        "industry_expert_count": "3",
        "training_experience": "yes",
        "training_experience_note": "",
        "teaching_resources": "yes",
        "teaching_resources_note": "",
        "facilities": Facilities.OWN,
        "facilities_note": "",
        "management": "yes",
        "management_note": "",
    }
    values.update(overrides)
    data = {f"{prefix}{key}": value for key, value in values.items() if value is not None}
    for index, (name, years) in enumerate(majors):
        data[f"{prefix}majors-{index}-name"] = name
        for year in years:
            data[f"{prefix}majors-{index}-y{year}"] = "1"
    return data


def school_add_data(*rows: dict[str, Any], **school: Any) -> dict[str, Any]:
    """A whole 'add a school' submission: the school, the management form, each certificate.

    Each item of `rows` holds the keyword arguments of `row_fields` for one certificate."""
    rows = rows or ({},)
    data = school_fields(**school)
    data.update(
        {
            f"{FORMSET_PREFIX}-TOTAL_FORMS": str(len(rows)),
            f"{FORMSET_PREFIX}-INITIAL_FORMS": "0",
            f"{FORMSET_PREFIX}-MIN_NUM_FORMS": "1",
            f"{FORMSET_PREFIX}-MAX_NUM_FORMS": "10",
        }
    )
    for index, row in enumerate(rows):
        data.update(row_fields(prefix=f"{FORMSET_PREFIX}-{index}-", **row))
    return data


def input_value(html: str, name: str) -> str | None:
    """The value of the <input name=...> in the page, None if there is no such input."""
    for tag in re.findall(r"<input\b[^>]*>", html):
        if re.search(rf'\bname="{re.escape(name)}"', tag):
            found = re.search(r'\bvalue="([^"]*)"', tag)
            return html_lib.unescape(found.group(1)) if found else ""
    return None


def is_checked(html: str, name: str, value: str | None = None) -> bool:
    for tag in re.findall(r"<input\b[^>]*>", html):
        if not re.search(rf'\bname="{re.escape(name)}"', tag):
            continue
        if value is not None and not re.search(rf'\bvalue="{re.escape(value)}"', tag):
            continue
        return re.search(r"\bchecked\b", tag) is not None
    raise AssertionError(f"no input {name}={value}")


def selected_options(html: str, name: str) -> list[str]:
    found = re.search(rf'<select\b[^>]*\bname="{re.escape(name)}"[^>]*>(.*?)</select>', html, re.S)
    assert found, f"no select {name}"
    return re.findall(r'<option value="([^"]*)"[^>]*\bselected\b', found.group(1))


def field_block(html: str, field_id: str) -> str:
    """The markup of one crispy field: from its wrapper <div id="div_<id>"> to the next."""
    start = html.index(f'id="div_{field_id}"')
    end = html.find('id="div_', start + 1)
    return html[start : end if end != -1 else len(html)]


def errors_next_to(html: str, field_id: str) -> list[str]:
    """The errors crispy renders right under a field (id_<field_id>_error), in order."""
    pattern = rf'<div id="id_{re.escape(field_id)}_error" class="invalid-feedback">(.*?)</div>'
    block = re.search(pattern, html, re.S)
    if block is None:
        return []
    return re.findall(r"<strong>(.*?)</strong>", block.group(1), re.S)


def shown_row_ids(response) -> list[int]:
    """The rows the rows page shows, in order."""
    return [view.row.pk for view in response.context["page"].object_list]


# --- filings of any size ----------------------------------------------------------------------

TYPES = [SchoolType.HIGHER, SchoolType.SECONDARY, SchoolType.APPLIED_UNDERGRAD]


def fill(filing, user, rows: int, *, per_school: int = 5) -> None:
    """Add `rows` rows through the services (so the history grows with them), `per_school`
    certificates per school, some with an error, a warning or missing evidence."""
    from filings.models import School
    from filings.services import school_add_with_rows

    added = 0
    number = School.objects.filter(filing=filing).count()
    while added < rows:
        count = min(per_school, rows - added)
        number += 1
        rows_data = []
        for position in range(1, count + 1):
            overrides: dict[str, Any] = {}
            kind = (number + position) % 4
            if kind == 1:
                overrides["facilities"] = ""  # a warning
            elif kind == 2:
                overrides["dual_qualified_count"] = 2  # an error
            elif kind == 3:
                overrides["team_size"] = None  # missing evidence
            rows_data.append(f.valid_row_data(f.certificate(position), **overrides))
        school_add_with_rows(
            filing=filing,
            user=user,
            school_data={
                "name": f"湖北第{number}职业技术学院",
                "school_type": TYPES[number % len(TYPES)],
                "statuses": [] if number % 2 else [SchoolStatus.PROVINCIAL_MODEL_HIGHER],
                "remarks": "" if number % 3 else "省级优质校",
            },
            rows_data=rows_data,
        )
        added += count


def queries_of(client, path: str) -> int:
    """How many queries one GET of `path` runs (after a first GET, so that nothing is being
    created on the way)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    assert client.get(path).status_code == 200
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    assert response.status_code == 200
    return len(captured.captured_queries)
