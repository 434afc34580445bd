"""The lines of a province's table that are not pilot schools: the 总体情况 block and the
notes that end the table, 合计 lines, and the 填表人/审核人/日期/盖章 lines of its foot. A
person reading the table skips them; so does the importer, each with a note in the preview."""

import re
from datetime import date, datetime

from certificates.grid import Grid

from . import layout
from .headings import Header
from .parsing import compact

END, TOTAL, FOOTER = "end", "total", "footer"
END_MARKS = ("试点学生总规模", "试点院校总规模", "试点院校数量")
TOTAL_LINE = re.compile(r"(合计|总计|小计|共计|累计|汇总|全省合计|全区合计|全市合计|共\d+所)")
FOOTER_LINE = re.compile(
    r"(填表人|填报人|制表人|审核人|审核|审批人|复核人|负责人|单位负责人|分管领导|主管领导|经办人"
    r"|联系人|联系电话|电话|手机|邮箱|电子邮箱|填表日期|填报日期|报送日期|制表日期|日期|时间"
    r"|单位盖章|盖章|\(盖章\)|签字|签名|签章|报送单位)"
)
DATE_TEXT = re.compile(r"\d{4}(年\d{1,2}月(\d{1,2}日)?|[-./]\d{1,2}[-./]\d{1,2})")


def line_kind(grid: Grid, line: int, header: Header) -> str | None:
    """END for the 总体情况 block or the notes (the table is over), TOTAL for a 合计 line,
    FOOTER for 填表人/审核人/日期/盖章 lines, None for a line that may be a school's row."""
    values = [v for _, v in sorted(grid.rows.get(line, {}).items())]
    texts = [t for t in (compact(v) for v in values) if t]
    first = texts[0] if texts else ""
    if (
        first.startswith(layout.SUMMARY_HEADING)
        or any(mark in t for t in texts for mark in END_MARKS)
        or re.match(r"注(:|\d|$)", first)
    ):
        return END
    labels = [
        compact(grid.shown(line, header.columns[key]))
        for key in ("index", "school", "school_type", "certificate")
        if key in header.columns
    ]
    if any(TOTAL_LINE.match(t) for t in (first, *labels) if t):
        return TOTAL
    if FOOTER_LINE.match(first) or all(
        isinstance(v, date | datetime) or DATE_TEXT.fullmatch(compact(v)) for v in values
    ):
        return FOOTER
    return None


def lines_text(lines: list[int]) -> str:
    """[5, 6, 7, 10] → '5–7、10'."""
    runs: list[list[int]] = []
    for line in lines:
        if runs and line == runs[-1][-1] + 1:
            runs[-1].append(line)
        else:
            runs.append([line])
    parts = [f"{r[0]}–{r[-1]}" if len(r) > 1 else str(r[0]) for r in runs[:20]]
    more = f"等（共{len(lines)}行）" if len(runs) > 20 else ""
    return "、".join(parts) + more


SKIPPED = {
    TOTAL: "第{lines}行是合计行，未作为试点院校读取。",
    FOOTER: "第{lines}行是表尾的填表人、日期、盖章等信息，未作为试点院校读取。",
    "hidden": "第{lines}行在表中是隐藏的，未导入；如需导入，请在 Excel 中取消隐藏后重新上传。",
    "filtered": "表格设置了筛选，第{lines}行被筛选隐藏，已一并读取。",
}
