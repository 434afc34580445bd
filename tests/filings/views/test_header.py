"""The header of Attachment 2: 联系人, 电话, 邮箱."""

import pytest

from filings.models import EventKind, Filing, FilingEvent
from filings.rules import PHONE_INVALID
from filings.services import HEADER_EDIT_CONFLICT

from .. import factories as f
from .helpers import client_for, errors_next_to, flashed, input_value, page, row_fields, url

pytestmark = pytest.mark.django_db

GOOD = {
    "contact_name": "李强",
    "contact_phone": "13907141234",
    "contact_email": "liqiang@hbe.gov.cn",
    "filing_revision": "1",
}


def stored(filing) -> tuple[str, str, str]:
    filing = Filing.objects.get(pk=filing.pk)
    return filing.contact_name, filing.contact_phone, filing.contact_email


def test_the_form_shows_the_current_header(staff_client, filing):
    html = page(staff_client.get(url("header", "420000")))
    assert input_value(html, "contact_name") == "张敏"
    assert input_value(html, "contact_phone") == "027-87328057"
    assert input_value(html, "contact_email") == "zhangmin@hbe.gov.cn"


@pytest.mark.parametrize("phone", ["12345", "87328057", "027-873", "张老师"])
def test_a_bad_phone_is_refused_in_chinese_and_the_input_is_kept(staff_client, filing, phone):
    response = staff_client.post(url("header", "420000"), {**GOOD, "contact_phone": phone})
    assert response.status_code == 200
    html = page(response)
    assert errors_next_to(html, "contact_phone") == [PHONE_INVALID]
    # Everything typed is still in the form.
    assert input_value(html, "contact_phone") == phone
    assert input_value(html, "contact_name") == "李强"
    assert input_value(html, "contact_email") == "liqiang@hbe.gov.cn"
    assert stored(filing) == ("张敏", "027-87328057", "zhangmin@hbe.gov.cn")
    assert not FilingEvent.objects.filter(filing=filing).exists()


def test_a_bad_email_is_refused_in_chinese(staff_client, filing):
    response = staff_client.post(url("header", "420000"), {**GOOD, "contact_email": "lq@"})
    html = page(response)
    assert errors_next_to(html, "contact_email") == ["邮箱格式不正确。"]
    assert input_value(html, "contact_email") == "lq@"
    assert stored(filing)[2] == "zhangmin@hbe.gov.cn"


def test_good_values_are_saved_and_recorded_in_the_history(staff_client, filing):
    response = staff_client.post(url("header", "420000"), GOOD)
    assert response.status_code == 302
    assert response.url == url("unit_home", "420000")
    assert flashed(response) == ["表头已保存。"]
    assert stored(filing) == ("李强", "13907141234", "liqiang@hbe.gov.cn")
    assert Filing.objects.get(pk=filing.pk).revision == 2
    [event] = FilingEvent.objects.filter(filing=filing)
    assert event.kind == EventKind.HEADER
    assert event.user.username == "staff-420000"
    assert event.changes == [
        {"field": "联系人", "before": "张敏", "after": "李强"},
        {"field": "电话", "before": "027-87328057", "after": "13907141234"},
        {"field": "邮箱", "before": "zhangmin@hbe.gov.cn", "after": "liqiang@hbe.gov.cn"},
    ]
    history = page(staff_client.get(url("history", "420000")))
    assert "修改表头" in history
    assert "<del>张敏</del> → <ins>李强</ins>" in history
    assert "<del>027-87328057</del> → <ins>13907141234</ins>" in history


@pytest.mark.parametrize(
    ("typed", "saved"),
    [
        ("027 87328057", "02787328057"),
        ("(027)87328057", "02787328057"),
        ("027—87328057", "027-87328057"),
        ("027－87328057", "027-87328057"),
        (" 13907141234 ", "13907141234"),
    ],
)
def test_a_phone_typed_with_spaces_brackets_or_long_dashes_is_normalised(
    staff_client, filing, typed, saved
):
    response = staff_client.post(url("header", "420000"), {**GOOD, "contact_phone": typed})
    assert response.status_code == 302
    assert stored(filing)[1] == saved


def test_a_name_with_full_width_spaces_is_cleaned(staff_client, filing):
    staff_client.post(url("header", "420000"), {**GOOD, "contact_name": "\u3000李\u3000强 "})
    assert stored(filing)[0] == "李 强"


def test_an_incomplete_header_may_be_saved(staff_client, batch, unit):
    filing = f.make_filing(unit, batch, header=False)
    response = staff_client.post(
        url("header", "420000"), {"contact_name": "李强", "filing_revision": "1"}
    )
    assert response.status_code == 302
    assert stored(filing) == ("李强", "", "")


def test_saving_an_unchanged_header_records_nothing(staff_client, filing):
    response = staff_client.post(
        url("header", "420000"),
        {
            "contact_name": "张敏",
            "contact_phone": "027-87328057",
            "contact_email": "zhangmin@hbe.gov.cn",
            "filing_revision": "1",
        },
    )
    assert response.status_code == 302
    assert not FilingEvent.objects.filter(filing=filing).exists()
    assert Filing.objects.get(pk=filing.pk).revision == 1


# --- two people at once -----------------------------------------------------------------------


def test_a_header_saved_by_someone_else_meanwhile_is_not_overwritten(staff, unit, filing):
    first, second = client_for(staff), client_for(f.make_staff(unit, username="staff-420000-2"))
    # Both open the header at the same revision.
    first_revision = input_value(page(first.get(url("header", "420000"))), "filing_revision")
    second_revision = input_value(page(second.get(url("header", "420000"))), "filing_revision")
    assert first_revision == second_revision == "1"

    saved = first.post(url("header", "420000"), {**GOOD, "filing_revision": first_revision})
    assert saved.status_code == 302

    typed = {
        "contact_name": "王芳",
        "contact_phone": "027-87320000",
        "contact_email": "wangfang@hbe.gov.cn",
        "filing_revision": second_revision,
    }
    refused = second.post(url("header", "420000"), typed)
    assert refused.status_code == 200
    html = page(refused)
    assert HEADER_EDIT_CONFLICT in html
    assert "其他人已修改了汇总表" in HEADER_EDIT_CONFLICT
    # The second user's input is still in the form, beside what the first one saved.
    assert input_value(html, "contact_name") == "王芳"
    assert input_value(html, "contact_phone") == "027-87320000"
    assert refused.context["current_values"]["联系人"] == "李强"
    assert "他人刚保存的当前数据" in html
    assert stored(filing) == ("李强", "13907141234", "liqiang@hbe.gov.cn")
    assert [e.user for e in FilingEvent.objects.filter(filing=filing)] == [staff]

    # Saving again, now against the revision shown, goes through.
    assert input_value(html, "filing_revision") == "2"
    again = second.post(url("header", "420000"), {**typed, "filing_revision": "2"})
    assert again.status_code == 302
    assert stored(filing) == ("王芳", "027-87320000", "wangfang@hbe.gov.cn")


def test_a_header_opened_before_a_row_was_saved_is_refused(staff_client, filing):
    row = f.make_row(filing)
    staff_client.get(url("header", "420000"))
    row_edit = url("row_edit", "420000", row.pk)
    colleague = client_for(f.make_staff(filing.unit, username="staff-420000-2"))
    saved = colleague.post(row_edit, {**row_fields(student_count="77"), "row_version": "1"})
    assert saved.status_code == 302

    refused = staff_client.post(url("header", "420000"), GOOD)
    assert HEADER_EDIT_CONFLICT in page(refused)
    assert stored(filing)[0] == "张敏"


def test_a_header_posted_without_its_revision_is_refused_and_keeps_the_input(staff_client, filing):
    posted = {k: v for k, v in GOOD.items() if k != "filing_revision"}
    refused = staff_client.post(url("header", "420000"), posted)
    assert refused.status_code == 200
    html = page(refused)
    assert HEADER_EDIT_CONFLICT in html
    assert input_value(html, "contact_name") == "李强"
    assert input_value(html, "filing_revision") == "1"
    assert stored(filing) == ("张敏", "027-87328057", "zhangmin@hbe.gov.cn")
    assert not FilingEvent.objects.filter(filing=filing).exists()
