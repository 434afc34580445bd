"""The units' admin page, on accounts: which units e-mail cannot reach, because none of their
active staff accounts has an e-mail address (no notifications, no password reset)."""

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest

from .accounts import has_reachable_staff
from .models import SubmittingUnit

REACHABLE_PARAMETER = "reachable_staff"
REACHABLE_TITLE = "登记邮箱的工作人员账号"


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
    """For SubmittingUnitAdmin: the column and the filter (list `reachable_staff` in
    `list_display` and ReachableStaffFilter in `list_filter`)."""

    def get_queryset(self, request: HttpRequest) -> QuerySet[SubmittingUnit]:
        return super().get_queryset(request).annotate(reachable=has_reachable_staff())

    @admin.display(description=REACHABLE_TITLE, boolean=True, ordering="reachable")
    def reachable_staff(self, unit: SubmittingUnit) -> bool:
        return unit.reachable
