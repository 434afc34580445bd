"""Whom e-mail reaches in a unit: its active staff accounts with an e-mail address."""

import pytest

from filings.accounts import reachable, unit_staff_accounts, units_without_reachable_staff

from . import factories as f

pytestmark = pytest.mark.django_db


def staff_of(unit, username, *, email="", active=True):
    user = f.make_staff(unit, username=username)
    user.email, user.is_active = email, active
    user.save()
    return user


def test_a_unit_counts_as_reached_only_through_an_active_staff_account_with_an_address():
    reached = f.make_unit("420000", "湖北省")
    staff_of(reached, "hb-1")
    staff_of(reached, "hb-2", email="hb2@example.cn")
    no_address = f.make_unit("430000", "湖南省")
    staff_of(no_address, "hn-1")
    only_inactive = f.make_unit("440000", "广东省")
    staff_of(only_inactive, "gd-1", email="left@example.cn", active=False)
    nobody = f.make_unit("450000", "广西壮族自治区")
    # A reviewer's address reaches no unit.
    reviewer = f.make_reviewer()
    reviewer.email = "review@example.cn"
    reviewer.save()

    assert list(units_without_reachable_staff().values_list("code", flat=True)) == [
        "430000",
        "440000",
        "450000",
    ]
    assert [u.username for u in reachable(unit_staff_accounts(reached))] == ["hb-2"]
    assert sorted(u.username for u in unit_staff_accounts(reached)) == ["hb-1", "hb-2"]
    assert not unit_staff_accounts(only_inactive).exists()
    assert not unit_staff_accounts(nobody).exists()
