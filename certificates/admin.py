from django.contrib import admin

from .admin_batch_upload import batch_upload_urls
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
    # A button to 从附件1载入批次 (admin_batch_upload), for those who may add a batch.
    change_list_template = "admin/certificates/batch/change_list.html"

    def get_urls(self):
        # Before the model's own, whose `<object_id>/` would take `load/`.
        return batch_upload_urls(self) + super().get_urls()


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
