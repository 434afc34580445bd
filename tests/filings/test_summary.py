"""The 总体情况 figures and the distribution over the ten certificates (filings/summary.py)."""

import pytest

from filings.models import SchoolType
from filings.summary import Summary, distribution, summarize

from . import factories as f

pytestmark = pytest.mark.django_db


def test_an_empty_filing_sums_to_zero(filing):
    assert summarize(filing) == Summary(
        students=0,
        secondary_schools=0,
        higher_schools=0,
        undergraduate_schools=0,
        schools=0,
        rows=0,
    )


def test_a_school_in_three_certificates_counts_once(filing):
    school = f.make_school(filing, "武汉船舶职业技术学院", SchoolType.HIGHER)
    for position, students in ((1, 40), (2, 55), (4, 5)):
        f.make_row(filing, school, f.certificate(position), student_count=students)
    summary = summarize(filing)
    assert summary.rows == 3
    assert summary.schools == 1
    assert summary.higher_schools == 1
    assert summary.students == 100


def test_undergraduate_counts_both_undergraduate_types(filing):
    pilot = f.make_school(filing, "南京工业职业技术大学", SchoolType.UNDERGRAD_PILOT)
    applied = f.make_school(filing, "湖北工程学院", SchoolType.APPLIED_UNDERGRAD)
    f.make_row(filing, pilot, f.certificate(3))
    f.make_row(filing, pilot, f.certificate(4))
    f.make_row(filing, applied, f.certificate(6))
    summary = summarize(filing)
    assert summary.undergraduate_schools == 2
    assert summary.secondary_schools == 0
    assert summary.higher_schools == 0
    assert summary.schools == 2


def test_it_counts_each_type_and_sums_the_students_of_every_row(filing):
    secondary = [
        f.make_school(filing, name, SchoolType.SECONDARY)
        for name in ("十堰市医药卫生学校", "恩施州卫生学校")
    ]
    higher = [
        f.make_school(filing, name, SchoolType.HIGHER)
        for name in ("武汉船舶职业技术学院", "恩施职业技术学院", "仙桃职业学院")
    ]
    undergraduate = f.make_school(filing, "湖北工程学院", SchoolType.APPLIED_UNDERGRAD)
    f.make_row(filing, secondary[0], f.certificate(7), student_count=30)
    f.make_row(filing, secondary[1], f.certificate(7), student_count=25)
    f.make_row(filing, secondary[1], f.certificate(9), student_count=20)
    f.make_row(filing, higher[0], f.certificate(3), student_count=120)
    f.make_row(filing, higher[1], f.certificate(1), student_count=60)
    f.make_row(filing, higher[2], f.certificate(2), student_count=45)
    f.make_row(filing, undergraduate, f.certificate(10), student_count=80)

    summary = summarize(filing)

    assert summary.lines(filing.batch) == [
        ("第二批试点学生总规模", 380),
        ("第二批试点院校数量(中职)", 2),
        ("第二批试点院校数量(高职)", 3),
        ("第二批试点院校数量(本科)", 1),
        ("第二批试点院校总规模", 6),
    ]
    assert summary.rows == 7


def test_a_school_without_rows_is_not_counted(filing):
    f.make_school(filing, "恩施职业技术学院")
    f.make_row(filing, f.make_school(filing, "仙桃职业学院"))
    assert summarize(filing).schools == 1


def test_rows_without_student_count_add_nothing(filing):
    f.make_row(filing, student_count=None)
    summary = summarize(filing)
    assert summary.students == 0
    assert summary.rows == 1


def test_it_counts_only_the_filing_it_is_given(filing, other_unit, batch):
    other = f.make_filing(other_unit, batch)
    f.make_row(other, f.make_school(other, "湖南铁道职业技术学院"), student_count=500)
    f.make_row(filing, student_count=40)
    summary = summarize(filing)
    assert (summary.students, summary.schools, summary.rows) == (40, 1, 1)


@pytest.mark.parametrize("schools", [1, 12])
def test_summarize_costs_two_queries_whatever_the_rows(filing, django_assert_num_queries, schools):
    for i in range(schools):
        school = f.make_school(filing, f"湖北第{i + 1}职业学院")
        f.make_row(filing, school, f.certificate(1))
        f.make_row(filing, school, f.certificate(2))
    with django_assert_num_queries(2):
        summary = summarize(filing)
    assert summary.schools == schools
    assert summary.rows == 2 * schools


# --- distribution -----------------------------------------------------------------------------


def test_the_distribution_lists_all_ten_certificates_in_the_notices_order(filing):
    shares = distribution(filing)
    assert [s.certificate.position for s in shares] == list(range(1, 11))
    assert shares[0].certificate.name == "电子商务数据分析"
    assert all((s.rows, s.students, s.share) == (0, 0, 0.0) for s in shares)


def test_the_distribution_counts_rows_students_and_shares(filing, other_unit, batch):
    a = f.make_school(filing, "武汉船舶职业技术学院")
    b = f.make_school(filing, "恩施职业技术学院")
    f.make_row(filing, a, f.certificate(1), student_count=40)
    f.make_row(filing, b, f.certificate(1), student_count=60)
    f.make_row(filing, a, f.certificate(7), student_count=30)
    f.make_row(filing, b, f.certificate(10), student_count=20)
    other = f.make_filing(other_unit, batch)
    f.make_row(other, f.make_school(other, "湖南铁道职业技术学院"), f.certificate(1))

    by_position = {s.certificate.position: s for s in distribution(filing)}

    assert (by_position[1].rows, by_position[1].students) == (2, 100)
    assert by_position[1].share == pytest.approx(0.5)
    assert (by_position[7].rows, by_position[7].students) == (1, 30)
    assert by_position[7].share == pytest.approx(0.25)
    assert by_position[10].share == pytest.approx(0.25)
    assert by_position[2].rows == 0
    assert sum(s.share for s in by_position.values()) == pytest.approx(1.0)
    assert sum(s.students for s in by_position.values()) == summarize(filing).students


def test_the_distribution_costs_one_query(filing, django_assert_num_queries):
    for i in range(5):
        f.make_row(filing, f.make_school(filing, f"湖北第{i + 1}职业学院"), f.certificate(i + 1))
    with django_assert_num_queries(1):
        shares = distribution(filing)
        assert sum(s.rows for s in shares) == 5


def test_the_distributions_students_add_up_to_the_summary_even_with_a_bad_row(filing):
    f.make_row(
        filing, f.make_school(filing, "恩施职业技术学院"), f.certificate(1), student_count=40
    )
    f.make_row(filing, f.make_school(filing, "仙桃职业学院"), f.certificate(2), student_count=-5)
    assert sum(s.students for s in distribution(filing)) == summarize(filing).students


def test_the_distribution_of_the_rows_a_page_holds_is_the_databases_in_one_query(
    filing, other_unit, batch, django_assert_num_queries
):
    a = f.make_school(filing, "武汉船舶职业技术学院")
    b = f.make_school(filing, "恩施职业技术学院")
    f.make_row(filing, a, f.certificate(1), student_count=40)
    f.make_row(filing, b, f.certificate(1), student_count=0)
    f.make_row(filing, a, f.certificate(7), student_count=30)
    other = f.make_filing(other_unit, batch)
    f.make_row(other, f.make_school(other, "湖南铁道职业技术学院"), f.certificate(1))
    rows = list(filing.rows.all())

    with django_assert_num_queries(1):
        shares = distribution(filing, rows)

    def figures(items):
        return [(s.certificate.pk, s.rows, s.students, s.share) for s in items]

    assert figures(shares) == figures(distribution(filing))
    assert (shares[0].rows, shares[0].students) == (2, 40)
