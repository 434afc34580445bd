"""The public directory: list, detail, search. No login needed."""

import re

import pytest
from django.urls import reverse

from certificates.models import Certificate
from certificates.search import MAX_QUERY_LENGTH, NOTHING_FOUND, QUERY_TOO_LONG

pytestmark = pytest.mark.django_db

DIRECTORY = reverse("certificates:directory")


def shown_certificates(response) -> list[str]:
    """Certificate names in the order the page shows them."""
    html = response.content.decode()
    return re.findall(r'id="cert-\d+">\s*<a [^>]*>\d+\. ([^<]+)</a>', html)


def search(client, query: str):
    return client.get(DIRECTORY, {"q": query})


def test_it_lists_all_ten_certificates_without_login(client, reference_data):
    response = client.get(DIRECTORY)
    assert response.status_code == 200
    assert len(shown_certificates(response)) == 10
    assert shown_certificates(response)[0] == "电子商务数据分析"


def test_it_shows_both_contacts_with_tel_and_mailto_links(client, reference_data):
    response = client.get(DIRECTORY)
    html = response.content.decode()
    for name, mobile in [("杨东飞", "15091181474"), ("秦刚强", "13572543571")]:
        assert name in html
        assert f'href="tel:{mobile}"' in html
    assert 'href="tel:010-60607161"' in html
    assert 'href="mailto:yangdf@bjbodao.com"' in html
    assert "北京市海淀区上地东路35号颐泉汇大厦2号楼505室" in html
    assert "传真" in html and "010-60607161" in html


def test_the_root_leads_to_the_directory(client, reference_data):
    response = client.get("/")
    assert response.status_code == 302
    assert response.url == DIRECTORY


def test_the_directory_runs_a_fixed_number_of_queries(
    client, reference_data, django_assert_max_num_queries
):
    with django_assert_max_num_queries(5):
        client.get(DIRECTORY)


def test_the_detail_page_shows_the_organization_and_contacts(client, reference_data):
    cert = Certificate.objects.get(name="母婴护理")
    response = client.get(reverse("certificates:detail", args=[cert.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "母婴护理职业技能等级证书" in html
    assert "济南阳光大姐服务有限公司" in html
    assert 'href="tel:15588816013"' in html and 'href="tel:13255690054"' in html
    assert 'href="mailto:jinanygdj@163.com"' in html
    assert "初级、中级、高级" in html


def test_the_detail_page_of_an_unknown_certificate_is_404(client, reference_data):
    assert client.get(reverse("certificates:detail", args=[9999])).status_code == 404


def test_the_detail_page_names_how_attachment1_wrote_it(client, reference_data):
    cert = Certificate.objects.get(name="失智老年人照护")
    html = client.get(reverse("certificates:detail", args=[cert.pk])).content.decode()
    assert "附件1写作“失智老年人”" in html


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("焊接", ["特殊焊接技术"]),
        ("阳光大姐", ["母婴护理"]),
        ("母婴", ["母婴护理"]),
        ("0531", ["母婴护理"]),
        ("053182903708", ["母婴护理"]),
        ("０５３１", ["母婴护理"]),  # full-width digits
        ("yangdf@BJBODAO.com", ["电子商务数据分析"]),
        ("1+X@newland", ["传感网应用开发"]),
        ("13581841651", ["失智老年人照护"]),
        ("400-860-0591", ["传感网应用开发"]),
        ("失智老年人", ["失智老年人照护"]),
        ("工业机器人 编程", ["工业机器人应用编程"]),
        ("智能财税职业技能等级证书", ["智能财税"]),
    ],
)
def test_search_finds(client, reference_data, query, expected):
    assert shown_certificates(search(client, query)) == expected


def test_search_by_surname_finds_every_contact_so_named(client, reference_data):
    found = shown_certificates(search(client, "杨"))
    # 杨东飞 (电子商务数据分析) and 杨根来 (失智老年人照护).
    assert found == ["电子商务数据分析", "失智老年人照护"]


def test_search_says_what_matched(client, reference_data):
    html = search(client, "杨").content.decode()
    assert "联系人：杨东飞" in html and "联系人：杨根来" in html


def test_an_empty_query_shows_everything(client, reference_data):
    assert len(shown_certificates(search(client, "   "))) == 10


def test_a_query_without_results_says_so(client, reference_data):
    response = search(client, "区块链")
    assert response.status_code == 200
    assert shown_certificates(response) == []
    assert NOTHING_FOUND in response.content.decode()


@pytest.mark.parametrize(
    "query",
    [
        "焊" * (MAX_QUERY_LENGTH + 1),
        "x" * 10_000,
    ],
)
def test_a_very_long_query_gives_a_clear_page(client, reference_data, query):
    response = search(client, query)
    assert response.status_code == 200
    assert QUERY_TOO_LONG in response.content.decode()
    assert shown_certificates(response) == []


@pytest.mark.parametrize(
    "query",
    [
        "<script>alert(1)</script>",
        "' OR 1=1 --",
        "'; DROP TABLE certificates_certificate; --",
        "%",
        "_",
        "\\",
        '"><img src=x onerror=alert(1)>',
        "\u0000",
    ],
)
def test_hostile_queries_give_a_clear_page(client, reference_data, query):
    response = search(client, query)
    html = response.content.decode()
    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in html
    assert "<img src=x" not in html
    assert Certificate.objects.count() == 10


def test_the_query_is_echoed_escaped(client, reference_data):
    html = search(client, "<b>焊接</b>").content.decode()
    assert "&lt;b&gt;焊接&lt;/b&gt;" in html
    assert "<b>焊接</b>" not in html


def test_the_directory_explains_missing_reference_data(client, db):
    response = client.get(DIRECTORY)
    assert response.status_code == 200
    assert "尚未载入参考数据" in response.content.decode()


def test_the_directory_refuses_post(client, reference_data):
    assert client.post(DIRECTORY).status_code == 405
