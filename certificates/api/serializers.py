"""The directory's data as the API gives it: each batch, its certificates, their
organizations and contacts, as Attachment 1 lists them."""

from rest_framework import serializers

from ..batch_words import enrolment_years
from ..models import Batch, Certificate, EvaluationOrganization, OrganizationContact


class BatchSerializer(serializers.ModelSerializer):
    is_open = serializers.BooleanField(read_only=True, help_text="正在报送（编号最大的批次）")
    certificate_count = serializers.IntegerField(read_only=True, help_text="证书数量")
    enrolment_years = serializers.SerializerMethodField(help_text="条件1的三个招生年份")

    class Meta:
        model = Batch
        fields = [
            "number",
            "name",
            "ordinal",
            "notice_number",
            "notice_title",
            "issuer",
            "issued_on",
            "filing_deadline",
            "attachment2_title",
            "is_open",
            "certificate_count",
            "enrolment_years",
        ]

    def get_enrolment_years(self, batch: Batch) -> list[int]:
        return enrolment_years(batch.issued_on)


class ContactSerializer(serializers.ModelSerializer):
    class Meta:
        model = OrganizationContact
        fields = ["name", "mobile"]


class OrganizationSerializer(serializers.ModelSerializer):
    contacts = ContactSerializer(many=True, read_only=True)
    office_phones = serializers.ListField(
        source="office_phone_list", child=serializers.CharField(), read_only=True
    )
    emails = serializers.ListField(
        source="email_list", child=serializers.CharField(), read_only=True
    )

    class Meta:
        model = EvaluationOrganization
        fields = ["name", "contacts", "office_phones", "fax", "emails", "address", "postcode"]


class CertificateSerializer(serializers.ModelSerializer):
    levels = serializers.ListField(
        source="level_list",
        child=serializers.CharField(),
        read_only=True,
        help_text="junior 初级、intermediate 中级、senior 高级",
    )
    organization = OrganizationSerializer(read_only=True)

    class Meta:
        model = Certificate
        fields = ["id", "position", "name", "full_name", "levels", "organization"]
