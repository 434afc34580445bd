"""Who may see and change what (filings/access.py): staff, reviewers, outsiders, strangers."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import Http404

from filings.access import (
    NOT_FOUND,
    READ_ONLY,
    can_edit,
    filing_for_unit,
    get_filing_for_user,
    get_review_filing_for_user,
    get_row,
    get_rw_filing_for_user,
    get_scan,
    get_school,
    get_unit_for_user,
    is_reviewer,
    profile_of,
    unit_of,
    visible_filings,
    visible_units,
)
from filings.models import Filing, FilingState, StampedScan

from . import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def strangers(outsider):
    return {"outsider": outsider, "anonymous": AnonymousUser()}


# --- who is who -------------------------------------------------------------------------------


def test_it_knows_staff_and_their_unit(staff, unit):
    assert unit_of(staff) == unit
    assert not is_reviewer(staff)


def test_it_knows_reviewers_who_belong_to_no_unit(reviewer):
    assert is_reviewer(reviewer)
    assert unit_of(reviewer) is None


@pytest.mark.parametrize("who", ["outsider", "anonymous"])
def test_a_user_without_profile_is_nobody(strangers, who):
    user = strangers[who]
    assert profile_of(user) is None
    assert unit_of(user) is None
    assert not is_reviewer(user)


# --- units and filings ------------------------------------------------------------------------


def test_staff_see_only_their_own_unit(staff, unit, other_unit):
    assert list(visible_units(staff)) == [unit]
    assert get_unit_for_user(staff, "420000") == unit


def test_another_units_code_is_not_found_for_staff(staff, other_unit):
    with pytest.raises(Http404) as raised:
        get_unit_for_user(staff, "430000")
    assert str(raised.value) == NOT_FOUND


def test_an_unknown_code_is_not_found(staff, reviewer):
    for user in (staff, reviewer):
        with pytest.raises(Http404):
            get_unit_for_user(user, "999999")


def test_reviewers_see_every_unit(reviewer, unit, other_unit):
    assert set(visible_units(reviewer)) == {unit, other_unit}
    assert get_unit_for_user(reviewer, "430000") == other_unit


@pytest.mark.parametrize("who", ["outsider", "anonymous"])
def test_a_user_without_profile_sees_nothing(strangers, who, filing, batch):
    user = strangers[who]
    assert not visible_units(user).exists()
    assert not visible_filings(user).exists()
    with pytest.raises(Http404):
        get_filing_for_user(user, "420000", batch)
    with pytest.raises(Http404):
        get_rw_filing_for_user(user, "420000", batch)
    with pytest.raises(Http404):
        get_review_filing_for_user(user, "420000", batch)


def test_staff_read_and_write_their_own_filing(staff, filing, batch):
    assert get_filing_for_user(staff, "420000", batch) == filing
    assert get_rw_filing_for_user(staff, "420000", batch) == filing
    assert list(visible_filings(staff)) == [filing]


def test_staff_neither_read_nor_write_another_units_filing(staff, other_unit, batch):
    other = f.make_filing(other_unit, batch)
    assert other not in visible_filings(staff)
    with pytest.raises(Http404):
        get_filing_for_user(staff, "430000", batch)
    with pytest.raises(Http404):
        get_rw_filing_for_user(staff, "430000", batch)


def test_a_reviewer_reads_any_filing_but_may_not_change_it(reviewer, filing, batch):
    assert get_filing_for_user(reviewer, "420000", batch) == filing
    with pytest.raises(PermissionDenied) as raised:
        get_rw_filing_for_user(reviewer, "420000", batch)
    assert str(raised.value) == READ_ONLY


def test_review_actions_are_for_reviewers_only(reviewer, staff, other_staff, filing, batch):
    assert get_review_filing_for_user(reviewer, "420000", batch) == filing
    # Staff get a 404, even for their own unit, so review pages are not confirmed to exist.
    for user in (staff, other_staff):
        with pytest.raises(Http404):
            get_review_filing_for_user(user, "420000", batch)


def test_opening_a_filing_the_first_time_creates_it_empty(staff, unit, batch):
    assert not Filing.objects.exists()
    filing = get_filing_for_user(staff, "420000", batch)
    assert (filing.unit, filing.batch, filing.state, filing.revision) == (unit, batch, "draft", 1)
    assert filing_for_unit(unit, batch) == filing
    assert Filing.objects.count() == 1


# --- rows, schools and scans by id ------------------------------------------------------------


def test_get_row_finds_a_row_of_the_filing(filing):
    row = f.make_row(filing)
    found = get_row(filing, row.pk)
    assert found == row
    assert found.school.name == "武汉船舶职业技术学院"


def test_a_row_id_of_another_filing_is_not_found(filing, other_unit, batch):
    other = f.make_filing(other_unit, batch)
    foreign = f.make_row(other, f.make_school(other, "湖南铁道职业技术学院"))
    with pytest.raises(Http404) as raised:
        get_row(filing, foreign.pk)
    assert str(raised.value) == NOT_FOUND
    with pytest.raises(Http404):
        get_row(filing, 987654)


def test_a_school_id_of_another_filing_is_not_found(filing, other_unit, batch):
    own = f.make_school(filing)
    other = f.make_filing(other_unit, batch)
    foreign = f.make_school(other, "湖南铁道职业技术学院")
    assert get_school(filing, own.pk) == own
    with pytest.raises(Http404):
        get_school(filing, foreign.pk)


def test_a_scan_id_of_another_filing_is_not_found(filing, other_unit, batch):
    other = f.make_filing(other_unit, batch)
    foreign = StampedScan.objects.create(
        filing=other,
        file="scans/2019/09/430000-r1-000000000000.pdf",
        original_name="scan.pdf",
        content_type="application/pdf",
        size=10,
        sha256="0" * 64,
        filing_revision=1,
    )
    assert get_scan(other, foreign.pk) == foreign
    with pytest.raises(Http404):
        get_scan(filing, foreign.pk)


# --- what the pages offer ---------------------------------------------------------------------


def test_only_the_units_own_staff_are_offered_editing_while_the_filing_awaits_them(
    staff, reviewer, outsider, filing, other_unit
):
    assert can_edit(staff, filing)
    for user in (reviewer, outsider, AnonymousUser(), f.make_staff(other_unit)):
        assert not can_edit(user, filing)
    for state in (FilingState.SUBMITTED, FilingState.ACCEPTED):
        filing.state = state
        assert not can_edit(staff, filing)
    filing.state = FilingState.RETURNED
    assert can_edit(staff, filing)
