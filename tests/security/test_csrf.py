"""Every state change needs the CSRF token; none happens on GET."""

import pytest
from django.test import Client
from django.urls import reverse

from filings.models import FilingEvent, FilingState, PilotRow
from tests.filings import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(reference_data):
    unit = f.make_unit("420000")
    staff = f.make_staff(unit)
    reviewer = f.make_reviewer()
    filing = f.make_filing(unit, reference_data)
    row = f.make_row(filing)
    return {"staff": staff, "reviewer": reviewer, "filing": filing, "row": row}


def strict_client(user) -> Client:
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    return client


def state_changes(world):
    row = world["row"]
    code = "420000"
    staff = [
        (reverse("filings:header", args=[code]), {"contact_name": "x"}),
        (reverse("filings:school_add", args=[code]), {"name": "x"}),
        (reverse("filings:school_edit", args=[code, row.school_id]), {"name": "x"}),
        (reverse("filings:school_delete", args=[code, row.school_id]), {}),
        (reverse("filings:row_edit", args=[code, row.pk]), {"student_count": "1"}),
        (reverse("filings:row_delete", args=[code, row.pk]), {}),
        (reverse("filings:scan", args=[code]), {}),
        (reverse("filings:submit", args=[code]), {"acknowledge": "on"}),
        (reverse("filings:import", args=[code]), {}),
        (reverse("filings:import_preview", args=[code]), {"action": "confirm"}),
        (reverse("logout"), {}),
    ]
    reviewer = [
        (reverse("filings:review", args=[code]), {"action": "accept"}),
        (reverse("filings:review", args=[code]), {"action": "return", "reason": "x"}),
        (reverse("filings:review", args=[code]), {"action": "extend", "until": "2030-01-01"}),
    ]
    return staff, reviewer


def snapshot():
    return (
        list(PilotRow.objects.values_list("pk", "student_count", "version")),
        FilingEvent.objects.count(),
        list(f.Filing.objects.values_list("state", "contact_name", "deadline_extended_to")),
    )


def test_every_state_change_without_the_csrf_token_is_refused(world):
    world["filing"].state = FilingState.SUBMITTED
    world["filing"].save()
    world["filing"].state = FilingState.DRAFT
    world["filing"].save()
    staff_urls, reviewer_urls = state_changes(world)
    before = snapshot()
    for user, urls in ((world["staff"], staff_urls), (world["reviewer"], reviewer_urls)):
        client = strict_client(user)
        for url, data in urls:
            response = client.post(url, data)
            assert response.status_code == 403, url
    assert snapshot() == before


def test_the_review_action_refuses_get(world):
    client = strict_client(world["reviewer"])
    assert client.get(reverse("filings:review", args=["420000"])).status_code == 405


def test_the_forms_carry_the_token(world):
    client = strict_client(world["staff"])
    for url, _ in state_changes(world)[0][:9]:
        response = client.get(url)
        if response.status_code == 200:
            assert "csrfmiddlewaretoken" in response.content.decode(), url


def test_a_refused_form_says_in_chinese_that_the_page_expired(world):
    # The usual case: a form left open past the session, or opened before logging in again.
    response = strict_client(world["staff"]).post(
        reverse("filings:header", args=["420000"]), {"contact_name": "x"}
    )
    assert response.status_code == 403
    html = response.content.decode()
    assert "页面已过期" in html
    assert "刷新" in html
    assert "CSRF" not in html
    assert "Forbidden" not in html
    # The portal's own layout, so that the way back is on the page.
    assert 'lang="zh-Hans"' in html
    assert reverse("help") in html


def test_an_anonymous_login_without_the_token_gets_the_same_page(db):
    response = Client(enforce_csrf_checks=True).post(
        reverse("login"), {"username": "420000", "password": "x"}
    )
    assert response.status_code == 403
    assert "页面已过期" in response.content.decode()
