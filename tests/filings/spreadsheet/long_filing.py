"""A unit's filing as long and as wordy as real ones get, for the printing tests.

160 rows of real school names (`fixtures/demo/schools.csv`), a school in three certificates
per three rows, every eighth row with ten to fourteen majors, certificates with all three
levels, long remarks and one very long school name: the cells that wrap onto several lines.
Written with bulk inserts, so that it costs well under a second.
"""

import csv
import itertools

from certificates.models import Level
from filings.demo_data import SCHOOLS_CSV
from filings.models import Filing, PilotRow, School, SchoolStatus, SchoolType
from filings.rules import enrolment_years, normalize_name

from .. import factories as f

# Majors of a long list: the last one is the one a test looks for on the paper.
MANY_MAJORS = [
    "电子商务",
    "市场营销",
    "移动商务",
    "网络营销",
    "跨境电子商务",
    "国际经济与贸易",
    "物流管理",
    "商务英语",
    "连锁经营管理",
    "大数据技术与应用",
    "商务数据分析与应用",
    "计算机应用技术",
    "软件技术",
    "数字媒体艺术设计（短视频与直播电商方向）",
]
FEW_MAJORS = ["电子商务", "市场营销", "会计", "护理", "物联网应用技术"]
LONG_REMARKS = (
    "省级优质高等职业院校建设单位；国家级专业教学资源库主持单位；"
    "与京东、阿里巴巴共建产业学院，近三年承担社会培训两万余人次，"
    "另附页说明实训基地共享情况"
)
LONG_SCHOOL_NAME = "浙江舟山群岛新区旅游与健康职业学院（舟山航海学校、舟山旅游商贸学校联合办学）"
LEVEL_SETS = [
    [Level.JUNIOR, Level.INTERMEDIATE, Level.SENIOR],
    [Level.JUNIOR, Level.INTERMEDIATE],
    [Level.JUNIOR],
]


def school_names(count: int) -> list[str]:
    with open(SCHOOLS_CSV, encoding="utf-8") as handle:
        names = [item["school"] for item in csv.DictReader(handle)]
    # Every province, not only the first ones in the file.
    step = max(1, len(names) // count)
    return [LONG_SCHOOL_NAME, *names[::step][: count - 1]]


def make_long_filing(unit, batch, rows: int = 160) -> Filing:
    filing = f.make_filing(unit, batch, contact_email="zhangmin.jiaoyuting@hbe.gov.cn")
    certificates = [f.certificate(position, batch) for position in range(1, 11)]
    years = enrolment_years(batch)
    types = itertools.cycle(list(SchoolType))
    schools = [
        School(
            filing=filing,
            name=name,
            name_key=normalize_name(name),
            school_type=next(types),
            statuses=SchoolStatus.NATIONAL_HIGH_LEVEL if index % 4 == 0 else "",
            remarks=LONG_REMARKS if index % 5 == 0 else ("专业特色院校" if index % 2 else ""),
        )
        for index, name in enumerate(school_names(-(-rows // 3)))
    ]
    School.objects.bulk_create(schools)
    pilot_rows = []
    for index in range(rows):
        school = schools[index // 3]
        majors = MANY_MAJORS[: 10 + index % 5] if index % 8 == 0 else FEW_MAJORS[: 1 + index % 4]
        row = PilotRow(
            filing=filing,
            school=school,
            certificate=certificates[(index // 3 * 3 + index % 3) % 10],
            majors=[{"name": name, "years": list(years)} for name in majors],
            major_count=len(majors),
            student_count=40 + index % 7 * 20,
            team_size=10,
            dual_qualified_count=6,
            industry_expert_count=3,
        )
        row.levels = LEVEL_SETS[index % 3]
        pilot_rows.append(row)
    PilotRow.objects.bulk_create(pilot_rows)
    return filing
