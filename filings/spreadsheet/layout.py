"""Attachment 2's layout, declared once. The export writes it and the importer reads it, so the
two cannot drift apart; tests/filings/test_spreadsheet_roundtrip.py holds them together.

The words that name the batch (the title, note 3, the summary labels) are the batch's own
(certificates.Batch: attachment2_title, ordinal), given by the functions here."""

from dataclasses import dataclass

from certificates.models import Batch

from .. import rules

SHEET_TITLE = "附件2"
EVIDENCE_SHEET_TITLE = "佐证材料"
EVIDENCE_NOTE = (
    "本页为平台导出的佐证材料（附件2未设的栏目：专业近3年招生、培训团队、省级确认情况），"
    "不属于打印盖章的汇总表；重新导入时平台会读取本页。"
)

# The header lines above the table, as the notice prints them.
UNIT_LABEL = "报送单位(盖章):"
CONTACT_LABEL = "联系人:"
PHONE_LABEL = "电话:"
EMAIL_LABEL = "邮箱:"

SUMMARY_HEADING = "总体情况"
NOTES_HEADING = "注:"
NOTE_TEMPLATES = [
    "报送单位为省级教育行政部门和国家开放大学",
    "“学校类型”栏填写中职、高职、本科层次职业教育试点学校或应用型本科",
    "“参与试点证书及等级”栏从{ordinal}启动试点的{count}个证书中选取填写,"
    "证书等级一般分初级、中级、高级",
    "“参与试点专业名称”栏列举该试点院校参与对应证书试点的全部专业名称",
    "“备注”栏填写国家或省级示范(骨干、优质)高等职业学校、国家中等职业教育改革发展示范学校、"
    "专业特色院校等,及其他需要说明的事项",
    "本表可另附页",
]


def title(batch: Batch) -> str:
    """第二批1+X证书制度试点院校情况汇总表"""
    return batch.attachment2_title


def notes(batch: Batch, certificates: int, *, numbered: bool = True) -> list[str]:
    """The notes under the table (`1. 报送单位…`, or without the numbers for a list that numbers
    them), note 3 naming the batch and how many certificates it has."""
    texts = [note.format(ordinal=batch.ordinal, count=certificates) for note in NOTE_TEMPLATES]
    return [f"{n}. {t}" for n, t in enumerate(texts, start=1)] if numbered else texts


# Separators of a list inside one cell when the portal writes it.
MAJOR_SEPARATOR = "、"
REMARK_SEPARATOR = "；"


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    # In Excel's character units (digits of the Normal font, certificates.xlsx.REFERENCE_FONT);
    # a Chinese character takes two. Attachment 2's eight sum to 153: one A4 landscape page wide
    # at 97%, 学校类型 wide enough for 本科层次职业教育试点学校 on two lines and 备注 for
    # 中国特色高水平高职学校建设单位 on one.
    width: int
    number: bool = False


# The importer recognises other wordings of these headings by meaning (headings.classify);
# a test holds that each heading here is recognised as its own column.
COLUMNS = [
    Column("index", "序号", 6),
    Column("school", "试点院校名称", 26),
    Column("school_type", "学校类型", 14),
    Column("certificate", "参与试点证书及等级", 28),
    Column("major_count", "参与试点专业数量", 10, True),
    Column("majors", "参与试点专业名称", 28),
    Column("student_count", "参与试点学生规模", 10, True),
    Column("remarks", "学校情况备注", 31),
]
COLUMN_BY_KEY = {c.key: c for c in COLUMNS}

# The summary lines under the table, with the Summary attribute each shows: the notice's
# words, kept with the rules (the pages show them too), headed by the batch (第二批…).
summary_lines = rules.summary_lines
# Where the summary's label and value stand: under 参与试点专业名称 and 参与试点学生规模,
# as in the notice's table.
SUMMARY_LABEL_COLUMN = 6
SUMMARY_VALUE_COLUMN = 7

EVIDENCE_COLUMNS = [
    Column("index", "序号", 6),
    Column("school", "试点院校名称", 26),
    Column("certificate", "证书", 20),
    Column("school_code", "学校标识码", 14),
    Column("enrolment", "专业近3年招生年份", 40),
    Column("team_size", "培训团队人数", 10, number=True),
    Column("dual_qualified_count", "“双师型”教师人数", 10, number=True),
    Column("industry_expert_count", "行业企业专家人数", 10, number=True),
    Column("innovation_team", "国家级教师教学创新团队", 10),
    # The conditions the province attests, named as the forms and the history name them.
    *(
        column
        for key, width in (
            ("training_experience", 8),
            ("teaching_resources", 8),
            ("facilities", 16),
            ("management", 8),
        )
        for column in (
            Column(key, rules.CONDITIONS[key].short, width),
            Column(f"{key}_note", f"{rules.CONDITIONS[key].short}说明", 20),
        )
    ),
]
# The headings those columns had before the glossary, which files exported then still carry.
EVIDENCE_EARLIER_HEADINGS = {
    "职业培训经验": "training_experience",
    "制度与管理": "management",
    "制度与管理说明": "management_note",
}
EVIDENCE_HEADER_ROW = 2

YES, NO, UNKNOWN = "是", "否", ""
