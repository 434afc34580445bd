"""Who gets what from every API endpoint: one (method, path) → expected answer per role.

The roles are those of the pages' matrix (tests/test_permission_matrix.py): anonymous, staff
of the unit (湖北省 420000), staff of another unit (湖南省 430000), a reviewer (职教所), a user
without a portal role, and an administrator (a superuser without a portal role), each with a
token of their own. Every (method, path) the schema at /api/schema/ lists must have a line in
MATRIX: `test_every_operation_of_the_schema_is_in_the_matrix` fails otherwise, so a new
endpoint states who may use it before it is merged.

The rule is the pages': the unit's data is read by its staff and reviewers and changed by
its staff only; another unit's staff, and anyone without a role, get 404 (its existence is
not confirmed); a reviewer asking to change a unit's data gets 403. A refused request
changes nothing: the test compares both units' data before and after.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

import pytest
from django.contrib.auth.models import User
from rest_framework.test import APIClient

from filings.models import Filing, FilingEvent, PilotRow, School

from ..filings import factories as f
from .conftest import token_client
from .schema_check import api_schema

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "staff", "other_staff", "reviewer", "outsider", "admin"]
WRITES = {"post", "put", "patch", "delete"}


@dataclass(frozen=True)
class Expect:
    """An expected answer: one status, or a class of them."""

    label: str
    accepts: Callable[[int], bool] = field(compare=False)  # lines compare by their labels

    def __repr__(self) -> str:
        return self.label


def status(code: int) -> Expect:
    return Expect(str(code), lambda got: got == code)


OK = Expect("2xx", lambda got: 200 <= got < 300)
# A write the role may make: done, or refused for its data or the filing's state — never
# for who is asking.
LET_THROUGH = Expect(
    "2xx, or 4xx but not 403/404",
    lambda got: 200 <= got < 300 or (400 <= got < 500 and got not in (403, 404)),
)
NO_CREDENTIAL = Expect("401/403", lambda got: got in (401, 403))


def public() -> dict[str, Expect]:
    return {role: OK for role in ROLES}


def unit_read() -> dict[str, Expect]:
    """The unit's data: its staff and reviewers."""
    return {
        "anonymous": status(401),
        "staff": OK,
        "other_staff": status(404),
        "reviewer": OK,
        "outsider": status(404),
        "admin": status(404),
    }


def unit_write() -> dict[str, Expect]:
    """A change to the unit's data: its staff only; a reviewer is told 403."""
    return {
        "anonymous": NO_CREDENTIAL,
        "staff": LET_THROUGH,
        "other_staff": status(404),
        "reviewer": status(403),
        "outsider": status(404),
        "admin": status(404),
    }


def reviewers_only() -> dict[str, Expect]:
    """The national institute's figures: units' staff must not learn they exist."""
    return {
        "anonymous": status(401),
        "staff": status(404),
        "other_staff": status(404),
        "reviewer": OK,
        "outsider": status(404),
        "admin": status(404),
    }


# (method, path as the schema writes it) → role → expected. Add a line with every endpoint;
# unit_write() for every POST/PUT/PATCH/DELETE on a unit's filing.
MATRIX: dict[tuple[str, str], dict[str, Expect]] = {
    ("get", "/api/v1/batches/"): public(),
    ("get", "/api/v1/batches/{number}/certificates/"): public(),
    ("get", "/api/v1/units/{code}/filings/{number}/"): unit_read(),
    ("patch", "/api/v1/units/{code}/filings/{number}/"): unit_write(),
    ("get", "/api/v1/units/{code}/filings/{number}/rows/"): unit_read(),
    ("post", "/api/v1/units/{code}/filings/{number}/rows/"): unit_write(),
    ("get", "/api/v1/units/{code}/filings/{number}/rows/{id}/"): unit_read(),
    ("put", "/api/v1/units/{code}/filings/{number}/rows/{id}/"): unit_write(),
    ("patch", "/api/v1/units/{code}/filings/{number}/rows/{id}/"): unit_write(),
    ("delete", "/api/v1/units/{code}/filings/{number}/rows/{id}/"): unit_write(),
    # The import's preview belongs to whoever may import: the unit's staff.
    ("get", "/api/v1/units/{code}/filings/{number}/import/"): unit_write(),
    ("post", "/api/v1/units/{code}/filings/{number}/import/"): unit_write(),
    ("get", "/api/v1/national/{number}/"): reviewers_only(),
    ("get", "/api/v1/national/{number}/rows/"): reviewers_only(),
}


class World:
    """Two units, each with a filing of batch 2 holding one school with one row; a user with a
    token for each role."""

    def __init__(self, batch) -> None:
        units = {
            code: f.make_unit(code, name)
            for code, name in (("420000", "湖北省"), ("430000", "湖南省"))
        }
        self.users: dict[str, User | None] = {
            "anonymous": None,
            "staff": f.make_staff(units["420000"]),
            "other_staff": f.make_staff(units["430000"]),
            "reviewer": f.make_reviewer(),
            "outsider": User.objects.create_user(username="outsider", password=f.PASSWORD),
            "admin": User.objects.create_superuser(
                username="admin", password=f.PASSWORD, email="admin@example.cn"
            ),
        }
        self.rows = {}
        for code, unit in units.items():
            filing = f.make_filing(unit, batch)
            self.rows[code] = f.make_row(filing, f.make_school(filing, f"{unit.name}职业技术学院"))

    def path(self, template: str) -> str:
        """The path with 湖北省's values: its code, batch 2, its row."""
        row = self.rows["420000"]
        values = {"code": "420000", "number": "2", "id": row.pk, "pk": row.pk, "row": row.pk}
        path = template
        for name, value in values.items():
            path = path.replace("{" + name + "}", str(value))
        assert "{" not in path, f"a value for the parameters of {template}: add it in World.path"
        return path

    def client(self, role: str):
        user = self.users[role]
        return APIClient() if user is None else token_client(user)

    @staticmethod
    def snapshot() -> dict:
        """Everything a request could change, per unit."""
        return {
            filing.unit.code: {
                "filing": (filing.state, filing.revision, filing.contact_name),
                "schools": sorted(School.objects.filter(filing=filing).values_list("pk", "name")),
                "rows": sorted(
                    PilotRow.objects.filter(filing=filing).values_list(
                        "pk", "student_count", "version"
                    )
                ),
                "events": FilingEvent.objects.filter(filing=filing).count(),
            }
            for filing in Filing.objects.select_related("unit")
        }


@pytest.fixture
def world(reference_data) -> World:
    return World(reference_data)


def send(client, method: str, path: str):
    """A write sends an empty JSON object: enough to be refused for its data, never to be
    let through for want of a body."""
    if method in WRITES:
        return getattr(client, method)(path, {}, format="json")
    return client.get(path)


PARAMS = [
    pytest.param(method, path, role, id=f"{method.upper()} {path} {role}")
    for (method, path) in MATRIX
    for role in ROLES
]


@pytest.mark.parametrize(("method", "path", "role"), PARAMS)
def test_the_api_permission_matrix(world, method, path, role):
    expected = MATRIX[(method, path)][role]
    before = world.snapshot()
    response = send(world.client(role), method, world.path(path))
    assert expected.accepts(response.status_code), (
        f"{method.upper()} {path} as {role}: {response.status_code}, expected {expected}"
    )
    after = world.snapshot()
    if method not in WRITES or not 200 <= response.status_code < 300:
        assert after == before
    else:
        # Let through: only 湖北省's data may have changed.
        assert after["430000"] == before["430000"]


def test_every_operation_of_the_schema_is_in_the_matrix():
    operations = {
        (method, path)
        for path, methods in api_schema()["paths"].items()
        for method in methods
        if method in {"get", "post", "put", "patch", "delete", "head", "options", "trace"}
    }
    missing = operations - set(MATRIX)
    assert not missing, f"add these to MATRIX in {__name__}: {sorted(missing)}"
    assert not set(MATRIX) - operations, "MATRIX names operations the schema does not list"


def test_every_line_names_every_role_and_writes_follow_the_rule():
    assert unit_write() == unit_write() != unit_read()  # lines compare by their labels
    for (method, path), expected in MATRIX.items():
        assert set(expected) == set(ROLES), (method, path)
        if method in WRITES and "/units/{code}/" in path:
            assert expected == unit_write(), (method, path)
