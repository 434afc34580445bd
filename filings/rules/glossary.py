"""The notice's words, in one glossary: the five conditions of section 二, the labels of a
row's counts and the lines of the summary block. The forms, the history, the exports and the
messages name things so, and take their names from here."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Condition:
    """One of the five conditions of section 二 that a pilot school should meet."""

    number: int
    name: str  # in full: a form's label, a problem's message
    short: str  # in a list, a history entry, a column heading

    @property
    def tag(self) -> str:
        return f"条件{self.number}"

    @property
    def label(self) -> str:
        return f"{self.name}（{self.tag}）"


# By what carries each in a row; condition 1 has two parts, the enrolment and the training.
CONDITIONS = {
    "enrolment": Condition(1, "专业近3年连续招生", "近3年招生"),
    "training_experience": Condition(1, "具备相关领域职业培训经验", "培训经验"),
    "teaching_resources": Condition(
        2, "人才培养方案完备、落实国家教学标准、教学资源满足需要", "教学资源"
    ),
    "team": Condition(3, "培训团队“双师型”教师、行业企业专家比例达到要求", "培训团队"),
    "facilities": Condition(4, "教学条件和实习实训设施设备", "实训设施"),
    "management": Condition(5, "制度体系健全、教学管理规范、团队保障有力", "管理保障"),
}
# The conditions the province answers yes or no for each row (condition 4 has its own choices).
ATTESTED = ("training_experience", "teaching_resources", "management")
ATTESTATIONS = [(field, CONDITIONS[field].label) for field in ATTESTED]

# 确认 names two acts the code keeps apart: the province's attestation of a row's conditions
# (备案、确认, section 三.3: `attest`, `training_experience = True`) and the national
# reviewer's acceptance of a submitted filing (退回 / 确认: `accept`, FilingState.ACCEPTED).
NOT_ATTESTED = "未确认"  # a condition the province has not answered yet

COUNT_LABELS = {
    "major_count": "参与试点专业数量",
    "student_count": "参与试点学生规模",
    "team_size": "培训团队人数",
    "dual_qualified_count": "“双师型”教师人数",
    "industry_expert_count": "行业企业专家人数",
}

# The five lines under Attachment 2's table (总体情况), each with the summary.Summary figure
# it shows: 本科 counts both undergraduate types, 总规模 counts distinct schools. The notice
# heads each with the batch (第二批试点学生总规模): `summary_lines`.
SUMMARY_FIGURES = [
    ("试点学生总规模", "students"),
    ("试点院校数量(中职)", "secondary_schools"),
    ("试点院校数量(高职)", "higher_schools"),
    ("试点院校数量(本科)", "undergraduate_schools"),
    ("试点院校总规模", "schools"),
]


def summary_lines(batch) -> list[tuple[str, str]]:
    """The batch's labels of the five lines with their figures: 第二批试点学生总规模, students."""
    return [(f"{batch.ordinal}{label}", figure) for label, figure in SUMMARY_FIGURES]


# The lines above the table that the filing stores, with their labels.
HEADER_FIELDS = {"contact_name": "联系人", "contact_phone": "电话", "contact_email": "邮箱"}
