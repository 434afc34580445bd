"""Finding Attachment 1's heading in a batch notice's table, and its columns by meaning.

The notice's table has nine columns (培训评价组织名称 … 邮政编码). A retyped copy says
`评价组织`, `证书名称`, `联系电话`, `E-mail`, `邮编`, breaks a heading over two lines of its
cell, or puts a group heading over sub-headings (联系人 over 姓名 | 手机). Headings are read
by their key words, as the Attachment 2 importer reads its own (filings.spreadsheet.headings);
the table may have title lines above its heading, and an optional 等级 column.
"""

import re
from dataclasses import dataclass, field

from openpyxl.utils import get_column_letter

from .cell_text import compact
from .grid import Grid

HEADER_SEARCH_LINES = 30

# key -> the heading of the notice's own table
HEADINGS = {
    "organization": "培训评价组织名称",
    "certificate": "职业技能等级证书名称",
    "contacts": "联系人",
    "office_phones": "办公电话",
    "mobiles": "手机",
    "fax": "传真",
    "emails": "电子邮箱",
    "address": "通讯地址",
    "postcode": "邮政编码",
    "levels": "等级",
}
OPTIONAL = {"levels"}
REQUIRED = set(HEADINGS) - OPTIONAL
# Sub-headings that say nothing without their group heading (联系人 over 姓名 | 手机).
BARE_SUB_HEADINGS = {"名称", "全称", "姓名", "号码"}

_RULES = [
    ("postcode", r"邮编|邮政编码"),
    ("emails", r"邮箱|e-?mail|电子邮件"),
    ("fax", r"传真"),
    ("mobiles", r"手机|移动电话"),
    ("office_phones", r"电话|座机"),
    ("address", r"地址"),
    ("levels", r"(等级|级别)$"),
    ("certificate", r"证书"),
    ("organization", r"组织|机构"),
    ("contacts", r"联系人|姓名"),
]


def classify(value: object) -> str | None:
    """The column a heading means, or None (序号, 备注, a heading of something else)."""
    key = compact(value).strip("*:").casefold()
    if not key or key.startswith(("序号", "编号", "备注")):
        return None
    if key == "证书等级":
        return "levels"
    for name, pattern in _RULES:
        if re.search(pattern, key):
            return name
    return None


@dataclass
class Header:
    first_line: int
    line: int  # the last line of the heading: data follows it
    columns: dict[str, int]  # key -> the column read
    notes: list[str] = field(default_factory=list)

    @property
    def missing(self) -> list[str]:
        return [HEADINGS[key] for key in HEADINGS if key in REQUIRED and key not in self.columns]


def _one_line(grid: Grid, line: int) -> dict[int, str | None]:
    return {column: classify(value) for column, value in grid.rows.get(line, {}).items()}


def _two_lines(grid: Grid, line: int) -> dict[int, str | None] | None:
    """Keys per column when `line` holds group headings over sub-headings on the next line;
    None when the next line is not all sub-headings (a row of data, most often)."""
    below = line + 1
    # A line of group headings has several of its own; a title merged across has one.
    if len({classify(v) for v in grid.rows[line].values()} - {None}) < 2:
        return None
    keys = {}
    width = max(grid.width(line), grid.width(below))
    for column in range(1, width + 1):
        group = grid.shown(line, column)
        origin = grid.origin(below, column)
        sub = None if origin and origin[0] < below else grid.value(below, column)
        if sub is None:
            keys[column] = classify(group)
            continue
        if compact(sub) in BARE_SUB_HEADINGS:
            keys[column] = classify(f"{compact(group)}{compact(sub)}")
        else:
            keys[column] = classify(sub)
        if keys[column] is None:
            return None
    return keys


def _header(grid: Grid, first: int, last: int, keys: dict[int, str | None]) -> Header:
    """One column per meaning: a visible column before a hidden one, the first of two."""
    header = Header(first, last, {})
    for column in sorted(keys):
        key = keys[column]
        if key is None:
            continue
        chosen = header.columns.get(key)
        if chosen is None or (chosen in grid.hidden_columns and column not in grid.hidden_columns):
            header.columns[key] = column
    for column, key in sorted(keys.items()):
        if key and header.columns[key] != column:
            header.notes.append(
                f"{get_column_letter(column)}列与{get_column_letter(header.columns[key])}列"
                f"同为“{HEADINGS[key]}”，未读取。"
            )
    if last > first:
        header.notes.append(f"表头为两行（第 {first}–{last} 行），按上下两行合并读取。")
    return header


def find_header(grid: Grid) -> Header | None:
    """The first line (or two lines) from the top with the organization's and the
    certificate's columns and at least four recognised columns; title lines above are
    passed over."""
    for line in range(1, HEADER_SEARCH_LINES + 1):
        if line not in grid.rows:
            continue
        readings = [(line, _one_line(grid, line))]
        two = _two_lines(grid, line) if line + 1 in grid.rows else None
        if two is not None:
            readings.insert(0, (line + 1, two))
        for last, keys in readings:
            found = {key for key in keys.values() if key}
            if {"organization", "certificate"} <= found and len(found) >= 4:
                return _header(grid, line, last, keys)
    return None
