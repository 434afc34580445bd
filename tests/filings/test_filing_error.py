"""A refusal says what it is by its code and where it belongs by its field: callers never
read its text (issue #11)."""

import pytest

from filings.models import SchoolType
from filings.services import (
    DUPLICATE_ROW,
    FilingError,
    school_add_with_rows,
    school_update,
)

from . import factories as f

pytestmark = pytest.mark.django_db


def test_it_is_built_as_before_by_callers_that_give_no_code():
    error = FilingError("不能提交：", ["还有 1 个错误未修改。"])
    assert (error.message, error.reasons, error.code, error.field, error.params) == (
        "不能提交：",
        ["还有 1 个错误未修改。"],
        "",
        "",
        {},
    )


def test_a_certificate_the_school_has_is_refused_by_code_naming_the_certificate(filing, staff):
    school = f.make_school(filing, "武汉船舶职业技术学院", SchoolType.HIGHER)
    f.make_row(filing, school, f.certificate(1))
    with pytest.raises(FilingError) as refused:
        school_add_with_rows(
            filing=filing,
            user=staff,
            school_data={"name": school.name, "school_type": SchoolType.HIGHER},
            rows_data=[f.valid_row_data(f.certificate(1))],
        )
    error = refused.value
    assert (error.code, error.field) == (DUPLICATE_ROW, "certificate")
    assert error.params == {"certificate": f.certificate(1).pk}
    # Moving a row onto another is the same refusal: tests/filings/test_services.py.


def test_a_school_renamed_to_another_is_refused_on_its_name(filing, staff):
    f.make_row(filing, f.make_school(filing, "甲学院"))
    school = f.make_school(filing, "乙学院")
    data = {"name": "甲学院", "school_type": SchoolType.HIGHER}
    with pytest.raises(FilingError) as refused:
        school_update(school=school, user=staff, data=data, expected_version=school.version)
    assert (refused.value.code, refused.value.field) == ("school_exists", "name")
