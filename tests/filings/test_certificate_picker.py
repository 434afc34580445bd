"""The certificate picker: a plain list for batch 2's ten certificates, a search box over the
list for a batch of hundreds; the server accepts only the batch's own certificates either way."""

import re

import pytest
from django.template import Context, Template

from bench.generated_batch import load_generated_batch
from certificates.models import Certificate
from filings.forms import PilotRowForm

from . import factories as f
from .views.helpers import page, url

pytestmark = pytest.mark.django_db


@pytest.fixture
def big_batch(reference_data):
    return load_generated_batch(number=3, certificates=400)


def options(html: str, select_id: str) -> list[str]:
    select = re.search(rf'<select [^>]*id="{select_id}"[^>]*>(.*?)</select>', html, re.S)
    assert select, f"no <select> {select_id}"
    return re.findall(r"<option [^>]*>([^<]*)</option>", select.group(1))


def test_ten_certificates_are_a_plain_list(reference_data):
    html = str(PilotRowForm(batch=reference_data)["certificate"])
    assert len(options(html, "id_certificate")) == 11  # 请选择证书 and the ten
    assert "data-select-filter" not in html


def test_400_certificates_get_a_search_box_over_the_list(big_batch):
    html = str(PilotRowForm(batch=big_batch)["certificate"])
    shown = options(html, "id_certificate")
    assert len(shown) == 401 and shown[1] == "测试证书0001"
    # Labelled, tied to the list it narrows and to the line that says how many it found.
    assert '<label for="id_certificate-filter"' in html and "搜索证书" in html
    assert 'id="id_certificate-filter"' in html
    assert 'aria-controls="id_certificate"' in html
    assert 'aria-describedby="id_certificate-filter-status"' in html
    assert "共 400 个证书" in html
    # Hidden until the script runs: without it the list alone works.
    assert re.search(r'<div class="select-filter[^"]*" hidden>', html)
    # A certificate is found by its organization too.
    assert 'data-search="测试评价组织001有限公司"' in html


def test_the_form_renders_400_certificates_in_a_fixed_number_of_queries(
    big_batch, django_assert_max_num_queries
):
    with django_assert_max_num_queries(1):
        str(PilotRowForm(batch=big_batch)["certificate"])


def test_a_certificate_of_another_batch_is_refused(big_batch, reference_data):
    other = Certificate.objects.get(batch=reference_data, position=1)
    form = PilotRowForm({"certificate": other.pk}, batch=big_batch)
    assert not form.is_valid()
    assert "certificate" in form.errors


def test_the_school_form_of_the_big_batch_has_the_search_box(client, big_batch):
    unit = f.make_unit("420000", "湖北省")
    f.make_filing(unit, big_batch)
    client.force_login(f.make_staff(unit))
    html = page(client.get(url("school_add", "420000")))
    assert 'id="id_rows-0-certificate-filter"' in html
    assert "select-filter.js" in html
    # The card added by the script carries a box of its own.
    assert 'id="id_rows-__prefix__-certificate-filter"' in html


def render_filter(count: int) -> str:
    template = Template('{% load pickers %}{% select_filter "f-cert" count %}')
    return template.render(Context({"count": count}))


def test_the_rows_filter_gets_the_box_only_when_long():
    assert render_filter(10).strip() == ""
    html = render_filter(400)
    assert 'aria-controls="f-cert"' in html and "共 400 个证书" in html
