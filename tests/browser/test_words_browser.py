"""Words as a browser lays them out: heat-map headings that do not break inside a name, and
the live share verdict written as the rules write a share."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from .conftest import save_screenshot
from .test_filing_browser import PASSWORD, login

pytestmark = pytest.mark.browser

# How many lines the text of each heading of the heat map takes on screen.
HEADING_LINES = """
() => [...document.querySelectorAll("table.heatmap thead th")].map((th) => {
  const range = document.createRange();
  range.selectNodeContents(th);
  const tops = new Set([...range.getClientRects()].map((r) => Math.round(r.top)));
  return [th.textContent.trim(), tops.size];
})
"""


@pytest.fixture
def demo_period(transactional_db, settings, tmp_path):
    from certificates.models import Batch
    from certificates.reference import load_reference_data
    from filings.accounts import demo_accounts_ensure
    from filings.demo import seed_demo
    from filings.reference import load_units

    settings.MEDIA_ROOT = tmp_path / "media"
    load_units(load_reference_data())
    demo_accounts_ensure(password=PASSWORD)
    seed_demo(rows=330, seed=11, replace=True)
    Batch.objects.update(filing_deadline=timezone.now() + timedelta(days=5))


def test_heat_map_headings_keep_each_certificate_name_on_one_line(
    page, page_guard, live_server, demo_period
):
    page.set_viewport_size({"width": 1366, "height": 768})
    login(page, live_server.url, "reviewer")
    page.goto(f"{live_server.url}/review/national/?include_submitted=1")
    expect(page.locator("table.heatmap")).to_be_visible()
    lines = page.evaluate(HEADING_LINES)
    assert len(lines) == 12
    broken = [name for name, count in lines if count != 1]
    assert not broken, f"headings broken inside a name: {broken}"
    expect(page.get_by_text("集中度指数：各证书试点行占比的平方和")).to_be_visible()
    save_screenshot(page, "national-heat-map-headings")
    assert not page_guard.external


def test_the_live_share_verdict_never_rounds_a_share_up_to_the_minimum(
    page, page_guard, live_server, demo_period
):
    login(page, live_server.url, "420000")
    page.goto(f"{live_server.url}/units/420000/schools/add/")
    page.locator("input[name$='team_size']").first.fill("400")
    page.locator("input[name$='dual_qualified_count']").first.fill("199")
    page.locator("input[name$='industry_expert_count']").first.fill("80")
    verdicts = page.locator(".share-verdict")
    expect(verdicts.first).to_have_text("占比 49.7%，低于50%")
    expect(verdicts.nth(1)).to_have_text("占比 20%，符合20%")
    assert not page_guard.external
