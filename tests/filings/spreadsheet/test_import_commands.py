"""python manage.py import_attachment2 / export_attachment2."""

import re
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from certificates import upload_guard as guard
from filings.models import EventKind, FilingEvent, FilingState, PilotRow, School, SchoolType
from filings.services import NOT_EDITABLE
from filings.spreadsheet.export import build_attachment2
from filings.spreadsheet.importer import read_attachment2

from .. import factories as f
from . import workbooks as w

pytestmark = pytest.mark.django_db


def run(command: str, *args, **options) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command(command, *args, stdout=out, stderr=err, **options)
    return out.getvalue(), err.getvalue()


def import_file(path, **options) -> tuple[str, str]:
    return run("import_attachment2", str(path), unit="420000", **options)


@pytest.fixture
def exported(filing, tmp_path):
    """A clean export of a filing of three rows and two schools, the filing then emptied."""
    school = f.make_school(filing, "武汉职业技术学院")
    f.make_row(filing, school, f.certificate(1))
    f.make_row(filing, school, f.certificate(2), student_count=60)
    other = f.make_school(filing, "湖北工程学院", SchoolType.APPLIED_UNDERGRAD)
    f.make_row(filing, other, f.certificate(9))
    path = tmp_path / "湖北省-附件2.xlsx"
    path.write_bytes(build_attachment2(filing))
    School.objects.filter(filing=filing).delete()
    return path


def imported_events(filing):
    return FilingEvent.objects.filter(filing=filing, kind=EventKind.IMPORTED)


def test_a_clean_export_is_imported(filing, exported):
    out, err = import_file(exported)

    assert "已导入湖北省：3 行、2 所院校。" in out
    assert "错误" not in out and err == ""
    assert PilotRow.objects.filter(filing=filing).count() == 3
    assert School.objects.filter(filing=filing).count() == 2
    event = imported_events(filing).get()
    assert event.subject == "湖北省-附件2.xlsx" and event.user is None


def test_a_dry_run_reads_and_writes_nothing(filing, exported):
    out, _ = import_file(exported, dry_run=True)

    assert "读取 3 行、2 所院校" in out and "--dry-run" in out and "未写入" in out
    assert PilotRow.objects.filter(filing=filing).count() == 0
    assert not imported_events(filing).exists()
    filing.refresh_from_db()
    assert filing.revision == 1


@pytest.fixture
def file_with_errors(tmp_path):
    path = tmp_path / "有错误的附件2.xlsx"
    rows = [
        w.row(),
        w.row(school="湖北工程学院", certificate="Web前端开发（初级）"),
        w.row(school="湖北省工业建筑学校", certificate="网店运营推广（特级）"),
        w.row(school="鄂州职业大学", school_type="技工学校", students="若干"),
    ]
    path.write_bytes(w.province_table(rows).data)
    return path


def test_a_file_with_errors_prints_each_with_its_place_and_exits_1(filing, file_with_errors):
    f.make_row(filing)
    out, err = StringIO(), StringIO()
    with pytest.raises(SystemExit) as exit_:
        call_command(
            "import_attachment2", str(file_with_errors), unit="420000", stdout=out, stderr=err
        )

    assert exit_.value.code == 1
    errors = [line for line in out.getvalue().splitlines() if line.startswith("错误 ")]
    assert errors == [
        "错误 第6行 D列：证书“Web前端开发”不在第二批的10个证书之中",
        "错误 第7行 D列：证书等级“特级”不存在（应为初级、中级、高级）",
        "错误 第8行 C列：学校类型“技工学校”：技工学校不在本次试点范围（通知第二部分）",
        "错误 第8行 G列：参与试点学生规模“若干”不是整数",
    ]
    assert all(re.match(r"错误 第\d+行 [A-H]列：", line) for line in errors)
    assert "发现 4 个错误，未导入。" in err.getvalue()
    # Nothing written: the row typed before is still the only one.
    assert PilotRow.objects.filter(filing=filing).count() == 1
    assert not imported_events(filing).exists()


def test_a_dry_run_of_a_file_with_errors_also_exits_1(filing, file_with_errors):
    with pytest.raises(SystemExit) as exit_:
        import_file(file_with_errors, dry_run=True)
    assert exit_.value.code == 1


def test_a_major_count_that_does_not_match_is_an_error_for_the_command(filing, tmp_path):
    path = tmp_path / "a.xlsx"
    path.write_bytes(w.province_table([w.row(major_count=3)]).data)
    out = StringIO()
    with pytest.raises(SystemExit) as exit_:
        call_command("import_attachment2", str(path), unit="420000", stdout=out, stderr=StringIO())
    assert exit_.value.code == 1
    assert "错误 第5行 E列：参与试点专业数量填写为 3，但列出了 2 个专业。" in out.getvalue()
    assert PilotRow.objects.filter(filing=filing).count() == 0


def test_a_foreign_table_missing_only_evidence_is_imported_with_notes(filing, tmp_path):
    path = tmp_path / "湖北省报送.xlsx"
    rows = [
        w.row(),
        w.row(school=None, school_type=None, remarks=None, certificate="智能财税（初级）"),
    ]
    path.write_bytes(w.province_table(rows, merge=[("B", 0, 1), ("C", 0, 1), ("H", 0, 1)]).data)

    out, _ = import_file(path)

    lines = out.splitlines()
    assert not [line for line in lines if line.startswith("错误")]
    pending = [line for line in lines if line.startswith("待补充 ")]
    assert "待补充 第5行 F列：专业“电子商务”缺少近3年（2017—2019年）招生情况（条件1）。" in pending
    assert any(line.startswith("待补充 第6行 （附件2无此栏") for line in pending)
    assert any(line.startswith("提醒 第5行 ") for line in lines)
    assert "已导入湖北省：2 行、1 所院校。" in out
    assert PilotRow.objects.filter(filing=filing).count() == 2


def test_an_unknown_unit(batch, exported):
    with pytest.raises(CommandError, match="没有代码为“999999”的报送单位"):
        run("import_attachment2", str(exported), unit="999999")


def test_a_file_that_is_not_a_workbook(filing, tmp_path):
    path = tmp_path / "附件2.xls"
    path.write_bytes(w.old_xls_bytes())
    with pytest.raises(CommandError) as refused:
        import_file(path)
    assert str(refused.value) == guard.OLD_EXCEL


def test_a_file_that_cannot_be_read(filing, tmp_path):
    with pytest.raises(CommandError, match="无法读取"):
        import_file(tmp_path / "不存在.xlsx")


def test_a_submitted_filing_is_not_replaced(filing, exported):
    filing.state = FilingState.SUBMITTED
    filing.save()
    with pytest.raises(CommandError) as refused:
        import_file(exported)
    assert str(refused.value) == NOT_EDITABLE
    assert not imported_events(filing).exists()


def test_export_writes_a_workbook_that_reads_back_to_the_same_rows(filing, batch, tmp_path):
    school = f.make_school(filing, "武汉职业技术学院", remarks="国家级资源库牵头单位")
    f.make_row(filing, school, f.certificate(1), student_count=120)
    f.make_row(filing, school, f.certificate(9), levels=["senior"], student_count=30)
    secondary = f.make_school(
        filing, "湖北省工业建筑学校", SchoolType.SECONDARY, statuses=[], remarks="省级重点中职"
    )
    f.make_row(
        filing,
        secondary,
        f.certificate(5),
        majors=[{"name": "焊接技术应用", "years": [2017, 2018, 2019]}],
        major_count=1,
    )
    path = tmp_path / "export.xlsx"

    out, _ = run("export_attachment2", unit="420000", output=str(path))

    assert "3 行" in out and str(path) in out
    result = read_attachment2(path.read_bytes(), batch=batch, unit=None)
    assert not result.all_issues, [str(i) for i in result.all_issues]
    read_back = sorted(
        (
            r.school.name,
            r.school.school_type,
            r.row.certificate.name,
            [str(level) for level in r.row.levels],
            r.row.majors,
            r.row.major_count,
            r.row.student_count,
        )
        for r in result.rows
    )
    stored = sorted(
        (
            row.school.name,
            row.school.school_type,
            row.certificate.name,
            [str(level) for level in row.levels],
            row.majors,
            row.major_count,
            row.student_count,
        )
        for row in PilotRow.objects.filter(filing=filing).select_related("school", "certificate")
    )
    assert read_back == stored
    assert result.header["contact_name"] == "张敏" and result.header["unit"] == "湖北省"


def test_export_to_a_place_that_cannot_be_written(filing, tmp_path):
    with pytest.raises(CommandError, match="无法写入"):
        run("export_attachment2", unit="420000", output=str(tmp_path / "没有" / "a.xlsx"))


def test_the_command_says_how_it_read_the_table(filing, tmp_path):
    path = tmp_path / "有合计行.xlsx"
    lines = [w.HEADER, w.row(index=1), ["合计", None, None, None, 2, None, 120]]
    path.write_bytes(w.workbook_bytes(lines))
    out, _ = import_file(path, dry_run=True)
    assert "说明 第3行是合计行，未作为试点院校读取。" in out
    assert "读取 1 行、1 所院校" in out
