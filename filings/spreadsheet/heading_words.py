"""What one heading of a province's table means, recognised by its key words.

A heading is normalised (full width, spaces, line breaks, units such as （人）) and read by
its key words, the way a person reads it: `学校全称` is 试点院校名称 and `证书及级别` is
参与试点证书及等级. A sub-heading that says nothing by itself (名称, 数量) is read within its
group heading. Finding the heading in the sheet is `headings`' job.
"""

import re
from typing import Any

from certificates.cell_text import compact

from . import layout

# Keys of the columns a table may have besides those of layout.COLUMNS: the levels of a
# certificate in a column of their own, or one column per level marked ✓.
LEVELS = "levels"
LEVEL_FLAGS = {"初级": "level:junior", "中级": "level:intermediate", "高级": "level:senior"}

_UNIT = r"(?:人|个|所|名|项|门|人数|个数|单位:?人|单位:?个)"
_UNIT_SUFFIX = re.compile(rf"(?:\({_UNIT}\)|/{_UNIT}|:{_UNIT})$")
_NOT_OURS = re.compile(
    r"代码|标识码|编码|代号|地址|电话|手机|联系人|邮箱|所在地|地区|城市|市州|地市|区县|举办|主管"
)


def heading_key(value: Any) -> str:
    """A heading as compared: half width, no spaces or line breaks, no unit ('（人）', '/人'),
    no trailing colon or required-field star."""
    key = compact(value).strip("*:")
    previous = None
    while previous != key:
        previous, key = key, _UNIT_SUFFIX.sub("", key).strip("*:")
    return key


def classify(value: Any) -> str | None:
    """The column a heading means, by its key words; None when it means none of them (or is
    too bare to tell, like a sub-heading 名称 or 数量 read without its group)."""
    key = heading_key(value)
    if not key or _NOT_OURS.search(key):
        return None
    if "备注" in key or key.endswith("说明"):
        return "remarks"
    if key.startswith(("序号", "编号")) or key in ("序", "No", "NO", "No."):
        return "index"
    flag = LEVEL_FLAGS.get(key + "级" if len(key) == 1 else key)
    if flag:
        return flag  # a column per level, marked ✓ on the rows that take it
    if ("类型" in key or "类别" in key) and not re.search(r"证书|专业", key):
        return "school_type"
    has_level = "等级" in key or "级别" in key
    if "证书" in key or has_level:
        if has_level and re.search(r"证书.*[及和与、/+(].*(等级|级别)", key):
            return "certificate"
        return LEVELS if has_level else "certificate"
    if "专业" in key:
        return "major_count" if "数" in key else "majors"
    if re.search(r"学生|人数|规模|人次", key):
        return "student_count"
    if re.search(r"学校|院校", key) and "数" not in key:
        return "school"
    return None


def expected_headings() -> str:
    return "、".join(column.header for column in layout.COLUMNS)


# Sub-headings that say nothing without their group heading.
BARE_SUB_HEADINGS = {"名称", "全称", "数量", "数", "个数", "总数", "人数", "规模"}


def key_of(group: str, sub: str) -> str | None:
    """A sub-heading read within its group: 证书名称 is the certificate by itself; 数量 is a
    count of the group's subject (参与试点专业 + 数量). A unit line ('（人）') adds nothing."""
    key = heading_key(sub)
    if not key:
        return classify(group)
    if key in BARE_SUB_HEADINGS:
        return classify(group + key)
    return classify(sub)


def meaning(key: str) -> str:
    """What a column key means, as Attachment 2 names it."""
    if key in layout.COLUMN_BY_KEY:
        return layout.COLUMN_BY_KEY[key].header
    if key == LEVELS:
        return "证书等级"
    return next(label for label, flag in LEVEL_FLAGS.items() if flag == key)
