"""Administration: accounts and units are managed here; filings are shown read-only, since
every change to a filing must go through the services and land in its history."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.models import User

from .admin_accounts import ReachableStaffFilter, UnitAccountsAdminMixin
from .models import Filing, FilingEvent, PilotRow, Profile, School, StampedScan, SubmittingUnit


@admin.register(SubmittingUnit)
class SubmittingUnitAdmin(UnitAccountsAdminMixin, admin.ModelAdmin):
    list_display = ["code", "name", "kind", "reachable_staff", "staff_accounts"]
    list_filter = [ReachableStaffFilter, "kind"]
    search_fields = ["code", "name"]


class ProfileInline(admin.StackedInline):
    model = Profile
    can_delete = False
    verbose_name_plural = "平台角色"
    fk_name = "user"


admin.site.unregister(User)


@admin.register(User)
class PortalUserAdmin(UserAdmin):
    inlines = [ProfileInline]
    list_display = [
        "username",
        "first_name",
        "email",
        "portal_role",
        "portal_unit",
        "is_active",
        "last_login",
    ]
    list_select_related = ["portal_profile__unit"]
    list_filter = ["portal_profile__role", "portal_profile__unit", "is_active", "is_staff"]

    @admin.display(description="角色")
    def portal_role(self, user: User) -> str:
        profile = getattr(user, "portal_profile", None)
        return profile.get_role_display() if profile else "—"

    @admin.display(description="报送单位")
    def portal_unit(self, user: User) -> str:
        profile = getattr(user, "portal_profile", None)
        return profile.unit.name if profile and profile.unit else "—"


@admin.register(Profile)
class ProfileAdmin(admin.ModelAdmin):
    list_display = ["user", "role", "unit"]
    list_filter = ["role"]
    list_select_related = ["user", "unit"]
    search_fields = ["user__username", "unit__name"]


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Filing)
class FilingAdmin(ReadOnlyAdmin):
    list_display = ["unit", "batch", "state", "submitted_at", "deadline_extended_to", "revision"]
    list_filter = ["state", "batch"]
    list_select_related = ["unit", "batch"]


@admin.register(School)
class SchoolAdmin(ReadOnlyAdmin):
    list_display = ["name", "school_type", "filing"]
    list_filter = ["school_type"]
    list_select_related = ["filing__unit", "filing__batch"]
    search_fields = ["name"]


@admin.register(PilotRow)
class PilotRowAdmin(ReadOnlyAdmin):
    list_display = ["school", "certificate", "student_count", "filing"]
    list_select_related = ["school", "certificate", "filing__unit", "filing__batch"]
    search_fields = ["school__name"]


@admin.register(FilingEvent)
class FilingEventAdmin(ReadOnlyAdmin):
    list_display = ["at", "filing", "user", "kind", "subject"]
    list_filter = ["kind"]
    list_select_related = ["filing__unit", "filing__batch", "user"]


@admin.register(StampedScan)
class StampedScanAdmin(ReadOnlyAdmin):
    list_display = ["filing", "original_name", "filing_revision", "uploaded_at", "size"]
    list_select_related = ["filing__unit", "filing__batch"]
