"""An Attachment 2 import as the API gives it: what the page's preview shows (the figures,
the header read, the notes on how the file was read, every problem at its line), a page of
rows at a time, and what a confirmation wrote."""

from rest_framework import serializers

from ..models import Filing, School
from ..spreadsheet.import_result import Issue
from ..spreadsheet.preview import COLUMNS, Preview, PreviewLine

FILE_PROBLEM = "import"  # the code of a problem the reading names no rule for


class ImportUploadSerializer(serializers.Serializer):
    file = serializers.FileField(
        required=False, help_text="附件2 Excel 工作簿（.xlsx），不超过 10 MB；上传预览时必填"
    )
    token = serializers.CharField(
        required=False, help_text="确认导入（?confirm=1）时回传预览得到的 token"
    )


class ImportConfirmSerializer(serializers.Serializer):
    token = serializers.CharField(help_text="预览得到的 token")


class ImportProblemSerializer(serializers.Serializer):
    code = serializers.CharField(help_text="问题代码")
    severity = serializers.ChoiceField(choices=["error", "warning"])
    field = serializers.CharField(allow_blank=True, help_text="所涉字段，空为整行或整表")
    message = serializers.CharField(help_text="中文说明，与预览页相同")
    line = serializers.IntegerField(allow_null=True, help_text="文件中的行号；整表问题为 null")
    column = serializers.CharField(allow_blank=True, help_text="文件中的列（字母或说明）")
    blocking = serializers.BooleanField(help_text="是否阻止导入")


class ImportColumnSerializer(serializers.Serializer):
    key = serializers.CharField()
    heading = serializers.CharField(help_text="附件2 的列标题")
    letters = serializers.CharField(allow_blank=True, help_text="文件中读作此列的列字母")


class ImportLineSerializer(serializers.Serializer):
    line = serializers.IntegerField(help_text="文件中的行号")
    cells = serializers.DictField(child=serializers.CharField(allow_blank=True))
    blocking = serializers.BooleanField(help_text="此行有阻止导入的问题")
    needs_evidence = serializers.BooleanField(help_text="导入后须在平台补充佐证材料")
    problems = ImportProblemSerializer(many=True)


class ReplacedSerializer(serializers.Serializer):
    rows = serializers.IntegerField(help_text="导入将替换的现有试点行数")
    schools = serializers.IntegerField(help_text="导入将替换的现有院校数")
    version = serializers.IntegerField(help_text="预览时汇总表的版本")


class ImportReadingSerializer(serializers.Serializer):
    token = serializers.CharField(help_text="以此 token 查询预览（GET ?token=）或确认导入")
    state = serializers.CharField(help_text="queued 排队中、reading 读取中")
    lines = serializers.IntegerField(help_text="已读取的行数")
    detail = serializers.CharField()


class ImportPreviewSerializer(serializers.Serializer):
    token = serializers.CharField(help_text="确认导入时回传（?confirm=1）")
    file_name = serializers.CharField()
    sheet = serializers.CharField(help_text="读取的工作表")
    header = serializers.DictField(child=serializers.CharField(allow_blank=True))
    notes = serializers.ListField(child=serializers.CharField(), help_text="文件的读取方式说明")
    columns = ImportColumnSerializer(many=True)
    row_count = serializers.IntegerField()
    school_count = serializers.IntegerField()
    student_count = serializers.IntegerField()
    evidence_rows = serializers.IntegerField(help_text="带佐证材料的行数")
    rows_needing_evidence = serializers.IntegerField()
    importable = serializers.BooleanField(help_text="能否导入（没有阻止导入的问题）")
    problem_count = serializers.IntegerField()
    problems = ImportProblemSerializer(many=True, help_text="问题清单（最多前 200 条）")
    problems_left_out = serializers.IntegerField()
    replaces = ReplacedSerializer()
    page = serializers.IntegerField()
    pages = serializers.IntegerField()
    rows = ImportLineSerializer(many=True, help_text="本页读取的行（每页 200 行）")


class ImportDoneSerializer(serializers.Serializer):
    detail = serializers.CharField()
    rows = serializers.IntegerField(help_text="导入的试点行数")
    schools = serializers.IntegerField(help_text="导入的院校数")
    version = serializers.IntegerField(help_text="导入后汇总表的版本")


def issue_payload(issue: Issue) -> dict:
    return {
        "code": issue.code or FILE_PROBLEM,
        "severity": "warning" if issue.warning else "error",
        "field": issue.field,
        "message": issue.message,
        "line": issue.line,
        "column": issue.column,
        "blocking": issue.blocking,
    }


def line_payload(line: PreviewLine) -> dict:
    return {
        "line": line.line,
        "cells": {c.key: cell.value for c, cell in zip(COLUMNS, line.cells, strict=True)},
        "blocking": line.blocking,
        "needs_evidence": line.needs_evidence,
        "problems": [issue_payload(i) for i in line.shown_issues],
    }


def preview_payload(
    preview: Preview, *, filing: Filing, token: str, file_name: str, revision: int
) -> dict:
    """The preview's figures; the rows are the caller's page of them."""
    return {
        "token": token,
        "file_name": file_name,
        "sheet": preview.sheet,
        "header": preview.header,
        "notes": preview.notes,
        "columns": [
            {"key": c.key, "heading": heading, "letters": letters}
            for c, (heading, letters) in zip(COLUMNS, preview.columns, strict=True)
        ],
        "row_count": preview.row_count,
        "school_count": preview.school_count,
        "student_count": preview.student_count,
        "evidence_rows": preview.evidence_rows,
        "rows_needing_evidence": preview.rows_needing_evidence,
        "importable": not preview.blocking,
        "problem_count": preview.issue_count,
        "problems": [issue_payload(i) for i in preview.listed_issues],
        "problems_left_out": preview.issues_left_out,
        "replaces": {
            "rows": filing.rows.count(),
            "schools": School.objects.filter(filing=filing).count(),
            "version": revision,
        },
    }
