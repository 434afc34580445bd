"""A row as the API gives and takes it: its school, certificate, levels, majors with their
enrolment years, students, training team and the conditions the province attests.

What is sent is judged by the pages' forms (row_input.py); these serializers document the
shape, and `row_payload` writes it."""

from rest_framework import serializers

from certificates.models import Level

from ..models import Facilities, PilotRow, SchoolStatus, SchoolType
from .serializers import ProblemSerializer, problem_payload


class RowSchoolSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    name = serializers.CharField(
        help_text="试点院校名称。新增试点行时，本表已有同名院校则加入该校（该校的类型须相同，"
        "其他信息不变），否则新建院校",
    )
    school_type = serializers.ChoiceField(choices=SchoolType.choices, help_text="学校类型")
    school_code = serializers.CharField(
        required=False, allow_blank=True, help_text="教育部10位学校标识码，可不填"
    )
    statuses = serializers.ListField(
        child=serializers.ChoiceField(choices=SchoolStatus.choices),
        required=False,
        help_text="示范类别",
    )
    remarks = serializers.CharField(required=False, allow_blank=True, help_text="学校情况备注")
    version = serializers.IntegerField(
        required=False,
        help_text="院校的版本：修改试点行时若同时改动院校信息（名称、类型、备注等），须回传",
    )


class MajorSerializer(serializers.Serializer):
    name = serializers.CharField(help_text="专业名称")
    years = serializers.ListField(
        child=serializers.IntegerField(),
        allow_null=True,
        help_text="近3年中招生的年份（见批次的 enrolment_years）；null 为尚未填写",
    )


class TeamSerializer(serializers.Serializer):
    team_size = serializers.IntegerField(allow_null=True, required=False, help_text="培训团队人数")
    dual_qualified_count = serializers.IntegerField(
        allow_null=True, required=False, help_text="其中“双师型”教师"
    )
    industry_expert_count = serializers.IntegerField(
        allow_null=True, required=False, help_text="其中行业企业专家"
    )


class AttestationsSerializer(serializers.Serializer):
    training_experience = serializers.BooleanField(
        allow_null=True, required=False, help_text="具备相关领域职业培训经验；null 为尚未确认"
    )
    training_experience_note = serializers.CharField(required=False, allow_blank=True)
    teaching_resources = serializers.BooleanField(
        allow_null=True, required=False, help_text="人才培养方案、教学标准落实和教学资源完备"
    )
    teaching_resources_note = serializers.CharField(required=False, allow_blank=True)
    facilities = serializers.ChoiceField(
        choices=[("", "尚未确认"), *Facilities.choices], required=False, help_text="实训设施"
    )
    facilities_note = serializers.CharField(required=False, allow_blank=True)
    management = serializers.BooleanField(
        allow_null=True, required=False, help_text="制度体系健全、教学管理规范"
    )
    management_note = serializers.CharField(required=False, allow_blank=True)
    innovation_team = serializers.BooleanField(
        required=False, help_text="国家级职业教育教师教学创新团队所在专业"
    )


class RowWriteSerializer(serializers.Serializer):
    # What a client sends. Counts may be numbers or text in any digits (全角 ４０ too).
    # (A comment, not a docstring: the schema shows docstrings to clients, in Chinese only.)

    version = serializers.IntegerField(
        required=False, help_text="试点行的版本：修改、删除时必填；新增时不填"
    )
    school = RowSchoolSerializer()
    certificate = serializers.IntegerField(required=False, help_text="证书 id（本批次的证书）")
    certificate_position = serializers.IntegerField(
        required=False, help_text="或：证书在本批次中的序号（不填 certificate 时）"
    )
    levels = serializers.ListField(child=serializers.ChoiceField(choices=Level.choices))
    majors = MajorSerializer(many=True, required=False)
    major_count = serializers.IntegerField(
        allow_null=True, required=False, help_text="不填则按所列专业计算"
    )
    student_count = serializers.IntegerField(allow_null=True, help_text="参与试点学生规模")
    team = TeamSerializer(required=False)
    attestations = AttestationsSerializer(required=False)


class RowSerializer(RowWriteSerializer):
    # A row as saved, with what the checks find in it now.

    id = serializers.IntegerField()
    version = serializers.IntegerField(help_text="试点行的版本：修改、删除时回传")
    certificate = serializers.IntegerField(help_text="证书 id")
    certificate_position = serializers.IntegerField(help_text="证书在本批次中的序号")
    certificate_name = serializers.CharField(help_text="证书名称")
    problems = ProblemSerializer(many=True)


class RowPageSerializer(serializers.Serializer):
    count = serializers.IntegerField(help_text="符合筛选条件的试点行数")
    next = serializers.URLField(allow_null=True, help_text="下一页")
    previous = serializers.URLField(allow_null=True, help_text="上一页")
    results = RowSerializer(many=True)


class RowErrorSerializer(serializers.Serializer):
    detail = serializers.CharField(help_text="中文说明")
    code = serializers.CharField(
        required=False,
        help_text="invalid（见 problems）、version_required、edit_conflict、not_editable、"
        "batch_closed 等；403、404 只有 detail",
    )
    field = serializers.CharField(required=False, help_text="所涉字段")
    problems = ProblemSerializer(many=True, required=False)


class RowDeleteSerializer(serializers.Serializer):
    version = serializers.IntegerField(help_text="试点行的版本（也可用查询参数 ?version=）")


class HeaderWriteSerializer(serializers.Serializer):
    CONTACT = ["contact_name", "contact_phone", "contact_email"]

    version = serializers.IntegerField(help_text="汇总表的版本（GET 汇总表所得）")
    contact_name = serializers.CharField(required=False, allow_blank=True, help_text="联系人")
    contact_phone = serializers.CharField(required=False, allow_blank=True, help_text="电话")
    contact_email = serializers.CharField(required=False, allow_blank=True, help_text="邮箱")


def row_payload(row: PilotRow, problems=()) -> dict:
    """What RowSerializer gives; its writable part is what a PUT takes back."""
    school = row.school
    return {
        "id": row.pk,
        "version": row.version,
        "school": {
            "id": school.pk,
            "name": school.name,
            "school_type": school.school_type,
            "school_code": school.school_code,
            "statuses": [status.value for status in school.status_list],
            "remarks": school.remarks,
            "version": school.version,
        },
        "certificate": row.certificate_id,
        "certificate_position": row.certificate.position,
        "certificate_name": row.certificate.name,
        "levels": [level.value for level in row.levels],
        "majors": [{"name": m.get("name", ""), "years": m.get("years")} for m in row.majors],
        "major_count": row.major_count,
        "student_count": row.student_count,
        "team": {name: getattr(row, name) for name in TeamSerializer._declared_fields},
        "attestations": {
            name: getattr(row, name) for name in AttestationsSerializer._declared_fields
        },
        "problems": [problem_payload(p, row.pk) for p in problems],
    }
