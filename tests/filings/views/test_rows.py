"""The rows page: Attachment 2's columns, marks, filters, sorting, search, the distribution."""

from itertools import groupby

import pytest

from filings.models import Filing, SchoolStatus, SchoolType

from .. import factories as f
from .helpers import fill, page, queries_of, shown_row_ids, url

pytestmark = pytest.mark.django_db


@pytest.fixture
def rows(filing):
    """Five rows of four schools, each with a different kind of problem or none."""
    ship = f.make_school(filing, "武汉船舶职业技术学院", SchoolType.HIGHER)
    nursing = f.make_school(
        filing, "恩施州卫生学校", SchoolType.SECONDARY, statuses=[], remarks="国家级示范校"
    )
    applied = f.make_school(filing, "湖北工程学院", SchoolType.APPLIED_UNDERGRAD)
    xiantao = f.make_school(filing, "仙桃职业学院", SchoolType.HIGHER)
    return {
        "fine": f.make_row(filing, ship, f.certificate(1), student_count=40),
        "error": f.make_row(filing, ship, f.certificate(2), dual_qualified_count=2),
        "warning": f.make_row(
            filing,
            nursing,
            f.certificate(7),
            facilities="",
            student_count=90,
            majors=[{"name": "护理", "years": [2017, 2018, 2019]}],
            major_count=1,
        ),
        "evidence": f.make_row(filing, applied, f.certificate(3), team_size=None, student_count=5),
        "other": f.make_row(filing, xiantao, f.certificate(1), student_count=60),
    }


def shown(client, **params) -> list[int]:
    response = client.get(url("rows", "420000"), params)
    assert response.status_code == 200
    return shown_row_ids(response)


def ids(rows, *names) -> set[int]:
    return {rows[name].pk for name in names}


def test_it_shows_every_row_with_attachment_2s_columns(staff_client, rows):
    response = staff_client.get(url("rows", "420000"))
    html = page(response)
    assert set(shown_row_ids(response)) == ids(rows, *rows)
    for header in (
        "序号",
        "试点院校名称",
        "学校类型",
        "参与试点证书及等级",
        "专业数量",
        "参与试点专业名称",
        "学生规模",
        "学校情况备注",
    ):
        assert f">{header}</th>" in html
    assert "电子商务数据分析（初级、中级）" in html
    assert "电子商务、移动商务" in html
    assert "中国特色高水平高职学校建设单位" in html
    assert "共 5 行、4 所院校；全部显示。" in html


def test_rows_of_one_school_are_together_and_the_school_named_once(staff_client, rows):
    response = staff_client.get(url("rows", "420000"))
    views = response.context["page"].object_list
    schools = [v.row.school.name for v in views]
    groups = [name for name, _ in groupby(schools)]
    assert len(groups) == len(set(groups)) == 4  # no school comes back after another
    assert [v.row.school.name for v in views if v.first_of_school] == groups


def test_each_row_is_marked_with_its_problems(staff_client, rows):
    response = staff_client.get(url("rows", "420000"))
    views = {v.row.pk: v for v in response.context["page"].object_list}
    assert views[rows["fine"].pk].problems == []
    assert [p.code for p in views[rows["error"].pk].errors] == ["dual_share"]
    assert [p.code for p in views[rows["warning"].pk].warnings] == ["unattested"]
    assert views[rows["evidence"].pk].missing_evidence
    html = page(response)
    assert "“双师型”教师占比 20%（2/10），低于50%（条件3）。" in html
    assert f'id="row-{rows["error"].pk}" class="row-error' not in html  # the class list, below
    error_tr = html[html.index(f'id="row-{rows["error"].pk}"') :]
    assert "row-error" in error_tr[: error_tr.index(">")]
    warning_tr = html[html.index(f'id="row-{rows["warning"].pk}"') :]
    assert "row-warning" in warning_tr[: warning_tr.index(">")]
    assert "缺佐证" in html


@pytest.mark.parametrize(
    ("problems", "expected"),
    [
        ("errors", ("error", "evidence")),
        ("warnings", ("warning",)),
        ("evidence", ("evidence",)),
        ("any", ("error", "warning", "evidence")),
        ("", ("fine", "error", "warning", "evidence", "other")),
        ("nonsense", ("fine", "error", "warning", "evidence", "other")),
    ],
)
def test_the_problems_filter(staff_client, rows, problems, expected):
    assert set(shown(staff_client, problems=problems)) == ids(rows, *expected)


def test_the_certificate_filter(staff_client, rows):
    assert set(shown(staff_client, certificate=f.certificate(1).pk)) == ids(rows, "fine", "other")
    assert set(shown(staff_client, certificate=f.certificate(7).pk)) == ids(rows, "warning")
    assert shown(staff_client, certificate=f.certificate(10).pk) == []


@pytest.mark.parametrize(
    ("school_type", "expected"),
    [
        (SchoolType.HIGHER, ("fine", "error", "other")),
        (SchoolType.SECONDARY, ("warning",)),
        (SchoolType.APPLIED_UNDERGRAD, ("evidence",)),
        (SchoolType.UNDERGRAD_PILOT, ()),
    ],
)
def test_the_type_filter(staff_client, rows, school_type, expected):
    assert set(shown(staff_client, type=school_type)) == ids(rows, *expected)


def test_filters_combine(staff_client, rows):
    found = shown(staff_client, type=SchoolType.HIGHER, certificate=f.certificate(1).pk, q="仙桃")
    assert found == [rows["other"].pk]
    assert shown(staff_client, type=SchoolType.HIGHER, problems="warnings") == []


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("船舶", ("fine", "error")),  # school name
        ("武汉\u3000船舶", ("fine", "error")),  # full-width space typed in the box
        ("护理", ("warning",)),  # a major
        ("母婴", ("warning",)),  # the certificate 母婴护理
        ("国家级示范校", ("warning",)),  # the remarks
        ("不存在的学校", ()),
    ],
)
def test_the_search_box(staff_client, rows, query, expected):
    assert set(shown(staff_client, q=query)) == ids(rows, *expected)


def test_no_matching_row_says_so(staff_client, rows):
    response = staff_client.get(url("rows", "420000"), {"q": "不存在的学校"})
    assert "没有符合条件的行。" in page(response)


def test_sorting_by_school_by_certificate_and_by_students(staff_client, rows):
    by_students = shown(staff_client, sort="students")
    assert by_students == [
        rows[n].pk for n in ("warning", "other", "fine", "error", "evidence")
    ]  # 90, 60, 40 and 40 (by school), 5
    by_certificate = shown(staff_client, sort="certificate")
    positions = [
        next(r for r in rows.values() if r.pk == pk).certificate.position for pk in by_certificate
    ]
    assert positions == sorted(positions)
    by_type = shown(staff_client, sort="type")
    assert by_type[0] in ids(rows, "warning", "fine", "error", "other", "evidence")
    default = shown(staff_client)
    assert default == shown(staff_client, sort="school") == shown(staff_client, sort="bogus")


def test_the_filters_are_kept_in_the_form(staff_client, rows):
    response = staff_client.get(
        url("rows", "420000"),
        {"q": "船舶", "type": SchoolType.HIGHER, "problems": "errors", "sort": "students"},
    )
    html = page(response)
    assert 'name="q" value="船舶"' in html
    assert f'<option value="{SchoolType.HIGHER}" selected>' in html
    assert '<option value="errors" selected>' in html
    assert '<option value="students" selected>' in html


def test_the_distribution_over_the_ten_certificates_is_beside_the_rows(staff_client, rows):
    response = staff_client.get(url("rows", "420000"))
    distribution = response.context["state"].distribution
    assert len(distribution) == 10
    counts = {item.certificate.position: item.rows for item in distribution}
    assert counts == {1: 2, 2: 1, 3: 1, 4: 0, 5: 0, 6: 0, 7: 1, 8: 0, 9: 0, 10: 0}
    html = page(response)
    assert "证书分布" in html
    assert "最大证书占比 40%" in html


def test_staff_get_edit_copy_and_delete_links_reviewers_do_not(staff_client, reviewer_client, rows):
    row = rows["fine"]
    links = (
        url("row_edit", "420000", row.pk),
        url("school_add", "420000") + f"?copy={row.pk}",
        url("row_delete", "420000", row.pk),
        url("school_add", "420000"),
    )
    staff_html = page(staff_client.get(url("rows", "420000")))
    reviewer_html = page(reviewer_client.get(url("rows", "420000")))
    for link in links:
        assert f'href="{link}"' in staff_html
        assert f'href="{link}"' not in reviewer_html


def test_the_rows_page_runs_as_many_queries_for_60_rows_as_for_5(staff_client, staff, filing):
    path = url("rows", "420000")
    fill(filing, staff, 5)
    small = queries_of(staff_client, path)
    fill(filing, staff, 55)
    assert Filing.objects.get(pk=filing.pk).rows.count() == 60
    assert Filing.objects.get(pk=filing.pk).schools.count() == 12
    large = queries_of(staff_client, path)
    assert large == small
    # Filtered and sorted alike.
    query = "?problems=any&sort=students&q=湖北"
    assert queries_of(staff_client, path + query) == small


def test_a_school_status_is_shown_with_the_remarks(staff_client, filing):
    school = f.make_school(
        filing,
        "咸宁职业技术学院",
        statuses=[SchoolStatus.PROVINCIAL_MODEL_HIGHER],
        remarks="省级示范",
    )
    f.make_row(filing, school)
    html = page(staff_client.get(url("rows", "420000")))
    assert "省级示范（骨干、优质）高等职业学校；省级示范" in html


def test_text_with_a_space_is_found_as_it_is_shown(staff_client, filing):
    school = f.make_school(filing, "咸宁职业技术学院", statuses=[], remarks="省级 示范校")
    row = f.make_row(
        filing,
        school,
        majors=[{"name": "跨境 电子商务", "years": [2017, 2018, 2019]}],
        major_count=1,
    )
    assert shown(staff_client, q="省级 示范校") == [row.pk]
    assert shown(staff_client, q="跨境 电子商务") == [row.pk]
