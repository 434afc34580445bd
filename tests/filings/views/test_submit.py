"""Submitting: what still blocks, the warnings to acknowledge, and a submitted filing's
write pages, which refuse every change."""

import pytest

from filings.models import EventKind, Filing, FilingEvent, FilingState, PilotRow, School
from filings.services import (
    ALREADY_ACCEPTED,
    ALREADY_SUBMITTED,
    HEADER_INCOMPLETE,
    NO_CURRENT_SCAN,
    NOT_EDITABLE,
    PAST_DEADLINE,
    scan_upload,
)

from .. import factories as f
from .helpers import flashed, page, row_fields, school_add_data, school_fields, url

pytestmark = pytest.mark.django_db


def ready(filing, user, **row_overrides):
    """A valid row (unless overridden) and a scan of the current version."""
    row = f.make_row(filing, **row_overrides)
    scan_upload(filing=Filing.objects.get(pk=filing.pk), user=user, uploaded=f.scan_file())
    return row


def fresh(filing) -> Filing:
    return Filing.objects.get(pk=filing.pk)


def shown(response) -> str:
    """What the user reads: the page, or the messages carried to the next one."""
    return page(response) + "\n".join(flashed(response))


def test_the_page_lists_everything_that_blocks(staff_client, batch, unit):
    f.make_filing(unit, batch, header=False)
    response = staff_client.get(url("submit", "420000"))
    assert response.status_code == 200
    expected = [
        PAST_DEADLINE.format(deadline="2019-09-20 23:59"),
        HEADER_INCOMPLETE,
        "还有 4 个错误未修改。",  # three header fields, no rows
        NO_CURRENT_SCAN,
    ]
    assert response.context["blockers"] == expected
    html = page(response)
    assert "暂不能提交：" in html
    for reason in expected:
        assert f"<li>{reason}</li>" in html
    assert "确认提交" not in html


def test_without_acknowledging_the_warnings_it_is_refused(staff_client, staff, filing, in_time):
    ready(filing, staff, facilities="")
    page_before = staff_client.get(url("submit", "420000"))
    assert page_before.context["blockers"] == []
    html = page(page_before)
    assert "提醒（1 条，不影响提交，但须确认已阅读）" in html
    assert (
        "武汉船舶职业技术学院 · 电子商务数据分析：尚未确认：教学条件和实习实训设施设备（条件4）。"
    ) in html
    assert 'name="acknowledge"' in html

    # The box left unticked: the browser posts the form's token only.
    response = staff_client.post(url("submit", "420000"), {"csrfmiddlewaretoken": "token"})
    assert response.status_code == 200
    assert "暂不能提交：请确认已阅读全部 1 条提醒。" in page(response)
    assert fresh(filing).state == FilingState.DRAFT
    assert not FilingEvent.objects.filter(filing=filing, kind=EventKind.SUBMITTED).exists()


def test_with_the_warnings_acknowledged_it_is_submitted(staff_client, staff, filing, in_time):
    ready(filing, staff, facilities="")
    response = staff_client.post(url("submit", "420000"), {"acknowledge": "on"})
    assert response.status_code == 302
    assert response.url == url("unit_home", "420000")
    assert flashed(response) == ["汇总表已提交，等待职教所审核。"]
    filing = fresh(filing)
    assert filing.state == FilingState.SUBMITTED
    assert filing.submitted_at is not None
    assert not filing.is_late
    event = FilingEvent.objects.filter(filing=filing).latest("pk")
    assert (event.kind, event.user, event.note) == (EventKind.SUBMITTED, staff, "确认了 1 条提醒")
    home = page(staff_client.get(url("unit_home", "420000")))
    assert "已提交" in home
    assert "逾期" not in home


def test_a_filing_without_warnings_is_submitted_with_one_confirmation(
    staff_client, staff, filing, in_time
):
    ready(filing, staff)
    html = page(staff_client.get(url("submit", "420000")))
    assert '<input type="hidden" name="acknowledge" value="on">' in html
    assert "提交后汇总表不能再修改" in html
    response = staff_client.post(url("submit", "420000"), {"acknowledge": "on"})
    assert response.status_code == 302
    assert fresh(filing).state == FilingState.SUBMITTED


def test_past_the_deadline_a_ready_filing_is_refused(staff_client, staff, filing):
    ready(filing, staff)
    response = staff_client.post(url("submit", "420000"), {"acknowledge": "on"})
    assert response.status_code == 200
    assert PAST_DEADLINE.format(deadline="2019-09-20 23:59") in page(response)
    assert fresh(filing).state == FilingState.DRAFT


@pytest.mark.parametrize(
    ("state", "reason"),
    [(FilingState.SUBMITTED, ALREADY_SUBMITTED), (FilingState.ACCEPTED, ALREADY_ACCEPTED)],
)
def test_a_submitted_or_accepted_filing_is_not_submitted_again(
    staff_client, staff, filing, in_time, state, reason
):
    ready(filing, staff)
    Filing.objects.filter(pk=filing.pk).update(state=state, submitted_at=in_time.filing_deadline)
    html = page(staff_client.get(url("submit", "420000")))
    assert "汇总表已于" in html
    assert "确认提交" not in html
    response = staff_client.post(url("submit", "420000"), {"acknowledge": "on"})
    assert reason in page(response)
    assert fresh(filing).state == state
    assert not FilingEvent.objects.filter(filing=filing, kind=EventKind.SUBMITTED).exists()


# --- a submitted filing's write pages ---------------------------------------------------------

# name -> (method, path, data); each from a row and its school
WRITES = {
    "header": lambda row: (
        "post",
        url("header", "420000"),
        {
            "contact_name": "李强",
            "contact_phone": "13907141234",
            "contact_email": "l@hbe.cn",
            "filing_revision": str(fresh(row.filing).revision),
        },
    ),
    "school_add_get": lambda row: ("get", url("school_add", "420000"), None),
    "school_add": lambda row: (
        "post",
        url("school_add", "420000"),
        school_add_data({"certificate_position": 3}, name="荆州职业技术学院"),
    ),
    "school_edit": lambda row: (
        "post",
        url("school_edit", "420000", row.school_id),
        {**school_fields(remarks="改了"), "school_version": str(row.school.version)},
    ),
    "school_delete": lambda row: ("post", url("school_delete", "420000", row.school_id), {}),
    "row_edit": lambda row: (
        "post",
        url("row_edit", "420000", row.pk),
        {**row_fields(1, student_count="99"), "row_version": str(row.version)},
    ),
    "row_delete": lambda row: ("post", url("row_delete", "420000", row.pk), {}),
    "scan": lambda row: ("post", url("scan", "420000"), {"file": f.scan_file("png")}),
    "import": lambda row: ("get", url("import", "420000"), None),
}


def snapshot(filing):
    filing = fresh(filing)
    return (
        (filing.state, filing.revision, filing.contact_name, filing.contact_phone),
        sorted(School.objects.filter(filing=filing).values_list("pk", "name", "remarks")),
        sorted(PilotRow.objects.filter(filing=filing).values_list("pk", "student_count")),
        filing.scans.count(),
        FilingEvent.objects.filter(filing=filing).count(),
    )


@pytest.mark.parametrize("state", [FilingState.SUBMITTED, FilingState.ACCEPTED])
@pytest.mark.parametrize("write", WRITES)
def test_a_submitted_filings_write_pages_say_so_and_change_nothing(
    staff_client, staff, filing, state, write
):
    row = ready(filing, staff)
    Filing.objects.filter(pk=filing.pk).update(state=state)
    before = snapshot(filing)
    method, path, data = WRITES[write](row)
    response = getattr(staff_client, method)(path, data)
    assert response.status_code in (200, 302)
    assert snapshot(filing) == before
    text = shown(response)
    # The services' message, or the page's own shorter one (add a school, import).
    assert NOT_EDITABLE in text or "汇总表已提交或已确认，不能" in text, text[-2000:]


def test_the_submit_page_runs_as_many_queries_for_60_rows_as_for_5(staff_client, staff, filing):
    from .helpers import fill, queries_of

    path = url("submit", "420000")
    fill(filing, staff, 5)
    small = queries_of(staff_client, path)
    fill(filing, staff, 55)
    assert queries_of(staff_client, path) == small
