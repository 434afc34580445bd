"""The national figures as the API gives them: filings/national.py's own, for reviewers."""

from rest_framework import serializers

from certificates.models import Level

from ..models import FilingState, SchoolType
from ..national import TYPE_GROUPS
from ..rules import Concentration
from ..summary import Summary
from .serializers import SummarySerializer, UnitSerializer

LEVELS = [level.value for level in Level]


def _counts(keys: list[str], help_text: str) -> serializers.DictField:
    return serializers.DictField(
        child=serializers.IntegerField(), help_text=f"{help_text}（键：{'、'.join(keys)}）"
    )


class NationalSummarySerializer(SummarySerializer):
    # A filing's five figures summed over the units (a school filed by two counts for both),
    # and the rows. (A comment, not a docstring: the schema would show it to clients.)
    labels = None
    rows = serializers.IntegerField(help_text="试点行数")


class ConcentrationSerializer(serializers.Serializer):
    total = serializers.IntegerField(help_text="试点行数")
    top_certificate = serializers.IntegerField(allow_null=True, help_text="行数最多的证书 id")
    top_rows = serializers.IntegerField()
    top_share = serializers.FloatField(help_text="最多证书所占比例（0–1）")
    hhi = serializers.FloatField(help_text="集中度指数（HHI，0–1）")
    concentrated = serializers.BooleanField(help_text="按本批次的阈值是否过于集中")


class CertificateTotalSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    organization = serializers.CharField(help_text="培训评价组织")
    rows = serializers.IntegerField()
    schools = serializers.IntegerField()
    students = serializers.IntegerField()
    share = serializers.FloatField(help_text="占全国试点行的比例（0–1）")
    rows_by_level = _counts(LEVELS, "各等级的试点行数")
    students_by_level = _counts(LEVELS, "各等级的学生数")
    schools_by_type = _counts(list(TYPE_GROUPS), "各类型的院校数")


class UnitFiguresSerializer(serializers.Serializer):
    unit = UnitSerializer()
    included = serializers.BooleanField(help_text="该单位的汇总表是否计入")
    state = serializers.ChoiceField(
        choices=FilingState.choices, allow_null=True, help_text="计入的汇总表的状态"
    )
    summary = NationalSummarySerializer()
    concentration = ConcentrationSerializer()


class MatrixLineSerializer(serializers.Serializer):
    unit = serializers.CharField(help_text="单位代码")
    cells = serializers.ListField(
        child=serializers.IntegerField(), help_text="按 certificates 的顺序"
    )
    total = serializers.IntegerField()


class MatrixSerializer(serializers.Serializer):
    lines = MatrixLineSerializer(many=True)
    column_totals = serializers.ListField(child=serializers.IntegerField())
    grand_total = serializers.IntegerField()


class MatricesSerializer(serializers.Serializer):
    certificates = serializers.ListField(
        child=serializers.IntegerField(), help_text="矩阵各列的证书 id"
    )
    rows = MatrixSerializer(help_text="单位 × 证书的试点行数")
    students = MatrixSerializer(help_text="单位 × 证书的学生数")


class ConflictUnitSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    school_name = serializers.CharField(help_text="该单位填写的校名")


class ConflictSerializer(serializers.Serializer):
    school = serializers.CharField()
    by = serializers.CharField(help_text="按 学校标识码 或 校名 认定")
    key = serializers.CharField()
    units = ConflictUnitSerializer(many=True)


class NationalSerializer(serializers.Serializer):
    batch = serializers.IntegerField()
    include_submitted = serializers.BooleanField()
    included_units = serializers.IntegerField(help_text="计入的单位数")
    summary = NationalSummarySerializer()
    certificates = CertificateTotalSerializer(many=True)
    units = UnitFiguresSerializer(many=True)
    matrix = MatricesSerializer()
    concentration = ConcentrationSerializer(help_text="全国的集中度")
    conflicts = ConflictSerializer(many=True, help_text="被两个以上单位报送的院校")


def summary_payload(summary: Summary) -> dict:
    return {name: getattr(summary, name) for name in NationalSummarySerializer().fields}


def concentration_payload(conc: Concentration) -> dict:
    return {
        "total": conc.total,
        "top_certificate": conc.top_certificate_id,
        "top_rows": conc.top_rows,
        "top_share": conc.top_share,
        "hhi": conc.hhi,
        "concentrated": conc.is_concentrated,
    }


# --- the rows ------------------------------------------------------------------------------


class NationalRowsQuerySerializer(serializers.Serializer):
    include_submitted = serializers.ChoiceField(
        choices=[("0", "不计入"), ("1", "计入")],
        required=False,
        help_text="1：已提交未确认的汇总表也计入",
    )
    unit = serializers.CharField(required=False, help_text="单位代码")
    certificate = serializers.IntegerField(required=False, help_text="证书 id")
    school_type = serializers.ChoiceField(choices=SchoolType.choices, required=False)
    state = serializers.ChoiceField(
        choices=[
            (FilingState.ACCEPTED.value, FilingState.ACCEPTED.label),
            (FilingState.SUBMITTED.value, FilingState.SUBMITTED.label),
        ],
        required=False,
        help_text="只看此状态的汇总表",
    )


class NationalRowSchoolSerializer(serializers.Serializer):
    name = serializers.CharField()
    school_type = serializers.CharField()
    school_type_display = serializers.CharField(source="get_school_type_display")
    school_code = serializers.CharField(allow_blank=True, help_text="学校标识码")
    remarks = serializers.CharField(allow_blank=True)


class RowCertificateSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()


class NationalMajorSerializer(serializers.Serializer):
    name = serializers.CharField()
    years = serializers.ListField(
        child=serializers.IntegerField(), default=list, help_text="招生年份"
    )


class NationalTeamSerializer(serializers.Serializer):
    team_size = serializers.IntegerField(allow_null=True, help_text="培训团队人数")
    dual_qualified_count = serializers.IntegerField(allow_null=True, help_text="“双师型”教师")
    industry_expert_count = serializers.IntegerField(allow_null=True, help_text="行业企业专家")
    innovation_team = serializers.BooleanField(help_text="国家级教师教学创新团队所在专业")


class NationalAttestationsSerializer(serializers.Serializer):
    training_experience = serializers.BooleanField(allow_null=True)
    training_experience_note = serializers.CharField(allow_blank=True)
    teaching_resources = serializers.BooleanField(allow_null=True)
    teaching_resources_note = serializers.CharField(allow_blank=True)
    facilities = serializers.CharField(allow_blank=True)
    facilities_note = serializers.CharField(allow_blank=True)
    management = serializers.BooleanField(allow_null=True)
    management_note = serializers.CharField(allow_blank=True)


class NationalRowSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    unit = UnitSerializer(source="filing.unit")
    state = serializers.ChoiceField(
        source="filing.state", choices=FilingState.choices, help_text="汇总表状态"
    )
    school = NationalRowSchoolSerializer()
    certificate = RowCertificateSerializer()
    levels = serializers.ListField(child=serializers.ChoiceField(choices=Level.choices))
    major_count = serializers.IntegerField(allow_null=True)
    majors = NationalMajorSerializer(many=True)
    student_count = serializers.IntegerField(allow_null=True)
    team = NationalTeamSerializer(source="*")
    attestations = NationalAttestationsSerializer(source="*")
