"""Accounts seen from the portal's pages: who works for a unit, and, for reviewers, which
units their e-mails do not reach through anyone's account."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from certificates.batch_scope import request_batch

from .. import access
from ..accounts import reachable, unit_staff_accounts, unreachable_units_with_contacts


@require_safe
def unit_staff(request: HttpRequest, code: str) -> HttpResponse:
    """The unit's active staff accounts with their e-mail addresses, and whether e-mail
    reaches anyone there at all."""
    unit = access.get_unit_staff_list_for_user(request.user, code)
    accounts = unit_staff_accounts(unit)
    return render(
        request,
        "filings/staff.html",
        {
            "unit": unit,
            "accounts": accounts.order_by("username"),
            "reachable_count": reachable(accounts).count(),
            "own_unit": access.unit_of(request.user) == unit,
        },
    )


@require_safe
def unreachable_units(request: HttpRequest) -> HttpResponse:
    """Reviewers: the units none of whose staff accounts has an e-mail address."""
    access.require_reviewer(request.user)
    return render(
        request,
        "filings/unreachable_units.html",
        {"lines": unreachable_units_with_contacts(request_batch(request))},
    )
