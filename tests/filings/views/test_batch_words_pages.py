"""The pages speak of the batch being filed: the print page's title, note 3 and summary
labels, the unit page's summary and concentration scale, the help page. The second batch's
words are as the notice prints them; a generated third batch (12 certificates) has its own."""

import pytest
from django.urls import reverse

from bench.generated_batch import load_generated_batch
from filings.models import SchoolType

from .. import factories as f
from .helpers import page, url

pytestmark = pytest.mark.django_db

NOTE_3 = "“参与试点证书及等级”栏从{}启动试点的{}个证书中选取填写,证书等级一般分初级、中级、高级"


def test_the_second_batchs_print_page_has_the_notices_note_3(staff_client, filing):
    f.make_row(filing)
    html = page(staff_client.get(url("print", "420000")))
    assert f"<li>{NOTE_3.format('第二批', 10)}</li>" in html


@pytest.fixture
def third_filing(batch, unit):
    third = load_generated_batch(number=3, certificates=12)
    filing = f.make_filing(unit, third)
    school = f.make_school(filing, "武汉职业技术学院", SchoolType.HIGHER)
    for position in (1, 2, 12):
        f.make_row(filing, school, f.certificate(position, third), student_count=40)
    return filing


def test_the_third_batchs_print_page_speaks_of_the_third_batch(staff_client, third_filing):
    html = page(staff_client.get(url("print", "420000")))
    assert '<h1 class="h4 text-center">第三批1+X证书制度试点院校情况汇总表</h1>' in html
    assert f"<li>{NOTE_3.format('第三批', 12)}</li>" in html
    assert '<th scope="row" colspan="2">第三批试点学生总规模</th><td>120</td>' in html
    assert "第二批" not in html


def test_the_third_batchs_unit_page_sums_and_scales_for_its_certificates(
    staff_client, third_filing
):
    html = page(staff_client.get(url("unit_home", "420000")))
    assert "第三批试点院校总规模" in html
    assert "12个证书平均分布时为 0.08" in html
    assert "十个证书" not in html and "第二批试点" not in html


def test_the_help_page_speaks_of_the_current_batch(client, third_filing):
    html = page(client.get(reverse("help")))
    assert "填写《第三批1+X证书制度试点院校情况汇总表》（附件2）" in html
    assert "第三批试点学生总规模" in html
    assert "12个证书平均分布时为 0.08" in html
