"""Every page, for every role, on a phone (390×844) and on a laptop (1366×768): the page does
not scroll sideways, nothing wraps one character per line, and axe-core finds no WCAG 2.1 A
or AA violation. Screenshots of the key pages land in var/test-artifacts/.

The pages are declared below; pages that only act (POST) are not in the list. Each role crawls
with one logged-in browser context per screen size, and every problem of every page is
reported at the end, so that one run shows them all.
"""

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from playwright.sync_api import expect

from .axe import axe_violations, describe_violations
from .conftest import save_screenshot, seed_demo_period
from .layout import layout_problems, sticky_column_problems
from .test_filing_browser import PASSWORD, login

pytestmark = pytest.mark.browser

SIZES = {
    "phone": {
        "viewport": {"width": 390, "height": 844},
        "is_mobile": True,
        "has_touch": True,
    },
    "desktop": {"viewport": {"width": 1366, "height": 768}},
}


@dataclass(frozen=True)
class Page:
    name: str
    path: str
    key: bool = False  # a screenshot at both sizes
    status: int = 200
    # Instead of opening `path`: the steps that lead to the page (an upload, for example).
    reach: Callable | None = None
    # axe-core rules not held against the page: only for markup the portal does not write.
    not_ours: tuple[str, ...] = ()


@dataclass
class Portal:
    """What the declared pages point at, in the seeded demo."""

    draft: str  # the code of a unit whose draft holds a full table
    submitted: str  # a unit waiting for review
    returned: str
    school: int
    row: int
    certificate: int
    reset_link: str
    staff_user: int


def upload_own_export(page, base: str, portal: Portal) -> None:
    """The unit's own export, uploaded again: the import preview of a full table."""
    exported = page.request.get(f"{base}/units/{portal.draft}/export.xlsx")
    assert exported.ok, exported.status
    page.goto(f"{base}/units/{portal.draft}/import/")
    page.get_by_label("附件2 Excel 文件").set_input_files(
        {
            "name": "导出的汇总表.xlsx",
            "mimeType": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "buffer": exported.body(),
        }
    )
    page.get_by_role("button", name="上传并预览").click()
    expect(page.get_by_role("heading", name="导入预览：导出的汇总表.xlsx")).to_be_visible(
        timeout=90_000
    )


def open_row_forms(page, base: str, portal: Portal) -> None:
    """The rows list with its in-page forms open: bulk confirmation and a quick edit."""
    page.goto(f"{base}/units/{portal.draft}/rows/")
    page.locator("details.bulk-confirm > summary").click()
    page.locator("table.rows-table tbody tr[data-row]").first.get_by_role(
        "button", name="快速修改"
    ).click()
    expect(page.locator("tr.quick-edit.show")).to_be_visible()
    expect(page.locator(".collapsing")).to_have_count(0)  # the collapse animation is over


def public_pages(p: Portal) -> list[Page]:
    return [
        Page("home", "/", key=True),
        Page("directory", "/directory/", key=True),
        Page("directory-search", "/directory/?q=焊接"),
        Page("certificate", f"/directory/{p.certificate}/", key=True),
        Page("help", "/help/"),
        Page("login", "/accounts/login/", key=True),
        Page("password-reset", "/accounts/password_reset/"),
        Page("password-reset-sent", "/accounts/password_reset/done/"),
        Page("password-reset-new", p.reset_link),
        Page("password-reset-bad-link", "/accounts/reset/MQ/bad-token/"),
        Page("password-reset-complete", "/accounts/reset/done/"),
        Page("not-found", "/no-such-page/", status=404),
    ]


def staff_pages(p: Portal) -> list[Page]:
    unit = f"/units/{p.draft}"
    return [
        Page("home", "/"),
        Page("my-filing", "/filing/"),
        Page("unit-home", f"{unit}/", key=True),
        Page("header", f"{unit}/header/", key=True),
        Page("rows", f"{unit}/rows/", key=True),
        Page("rows-filtered", f"{unit}/rows/?problems=any&sort=certificate"),
        Page("rows-forms-open", f"{unit}/rows/", key=True, reach=open_row_forms),
        Page("school-add", f"{unit}/schools/add/", key=True),
        Page("school-edit", f"{unit}/schools/{p.school}/edit/"),
        Page("school-delete", f"{unit}/schools/{p.school}/delete/"),
        Page("row-edit", f"{unit}/rows/{p.row}/edit/", key=True),
        Page("row-delete", f"{unit}/rows/{p.row}/delete/"),
        Page("history", f"{unit}/history/", key=True),
        Page("print", f"{unit}/print/", key=True),
        Page("import-upload", f"{unit}/import/"),
        Page("import-preview", f"{unit}/import/preview/", key=True, reach=upload_own_export),
        Page("scan", f"{unit}/scan/", key=True),
        Page("submit", f"{unit}/submit/", key=True),
        Page("unit-staff", f"{unit}/staff/", key=True),
        Page("password-change", "/accounts/password_change/"),
        Page("password-change-done", "/accounts/password_change/done/"),
        Page("api-token", "/accounts/api-token/"),
        Page("directory", "/directory/"),
        Page("not-found", f"/units/{p.submitted}/", status=404),
    ]


BOARD_FILTERS = ["未提交", "已提交及已确认", "未开始", "草稿", "已提交", "已退回", "已确认"]


def reviewer_pages(p: Portal) -> list[Page]:
    unit = f"/units/{p.submitted}"
    return [
        Page("home", "/"),
        Page("board", "/review/", key=True),
        *[
            Page(f"board-{index}", f"/review/?state={state}")
            for index, state in enumerate(BOARD_FILTERS, start=1)
        ],
        Page("board-late", "/review/?late=1&sort=submitted"),
        Page("board-search", "/review/?q=湖&sort=students"),
        Page("national", "/review/national/", key=True),
        Page("national-with-submitted", "/review/national/?include_submitted=1"),
        Page(
            "national-by-certificate",
            "/review/national/?include_submitted=1&measure=students&view=certificates&sort=-students",
        ),
        Page("national-search", "/review/national/?q=数据&sort=name"),
        Page("unit-home", f"{unit}/", key=True),
        Page("returned-unit-home", f"/units/{p.returned}/"),
        Page("draft-unit-home", f"/units/{p.draft}/"),
        Page("rows", f"{unit}/rows/"),
        Page("history", f"{unit}/history/"),
        Page("print", f"{unit}/print/"),
        Page("scan", f"{unit}/scan/"),
        Page("accept", f"{unit}/review/accept/", key=True),
        Page("unit-staff", f"{unit}/staff/"),
        Page("unreachable-units", "/review/accounts/", key=True),
        Page("api-token", "/accounts/api-token/"),
        Page("forbidden", f"/units/{p.draft}/schools/add/", status=403),
        Page("not-found", "/units/000000/", status=404),
    ]


def admin_pages(p: Portal) -> list[Page]:
    """Django's admin, as the operators use it."""
    return [
        Page("portal-home", "/"),
        Page("admin", "/admin/", key=True),
        Page("units", "/admin/filings/submittingunit/"),
        Page("users", "/admin/auth/user/?q=4", key=True),
        # Django's own markup: its split date-time widgets have no labels, and the filter
        # boxes of its permission pickers put an aria-label on a <span>.
        Page(
            "user",
            f"/admin/auth/user/{p.staff_user}/change/",
            not_ours=("label", "aria-prohibited-attr"),
        ),
        Page("units-unreachable", "/admin/filings/submittingunit/?reachable_staff=no"),
        Page("filings", "/admin/filings/filing/"),
        Page("history", "/admin/filings/filingevent/"),
        # No portal role: the token page refuses, in the portal's layout.
        Page("api-token-refused", "/accounts/api-token/", status=403),
    ]


ROLES = {
    "public": (None, public_pages),
    "staff": ("draft", staff_pages),
    "reviewer": ("reviewer", reviewer_pages),
    "admin": ("admin", admin_pages),
}


@pytest.fixture
def portal(transactional_db, settings, tmp_path) -> Portal:
    from django.contrib.auth.models import User
    from django.contrib.auth.tokens import default_token_generator
    from django.utils.encoding import force_bytes
    from django.utils.http import urlsafe_base64_encode

    from certificates.models import Certificate
    from filings.demo import fill_filing
    from filings.models import Filing, FilingState

    seed_demo_period(settings, tmp_path)
    filings = Filing.objects.select_related("unit")
    draft = filings.filter(state=FilingState.DRAFT, rows__isnull=False).first()
    # A draft full of rows: long names, many certificates, more than one page.
    draft.rows.all().delete()
    draft.schools.all().delete()
    fill_filing(draft, 240, seed=3)
    row = draft.rows.select_related("school").order_by("school__name").first()
    user = User.objects.get(username=draft.unit.code)
    User.objects.create_superuser("admin", "admin@example.cn", PASSWORD)
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    return Portal(
        draft=draft.unit.code,
        submitted=filings.filter(state=FilingState.SUBMITTED).first().unit.code,
        returned=filings.filter(state=FilingState.RETURNED).first().unit.code,
        school=row.school.pk,
        row=row.pk,
        certificate=Certificate.objects.order_by("position").first().pk,
        reset_link=f"/accounts/reset/{uid}/{default_token_generator.make_token(user)}/",
        staff_user=user.pk,
    )


def check_page(page, label: str, not_ours: tuple[str, ...] = ()) -> list[str]:
    problems = [f"{label}: {problem}" for problem in layout_problems(page)]
    problems += [f"{label}: {problem}" for problem in sticky_column_problems(page)]
    violations = [v for v in axe_violations(page) if v["id"] not in not_ours]
    if violations:
        problems.append(f"{label}: axe-core\n{describe_violations(violations)}")
    return problems


def check_navigation(page, role: str, label: str) -> list[str]:
    """On a phone the navigation is folded behind its button, and opens."""
    toggler = page.locator(".navbar-toggler")
    if not toggler.is_visible():
        return [f"{label}: the navigation does not collapse behind a button"]
    toggler.click()
    expect(page.locator("#main-nav")).to_be_visible()
    expect(toggler).to_have_attribute("aria-expanded", "true")
    expect(page.locator(".collapsing")).to_have_count(0)  # the collapse animation is over
    save_screenshot(page, f"{role}-navigation-open-390")
    return check_page(page, f"{label} (navigation open)")


def crawl(browser, base: str, role: str, size: str, pages: list[Page], portal: Portal):
    username, _ = ROLES[role]
    context = browser.new_context(locale="zh-CN", **SIZES[size])
    problems = []
    try:
        page = context.new_page()
        page.set_default_timeout(30_000)
        if username:
            login(page, base, portal.draft if username == "draft" else username)
        width = SIZES[size]["viewport"]["width"]
        for declared in pages:
            label = f"{role} {declared.name} at {width}px"
            if declared.reach:
                declared.reach(page, base, portal)
            else:
                response = page.goto(base + declared.path)
                if response.status != declared.status:
                    problems.append(f"{label}: HTTP {response.status}")
            problems += check_page(page, label, declared.not_ours)
            if declared.key:
                save_screenshot(page, f"{role}-{declared.name}-{width}")
        if size == "phone":
            page.goto(base + "/")
            problems += check_navigation(page, role, f"{role} home at {width}px")
    finally:
        context.close()
    return problems


@pytest.mark.parametrize("role", list(ROLES))
def test_every_page_fits_the_screen_and_passes_axe(browser, live_server, portal, role):
    pages = ROLES[role][1](portal)
    problems = []
    for size in SIZES:
        problems += crawl(browser, live_server.url, role, size, pages, portal)
    assert not problems, f"{len(problems)} problem(s):\n" + "\n".join(problems)
