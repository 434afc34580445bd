"""What the filing rules reject is reported on its row and column, never silently dropped.

Problems of the table itself block the import; evidence that Attachment 2 has no column for
comes in missing, and blocks the submission instead."""

import pytest
from django.test import Client
from django.urls import reverse

from filings.models import PilotRow
from filings.rules import check_filing
from filings.selectors import rows_for_check
from filings.services import (
    HAS_ERRORS,
    FilingError,
    filing_import,
    submission_blockers,
)
from filings.spreadsheet import importer
from filings.spreadsheet.importer import ImportResult, Issue, read_attachment2

from .. import factories as f
from . import workbooks as w

pytestmark = pytest.mark.django_db

GOOD = w.row  # a row that passes, unless told otherwise


def read_rows(batch, *rows) -> ImportResult:
    return read_attachment2(w.province_table(list(rows)).data, batch=batch, unit=None)


def issues_at(result: ImportResult, line: int) -> list[Issue]:
    return [i for i in result.all_issues if i.line == line]


def blocking_at(result: ImportResult, line: int) -> list[Issue]:
    return [i for i in issues_at(result, line) if i.blocking]


def imported_line(result: ImportResult, line: int):
    return next(r for r in result.rows if r.line == line)


# --- problems that block the import, each in its cell -----------------------------------------


def test_a_level_that_does_not_exist(batch):
    result = read_rows(
        batch,
        GOOD(),
        GOOD(school="湖北工程学院"),
        GOOD(school="湖北省工业建筑学校", certificate="网店运营推广（特级）"),
    )
    [issue] = blocking_at(result, 7)
    assert str(issue) == "第7行 D列：证书等级“特级”不存在（应为初级、中级、高级）"
    assert "第7行 D列" in str(issue)
    assert imported_line(result, 7).row is None
    assert result.blocking
    assert not blocking_at(result, 5) and not blocking_at(result, 6)


@pytest.mark.parametrize(
    ("cell", "message"),
    [
        ("Web前端开发（初级）", "证书“Web前端开发”不在第二批的10个证书之中"),
        ("网店运营（初级）", "证书“网店运营”不在第二批的10个证书之中"),
        ("网店运营推广", "未写明证书等级"),
        (None, "未填写参与试点证书及等级"),
    ],
)
def test_an_unknown_certificate_or_a_missing_level(batch, cell, message):
    result = read_rows(batch, GOOD(), GOOD(school="湖北工程学院", certificate=cell))
    [issue] = blocking_at(result, 6)
    assert str(issue).startswith("第6行 D列：")
    assert message in issue.message
    assert result.blocking


@pytest.mark.parametrize(
    ("cell", "message"),
    [
        ("技工学校", "技工学校不在本次试点范围"),
        ("技师学院", "技工学校不在本次试点范围"),
        ("普通高中", "无效，应为中职、高职、本科层次职业教育试点学校或应用型本科"),
    ],
)
def test_a_school_type_outside_the_pilot(batch, cell, message):
    result = read_rows(batch, GOOD(school="湖北工程技术学校", school_type=cell))
    [issue] = blocking_at(result, 5)
    assert str(issue).startswith("第5行 C列：")
    assert message in issue.message


def test_a_missing_school_type_on_a_school_first_row(batch):
    result = read_rows(batch, GOOD(school_type=None))
    [issue] = blocking_at(result, 5)
    assert str(issue) == "第5行 C列：未填写学校类型"


def test_a_missing_school_name(batch):
    """The first row has no school above it to be merged with."""
    result = read_rows(batch, GOOD(school=None), GOOD(school="湖北工程学院"))
    [issue] = blocking_at(result, 5)
    assert str(issue) == "第5行 B列：请填写试点院校名称。"
    assert not blocking_at(result, 6)


@pytest.mark.parametrize(
    ("key", "cell", "column", "message"),
    [
        ("students", "约120", "G", "参与试点学生规模“约120”不是整数"),
        ("students", "120.5", "G", "参与试点学生规模“120.5”不是整数"),
        ("students", 120.5, "G", "参与试点学生规模“120.5”不是整数"),
        ("students", "一百二十", "G", "参与试点学生规模“一百二十”不是整数"),
        ("students", "120-150", "G", "参与试点学生规模“120-150”不是整数"),
        ("major_count", "两个", "E", "参与试点专业数量“两个”不是整数"),
    ],
)
def test_a_number_that_is_not_an_integer(batch, key, cell, column, message):
    result = read_rows(batch, GOOD(**{key: cell}))
    [issue] = blocking_at(result, 5)
    assert str(issue) == f"第5行 {column}列：{message}"


def test_the_same_school_and_certificate_twice_marks_both_rows(batch):
    result = read_rows(
        batch,
        GOOD(certificate="网店运营推广（初级）"),
        GOOD(school="湖北工程学院"),
        GOOD(school=" 武汉职业技术学院", certificate="网店运营推广职业技能等级证书（中级）"),
    )
    first, second = blocking_at(result, 5), blocking_at(result, 7)
    assert [str(i).split("：")[0] for i in first] == ["第5行 D列"]
    assert [str(i).split("：")[0] for i in second] == ["第7行 D列"]
    assert "第7行" in first[0].message and "第5行" in second[0].message
    assert "同一院校、同一证书只能填写一行" in first[0].message
    assert not blocking_at(result, 6)


def test_one_school_with_two_types_marks_both_rows(batch):
    result = read_rows(
        batch,
        GOOD(school_type="高职"),
        GOOD(school="湖北工程学院", school_type="应用型本科"),
        GOOD(school="武汉职业技术学院", school_type="中职", certificate="智能财税（初级）"),
    )
    first, second = blocking_at(result, 5), blocking_at(result, 7)
    assert [i.column for i in first] == ["C"] and [i.column for i in second] == ["C"]
    assert "“高职”" in first[0].message and "“中职”" in first[0].message
    assert "同一院校只能有一种类型" in second[0].message


def test_every_rejected_row_is_reported_and_none_is_dropped(batch):
    result = read_rows(
        batch,
        GOOD(),
        GOOD(school="湖北工程学院", certificate="Web前端开发（初级）"),
        GOOD(school="湖北省工业建筑学校", school_type="技工学校"),
        GOOD(school="鄂州职业大学", students="若干"),
        GOOD(school="湖北城市建设职业技术学院", certificate="智能财税（特级）"),
        GOOD(school="武汉铁路职业技术学院"),
    )
    assert [r.line for r in result.rows] == [5, 6, 7, 8, 9, 10]
    assert [bool(blocking_at(result, line)) for line in range(5, 11)] == [
        False,
        True,
        True,
        True,
        True,
        False,
    ]
    assert [i.column for i in result.all_issues if i.blocking] == ["D", "C", "G", "D"]
    assert all(str(i).startswith(f"第{i.line}行 ") for i in result.all_issues)


def test_a_blocked_file_writes_nothing(batch, filing):
    f.make_row(filing)
    result = read_rows(
        batch, GOOD(), GOOD(school="湖北工程学院", certificate="网店运营推广（特级）")
    )
    with pytest.raises(FilingError) as refused:
        filing_import(filing=filing, user=None, result=result, filename="附件2.xlsx")
    assert refused.value.message == "文件中还有 1 个必须修改的问题，未导入任何内容。"
    assert PilotRow.objects.filter(filing=filing).count() == 1


# --- problems that come in with the rows -------------------------------------------------------


def test_a_major_count_that_differs_from_the_majors_listed_blocks_as_in_the_form(batch, filing):
    # The row's edit form refuses this count: the import refuses it on its cell (issue #11).
    result = read_rows(batch, GOOD(major_count=3, majors="电子商务、市场营销"))
    [issue] = [i for i in issues_at(result, 5) if i.column == "E"]
    assert str(issue) == "第5行 E列：参与试点专业数量填写为 3，但列出了 2 个专业。"
    assert issue.blocking and not issue.warning and not issue.missing_evidence
    assert result.blocking

    with pytest.raises(FilingError):
        filing_import(filing=filing, user=None, result=result, filename="附件2.xlsx")
    assert not PilotRow.objects.filter(filing=filing).exists()


def test_missing_evidence_is_imported_as_a_draft_that_cannot_be_submitted(batch, filing):
    result = read_rows(batch, GOOD(), GOOD(school="湖北工程学院", school_type="应用型本科"))
    assert not result.blocking
    for line in (5, 6):
        missing = [i for i in issues_at(result, line) if i.missing_evidence]
        assert missing and all(not i.blocking and not i.warning for i in missing)
        assert {i.column for i in missing} >= {"F", importer.EVIDENCE_NOT_IN_TABLE}
        assert any("招生情况" in i.message for i in missing)
        assert any("培训团队" in i.message for i in missing)

    assert filing_import(filing=filing, user=None, result=result, filename="附件2.xlsx") == (2, 2)
    filing.refresh_from_db()
    check = check_filing(filing, rows_for_check(filing))
    rows = rows_for_check(filing)
    assert len(rows) == 2
    for row in rows:
        assert any(p.missing_evidence for p in check.row_problems[row.pk])
        assert all(m["years"] is None for m in row.majors)
        assert row.team_size is None
    assert check.missing_evidence_count >= 2
    blockers = submission_blockers(filing, check, acknowledged=True)
    assert HAS_ERRORS.format(n=check.error_count) in blockers


def test_the_rows_page_shows_imported_rows_as_missing_evidence(batch, filing, media_root):
    result = read_rows(batch, GOOD(), GOOD(school="湖北工程学院", school_type="应用型本科"))
    filing_import(filing=filing, user=None, result=result, filename="附件2.xlsx")
    client = Client()
    client.force_login(f.make_staff(filing.unit))
    response = client.get(reverse("filings:rows", args=["420000"]), {"problems": "evidence"})
    assert response.status_code == 200
    assert response.context["shown_count"] == 2
    assert response.content.decode().count("缺佐证") >= 2


# --- values the database cannot hold ----------------------------------------------------------


def test_a_negative_major_count_is_refused_on_its_row_not_by_the_database(batch, filing):
    result = read_rows(batch, GOOD(major_count=-1, majors="会计"))
    if not result.blocking:
        filing_import(filing=filing, user=None, result=result, filename="附件2.xlsx")
    assert [i.column for i in blocking_at(result, 5)] == ["E"]


def test_a_student_number_beyond_what_the_database_holds_is_reported(batch):
    result = read_rows(batch, GOOD(students=12_345_678_901))
    assert [i.column for i in blocking_at(result, 5)] == ["G"]


def test_a_school_name_longer_than_the_database_holds_is_reported(batch):
    result = read_rows(batch, GOOD(school="湖北" + "职业" * 59 + "技术学院"))
    assert [i.column for i in blocking_at(result, 5)] == ["B"]
