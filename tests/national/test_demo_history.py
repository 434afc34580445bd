"""seed_demo takes each filing to its state through the services, as its staff and the
reviewer would: the demo's history reads like a real filing's."""

import pytest

from filings.accounts import demo_accounts_ensure
from filings.demo import seed_demo
from filings.glossary import in_extension
from filings.models import EventKind, Filing, FilingState

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_with_accounts(units, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    demo_accounts_ensure(password="demo-history-password-2019")
    return seed_demo(rows=400, seed=7)


def kinds(filing: Filing) -> list[str]:
    return list(filing.events.order_by("at", "pk").values_list("kind", flat=True))


def test_every_state_is_reached_the_way_a_real_filing_reaches_it(demo_with_accounts):
    filings = Filing.objects.exclude(state=FilingState.DRAFT).select_related("unit")
    assert {f.state for f in filings} == {
        FilingState.SUBMITTED,
        FilingState.RETURNED,
        FilingState.ACCEPTED,
    }
    for filing in filings:
        history = [k for k in kinds(filing) if k != EventKind.EXTENDED]
        expected = [EventKind.SCAN_UPLOADED, EventKind.SUBMITTED]
        if filing.state == FilingState.RETURNED:
            expected.append(EventKind.RETURNED)
        elif filing.state == FilingState.ACCEPTED:
            expected.append(EventKind.ACCEPTED)
        assert history == expected, filing.unit.code
        scan = filing.scans.get()
        # Uploaded by the unit's own staff, half an hour before the submission.
        assert scan.uploaded_by.username == filing.unit.code
        assert scan.uploaded_at < filing.submitted_at
        submitted = filing.events.get(kind=EventKind.SUBMITTED)
        assert submitted.at == filing.submitted_at
        assert submitted.user.username == filing.unit.code
        if filing.reviewed_at:
            review = filing.events.get(kind__in=[EventKind.RETURNED, EventKind.ACCEPTED])
            assert review.at == filing.reviewed_at > filing.submitted_at
            assert review.user.username == "reviewer"
        if filing.state == FilingState.RETURNED:
            assert filing.events.get(kind=EventKind.RETURNED).note == filing.return_reason


def test_a_submission_after_the_batch_deadline_follows_an_extension(demo_with_accounts):
    late = [f for f in Filing.objects.filter(state=FilingState.SUBMITTED) if in_extension(f)]
    assert late
    assert not any(f.is_late for f in Filing.objects.all())
    for filing in late:
        history = kinds(filing)
        assert history.index(EventKind.EXTENDED) < history.index(EventKind.SUBMITTED)
        assert filing.submitted_at <= filing.deadline_extended_to
