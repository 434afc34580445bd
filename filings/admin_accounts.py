"""The units' admin page, on accounts: which units e-mail cannot reach, because none of their
active staff accounts has an e-mail address (no notifications, no password reset)."""

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import format_html

from .accounts import has_reachable_staff
from .models import SubmittingUnit

REACHABLE_PARAMETER = "reachable_staff"
REACHABLE_TITLE = "登记邮箱的工作人员账号"
# The users' list filtered by unit (PortalUserAdmin.list_filter has "portal_profile__unit").
USERS_OF_UNIT = "portal_profile__unit__id__exact"


class ReachableStaffFilter(admin.SimpleListFilter):
    title = REACHABLE_TITLE
    parameter_name = REACHABLE_PARAMETER

    def lookups(self, request, model_admin) -> list[tuple[str, str]]:
        return [("no", "没有（收不到通知，不能自助找回密码）"), ("yes", "有")]

    def queryset(self, request, queryset: QuerySet[SubmittingUnit]):
        if self.value() == "no":
            return queryset.exclude(has_reachable_staff())
        if self.value() == "yes":
            return queryset.filter(has_reachable_staff())
        return queryset


class UnitAccountsAdminMixin:
    """For SubmittingUnitAdmin: the columns and the filter (list `reachable_staff` and
    `staff_accounts` in `list_display`, ReachableStaffFilter in `list_filter`)."""

    def get_queryset(self, request: HttpRequest) -> QuerySet[SubmittingUnit]:
        return super().get_queryset(request).annotate(reachable=has_reachable_staff())

    @admin.display(description=REACHABLE_TITLE, boolean=True, ordering="reachable")
    def reachable_staff(self, unit: SubmittingUnit) -> bool:
        return unit.reachable

    @admin.display(description="工作人员账号")
    def staff_accounts(self, unit: SubmittingUnit) -> str:
        """A link to the unit's accounts in the users' list, where their addresses are set."""
        users = reverse("admin:auth_user_changelist")
        return format_html('<a href="{}?{}={}">查看账号</a>', users, USERS_OF_UNIT, unit.pk)
