"""docs/api_example.py, the example of docs/api.md, runs against the portal: most tests hand
its requests to the test client (the same calls `requests.Session.request` would make), and
one runs it whole with `requests` over HTTP against a live test server."""

import importlib.util
from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from ..filings import factories as f

pytestmark = pytest.mark.django_db

EXAMPLE = Path(__file__).resolve().parents[2] / "docs" / "api_example.py"


def load_example():
    spec = importlib.util.spec_from_file_location("api_example", EXAMPLE)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class ClientSession:
    """requests.Session's `request`, answered by Django's test client."""

    def __init__(self, base_url: str):
        self.base_url = base_url
        self.client = APIClient()

    def request(self, method, url, params=None, json=None, headers=None, timeout=None):
        assert url.startswith(self.base_url), url
        path = url.removeprefix(self.base_url)
        extra = {"HTTP_" + name.upper().replace("-", "_"): value for name, value in headers.items()}
        send = getattr(self.client, method.lower())
        if method == "GET":
            return send(path, params, **extra)
        return send(path, json, format="json", **extra)


def portal_for(example, user):
    token, _ = Token.objects.get_or_create(user=user)
    base = "http://127.0.0.1:8000"
    return example.Portal(token.key, base, session=ClientSession(base))


@pytest.fixture
def example():
    return load_example()


def test_without_a_token_it_says_how_to_get_one(example, monkeypatch, capsys):
    monkeypatch.delenv("PORTAL_TOKEN", raising=False)
    assert example.main() == 2
    assert "API 令牌" in capsys.readouterr().err


def test_staff_read_the_batch_and_their_filing(example, reference_data, unit, capsys):
    filing = f.make_filing(unit, reference_data)
    f.make_row(filing, student_count=40)
    portal = portal_for(example, f.make_staff(unit))
    batch = example.open_batch(portal)
    assert batch["number"] == 2 and batch["enrolment_years"] == [2017, 2018, 2019]
    assert example.certificate_id(portal, 2, "电子商务数据分析") > 0
    example.show_filing(portal.get(example.filing_url("420000", 2)))
    out = capsys.readouterr().out
    assert "湖北省 第2批汇总表" in out and "第二批试点学生总规模：40" in out
    with pytest.raises(example.PortalError) as refused:
        portal.get(example.filing_url("430000", 2))
    assert refused.value.status == 404 and refused.value.body["code"] == "not_found"


def test_staff_add_and_change_a_row(example, reference_data, unit, capsys):
    f.make_filing(unit, reference_data)
    example.staff(portal_for(example, f.make_staff(unit)), "420000")
    out = capsys.readouterr().out
    assert "新增试点行" in out and "已修改学生规模为 80" in out and "旧版本被拒绝：409" in out


def test_a_reviewer_pulls_the_national_figures(example, reference_data, capsys):
    example.reviewer(portal_for(example, f.make_reviewer()))
    assert "全国试点行" in capsys.readouterr().out


def test_the_example_runs_over_http_as_a_province_runs_it(
    example, live_server, transactional_db, monkeypatch, capsys
):
    """With `requests`, against a running portal: the code path the tests above stand in for."""
    from certificates.reference import load_reference_data

    load_reference_data()
    batch = example_batch()
    staff = f.make_staff(f.make_unit("420000", "湖北省"))
    f.make_filing(staff.portal_profile.unit, batch)
    monkeypatch.setenv("PORTAL_URL", live_server.url)
    monkeypatch.setenv("PORTAL_TOKEN", Token.objects.create(user=staff).key)
    assert example.main() == 0
    out = capsys.readouterr().out
    assert "新增试点行" in out and "旧版本被拒绝：409 edit_conflict" in out

    monkeypatch.setenv("PORTAL_TOKEN", Token.objects.create(user=f.make_reviewer()).key)
    monkeypatch.setenv("PORTAL_ROLE", "reviewer")
    assert example.main() == 0
    assert "全国试点行" in capsys.readouterr().out


def example_batch():
    from certificates.models import Batch

    batch = Batch.objects.get(number=2)
    Batch.objects.filter(pk=batch.pk).update(filing_deadline=timezone.now() + timedelta(days=9))
    return batch
