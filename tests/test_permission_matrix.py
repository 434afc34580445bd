"""Who gets what from every page: one (page, role, method) → expected response per line.

Every URL of the filings app, every public page and the admin are here, for six kinds of
visitor: anonymous, staff of the unit (湖北省 420000), staff of another unit (湖南省 430000), a
reviewer (职教所), a logged-in user without a role, and an administrator (a superuser without
a portal role: manages accounts in the admin, sees no unit's filing pages). A page added to
filings/urls.py without a line here fails `test_every_page_of_the_apps_is_in_the_matrix`.

Denied requests must also change nothing: the test compares both units' data before and after.
"""

from dataclasses import dataclass, field
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from certificates.models import Certificate
from filings.models import Filing, FilingEvent, PilotRow, School, StampedScan
from filings.services import scan_upload

from .filings import factories as f
from .filings.views.helpers import row_fields, school_add_data, school_fields

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "staff", "other_staff", "reviewer", "outsider", "admin"]
LOGIN = "login"  # 302 to the login page


@dataclass(frozen=True)
class To:
    """A 302 to this path."""

    path: str


@dataclass(frozen=True)
class Case:
    label: str
    url_name: str  # as reverse() takes it
    # (code, id kind) -> URL; see `World.url`
    code: str = "420000"
    ids_of: str = "420000"  # whose school/row/scan ids the URL carries
    pk: str = ""  # "school", "row" or "scan"
    query: str = ""
    expected: dict[str, tuple[Any, Any]] = field(default_factory=dict)  # role -> (GET, POST)


def read_page(**overrides) -> dict[str, tuple[Any, Any]]:
    """A page any reader of the unit sees; it takes no POST."""
    expected = {
        "anonymous": (LOGIN, LOGIN),
        "staff": (200, 405),
        "other_staff": (404, 405),
        "reviewer": (200, 405),
        "outsider": (404, 405),
    }
    expected.update(overrides)
    return expected


def write_page(staff_post: int, **overrides) -> dict[str, tuple[Any, Any]]:
    """A page that changes the unit's data: its staff only; a reviewer is told 403."""
    expected = {
        "anonymous": (LOGIN, LOGIN),
        "staff": (200, staff_post),
        "other_staff": (404, 404),
        "reviewer": (403, 403),
        "outsider": (404, 404),
    }
    expected.update(overrides)
    return expected


def public_page(**overrides) -> dict[str, tuple[Any, Any]]:
    expected = {role: (200, 405) for role in ROLES}
    expected.update(overrides)
    return expected


CASES = [
    # --- the filings app, on the unit's own code and ids --------------------------------------
    Case(
        "my_filing",
        "filings:my_filing",
        expected={
            "anonymous": (LOGIN, LOGIN),
            "staff": (To("/units/420000/"), 405),
            "other_staff": (To("/units/430000/"), 405),
            "reviewer": (To("/review/"), 405),
            "outsider": (403, 405),
        },
    ),
    # The national institute's pages: staff must not learn they exist.
    *[
        Case(
            name,
            f"filings:{name}",
            expected={
                "anonymous": (LOGIN, LOGIN),
                "staff": (404, 405),
                "other_staff": (404, 405),
                "reviewer": (200, 405),
                "outsider": (404, 405),
            },
        )
        for name in ("review_board", "national", "national_export", "unreachable_units")
    ],
    # The reminder to every unit not yet submitted: reviewers only, POST only.
    Case(
        "remind",
        "filings:remind",
        expected={
            "anonymous": (LOGIN, LOGIN),
            "staff": (405, 404),
            "other_staff": (405, 404),
            "reviewer": (405, To("/review/")),
            "outsider": (405, 404),
        },
    ),
    Case("unit_home", "filings:unit_home", expected=read_page()),
    Case("header", "filings:header", expected=write_page(302)),
    Case("history", "filings:history", expected=read_page()),
    Case("unit_staff", "filings:unit_staff", expected=read_page()),
    Case("print", "filings:print", expected=read_page()),
    Case("rows", "filings:rows", expected=read_page()),
    Case("school_add", "filings:school_add", expected=write_page(302)),
    Case("school_edit", "filings:school_edit", pk="school", expected=write_page(302)),
    Case("school_delete", "filings:school_delete", pk="school", expected=write_page(302)),
    Case("row_edit", "filings:row_edit", pk="row", expected=write_page(302)),
    Case("row_delete", "filings:row_delete", pk="row", expected=write_page(302)),
    Case(
        "rows_bulk_confirm",
        "filings:rows_bulk_confirm",
        # POST only (405 on GET, asked of no one); then the unit's staff only.
        expected={
            "anonymous": (LOGIN, LOGIN),
            "staff": (405, 302),
            "other_staff": (405, 404),
            "reviewer": (405, 403),
            "outsider": (405, 404),
        },
    ),
    Case(
        "row_quick_edit",
        "filings:row_quick_edit",
        pk="row",
        expected={
            "anonymous": (LOGIN, LOGIN),
            "staff": (405, 302),
            "other_staff": (405, 404),
            "reviewer": (405, 403),
            "outsider": (405, 404),
        },
    ),
    Case("export", "filings:export", expected=read_page()),
    # An empty upload form is refused on the page itself.
    Case("import", "filings:import", expected=write_page(200)),
    # Without a pending upload the preview sends its staff back to the upload.
    Case(
        "import_preview",
        "filings:import_preview",
        expected=write_page(302, staff=(To("/units/420000/import/"), To("/units/420000/import/"))),
    ),
    Case(
        "scan",
        "filings:scan",
        expected=write_page(302, reviewer=(200, 403)),
    ),
    Case("scan_download", "filings:scan_download", pk="scan", expected=read_page()),
    # Past the notice's deadline (2019-09-20) the submission is refused on the page itself.
    Case("submit", "filings:submit", expected=write_page(200)),
    Case(
        "review",
        "filings:review",
        expected={
            # Review actions take POST only; staff must not learn that review pages exist.
            "anonymous": (LOGIN, LOGIN),
            "staff": (405, 404),
            "other_staff": (405, 404),
            "reviewer": (405, 302),
            "outsider": (405, 404),
        },
    ),
    # The confirmation before accepting. The filing here is a draft: the reviewer is sent
    # back to its page, told that only a submitted filing can be accepted.
    Case(
        "accept",
        "filings:accept",
        expected={
            "anonymous": (LOGIN, LOGIN),
            "staff": (404, 404),
            "other_staff": (404, 404),
            "reviewer": (To("/units/420000/"), To("/units/420000/")),
            "outsider": (404, 404),
        },
    ),
    # --- the other unit's own code, with ids of 湖北省's filing -------------------------------
    *[
        Case(
            f"cross_{name}",
            f"filings:{name}",
            code="430000",
            pk=pk,
            expected=write_page(404, staff=(404, 404), other_staff=(404, 404), reviewer=(403, 403)),
        )
        for name, pk in [
            ("school_edit", "school"),
            ("school_delete", "school"),
            ("row_edit", "row"),
            ("row_delete", "row"),
        ]
    ],
    Case(
        "cross_scan_download",
        "filings:scan_download",
        code="430000",
        pk="scan",
        expected=read_page(staff=(404, 405), reviewer=(404, 405)),
    ),
    Case(
        "cross_school_add_copy",
        "filings:school_add",
        code="430000",
        query="copy",
        # A POST ignores ?copy= and adds to the poster's own filing (checked below: 湖北省's
        # filing is untouched).
        expected=write_page(302, staff=(404, 404), other_staff=(404, 302)),
    ),
    Case(
        "cross_school_add_school",
        "filings:school_add",
        code="430000",
        query="school",
        expected=write_page(302, staff=(404, 404), other_staff=(404, 302)),
    ),
    Case(
        "unknown_unit",
        "filings:unit_home",
        code="999999",
        expected=read_page(staff=(404, 405), reviewer=(404, 405)),
    ),
    Case(
        "unknown_unit_header",
        "filings:header",
        code="999999",
        expected=write_page(404, staff=(404, 404), reviewer=(404, 404)),
    ),
    # --- public pages -------------------------------------------------------------------------
    Case(
        "home",
        "home",
        expected={
            "anonymous": (To("/directory/"), 405),
            "staff": (To("/units/420000/"), 405),
            "other_staff": (To("/units/430000/"), 405),
            "reviewer": (To("/review/"), 405),
            "outsider": (To("/directory/"), 405),
        },
    ),
    Case("directory", "certificates:directory", expected=public_page()),
    Case("certificate_detail", "certificates:detail", pk="certificate", expected=public_page()),
    Case("attachment1", "certificates:attachment1", expected=public_page()),
    Case("help", "help", expected=public_page()),
    Case("login", "login", expected={role: (200, 200) for role in ROLES}),
    # The same answer whether or not the address belongs to an account.
    Case("password_reset", "password_reset", expected={role: (200, 302) for role in ROLES}),
    # A reset link that is no account's: the same page, 链接已失效, to everyone.
    Case(
        "password_reset_confirm",
        "password_reset_confirm",
        pk="reset_link",
        expected={role: (200, 200) for role in ROLES},
    ),
    # One's own password: anyone logged in (an empty form is refused on the page itself).
    Case(
        "password_change",
        "password_change",
        expected={role: (LOGIN, LOGIN) if role == "anonymous" else (200, 200) for role in ROLES},
    ),
    # One's own API token: those with a portal role; a POST without an action is refused on
    # the page itself (tests/api/test_token_page.py makes and revokes tokens).
    Case(
        "api_token",
        "filings:api_token",
        expected={
            "anonymous": (LOGIN, LOGIN),
            "staff": (200, 400),
            "other_staff": (200, 400),
            "reviewer": (200, 400),
            "outsider": (403, 403),
        },
    ),
    Case(
        "password_change_done",
        "password_change_done",
        expected={role: (LOGIN, LOGIN) if role == "anonymous" else (200, 405) for role in ROLES},
    ),
]

ADMIN_LOGIN = "/admin/login/?next="


def admin_page(path: str) -> dict[str, tuple[Any, Any]]:
    """The admin: administrators only; others are sent to a login (the admin's own, once
    logged in without staff status)."""
    to_admin_login = To(f"{ADMIN_LOGIN}{path}")
    return {
        "anonymous": (LOGIN, LOGIN),
        "staff": (to_admin_login, to_admin_login),
        "other_staff": (to_admin_login, to_admin_login),
        "reviewer": (to_admin_login, to_admin_login),
        "outsider": (to_admin_login, to_admin_login),
        "admin": (200, 200),
    }


CASES += [
    # The admin's index answers strangers itself, with the admin's login.
    Case(
        "admin_index",
        "admin:index",
        expected={
            **admin_page("/admin/"),
            "anonymous": (To(f"{ADMIN_LOGIN}/admin/"), To(f"{ADMIN_LOGIN}/admin/")),
        },
    ),
    Case(
        "admin_users",
        "admin:auth_user_changelist",
        expected=admin_page("/admin/auth/user/"),
    ),
    # Filings are read-only in the admin: every change goes through the services.
    Case(
        "admin_filings",
        "admin:filings_filing_changelist",
        expected=admin_page("/admin/filings/filing/"),
    ),
    # Loading a batch from its Attachment 1 (#13); a POST without a file is the form again,
    # a confirmation without a preview goes back to it. Staff without the add-batch
    # permission get 403: tests/load_batch/test_admin_upload.py.
    Case(
        "admin_batch_load",
        "admin:certificates_batch_load",
        expected=admin_page("/admin/certificates/batch/load/"),
    ),
    Case(
        "admin_batch_load_confirm",
        "admin:certificates_batch_load_confirm",
        expected={
            **admin_page("/admin/certificates/batch/load/confirm/"),
            "admin": (405, To("/admin/certificates/batch/load/")),
        },
    ),
]
# An administrator without a portal role is, on the portal's own pages, a stranger.
CASES = [
    Case(
        c.label,
        c.url_name,
        c.code,
        c.ids_of,
        c.pk,
        c.query,
        {**c.expected, "admin": c.expected.get("admin", c.expected["outsider"])},
    )
    for c in CASES
]

PUBLIC = {"home", "certificates:directory", "certificates:detail", "certificates:attachment1"}
PUBLIC |= {"help", "login", "password_reset", "password_reset_confirm"}


class World:
    """Two units, each with a filing, a school with two rows and a current scan."""

    def __init__(self, batch) -> None:
        self.units = {
            "420000": f.make_unit("420000", "湖北省"),
            "430000": f.make_unit("430000", "湖南省"),
        }
        self.users: dict[str, User | None] = {
            "anonymous": None,
            "staff": f.make_staff(self.units["420000"]),
            "other_staff": f.make_staff(self.units["430000"]),
            "reviewer": f.make_reviewer(),
            "outsider": User.objects.create_user(username="outsider", password=f.PASSWORD),
            "admin": User.objects.create_superuser(
                username="admin", password=f.PASSWORD, email="admin@example.cn"
            ),
        }
        self.ids: dict[str, dict[str, int]] = {}
        for code, school_name, user in (
            ("420000", "武汉船舶职业技术学院", self.users["staff"]),
            ("430000", "湖南铁道职业技术学院", self.users["other_staff"]),
        ):
            filing = f.make_filing(self.units[code], batch)
            school = f.make_school(filing, school_name)
            row = f.make_row(filing, school, f.certificate(1))
            f.make_row(filing, school, f.certificate(2))
            scan = scan_upload(filing=filing, user=user, uploaded=f.scan_file())
            self.ids[code] = {"school": school.pk, "row": row.pk, "scan": scan.pk}
        self.certificate = Certificate.objects.filter(batch=batch).first().pk

    def url(self, case: Case) -> str:
        args: list[Any] = []
        if case.url_name.startswith("filings:") and case.url_name not in (
            "filings:my_filing",
            "filings:review_board",
            "filings:remind",
            "filings:national",
            "filings:national_export",
            "filings:unreachable_units",
            "filings:api_token",
        ):
            args.append(case.code)
        if case.pk == "certificate":
            args.append(self.certificate)
        elif case.pk == "reset_link":
            args += ["MTIzNDU2Nzg5", "set-password"]
        elif case.pk:
            args.append(self.ids[case.ids_of][case.pk])
        path = reverse(case.url_name, args=args)
        if case.query:
            key = {"copy": "row", "school": "school"}[case.query]
            path += f"?{case.query}={self.ids[case.ids_of][key]}"
        return path

    def post_data(self, case: Case) -> dict[str, Any]:
        """Data that would change something if the request were let through."""
        name = case.url_name.removeprefix("filings:")
        if name == "header":
            return {
                "contact_name": "李强",
                "contact_phone": "13907141234",
                "contact_email": "liqiang@example.cn",
                "filing_revision": "1",
            }
        if name == "school_add":
            return school_add_data({"certificate_position": 3}, name="荆州职业技术学院")
        if name == "school_edit":
            return {**school_fields(name="改名职业技术学院", remarks="改了"), "school_version": "1"}
        if name == "row_edit":
            return {**row_fields(1, student_count="99"), "row_version": "1"}
        if name == "scan":
            return {"file": f.scan_file("png")}
        if name == "submit":
            return {"acknowledge": "on"}
        if name == "review":
            return {"action": "return", "reason": "请补充。"}
        if name == "row_quick_edit":
            return {
                "row_version": "1",
                "levels": ["junior"],
                "major_count": "2",
                "student_count": "77",
            }
        if name == "rows_bulk_confirm":
            return {"rows": [self.ids[case.ids_of]["row"]], "attest": "on"}
        if name == "login":
            return {"username": "nobody", "password": "wrong"}
        if name == "password_reset":
            return {"email": "nobody@example.cn"}
        if name == "password_reset_confirm":
            return {"new_password1": "Hubei-pilot-2019", "new_password2": "Hubei-pilot-2019"}
        return {}

    def snapshot(self) -> dict[str, Any]:
        """Everything a request could change, per filing."""
        state = {}
        for code in self.units:
            filing = Filing.objects.get(unit__code=code)
            state[code] = {
                "filing": (
                    filing.state,
                    filing.revision,
                    filing.contact_name,
                    filing.contact_phone,
                    filing.contact_email,
                    filing.deadline_extended_to,
                    filing.return_reason,
                ),
                "schools": sorted(
                    School.objects.filter(filing=filing).values_list("pk", "name", "remarks")
                ),
                "rows": sorted(
                    PilotRow.objects.filter(filing=filing).values_list(
                        "pk", "student_count", "version"
                    )
                ),
                "scans": StampedScan.objects.filter(filing=filing).count(),
                "events": FilingEvent.objects.filter(filing=filing).count(),
            }
        state["filings"] = Filing.objects.count()
        return state


@pytest.fixture
def world(reference_data, settings, tmp_path) -> World:
    settings.MEDIA_ROOT = tmp_path / "media"  # the scans never go to var/media
    return World(reference_data)


def assert_response(response, expected, path: str) -> None:
    if expected == LOGIN:
        assert response.status_code == 302, path
        assert response.url.startswith(f"{reverse('login')}?next="), response.url
    elif isinstance(expected, To):
        assert response.status_code == 302, path
        assert response.url == expected.path
    else:
        assert response.status_code == expected, (path, response.status_code)


PARAMS = [
    pytest.param(case, role, method, id=f"{case.label}-{role}-{method}")
    for case in CASES
    for role in ROLES
    for method in ("GET", "POST")
]


@pytest.mark.parametrize(("case", "role", "method"), PARAMS)
def test_the_permission_matrix(client, world, case, role, method):
    user = world.users[role]
    if user is not None:
        client.force_login(user)
    path = world.url(case)
    before = world.snapshot()
    send = client.get if method == "GET" else client.post
    response = send(path, world.post_data(case) if method == "POST" else None)
    expected = case.expected[role][0 if method == "GET" else 1]
    assert_response(response, expected, path)

    after = world.snapshot()
    if expected == LOGIN or expected in (403, 404, 405) or method == "GET":
        # Refused, or only read: nothing changed anywhere.
        assert after == before
    else:
        # Let through: whatever changed, 湖北省's data changed only by its own staff or
        # a reviewer, and 湖南省's only by its own staff.
        if role not in ("staff", "reviewer"):
            assert after["420000"] == before["420000"]
        if role != "other_staff":
            if case.url_name == "filings:remind":
                # The reminder goes to every unit not yet submitted: each history records it.
                del after["430000"]["events"], before["430000"]["events"]
            assert after["430000"] == before["430000"]


def test_every_case_names_every_role():
    for case in CASES:
        assert set(case.expected) == set(ROLES), case.label
        assert all(len(pair) == 2 for pair in case.expected.values()), case.label


def _patterns(patterns, namespace=None):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from _patterns(pattern.url_patterns, pattern.namespace or namespace)
        elif isinstance(pattern, URLPattern):
            name = f"{namespace}:{pattern.name}" if namespace else pattern.name
            yield name, pattern.callback


def test_every_url_of_the_filings_app_is_in_the_matrix():
    from filings import urls

    names = {f"filings:{pattern.name}" for pattern in urls.urlpatterns}
    covered = {case.url_name for case in CASES if case.code == "420000"}
    assert names - covered == set()


def test_every_page_of_the_apps_is_in_the_matrix():
    """Every page the project's own apps serve, and every page open without login."""
    covered = {case.url_name for case in CASES}
    for name, view in _patterns(get_resolver().url_patterns):
        if name.startswith("api-"):
            continue  # the Web API's matrix of its own: tests/api/test_permission_matrix.py
        ours = view.__module__.split(".")[0] in ("filings", "certificates")
        public = getattr(view, "login_required", True) is False
        if ours:
            assert name in covered, name
        if public and not view.__module__.startswith("django.contrib"):
            assert name in PUBLIC, name
    assert covered >= PUBLIC


# --- the other unit's ids in the data a form posts --------------------------------------------


def test_posting_a_school_to_ones_own_unit_never_touches_another_units_filing(client, world):
    client.force_login(world.users["other_staff"])
    before = world.snapshot()
    hubei = Filing.objects.get(unit__code="420000")
    data = school_add_data(
        {"certificate_position": 1},
        # The same school name as 湖北省's, and ids of 湖北省's filing slipped into the form.
        name="武汉船舶职业技术学院",
        filing=hubei.pk,
        unit="420000",
        code="420000",
        school=world.ids["420000"]["school"],
    )
    data["rows-0-row_version"] = "1"
    data["rows-0-pk"] = world.ids["420000"]["row"]
    response = client.post(reverse("filings:school_add", args=["430000"]), data)
    assert response.status_code == 302
    after = world.snapshot()
    assert after["420000"] == before["420000"]
    hunan = Filing.objects.get(unit__code="430000")
    added = School.objects.get(filing=hunan, name="武汉船舶职业技术学院")
    assert added.pk != world.ids["420000"]["school"]
    assert list(added.rows.values_list("filing_id", flat=True)) == [hunan.pk]


def test_a_row_edit_of_another_units_row_by_its_own_code_changes_nothing(client, world):
    client.force_login(world.users["other_staff"])
    before = world.snapshot()
    row = world.ids["420000"]["row"]
    data = {**row_fields(1, student_count="99"), "row_version": "1"}
    response = client.post(reverse("filings:row_edit", args=["430000", row]), data)
    assert response.status_code == 404
    assert world.snapshot() == before


def test_a_get_only_page_answers_a_post_alike_for_every_unit_code(client, world):
    """POST on a read page is 405 before anyone is asked who they are: the answer is the same
    for the own unit, another unit and a unit that does not exist, so it confirms nothing."""
    client.force_login(world.users["staff"])
    for name in ("unit_home", "rows", "history", "print"):
        codes = {
            code: client.post(reverse(f"filings:{name}", args=[code])).status_code
            for code in ("420000", "430000", "999999")
        }
        assert set(codes.values()) == {405}, (name, codes)


def test_the_403_page_says_why_in_chinese(client, world):
    client.force_login(world.users["reviewer"])
    response = client.get(reverse("filings:header", args=["420000"]))
    assert response.status_code == 403
    assert "审核人员只能查看和审核，不能修改报送单位的数据。" in response.content.decode()
    client.force_login(world.users["outsider"])
    response = client.get(reverse("filings:my_filing"))
    assert response.status_code == 403
    assert "您的账号尚未分配报送单位或审核角色，请联系管理员。" in response.content.decode()


def test_the_404_page_confirms_nothing(client, world):
    client.force_login(world.users["other_staff"])
    response = client.get(reverse("filings:unit_home", args=["420000"]))
    assert response.status_code == 404
    html = response.content.decode()
    assert "湖北省" not in html
    assert "武汉船舶职业技术学院" not in html


# --- what a browser or a shared cache may keep ------------------------------------------------


def assert_not_stored(response, path: str) -> None:
    directives = {d.strip() for d in response.get("Cache-Control", "").split(",")}
    assert {"private", "no-store"} <= directives, (path, response.get("Cache-Control"))


@pytest.mark.parametrize("case", CASES, ids=[case.label for case in CASES])
def test_no_answer_to_a_logged_in_visitor_is_kept_by_a_cache(client, world, case):
    """Pages, exports and scans of a unit stay out of shared caches and off the disk of a
    shared computer: every answer to a signed-in visitor, whatever its status, says
    `private, no-store`."""
    path = world.url(case)
    for role in ROLES[1:]:
        client.force_login(world.users[role])
        assert_not_stored(client.get(path), f"{role} {path}")


def test_public_pages_stay_cacheable_for_anonymous_visitors(client, world):
    for name in ("certificates:directory", "certificates:attachment1", "help"):
        response = client.get(reverse(name))
        assert response.status_code == 200
        assert "no-store" not in response.get("Cache-Control", ""), name
