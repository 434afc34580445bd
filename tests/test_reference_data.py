"""The reference data itself: complete, well-formed, and equal to the notice."""

import json
import re
from pathlib import Path

import pytest
from django.core.validators import validate_email

from certificates.models import Certificate, EvaluationOrganization, NoticeContact
from certificates.phones import is_mobile, is_office_phone

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
NOTICE = (FIXTURES / "source" / "notice-jiaozhichengsihan-2019-89.txt").read_text("utf-8")
# The PDF extraction breaks values with spaces and line breaks; without any white space
# every clean value must appear in the notice as it stands.
NOTICE_FLAT = re.sub(r"\s+", "", NOTICE)
DATA = json.loads((FIXTURES / "batch2.json").read_text("utf-8"))

SECTION_ONE = [
    "电子商务数据分析",
    "网店运营推广",
    "工业机器人操作与运维",
    "工业机器人应用编程",
    "特殊焊接技术",
    "智能财税",
    "母婴护理",
    "传感网应用开发",
    "失智老年人照护",
    "云计算平台运维与开发",
]


def all_strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            if not key.startswith("_"):
                yield from all_strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from all_strings(item)


def test_it_lists_the_ten_certificates_of_section_one_in_order():
    assert [c["name"] for c in DATA["certificates"]] == SECTION_ONE
    assert NOTICE_FLAT.count("、".join(SECTION_ONE)) == 1


def test_it_has_ten_distinct_organizations_with_two_contacts_each():
    orgs = [c["organization"] for c in DATA["certificates"]]
    assert len({o["name"] for o in orgs}) == 10
    assert all(len(o["contacts"]) == 2 for o in orgs)


def test_every_value_appears_in_the_notice():
    for cert in DATA["certificates"]:
        org = cert["organization"]
        values = [
            org["name"],
            org["fax"],
            org["address"],
            org["postcode"],
            *org["office_phones"],
            *org["emails"],
        ]
        for value in values:
            assert value in NOTICE_FLAT, value
        # Contacts and their mobiles stand in the same order in the notice's row.
        assert "".join(p["name"] for p in org["contacts"]) in NOTICE_FLAT
        assert "".join(p["mobile"] for p in org["contacts"]) in NOTICE_FLAT
        # The organization's row: name, then certificate as Attachment 1 writes it, then contacts.
        listed = cert["attachment1_name"] or cert["name"]
        row_start = org["name"] + listed + org["contacts"][0]["name"]
        assert row_start in NOTICE_FLAT, row_start


def test_attachment1_names_differ_only_where_the_notice_does():
    differing = {
        c["name"]: c["attachment1_name"] for c in DATA["certificates"] if c["attachment1_name"]
    }
    assert differing == {
        "特殊焊接技术": "特殊焊接技术职业技能等级证书",
        "智能财税": "智能财税职业技能等级证书",
        "失智老年人照护": "失智老年人",
    }


def test_values_are_well_formed():
    for cert in DATA["certificates"]:
        org = cert["organization"]
        for email in org["emails"]:
            validate_email(email)
        for phone in [*org["office_phones"], org["fax"]]:
            assert is_office_phone(phone), phone
        for contact in org["contacts"]:
            assert is_mobile(contact["mobile"]), contact
        assert re.fullmatch(r"\d{6}", org["postcode"]), org["postcode"]
        assert cert["levels"] == ["junior", "intermediate", "senior"]


def test_no_value_has_stray_spaces():
    for value in all_strings(DATA):
        assert value == value.strip(), repr(value)
        assert not re.search(r"\s", value), repr(value)


def test_section_four_contacts_match_the_notice():
    by_office = {c["office"]: c for c in DATA["notice_contacts"]}
    assert by_office["职教所"]["people"] == ["丁振国", "黄玉屏"]
    assert by_office["职教所"]["phones"] == ["010-58556746", "010-58556712"]
    assert by_office["职教所"]["email"] == "x_one2019@163.com"
    assert by_office["职成司"]["people"] == ["梁召峰"]
    assert by_office["职成司"]["phones"] == ["010-66096810"]
    assert "职教所联系人：丁振国、黄玉屏" in NOTICE_FLAT
    assert "联系电话：010-58556746、010-58556712" in NOTICE_FLAT
    assert "职成司联系人：梁召峰联系电话：010-66096810" in NOTICE_FLAT


@pytest.mark.django_db
def test_loaded_rows_pass_model_validation(reference_data):
    assert reference_data.notice_number == "教职成司函〔2019〕89号"
    assert reference_data.issued_on.isoformat() == "2019-09-11"
    assert Certificate.objects.filter(batch=reference_data).count() == 10
    assert EvaluationOrganization.objects.count() == 10
    for model in (Certificate, EvaluationOrganization, NoticeContact):
        for obj in model.objects.all():
            obj.full_clean()
    for org in EvaluationOrganization.objects.prefetch_related("contacts"):
        assert len(org.contacts.all()) == 2
        for contact in org.contacts.all():
            contact.full_clean()


@pytest.mark.django_db
def test_the_deadline_is_the_end_of_september_20_in_beijing(reference_data):
    from django.utils import timezone

    local = timezone.localtime(reference_data.filing_deadline)
    assert (local.year, local.month, local.day, local.hour, local.minute) == (2019, 9, 20, 23, 59)
    assert local.utcoffset().total_seconds() == 8 * 3600
