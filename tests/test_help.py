import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_it_shows_the_notice_contacts_and_the_deadline_without_login(client, reference_data):
    response = client.get(reverse("help"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "2019年9月20日" in html
    for value in ["丁振国", "黄玉屏", "梁召峰", "教育部职业技术教育中心研究所"]:
        assert value in html
    for phone in ["010-58556746", "010-58556712", "010-66096810"]:
        assert f'href="tel:{phone}"' in html
    assert 'href="mailto:x_one2019@163.com"' in html
    assert "教职成司函〔2019〕89号" in html
