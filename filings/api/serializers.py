"""A filing as the API gives it: header, state, version, the five figures of 总体情况, and
every problem the checks find, in the pages' words."""

from rest_framework import serializers

from ..models import FilingState
from ..rules import SUMMARY_FIGURES, summary_lines


class ProblemSerializer(serializers.Serializer):
    code = serializers.CharField(help_text="问题代码（程序据此判断，不随措辞改变）")
    severity = serializers.ChoiceField(
        choices=["error", "warning"], help_text="error 错误（阻止提交）、warning 提醒"
    )
    field = serializers.CharField(allow_blank=True, help_text="所涉字段，空为整行或整表")
    message = serializers.CharField(help_text="中文说明，与网页相同")
    row = serializers.IntegerField(allow_null=True, help_text="所涉试点行的 id；整表问题为 null")
    missing_evidence = serializers.BooleanField(help_text="是否为提交前须补齐的佐证")


class HeaderSerializer(serializers.Serializer):
    contact_name = serializers.CharField(allow_blank=True, help_text="联系人")
    contact_phone = serializers.CharField(allow_blank=True, help_text="电话")
    contact_email = serializers.CharField(allow_blank=True, help_text="邮箱")


class SummarySerializer(serializers.Serializer):
    """总体情况: the notice heads each figure with the batch (第二批试点学生总规模)."""

    students = serializers.IntegerField(help_text="试点学生总规模")
    secondary_schools = serializers.IntegerField(help_text="试点院校数量(中职)")
    higher_schools = serializers.IntegerField(help_text="试点院校数量(高职)")
    undergraduate_schools = serializers.IntegerField(help_text="试点院校数量(本科)")
    schools = serializers.IntegerField(help_text="试点院校总规模")
    labels = serializers.DictField(
        child=serializers.CharField(), help_text="各数字在汇总表中的标题，如 第二批试点学生总规模"
    )


class UnitSerializer(serializers.Serializer):
    code = serializers.CharField(help_text="单位代码")
    name = serializers.CharField(help_text="报送单位")


class FilingSerializer(serializers.Serializer):
    unit = UnitSerializer()
    batch = serializers.IntegerField(help_text="批次编号")
    state = serializers.ChoiceField(choices=FilingState.choices, help_text="状态")
    state_display = serializers.CharField(help_text="状态的中文名称")
    version = serializers.IntegerField(
        help_text="表格版本：每次修改表头或试点行加一；修改表头时须回传"
    )
    editable = serializers.BooleanField(help_text="当前用户此刻能否修改")
    deadline = serializers.DateTimeField(help_text="适用的截止时间（含延期）")
    submitted_at = serializers.DateTimeField(allow_null=True)
    return_reason = serializers.CharField(allow_blank=True, help_text="退回原因")
    header = HeaderSerializer()
    summary = SummarySerializer()
    error_count = serializers.IntegerField()
    warning_count = serializers.IntegerField()
    problems = ProblemSerializer(many=True)


def problem_payload(problem, row: int | None = None) -> dict:
    return {
        "code": problem.code,
        "severity": str(problem.severity),
        "field": problem.field,
        "message": problem.message,
        "row": row,
        "missing_evidence": problem.missing_evidence,
    }


def problems_payload(check) -> list[dict]:
    """The filing's problems, then each row's, in the order of the rows."""
    found = [problem_payload(p) for p in check.filing_problems]
    for row, problems in check.row_problems.items():
        found.extend(problem_payload(p, row) for p in problems)
    return found


def filing_payload(state, *, editable: bool) -> dict:
    """What FilingSerializer gives, from the pages' own `filing_state`."""
    filing, summary = state.filing, state.summary
    return {
        "unit": {"code": filing.unit.code, "name": filing.unit.name},
        "batch": filing.batch.number,
        "state": filing.state,
        "state_display": filing.get_state_display(),
        "version": filing.revision,
        "editable": editable,
        "deadline": filing.deadline,
        "submitted_at": filing.submitted_at,
        "return_reason": filing.return_reason,
        "header": {
            "contact_name": filing.contact_name,
            "contact_phone": filing.contact_phone,
            "contact_email": filing.contact_email,
        },
        "summary": {
            **{name: getattr(summary, name) for _, name in SUMMARY_FIGURES},
            "labels": {name: label for label, name in summary_lines(filing.batch)},
        },
        "error_count": state.check.error_count,
        "warning_count": state.check.warning_count,
        "problems": problems_payload(state.check),
    }
