"""Every form and every query parameter of the portal, given what a scanner or a careless paste
gives: numbers beyond any database integer, negative ones, digits that are not ASCII (², ١٢٣),
NUL and other characters that print as nothing, 5,000 characters. No answer is a server error;
on PostgreSQL too (CI runs the suite on both), where NUL and integers past 2³¹−1 fail in the
database itself.

The forms are read from the pages as a browser reads them (every <form>, its fields and their
values), so that a form added later is fuzzed without a line here.
"""

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urlencode

import pytest
from django.test import Client
from django.urls import reverse

from filings.models import FilingState

from ..filings import factories as f

pytestmark = pytest.mark.django_db

NUMBERS = [
    "100000000000000000000",  # 10²⁰: past SQLite's integers
    "2147483648",  # 2³¹: past PostgreSQL's integer column
    "-1",
    "-2147483649",
    "²",  # str.isdigit() says yes, int() says no
    "١٢٣",  # Arabic-Indic digits: int() reads 123
    "9" * 5000,  # past Python's int() digit limit
]
TEXTS = [
    "\x00",
    "武汉\x00职业技术学院",
    "安全\u200b测试\u202e学院\ufeff",
    "长" * 5000,
]
NASTY = NUMBERS + TEXTS
# The query parameters the pages read.
PARAMETERS = [
    "certificate",
    "type",
    "problems",
    "q",
    "sort",
    "page",
    "quick",
    "qv",
    "ql",
    "qm",
    "qs",
    "copy",
    "school",
    "state",
    "late",
    "include_submitted",
    "measure",
    "next",
]


@dataclass
class Form:
    action: str
    method: str
    fields: list[tuple[str, str]] = field(default_factory=list)
    file_fields: list[str] = field(default_factory=list)


class FormReader(HTMLParser):
    """The forms of a page with what a browser would send for each, unchanged."""

    def __init__(self, page_url: str) -> None:
        super().__init__()
        self.page_url = page_url
        self.forms: list[Form] = []
        self._form: Form | None = None
        self._select: str | None = None
        self._select_first: str | None = None
        self._select_chosen = False
        self._textarea: str | None = None
        self._text = ""
        self._button_taken = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "option" and self._select is not None and self._form is not None:
            value = a.get("value", "")
            if self._select_first is None:
                self._select_first = value
            if "selected" in a:
                self._form.fields.append((self._select, value))
                self._select_chosen = True
            return
        if tag == "form":
            self._form = Form(a.get("action") or self.page_url, (a.get("method") or "get").lower())
            self._button_taken = False
            self.forms.append(self._form)
            return
        form = self._form
        if form is None or not a.get("name"):
            return
        name = a["name"]
        if tag == "input":
            kind = (a.get("type") or "text").lower()
            if kind == "file":
                form.file_fields.append(name)
            elif kind in ("checkbox", "radio"):
                if "checked" in a:
                    form.fields.append((name, a.get("value", "on")))
            elif kind == "submit":
                if not self._button_taken:
                    form.fields.append((name, a.get("value", "")))
                    self._button_taken = True
            else:
                form.fields.append((name, a.get("value", "")))
        elif tag == "button" and (a.get("type") or "submit") == "submit":
            if not self._button_taken:
                form.fields.append((name, a.get("value", "")))
                self._button_taken = True
        elif tag == "select":
            self._select, self._select_first, self._select_chosen = name, None, False
        elif tag == "textarea":
            self._textarea, self._text = name, ""

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)

    def handle_data(self, data):
        if self._textarea is not None:
            self._text += data

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "select" and self._form is not None and self._select:
            if not self._select_chosen and self._select_first is not None:
                self._form.fields.append((self._select, self._select_first))
            self._select = None
        elif tag == "textarea" and self._form is not None and self._textarea:
            self._form.fields.append((self._textarea, self._text))
            self._textarea = None


def forms_of(html: str, page_url: str) -> list[Form]:
    reader = FormReader(page_url)
    reader.feed(html)
    return reader.forms


def client_for(user) -> Client:
    client = Client(raise_request_exception=False)
    if user is not None:
        client.force_login(user)
    return client


@pytest.fixture
def world(reference_data):
    """湖北 (420000) with a draft of two schools and three rows; 湖南 (430000) submitted, so
    that the reviewer's forms (accept, return, extend) are on its page."""
    hubei = f.make_unit("420000", "湖北省")
    filing = f.make_filing(hubei, reference_data)
    school = f.make_school(filing, "武汉职业技术学院")
    f.make_row(filing, school, f.certificate(1))
    f.make_row(filing, school, f.certificate(2))
    f.make_row(filing, f.make_school(filing, "湖北工程学院", "applied_undergrad"))
    hunan = f.make_unit("430000", "湖南省")
    submitted = f.make_filing(hunan, reference_data, state=FilingState.SUBMITTED)
    f.make_row(submitted, f.make_school(submitted, "湖南工业职业技术学院"))
    return {
        "filing": filing,
        "school": school,
        "row": filing.rows.first(),
        "staff": f.make_staff(hubei),
        "reviewer": f.make_reviewer(),
    }


def pages(world) -> list[tuple[str, str]]:
    """(who, url) of every page that has a form or reads a query parameter."""
    school, row = world["school"].pk, world["row"].pk
    staff = [
        reverse("filings:unit_home", args=["420000"]),
        reverse("filings:header", args=["420000"]),
        reverse("filings:history", args=["420000"]),
        reverse("filings:print", args=["420000"]),
        reverse("filings:rows", args=["420000"]),
        reverse("filings:school_add", args=["420000"]),
        reverse("filings:school_edit", args=["420000", school]),
        reverse("filings:row_edit", args=["420000", row]),
        reverse("filings:import", args=["420000"]),
        reverse("filings:scan", args=["420000"]),
        reverse("filings:submit", args=["420000"]),
    ]
    reviewer = [
        reverse("filings:review_board"),
        reverse("filings:national"),
        reverse("filings:unit_home", args=["430000"]),
        reverse("filings:rows", args=["430000"]),
    ]
    public = [
        reverse("certificates:directory"),
        reverse("login"),
        reverse("password_reset"),
        reverse("help"),
    ]
    return (
        [("staff", u) for u in staff]
        + [("reviewer", u) for u in reviewer]
        + [("anonymous", u) for u in public]
    )


def clients(world) -> dict[str, Client]:
    return {
        "staff": client_for(world["staff"]),
        "reviewer": client_for(world["reviewer"]),
        "anonymous": client_for(None),
    }


def assert_no_server_error(response, what: str) -> None:
    assert response.status_code < 500, f"{what}: {response.status_code}"


def test_every_query_parameter_with_every_nasty_value(world):
    who = clients(world)
    for role, url in pages(world):
        for value in NASTY:
            query = urlencode([(name, value) for name in PARAMETERS])
            assert_no_server_error(who[role].get(f"{url}?{query}"), f"GET {url} ={value[:12]!r}")
        if "/rows/" not in url and "/schools/add/" not in url:
            continue
        # Each id parameter alone as well, on the pages that read them: together the first
        # one refused could hide the others.
        for name in ("certificate", "quick", "copy", "school", "page"):
            for value in NUMBERS:
                query = urlencode({name: value})
                assert_no_server_error(who[role].get(f"{url}?{query}"), f"GET {url}?{name}=…")


def test_an_id_that_is_no_id_is_ignored_and_said(world):
    staff = clients(world)["staff"]
    for name, value in (("copy", "²"), ("school", "9" * 5000), ("quick", "2147483648")):
        url = reverse("filings:school_add" if name != "quick" else "filings:rows", args=["420000"])
        response = staff.get(f"{url}?{urlencode({name: value})}")
        assert response.status_code == 200
        shown = value if len(value) <= 20 else f"{value[:20]}…"
        assert f"链接中的“{name}={shown}”无效，已忽略。" in response.content.decode()


def fuzz_forms(world, roles: set[str]) -> int:
    """Post every form of the pages, one field at a time given each nasty value."""
    who = clients(world)
    posted = 0
    seen: set[tuple[str, str]] = set()
    for role, url in pages(world):
        if role not in roles:
            continue
        response = who[role].get(url)
        assert_no_server_error(response, f"GET {url}")
        for form in forms_of(response.content.decode(), url):
            action = form.action
            # One form of a kind (the quick edit of one row stands for all rows'); no logout,
            # no deletion, which would leave the other pages nothing to show.
            kind = (re.sub(r"\d+", "N", action), form.method)
            if kind in seen or "logout" in action or "delete" in action:
                continue
            seen.add(kind)
            originals = dict(form.fields)
            # One field of a kind: rows-0-majors-3-name stands for every major's name.
            names = {}
            for n, _ in form.fields:
                if n != "csrfmiddlewaretoken":
                    names.setdefault(re.sub(r"\d+", "N", n), n)
            for name in names.values():
                # A field holding a number or an id gets the numbers; a text field the texts.
                looks_numeric = originals.get(name, "").lstrip("-").isdigit()
                for value in NUMBERS if looks_numeric else TEXTS + NUMBERS[:2]:
                    data: dict[str, list[str]] = {}
                    for key, original in form.fields:
                        data.setdefault(key, []).append(value if key == name else original)
                    if form.method == "post":
                        reply = who[role].post(action, data)
                    else:
                        reply = who[role].get(action, data)
                    assert_no_server_error(reply, f"{form.method} {action} {name}={value[:12]!r}")
                    posted += 1
    return posted


def test_every_form_of_the_units_staff(world):
    assert fuzz_forms(world, {"staff"}) > 300


def test_every_form_of_the_reviewer_and_the_public(world):
    assert fuzz_forms(world, {"reviewer", "anonymous"}) > 50
