from django.contrib import admin

from .models import (
    Batch,
    Certificate,
    EvaluationOrganization,
    NoticeContact,
    OrganizationContact,
)


class NoticeContactInline(admin.TabularInline):
    model = NoticeContact
    extra = 0


@admin.register(Batch)
class BatchAdmin(admin.ModelAdmin):
    list_display = ["number", "name", "notice_number", "issued_on", "filing_deadline"]
    inlines = [NoticeContactInline]


class OrganizationContactInline(admin.TabularInline):
    model = OrganizationContact
    extra = 0


@admin.register(EvaluationOrganization)
class EvaluationOrganizationAdmin(admin.ModelAdmin):
    list_display = ["name", "office_phones", "fax", "emails", "postcode"]
    search_fields = ["name", "contacts__name", "emails", "office_phones"]
    inlines = [OrganizationContactInline]


@admin.register(OrganizationContact)
class OrganizationContactAdmin(admin.ModelAdmin):
    list_display = ["name", "mobile", "organization", "position"]
    list_select_related = ["organization"]
    search_fields = ["name", "mobile", "organization__name"]


@admin.register(Certificate)
class CertificateAdmin(admin.ModelAdmin):
    list_display = ["position", "name", "attachment1_name", "organization", "batch"]
    list_display_links = ["name"]
    list_filter = ["batch"]
    list_select_related = ["organization", "batch"]
    search_fields = ["name", "organization__name"]


@admin.register(NoticeContact)
class NoticeContactAdmin(admin.ModelAdmin):
    list_display = ["office", "topic", "people", "phones", "email", "batch"]
    list_select_related = ["batch"]
