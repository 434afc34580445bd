from io import StringIO

import pytest
from django.core.management import call_command

from certificates.models import (
    Batch,
    Certificate,
    EvaluationOrganization,
    NoticeContact,
    OrganizationContact,
)

pytestmark = pytest.mark.django_db

MODELS = (Batch, Certificate, EvaluationOrganization, OrganizationContact, NoticeContact)


def run() -> str:
    out = StringIO()
    call_command("load_reference_data", stdout=out)
    return out.getvalue()


def counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in MODELS}


def test_it_loads_everything_once():
    output = run()
    assert counts() == {
        "Batch": 1,
        "Certificate": 10,
        "EvaluationOrganization": 10,
        "OrganizationContact": 20,
        "NoticeContact": 2,
    }
    assert "新增" in output


def test_running_twice_doubles_nothing_and_says_so():
    run()
    before = counts()
    output = run()
    assert counts() == before
    assert "参考数据与通知一致，无需更改" in output


def test_it_restores_values_edited_in_the_admin_and_reports_them():
    run()
    org = EvaluationOrganization.objects.get(name="济南阳光大姐服务有限公司")
    org.name = "济南阳光大姐"
    org.fax = "0531-00000000"
    org.save()
    contact = org.contacts.get(position=1)
    contact.mobile = "13000000000"
    contact.save()
    cert = Certificate.objects.get(name="母婴护理")
    cert.name = "母婴护理师"
    cert.save()

    output = run()

    org.refresh_from_db()
    assert org.name == "济南阳光大姐服务有限公司"
    assert org.fax == "0531-82902718"
    assert org.contacts.get(position=1).mobile == "15588816013"
    assert Certificate.objects.filter(name="母婴护理").count() == 1
    assert counts()["EvaluationOrganization"] == 10
    assert "“济南阳光大姐”→“济南阳光大姐服务有限公司”" in output
    assert "“13000000000”→“15588816013”" in output
    assert "“母婴护理师”→“母婴护理”" in output


def test_it_removes_contacts_the_notice_does_not_list():
    run()
    org = EvaluationOrganization.objects.get(name="济南阳光大姐服务有限公司")
    OrganizationContact.objects.create(
        organization=org, position=3, name="王五", mobile="13900000000"
    )

    output = run()

    assert org.contacts.count() == 2
    assert "删除" in output and "王五" in output
