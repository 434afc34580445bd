"""Portal accounts: creating staff of a unit and reviewers, and who of a unit's staff can be
reached by e-mail (notifications, password reset)."""

from django.contrib.auth.models import User
from django.db import transaction
from django.db.models import Exists, OuterRef, QuerySet

from certificates.models import Batch

from .models import Filing, Profile, Role, SubmittingUnit

REVIEWER_USERNAME = "reviewer"


@transaction.atomic
def account_ensure(
    *,
    username: str,
    password: str,
    role: Role,
    unit: SubmittingUnit | None,
    full_name: str,
    email: str = "",
) -> tuple[User, bool]:
    """Create the account, or bring an existing one back to this role, unit and password."""
    user, created = User.objects.get_or_create(username=username)
    user.first_name = full_name[:150]
    user.email = email
    user.is_active = True
    user.set_password(password)
    user.save()
    Profile.objects.update_or_create(user=user, defaults={"role": role, "unit": unit})
    return user, created


def demo_address(username: str) -> str:
    """A demo account's e-mail: on a domain reserved for examples (RFC 2606), so that
    notifications show who they went to (the development server prints them) and reach
    nobody."""
    return f"{username}@demo.example.org"


def demo_accounts_ensure(*, password: str) -> list[tuple[User, bool]]:
    """A reviewer, and one staff account per unit named by the unit's code (420000 for 湖北省)."""
    results = [
        account_ensure(
            username=REVIEWER_USERNAME,
            password=password,
            role=Role.REVIEWER,
            unit=None,
            full_name="职教所审核人员",
        )
    ]
    for unit in SubmittingUnit.objects.order_by("code"):
        results.append(
            account_ensure(
                username=unit.code,
                password=password,
                role=Role.UNIT_STAFF,
                unit=unit,
                full_name=f"{unit.name}工作人员",
                email=demo_address(unit.code),
            )
        )
    return results


def unit_staff_accounts(unit: SubmittingUnit) -> QuerySet[User]:
    """The accounts that work for `unit` and can log in: active, with the staff role."""
    return User.objects.filter(
        is_active=True, portal_profile__role=Role.UNIT_STAFF, portal_profile__unit=unit
    )


def reachable(accounts: QuerySet[User]) -> QuerySet[User]:
    """Those of `accounts` that e-mail reaches: with an address, they receive the reviewers'
    notifications and can reset a forgotten password themselves."""
    return accounts.exclude(email="")


def has_reachable_staff() -> Exists:
    """For a query of units: whether one of the unit's active staff accounts has an e-mail."""
    return Exists(reachable(unit_staff_accounts(OuterRef("pk"))))


def units_without_reachable_staff() -> QuerySet[SubmittingUnit]:
    """Units none of whose active staff accounts has an e-mail address: nobody there hears of
    a return or a reminder by e-mail, and a forgotten password needs an administrator."""
    return SubmittingUnit.objects.exclude(has_reachable_staff())


def unreachable_units_with_contacts(batch: Batch) -> list[tuple[SubmittingUnit, str]]:
    """The units without reachable staff, each with the contact address in the header of its
    filing of `batch` ("" when none): the one address the reviewers' e-mails still reach."""
    units = list(units_without_reachable_staff())
    contacts = dict(
        Filing.objects.filter(batch=batch, unit__in=units).values_list("unit_id", "contact_email")
    )
    return [(unit, contacts.get(unit.pk, "").strip()) for unit in units]
