"""The notice's rules (filings/rules/): every rule with the bad input a unit may type."""

import pytest

from certificates.models import Level
from filings.models import Facilities, SchoolStatus, SchoolType
from filings.rules import (
    PHONE_INVALID,
    Concentration,
    RowLike,
    Severity,
    check_filing,
    check_row,
    clean_name,
    concentration,
    concentration_problem,
    duplicate_and_conflict_problems,
    enrolment_years,
    header_problems,
    is_contact_phone,
    normalize_name,
    school_type_problem,
)
from filings.selectors import rows_for_check

from . import factories as f

pytestmark = pytest.mark.django_db


def problems_of(row, batch):
    return check_row(row, batch=batch)


def codes(problems) -> list[str]:
    return [p.code for p in problems]


def messages(problems) -> list[str]:
    return [p.message for p in problems]


def only(problems, code: str):
    found = [p for p in problems if p.code == code]
    assert len(found) == 1, f"expected one {code!r} in {problems!r}"
    return found[0]


# --- the valid row ----------------------------------------------------------------------------


def test_it_finds_nothing_wrong_with_the_factory_default_row(batch):
    assert problems_of(f.build_row(), batch) == []


def test_the_enrolment_years_of_batch_2_are_2017_to_2019(batch):
    assert batch.issued_on.isoformat() == "2019-09-11"
    assert enrolment_years(batch) == [2017, 2018, 2019]


@pytest.mark.parametrize("level", list(Level))
def test_it_accepts_any_single_level(batch, level):
    assert problems_of(f.build_row(levels=[level]), batch) == []


def test_it_accepts_all_three_levels_in_one_row(batch):
    assert problems_of(f.build_row(levels=list(Level)), batch) == []


# --- school type ------------------------------------------------------------------------------


@pytest.mark.parametrize("value", SchoolType.values)
def test_it_accepts_the_four_school_types_of_note_2(value):
    assert school_type_problem(value) is None


@pytest.mark.parametrize("value", ["技工学校", "武汉市技工学校", " 技工学校 "])
def test_it_refuses_technician_schools_with_their_own_message(value):
    problem = school_type_problem(value)
    assert problem.is_error
    assert problem.code == "technician_school"
    assert problem.field == "school_type"
    assert "技工学校不在本次试点范围（通知第二部分）" in problem.message


@pytest.mark.parametrize("value", ["普通高中", "高等学校", "", None])
def test_it_refuses_any_other_school_type(value):
    problem = school_type_problem(value)
    assert problem.is_error
    assert problem.code == "school_type"
    label = value or ""
    assert problem.message == (
        f"学校类型“{label}”无效，应为中职、高职、本科层次职业教育试点学校或应用型本科。"
    )


def test_a_row_of_a_technician_school_is_an_error(batch):
    school = f.build_school(name="武汉市第一技工学校", school_type="技工学校")
    problems = problems_of(f.build_row(school), batch)
    assert codes(problems) == ["technician_school"]
    assert problems[0].message == ("学校类型“技工学校”：技工学校不在本次试点范围（通知第二部分）。")


# --- certificate and levels -------------------------------------------------------------------


def test_a_certificate_of_another_batch_is_an_error(batch):
    row = f.build_row(cert=f.make_other_batch_certificate())
    problems = problems_of(row, batch)
    assert codes(problems) == ["certificate"]
    assert problems[0].message == "证书不属于第二批1+X证书制度试点的10个证书。"
    assert problems[0].field == "certificate"


def test_a_row_without_certificate_is_an_error(batch):
    row = f.build_row()
    row.certificate = None
    assert "certificate" in codes(problems_of(row, batch))


def test_a_row_without_level_is_an_error(batch):
    problems = problems_of(f.build_row(levels=[]), batch)
    assert codes(problems) == ["no_level"]
    assert problems[0].message == "至少选择一个证书等级（初级、中级、高级）。"
    assert problems[0].field == "levels"


# --- majors and condition 1 -------------------------------------------------------------------


@pytest.mark.parametrize("missing", [2017, 2018, 2019])
def test_a_major_missing_one_enrolment_year_is_named_with_the_year(batch, missing):
    years = [y for y in (2017, 2018, 2019) if y != missing]
    majors = [
        {"name": "电子商务", "years": [2017, 2018, 2019]},
        {"name": "移动商务", "years": years},
    ]
    problems = problems_of(f.build_row(majors=majors), batch)
    problem = only(problems, "enrolment")
    assert problem.is_error
    assert not problem.missing_evidence
    assert problem.message == f"专业“移动商务”{missing}年未招生，不满足近3年连续招生（条件1）。"
    assert codes(problems) == ["enrolment"]


def test_a_major_missing_two_years_names_both(batch):
    majors = [
        {"name": "电子商务", "years": [2019]},
        {"name": "移动商务", "years": [2017, 2018, 2019]},
    ]
    problem = only(problems_of(f.build_row(majors=majors), batch), "enrolment")
    assert problem.message == "专业“电子商务”2017、2018年未招生，不满足近3年连续招生（条件1）。"


def test_a_major_with_no_enrolment_at_all_is_an_error_not_missing_evidence(batch):
    majors = [{"name": "电子商务", "years": []}, {"name": "移动商务", "years": [2017, 2018, 2019]}]
    problem = only(problems_of(f.build_row(majors=majors), batch), "enrolment")
    assert "2017、2018、2019年未招生" in problem.message
    assert not problem.missing_evidence


def test_years_outside_the_last_three_do_not_matter(batch):
    majors = [
        {"name": "电子商务", "years": [2015, 2016, 2017, 2018, 2019]},
        {"name": "移动商务", "years": [2017, 2018, 2019]},
    ]
    assert problems_of(f.build_row(majors=majors), batch) == []


def test_a_major_without_years_is_missing_evidence(batch):
    majors = [{"name": "电子商务"}, {"name": "移动商务", "years": [2017, 2018, 2019]}]
    problems = problems_of(f.build_row(majors=majors), batch)
    problem = only(problems, "enrolment_missing")
    assert problem.is_error
    assert problem.missing_evidence
    assert problem.message == "专业“电子商务”缺少近3年（2017—2019年）招生情况（条件1）。"
    assert codes(problems) == ["enrolment_missing"]


def test_a_row_without_major_is_an_error(batch):
    problems = problems_of(f.build_row(majors=[], major_count=0), batch)
    assert codes(problems) == ["no_major"]
    assert problems[0].message == "请至少填写一个参与试点专业。"


def test_a_row_with_majors_none_is_an_error(batch):
    problems = problems_of(f.build_row(majors=None, major_count=0), batch)
    assert codes(problems) == ["no_major"]


def test_a_major_without_name_is_an_error(batch):
    majors = [{"name": "  ", "years": [2017, 2018, 2019]}, {"name": "移动商务", "years": [2017]}]
    problems = problems_of(f.build_row(majors=majors), batch)
    assert only(problems, "major_name").message == "有专业未填写名称。"


def test_a_major_listed_twice_is_an_error(batch):
    majors = [
        {"name": "电子商务", "years": [2017, 2018, 2019]},
        {"name": " 电子商务 ", "years": [2017, 2018, 2019]},
    ]
    problems = problems_of(f.build_row(majors=majors), batch)
    assert codes(problems) == ["major_repeated"]
    assert problems[0].message == "专业重复填写：电子商务。"


@pytest.mark.parametrize("major_count", [1, 3])
def test_a_major_count_other_than_the_majors_listed_is_an_error(batch, major_count):
    problems = problems_of(f.build_row(major_count=major_count), batch)
    assert codes(problems) == ["major_count"]
    assert problems[0].message == f"参与试点专业数量填写为 {major_count}，但列出了 2 个专业。"
    assert problems[0].field == "major_count"


def test_a_missing_major_count_is_an_error(batch):
    problems = problems_of(f.build_row(major_count=None), batch)
    assert codes(problems) == ["major_count"]
    assert problems[0].message == "请填写参与试点专业数量。"


# --- students ---------------------------------------------------------------------------------


def test_a_missing_student_count_is_an_error(batch):
    problems = problems_of(f.build_row(student_count=None), batch)
    assert codes(problems) == ["students"]
    assert problems[0].message == "请填写参与试点学生规模。"
    assert problems[0].field == "student_count"


@pytest.mark.parametrize("student_count", [0, -5])
def test_a_student_count_not_positive_is_an_error(batch, student_count):
    problems = problems_of(f.build_row(student_count=student_count), batch)
    assert codes(problems) == ["students"]
    assert problems[0].message == f"参与试点学生规模应为正整数，现为 {student_count}。"


def test_one_student_is_enough(batch):
    assert problems_of(f.build_row(student_count=1), batch) == []


# --- the training team, condition 3 -----------------------------------------------------------


@pytest.mark.parametrize(
    ("team", "dual", "experts", "missing"),
    [
        (None, 6, 3, "培训团队人数"),
        (10, None, 3, "“双师型”教师人数"),
        (10, 6, None, "行业企业专家人数"),
        (None, None, None, "培训团队人数、“双师型”教师人数、行业企业专家人数"),
    ],
)
def test_missing_team_figures_are_missing_evidence(batch, team, dual, experts, missing):
    row = f.build_row(team_size=team, dual_qualified_count=dual, industry_expert_count=experts)
    problems = problems_of(row, batch)
    assert codes(problems) == ["team_missing"]
    assert problems[0].is_error
    assert problems[0].missing_evidence
    assert problems[0].message == f"缺少培训团队情况：{missing}（条件3）。"


def test_an_empty_team_is_an_error(batch):
    row = f.build_row(team_size=0, dual_qualified_count=0, industry_expert_count=0)
    problems = problems_of(row, batch)
    assert codes(problems) == ["team_empty"]
    assert problems[0].message == "培训团队人数应大于0（条件3）。"


def test_49_percent_dual_qualified_teachers_is_too_few(batch):
    row = f.build_row(team_size=100, dual_qualified_count=49, industry_expert_count=20)
    problems = problems_of(row, batch)
    assert codes(problems) == ["dual_share"]
    assert problems[0].message == "“双师型”教师占比 49%（49/100），低于50%（条件3）。"
    assert problems[0].field == "dual_qualified_count"


@pytest.mark.parametrize(("team", "dual"), [(100, 50), (10, 5), (2, 1), (10, 10)])
def test_exactly_50_percent_dual_qualified_teachers_or_more_passes(batch, team, dual):
    row = f.build_row(team_size=team, dual_qualified_count=dual, industry_expert_count=team)
    assert problems_of(row, batch) == []


def test_19_percent_industry_experts_is_too_few(batch):
    row = f.build_row(team_size=100, dual_qualified_count=50, industry_expert_count=19)
    problems = problems_of(row, batch)
    assert codes(problems) == ["expert_share"]
    assert problems[0].message == "行业企业专家占比 19%（19/100），低于20%（条件3）。"
    assert problems[0].field == "industry_expert_count"


@pytest.mark.parametrize(("team", "experts"), [(100, 20), (10, 2), (5, 1)])
def test_exactly_20_percent_industry_experts_passes(batch, team, experts):
    row = f.build_row(team_size=team, dual_qualified_count=team, industry_expert_count=experts)
    assert problems_of(row, batch) == []


def test_both_shares_too_low_are_two_errors(batch):
    row = f.build_row(team_size=10, dual_qualified_count=4, industry_expert_count=1)
    assert codes(problems_of(row, batch)) == ["dual_share", "expert_share"]


def test_a_share_just_below_the_threshold_is_not_shown_as_the_threshold(batch):
    row = f.build_row(team_size=400, dual_qualified_count=199, industry_expert_count=80)
    problem = only(problems_of(row, batch), "dual_share")
    assert "占比 50%" not in problem.message
    assert "占比 49.7%（199/400）" in problem.message


def test_more_dual_qualified_teachers_than_the_team_is_an_error(batch):
    row = f.build_row(team_size=10, dual_qualified_count=11, industry_expert_count=3)
    problems = problems_of(row, batch)
    assert codes(problems) == ["dual_exceeds_team"]
    assert problems[0].message == "“双师型”教师 11 人，多于培训团队总人数 10 人。"


def test_more_experts_than_the_team_is_an_error(batch):
    row = f.build_row(team_size=10, dual_qualified_count=6, industry_expert_count=12)
    problems = problems_of(row, batch)
    assert codes(problems) == ["experts_exceed_team"]
    assert problems[0].message == "行业企业专家 12 人，多于培训团队总人数 10 人。"


# --- conditions 1, 2, 4 and 5 attested by the province ----------------------------------------


@pytest.mark.parametrize(
    ("field", "label"),
    [
        ("training_experience", "具备相关领域职业培训经验（条件1）"),
        ("teaching_resources", "人才培养方案完备、落实国家教学标准、教学资源满足需要（条件2）"),
        ("management", "制度体系健全、教学管理规范、团队保障有力（条件5）"),
    ],
)
def test_an_unattested_condition_is_a_warning(batch, field, label):
    problems = problems_of(f.build_row(**{field: None}), batch)
    assert codes(problems) == ["unattested"]
    assert problems[0].severity == Severity.WARNING
    assert not problems[0].is_error
    assert problems[0].message == f"尚未确认：{label}。"
    assert problems[0].field == field


@pytest.mark.parametrize("field", ["training_experience", "teaching_resources", "management"])
def test_a_no_without_note_is_a_warning(batch, field):
    problems = problems_of(f.build_row(**{field: False, f"{field}_note": "  "}), batch)
    assert codes(problems) == ["attested_no"]
    assert problems[0].severity == Severity.WARNING
    assert problems[0].message.startswith("确认为“不具备”：")
    assert problems[0].message.endswith("，请在说明中写明原因。")


@pytest.mark.parametrize("field", ["training_experience", "teaching_resources", "management"])
def test_a_no_with_a_note_is_accepted(batch, field):
    row = f.build_row(**{field: False, f"{field}_note": "与合作企业共建，2019年底完成"})
    assert problems_of(row, batch) == []


def test_unattested_facilities_are_a_warning(batch):
    problems = problems_of(f.build_row(facilities=""), batch)
    assert codes(problems) == ["unattested"]
    assert problems[0].message == "尚未确认：教学条件和实习实训设施设备（条件4）。"
    assert problems[0].field == "facilities"


def test_lacking_facilities_are_a_warning(batch):
    problems = problems_of(f.build_row(facilities=Facilities.LACKING), batch)
    assert codes(problems) == ["facilities_lacking"]
    assert not problems[0].is_error
    assert "尚不具备" in problems[0].message


@pytest.mark.parametrize("facilities", [Facilities.RENTED, Facilities.SHARED])
def test_rented_or_shared_facilities_are_fine(batch, facilities):
    assert problems_of(f.build_row(facilities=facilities), batch) == []


# --- remarks (note 5) -------------------------------------------------------------------------


@pytest.mark.parametrize("remarks", ["", "   "])
def test_a_school_without_remarks_or_status_is_a_warning(batch, remarks):
    school = f.build_school(statuses=[], remarks=remarks)
    problems = problems_of(f.build_row(school), batch)
    assert codes(problems) == ["no_remarks"]
    assert problems[0].severity == Severity.WARNING
    assert problems[0].message == (
        "学校情况备注为空：请注明示范（骨干、优质）校等类别或其他需要说明的事项（注5）。"
    )


def test_a_school_with_remarks_only_or_a_status_only_is_fine(batch):
    with_remarks = f.build_school(statuses=[], remarks="省级优质高职院校")
    with_status = f.build_school(statuses=[SchoolStatus.PROVINCIAL_MODEL_HIGHER], remarks="")
    assert problems_of(f.build_row(with_remarks), batch) == []
    assert problems_of(f.build_row(with_status), batch) == []


def test_every_problem_of_a_bad_row_is_reported_at_once(batch):
    school = f.build_school(school_type="技工学校", statuses=[], remarks="")
    row = f.build_row(
        school,
        levels=[],
        majors=[],
        major_count=3,
        student_count=None,
        team_size=None,
        training_experience=None,
    )
    assert codes(problems_of(row, batch)) == [
        "technician_school",
        "no_level",
        "no_major",
        "major_count",
        "students",
        "team_missing",
        "unattested",
        "no_remarks",
    ]


# --- names ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "spelling",
    [
        "武汉船舶职业技术学院",
        " 武汉船舶职业技术学院 ",
        "\u3000武汉船舶职业技术学院\u3000",
        "武汉船舶\u3000职业技术学院",
        "武汉船舶 职业技术学院\t",
    ],
)
def test_spellings_differing_in_spaces_normalise_to_the_same_name(spelling):
    assert normalize_name(spelling) == "武汉船舶职业技术学院"


def test_full_width_letters_and_digits_become_half_width():
    assert normalize_name("ＸＸ第１中等职业学校") == "XX第1中等职业学校"


def test_clean_name_keeps_one_inner_space_and_trims_the_rest():
    assert clean_name("\u3000武汉船舶\u3000\u3000职业技术学院 ") == "武汉船舶 职业技术学院"


@pytest.mark.parametrize(
    "name",
    ["武汉铁路职业技术学院（2校区）", "ＸＸ第１中等职业学校", "湖北工业职业技术学院【十堰】"],
)
def test_clean_name_keeps_the_name_as_written(name):
    """Official names keep their full-width brackets, letters and digits."""
    assert clean_name(name) == name


def test_full_width_and_half_width_brackets_are_one_school():
    assert normalize_name("武汉铁路职业技术学院（2校区）") == normalize_name(
        "武汉铁路职业技术学院(2校区)"
    )


def test_a_line_break_inside_a_chinese_name_is_no_space():
    assert clean_name("武汉船舶职业\n技术学院") == "武汉船舶职业技术学院"
    assert clean_name("Web前端\n开发") == "Web前端开发"
    assert clean_name("ABC\nschool") == "ABC school"


def test_empty_names_normalise_to_empty():
    assert normalize_name(None) == ""
    assert clean_name(None) == ""


# --- the header -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "phone",
    [
        "027-87328057",
        "02787328057",
        "010-58556746",
        "0531-82903708",
        "027-87328057-8012",
        "13907141234",
        "400-810-8888",
        "4008108888",
    ],
)
def test_it_accepts_landlines_mobiles_and_400_numbers(phone):
    assert is_contact_phone(phone)


@pytest.mark.parametrize(
    "phone",
    [
        "",
        "87328057",
        "027 87328057",
        "0271-873",
        "12907141234",
        "139071412345",
        "+86 13907141234",
        "027-87328057 转 8012",
        "张老师",
    ],
)
def test_it_refuses_anything_else_as_a_phone(phone):
    assert not is_contact_phone(phone)


def test_a_complete_header_has_no_problem(filing):
    assert header_problems(filing) == []


@pytest.mark.parametrize(
    ("field", "label"),
    [("contact_name", "联系人"), ("contact_phone", "电话"), ("contact_email", "邮箱")],
)
@pytest.mark.parametrize("blank", ["", "   "])
def test_a_missing_header_field_is_an_error(filing, field, label, blank):
    setattr(filing, field, blank)
    problems = header_problems(filing)
    header = only(problems, "header")
    assert header.is_error
    assert header.message == f"表头未填写“{label}”。"
    assert header.field == field


def test_an_invalid_header_phone_is_an_error(filing):
    filing.contact_phone = "8732805"
    problems = header_problems(filing)
    assert codes(problems) == ["header_phone"]
    assert problems[0].message == PHONE_INVALID
    assert problems[0].field == "contact_phone"


# --- concentration (section 三.1) -------------------------------------------------------------


def test_no_rows_is_no_concentration():
    conc = concentration({})
    assert conc == Concentration(0, None, 0, 0.0, 0.0)
    assert not conc.is_concentrated


def test_an_even_spread_over_the_ten_certificates_is_not_concentrated():
    conc = concentration({cert_id: 2 for cert_id in range(1, 11)})
    assert conc.total == 20
    assert conc.top_share == pytest.approx(0.1)
    assert conc.hhi == pytest.approx(0.1)
    assert not conc.is_concentrated


def test_one_certificate_above_40_percent_is_concentrated():
    conc = concentration({1: 5, 2: 1, 3: 1, 4: 1, 5: 1, 6: 1})
    assert conc.top_certificate_id == 1
    assert conc.top_share == pytest.approx(0.5)
    assert conc.hhi == pytest.approx(0.30)
    assert conc.is_concentrated


def test_exactly_40_percent_with_a_low_hhi_is_not_concentrated():
    conc = concentration({1: 4, 2: 1, 3: 1, 4: 1, 5: 1, 6: 1, 7: 1})
    assert conc.top_share == pytest.approx(0.4)
    assert conc.hhi == pytest.approx(0.22)
    assert not conc.is_concentrated


def test_an_hhi_above_025_is_concentrated_even_without_a_dominant_certificate():
    conc = concentration({1: 4, 2: 4, 3: 2})
    assert conc.top_share == pytest.approx(0.4)
    assert conc.hhi == pytest.approx(0.36)
    assert conc.is_concentrated


def test_fewer_rows_than_the_minimum_are_never_concentrated(settings):
    conc = concentration({1: 9})
    assert conc.top_share == 1.0
    assert not conc.is_concentrated
    settings.CONCENTRATION_MIN_ROWS = 9
    assert conc.is_concentrated


def test_the_thresholds_come_from_the_settings(settings):
    conc = concentration({1: 5, 2: 1, 3: 1, 4: 1, 5: 1, 6: 1})
    settings.CONCENTRATION_MAX_SHARE = 0.6
    assert conc.is_concentrated  # still by the HHI, 0.30 > 0.25
    settings.CONCENTRATION_MAX_HHI = 0.5
    assert not conc.is_concentrated
    settings.CONCENTRATION_MAX_SHARE = 0.45
    assert conc.is_concentrated


def test_a_tie_names_the_certificate_with_the_lowest_id():
    assert concentration({7: 5, 3: 5}).top_certificate_id == 3


def test_the_concentration_warning_names_the_certificate_share_and_hhi():
    conc = concentration({1: 5, 2: 1, 3: 1, 4: 1, 5: 1, 6: 1})
    problem = concentration_problem(conc, "电子商务数据分析")
    assert problem.severity == Severity.WARNING
    assert problem.code == "concentrated"
    assert problem.message.startswith(
        "试点过于集中：“电子商务数据分析”占全部试点行的 50%（5/10），集中度指数（HHI）0.30。"
    )
    assert "第三部分第1条" in problem.message


@pytest.mark.parametrize(
    ("counts", "share"),
    [
        ({1: 20, 2: 10}, "66.6%（20/30）"),  # 66.67: truncated, not rounded up
        ({1: 9, 2: 1, 3: 1}, "81.8%（9/11）"),  # 81.82
        ({1: 5, 2: 1, 3: 1, 4: 1, 5: 1, 6: 1}, "50%（5/10）"),  # a whole number has no ".0"
        ({1: 199, 2: 201}, "50.2%（201/400）"),
    ],
)
def test_the_concentration_warning_gives_a_truncated_share_with_the_counts(counts, share):
    conc = concentration(counts)
    problem = concentration_problem(conc, "电子商务数据分析")
    assert f"占全部试点行的 {share}，" in problem.message
    assert conc.top_share_percent == share.split("%")[0]


def test_a_share_just_below_a_whole_percent_is_not_rounded_up():
    conc = concentration({1: 2999, 2: 1001, 3: 1, 4: 1, 5: 1, 6: 1, 7: 1, 8: 1, 9: 1, 10: 1})
    # 2999/4008 is 74.825...%: shown as 74.8, never 74.9 or 75.
    assert conc.top_share_percent == "74.8"
    assert "74.8%（2999/4008）" in concentration_problem(conc, "母婴护理").message


def test_an_empty_filing_has_a_zero_top_share():
    assert concentration({}).top_share_percent == "0"


def test_no_warning_below_the_thresholds():
    conc = concentration({cert_id: 1 for cert_id in range(1, 11)})
    assert concentration_problem(conc, "电子商务数据分析") is None


# --- rows that involve each other: duplicates and conflicting types ---------------------------


def rowlike(key, name, school_type, cert_id, label=None):
    return RowLike(
        key=key,
        label=label or f"第{key}行（{name.strip()}）",
        school_key=normalize_name(name),
        school_type=school_type,
        certificate_id=cert_id,
    )


@pytest.mark.parametrize(
    "spelling", ["武汉船舶职业技术学院", "\u3000武汉船舶职业技术学院 ", "武汉船舶 职业技术学院"]
)
def test_the_same_school_and_certificate_twice_marks_both_rows_each_naming_the_other(spelling):
    rows = [
        rowlike(3, "武汉船舶职业技术学院", SchoolType.HIGHER, 1, label="第3行"),
        rowlike(7, spelling, SchoolType.HIGHER, 1, label="第7行"),
    ]
    problems = duplicate_and_conflict_problems(rows)
    # Both rows carry the error, so that either can be fixed; each message names the row
    # itself first, then the other one.
    assert sorted(problems) == [3, 7]
    assert codes(problems[3]) == ["duplicate_row"]
    assert codes(problems[7]) == ["duplicate_row"]
    assert problems[3][0].message == "第3行与第7行重复：同一院校、同一证书只能填写一行。"
    assert problems[7][0].message == "第7行与第3行重复：同一院校、同一证书只能填写一行。"
    assert problems[3][0].field == problems[7][0].field == "certificate"
    assert problems[3][0].is_error and problems[7][0].is_error


def test_one_school_with_two_types_marks_both_rows_naming_both_rows_and_types():
    rows = [
        rowlike(1, "武汉船舶职业技术学院", SchoolType.HIGHER, 1, label="第1行"),
        rowlike(2, "\u3000武汉船舶职业技术学院\u3000", SchoolType.SECONDARY, 2, label="第2行"),
    ]
    problems = duplicate_and_conflict_problems(rows)
    assert sorted(problems) == [1, 2]
    assert codes(problems[1]) == ["type_conflict"]
    assert codes(problems[2]) == ["type_conflict"]
    assert problems[1][0].message == (
        "第1行的学校类型“高职”与第2行的“中职”不一致：同一院校只能有一种类型。"
    )
    assert problems[2][0].message == (
        "第2行的学校类型“中职”与第1行的“高职”不一致：同一院校只能有一种类型。"
    )
    assert problems[1][0].field == problems[2][0].field == "school_type"


def test_a_duplicate_with_another_type_is_both_errors():
    rows = [
        rowlike(1, "武汉船舶职业技术学院", SchoolType.HIGHER, 1),
        rowlike(2, "武汉船舶职业技术学院 ", SchoolType.APPLIED_UNDERGRAD, 1),
    ]
    problems = duplicate_and_conflict_problems(rows)
    assert codes(problems[2]) == ["duplicate_row", "type_conflict"]
    assert "“应用型本科”" in problems[2][1].message


def test_every_row_conflicting_with_the_first_is_flagged_and_the_first_once_per_conflict():
    rows = [
        rowlike(1, "恩施职业技术学院", SchoolType.HIGHER, 1),
        rowlike(2, "恩施职业技术学院", SchoolType.SECONDARY, 2),
        rowlike(3, "恩施职业技术学院", SchoolType.SECONDARY, 3),
    ]
    problems = duplicate_and_conflict_problems(rows)
    assert sorted(problems) == [1, 2, 3]
    # The first row gets one problem per row it conflicts with, each naming that row.
    assert codes(problems[1]) == ["type_conflict", "type_conflict"]
    assert [p.message for p in problems[1]] == [
        "第1行（恩施职业技术学院）的学校类型“高职”与第2行（恩施职业技术学院）的“中职”不一致："
        "同一院校只能有一种类型。",
        "第1行（恩施职业技术学院）的学校类型“高职”与第3行（恩施职业技术学院）的“中职”不一致："
        "同一院校只能有一种类型。",
    ]
    for key in (2, 3):
        assert codes(problems[key]) == ["type_conflict"]
        assert problems[key][0].message == (
            f"第{key}行（恩施职业技术学院）的学校类型“中职”与第1行（恩施职业技术学院）的“高职”"
            "不一致：同一院校只能有一种类型。"
        )


def test_the_first_row_of_two_duplicates_is_marked_once_per_duplicate():
    rows = [
        rowlike(1, "恩施职业技术学院", SchoolType.HIGHER, 1, label="第1行"),
        rowlike(2, "恩施职业技术学院", SchoolType.HIGHER, 1, label="第2行"),
        rowlike(3, "恩施职业技术学院", SchoolType.HIGHER, 1, label="第3行"),
    ]
    problems = duplicate_and_conflict_problems(rows)
    assert messages(problems[1]) == [
        "第1行与第2行重复：同一院校、同一证书只能填写一行。",
        "第1行与第3行重复：同一院校、同一证书只能填写一行。",
    ]
    assert messages(problems[2]) == ["第2行与第1行重复：同一院校、同一证书只能填写一行。"]
    assert messages(problems[3]) == ["第3行与第1行重复：同一院校、同一证书只能填写一行。"]


def test_an_invalid_type_in_a_conflict_is_shown_as_typed():
    rows = [
        rowlike(1, "恩施职业技术学院", SchoolType.HIGHER, 1),
        rowlike(2, "恩施职业技术学院", "技工学校", 2),
    ]
    assert "学校类型“技工学校”与第1行（恩施职业技术学院）的“高职”" in (
        duplicate_and_conflict_problems(rows)[2][0].message
    )


def test_different_schools_or_certificates_are_not_duplicates():
    rows = [
        rowlike(1, "武汉船舶职业技术学院", SchoolType.HIGHER, 1),
        rowlike(2, "武汉船舶职业技术学院", SchoolType.HIGHER, 2),
        rowlike(3, "恩施职业技术学院", SchoolType.HIGHER, 1),
        rowlike(4, "恩施州卫生学校", SchoolType.SECONDARY, 1),
    ]
    assert dict(duplicate_and_conflict_problems(rows)) == {}


def test_rows_without_certificate_are_not_duplicates_of_each_other():
    rows = [
        rowlike(1, "武汉船舶职业技术学院", SchoolType.HIGHER, None),
        rowlike(2, "武汉船舶职业技术学院", SchoolType.HIGHER, None),
    ]
    assert dict(duplicate_and_conflict_problems(rows)) == {}


# --- the whole filing -------------------------------------------------------------------------


def test_a_filing_without_rows_is_an_error(filing):
    check = check_filing(filing, [])
    assert codes(check.filing_problems) == ["no_rows"]
    assert check.filing_problems[0].message == "汇总表还没有任何试点院校。"
    assert check.error_count == 1


def test_a_valid_filing_has_no_problem(filing):
    f.make_row(filing, cert=f.certificate(1))
    f.make_row(filing, f.make_school(filing, "恩施职业技术学院"), f.certificate(2))
    check = check_filing(filing, rows_for_check(filing))
    assert check.error_count == 0
    assert check.warning_count == 0
    assert check.missing_evidence_count == 0
    assert check.filing_problems == []
    assert all(problems == [] for problems in check.row_problems.values())


def test_it_counts_errors_warnings_and_missing_evidence_per_row(filing):
    bad = f.make_row(filing, student_count=None, team_size=None, management=None)
    warned = f.make_row(filing, f.make_school(filing, "恩施职业技术学院"), facilities="")
    fine = f.make_row(filing, f.make_school(filing, "仙桃职业学院"), f.certificate(2))
    filing.contact_email = ""
    check = check_filing(filing, rows_for_check(filing))
    assert check.error_count == 3  # students, team, header e-mail
    assert check.warning_count == 2
    assert check.missing_evidence_count == 1
    assert check.rows_with(Severity.ERROR) == {bad.pk}
    assert check.rows_with(Severity.WARNING) == {bad.pk, warned.pk}
    assert check.row_problems[fine.pk] == []
    assert [p.code for p in check.warnings] == ["unattested", "unattested"]
    assert codes(check.filing_problems) == ["header"]


def test_check_filing_merges_duplicates_and_type_conflicts_into_both_rows(batch, filing):
    cert = f.certificate(1)
    first = f.build_row(f.build_school(filing, "武汉船舶职业技术学院", SchoolType.HIGHER), cert)
    second = f.build_row(
        f.build_school(filing, "\u3000武汉船舶 职业技术学院 ", SchoolType.SECONDARY), cert
    )
    # Such rows only come from an import preview: the database refuses them.
    first.pk, second.pk = 101, 102
    check = check_filing(filing, [first, second])
    first_label = "“武汉船舶职业技术学院 · 电子商务数据分析”"
    second_label = "“武汉船舶 职业技术学院 · 电子商务数据分析”"
    assert codes(check.row_problems[101]) == ["duplicate_row", "type_conflict"]
    assert codes(check.row_problems[102]) == ["duplicate_row", "type_conflict"]
    assert messages(check.row_problems[101]) == [
        f"{first_label}与{second_label}重复：同一院校、同一证书只能填写一行。",
        f"{first_label}的学校类型“高职”与{second_label}的“中职”不一致：同一院校只能有一种类型。",
    ]
    assert messages(check.row_problems[102]) == [
        f"{second_label}与{first_label}重复：同一院校、同一证书只能填写一行。",
        f"{second_label}的学校类型“中职”与{first_label}的“高职”不一致：同一院校只能有一种类型。",
    ]
    assert check.error_count == 4
    assert check.rows_with(Severity.ERROR) == {101, 102}


def test_a_concentrated_filing_is_warned(filing):
    for i in range(10):
        f.make_row(filing, f.make_school(filing, f"湖北第{i + 1}职业学院"), f.certificate(7))
    check = check_filing(filing, rows_for_check(filing))
    assert codes(check.filing_problems) == ["concentrated"]
    assert "“母婴护理”占全部试点行的 100%（10/10），" in check.filing_problems[0].message
    assert check.error_count == 0
    assert check.warning_count == 1
    assert check.concentration.top_certificate_id == f.certificate(7).pk


def test_a_spread_filing_is_not_warned(filing):
    for i in range(10):
        f.make_row(filing, f.make_school(filing, f"湖北第{i + 1}职业学院"), f.certificate(i + 1))
    check = check_filing(filing, rows_for_check(filing))
    assert check.filing_problems == []
    assert not check.concentration.is_concentrated


def test_a_small_concentrated_filing_is_warned_when_the_batch_lowers_the_minimum(filing):
    for i in range(3):
        f.make_row(filing, f.make_school(filing, f"湖北第{i + 1}职业学院"), f.certificate(7))
    assert check_filing(filing, rows_for_check(filing)).filing_problems == []
    filing.batch.concentration_min_rows = 3
    problems = check_filing(filing, rows_for_check(filing)).filing_problems
    assert codes(problems) == ["concentrated"]


def test_checking_select_related_rows_costs_no_query(filing, django_assert_num_queries):
    from filings.models import Filing

    for i in range(4):
        school = f.make_school(filing, f"湖北第{i + 1}职业学院", statuses=[])
        f.make_row(filing, school, f.certificate(1), student_count=None)
        f.make_row(filing, school, f.certificate(2))
    filing = Filing.objects.select_related("batch", "unit").get(pk=filing.pk)
    rows = rows_for_check(filing)
    with django_assert_num_queries(0):
        check = check_filing(filing, rows)
        assert check.error_count == 4
        assert check.warning_count == 4  # no remarks: once per school, not per row
