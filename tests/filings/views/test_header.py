"""The header of Attachment 2: 联系人, 电话, 邮箱."""

import pytest

from filings.models import EventKind, Filing, FilingEvent
from filings.rules import PHONE_INVALID

from .. import factories as f
from .helpers import errors_next_to, flashed, input_value, page, url

pytestmark = pytest.mark.django_db

GOOD = {
    "contact_name": "李强",
    "contact_phone": "13907141234",
    "contact_email": "liqiang@hbe.gov.cn",
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
    response = staff_client.post(url("header", "420000"), {"contact_name": "李强"})
    assert response.status_code == 302
    assert stored(filing) == ("李强", "", "")


def test_saving_an_unchanged_header_records_nothing(staff_client, filing):
    response = staff_client.post(
        url("header", "420000"),
        {
            "contact_name": "张敏",
            "contact_phone": "027-87328057",
            "contact_email": "zhangmin@hbe.gov.cn",
        },
    )
    assert response.status_code == 302
    assert not FilingEvent.objects.filter(filing=filing).exists()
    assert Filing.objects.get(pk=filing.pk).revision == 1
