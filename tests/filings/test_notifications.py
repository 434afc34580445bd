"""The e-mails a unit's staff get when a reviewer acts on their filing: written from
templates (filings/email/), in Chinese, plain text, with the link to the filing."""

from datetime import UTC, datetime

import pytest
from django.utils import timezone

from filings.models import FilingState
from filings.services import filing_accept, filing_extend, filing_return

from . import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def submitted(reference_data, settings):
    settings.PORTAL_BASE_URL = "https://pilot.example.cn"
    unit = f.make_unit("420000")
    staff = f.make_staff(unit)
    staff.email = "zhangmin@hbe.gov.cn"
    staff.save()
    return f.make_filing(unit, reference_data, state=FilingState.SUBMITTED)


def test_a_return_says_why_and_what_to_do(
    submitted, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        filing_return(filing=submitted, user=f.make_reviewer(), reason="<b>学生规模</b>有误 & 重报")
    [message] = mailoutbox
    assert message.subject == "[1+X试点报送] 汇总表已被退回"
    assert message.to == ["zhangmin@hbe.gov.cn"]
    # The reason as the reviewer typed it: a plain-text e-mail escapes nothing.
    assert "退回原因：<b>学生规模</b>有误 & 重报" in message.body
    assert "请按原因修改后，重新上传盖章扫描件并提交。" in message.body
    assert "查看汇总表：https://pilot.example.cn/units/420000/" in message.body
    assert not message.alternatives


def test_an_acceptance(submitted, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        filing_accept(filing=submitted, user=f.make_reviewer())
    [message] = mailoutbox
    assert message.subject == "[1+X试点报送] 汇总表已确认"
    assert message.body.startswith("湖北省的第二批1+X证书制度试点汇总表已于 ")
    assert "（北京时间）由职教所确认。" in message.body.splitlines()[0]


def test_an_extension_names_the_new_deadline_in_beijing_time(
    reference_data, mailoutbox, django_capture_on_commit_callbacks, settings
):
    settings.PORTAL_BASE_URL = "https://pilot.example.cn"
    unit = f.make_unit("420000")
    staff = f.make_staff(unit)
    staff.email = "zhangmin@hbe.gov.cn"
    staff.save()
    filing = f.make_filing(unit, reference_data, state=FilingState.DRAFT)
    now = reference_data.filing_deadline
    until = timezone.make_aware(datetime(2019, 9, 27, 23, 59))
    with django_capture_on_commit_callbacks(execute=True):
        filing_extend(filing=filing, user=f.make_reviewer(), until=until, now=now)
    [message] = mailoutbox
    assert message.subject == "[1+X试点报送] 报送截止时间已延期"
    assert "延至 2019年9月27日 23:59（北京时间）" in message.body


@pytest.mark.parametrize("zone", ["UTC", "Asia/Shanghai"])
def test_every_time_in_an_email_is_beijing_time_and_says_so(
    submitted, mailoutbox, django_capture_on_commit_callbacks, zone
):
    # 10:30 in UTC is 18:30 in Beijing, whatever zone the sending process has active.
    now = datetime(2019, 9, 25, 10, 30, tzinfo=UTC)
    with timezone.override(zone), django_capture_on_commit_callbacks(execute=True):
        filing_return(filing=submitted, user=f.make_reviewer(), reason="请补充", now=now)
    [message] = mailoutbox
    assert "已于 2019年9月25日 18:30（北京时间）被职教所退回。" in message.body
