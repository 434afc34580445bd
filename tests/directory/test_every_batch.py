"""The public directory with two batches: every batch's certificates, the newest first, a
search across all of them that says which batch a hit is from, a page at a time."""

import pytest

from certificates.directory import PER_PAGE

from .conftest import DIRECTORY, batch_headings, shown

pytestmark = pytest.mark.django_db

BATCH2 = "第二批1+X证书制度试点"


def test_the_newest_batch_comes_first(client, batch3):
    response = client.get(DIRECTORY)
    html = response.content.decode()
    assert "共 410 个证书，来自 2 个批次，新批次在前" in html
    cards = shown(response)
    assert len(cards) == PER_PAGE
    assert cards[0] == ("第三批", "测试证书0001")
    assert batch_headings(response) == [batch3.name]


def test_the_last_page_holds_the_end_of_batch_3_and_all_of_batch_2(client, batch3):
    response = client.get(DIRECTORY, {"page": "14"})
    cards = shown(response)
    assert cards[:10] == [("第三批", f"测试证书{i:04d}") for i in range(391, 401)]
    assert cards[10] == ("第二批", "电子商务数据分析")
    assert {label for label, _ in cards[10:]} == {"第二批"} and len(cards) == 20
    assert batch_headings(response) == [batch3.name, BATCH2]
    assert "第 14 / 14 页" in response.content.decode()


def test_every_batch_is_listed_with_its_count_and_download(client, batch3):
    html = client.get(DIRECTORY).content.decode()
    assert html.index(batch3.name) < html.index(BATCH2)
    assert "400 个证书" in html and "10 个证书" in html
    assert "attachment1.xlsx?batch=3" in html and "attachment1.xlsx?batch=2" in html
    assert "第三批附件1（Excel）" in html and "第二批附件1（Excel）" in html


@pytest.mark.parametrize(
    ("number", "count", "first"), [("2", 10, "电子商务数据分析"), ("3", 400, "测试证书0001")]
)
def test_one_batch_alone(client, batch3, number, count, first):
    response = client.get(DIRECTORY, {"batch": number})
    html = response.content.decode()
    assert f"共 {count} 个证书。" in html
    cards = shown(response)
    assert len(cards) == min(count, PER_PAGE) and cards[0][1] == first
    assert f'<option value="{number}" selected>' in html


def test_a_search_finds_certificates_of_both_batches_and_names_their_batch(client, batch3):
    # 北京: in the generated addresses (北京市测试区…) and in several of batch 2's.
    response = client.get(DIRECTORY, {"q": "北京"})
    html = response.content.decode()
    assert "在全部批次中找到" in html
    assert shown(response)[0] == ("第三批", "测试证书0001")
    # A page past the end is the last page.
    last = client.get(DIRECTORY, {"q": "北京", "page": "999"})
    assert ("第二批", "电子商务数据分析") in shown(last)
    assert batch_headings(last)[-1] == BATCH2


SEARCHES = [
    ("焊接", [("第二批", "特殊焊接技术")]),
    ("阳光大姐", [("第二批", "母婴护理")]),
    ("测试证书0399", [("第三批", "测试证书0399")]),
    ("测试联系人134", [("第三批", "测试证书0400")]),
]


def test_a_search_across_all_batches(client, batch3):
    # One test for several searches: loading the 400 certificates is the slow part.
    for query, expected in SEARCHES:
        assert shown(client.get(DIRECTORY, {"q": query})) == expected, query


def test_a_search_within_one_batch_stays_in_it(client, batch3):
    response = client.get(DIRECTORY, {"q": "测试证书", "batch": "2"})
    assert shown(response) == []
    assert "没有找到匹配的证书" in response.content.decode()
    response = client.get(DIRECTORY, {"q": "测试证书000", "batch": "3"})
    assert len(shown(response)) == 9
    assert "在第三批中找到 9 个证书（共 400 个）" in response.content.decode()


def test_the_pager_keeps_the_search_and_the_batch(client, batch3):
    html = client.get(DIRECTORY, {"q": "测试", "batch": "3"}).content.decode()
    assert "?q=%E6%B5%8B%E8%AF%95&amp;batch=3&page=2" in html


def test_an_unknown_batch_is_404_with_a_chinese_message(client, batch3):
    for raw in ["9", "0", "abc", "3x", "-1", "99999999999999999999"]:
        response = client.get(DIRECTORY, {"batch": raw})
        assert response.status_code == 404, raw
        html = response.content.decode()
        assert "现有批次：第三批、第二批。" in html
        assert "没有第" in html or "批次应为数字" in html


def test_a_full_width_batch_number_is_understood(client, batch3):
    response = client.get(DIRECTORY, {"batch": "２"})
    assert response.status_code == 200 and len(shown(response)) == 10


def test_with_batch_2_alone_the_page_reads_as_before(client, reference_data):
    html = client.get(DIRECTORY).content.decode()
    assert 'id="batch"' not in html  # no batch chooser for one batch
    assert 'id="batches-heading"' not in html
    assert '<h2 class="h5 mb-0" id="cert-' in html


def test_every_view_of_the_directory_takes_a_fixed_number_of_queries(
    client, batch3, django_assert_max_num_queries
):
    views = [{}, {"page": "7"}, {"batch": "2"}, {"batch": "3", "page": "2"}, {"q": "北京"}]
    for params in [*views, {"q": "焊接", "page": "2"}]:
        with django_assert_max_num_queries(5):
            response = client.get(DIRECTORY, params)
        assert response.status_code == 200, params
