"""Finding Attachment 2's heading in a province's own table and recognising its columns by
meaning.

Provinces retype the notice's table: `学校全称` for 试点院校名称, `证书及级别` for
参与试点证书及等级, `参与试点学生规模/人`, a heading broken over two lines, or a group heading
merged over sub-headings (参与试点专业 over 数量 | 名称). A heading is normalised (full width,
spaces, line breaks, units such as （人）) and recognised by its key words, the way a person
reads it (`heading_words`); a fixed list of spellings would always miss the next province's.
This module finds the heading's line (or two lines) in the sheet, chooses one column per
meaning, and says how the heading was read.
"""

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from openpyxl.utils import get_column_letter

from certificates.grid import Grid

from . import layout
from .heading_words import (
    LEVEL_FLAGS,
    LEVELS,
    classify,
    expected_headings,
    heading_key,
    key_of,
    meaning,
)

__all__ = [
    "LEVELS",
    "LEVEL_FLAGS",
    "Header",
    "classify",
    "describe_headings_found",
    "find_header",
    "heading_key",
]

HEADER_SEARCH_LINES = 30

REQUIRED = {"school", "certificate"}
MIN_RECOGNISED = 4


@dataclass
class Header:
    """Where the table's heading is and which column holds what."""

    first_line: int
    line: int  # the last line of the heading: data follows it
    columns: dict[str, int]  # key -> the column read
    headings: dict[int, str]  # column -> heading as written ('参与试点专业/数量' for two lines)
    keys: dict[int, str | None]  # column -> what it was recognised as
    notes: list[str] = field(default_factory=list)

    def letter(self, key: str) -> str:
        column = self.columns.get(key)
        return get_column_letter(column) if column else ""


def _written(value: Any) -> str:
    return re.sub(r"\s+", "", str(value)) if value is not None else ""


def _line_headings(grid: Grid, line: int) -> dict[int, str]:
    """Each column's heading in one line; a heading merged across columns heads each."""
    width = max(grid.width(line), *(last for _, _, _, last in _merges_in(grid, line)), 0)
    headings = {}
    for column in range(1, width + 1):
        text = _written(grid.shown(line, column))
        if text:
            headings[column] = text
    return headings


def _merges_in(grid: Grid, line: int) -> list[tuple[int, int, int, int]]:
    return [m for m in grid.merges if m[0] <= line <= m[2]]


def _two_line_headings(grid: Grid, line: int) -> dict[int, tuple[str, str]] | None:
    """(group, sub-heading) per column when `line` and the next line form one heading: a
    group heading over sub-headings of its own (参与试点专业 over 数量 | 名称). None when the
    next line is not such a line of sub-headings (a row of data, most often)."""
    below = line + 1
    groups = _line_headings(grid, line)
    # A line of group headings has several headings of its own; a title merged across the
    # table, or the 报送单位 and 电话 lines, have none or one.
    texts = set(groups.values())
    recognised = sum(1 for group in texts if classify(group))
    if recognised < max(2, len(texts) / 2):
        return None
    subs: dict[int, str] = {}
    for column, value in grid.rows.get(below, {}).items():
        origin = grid.origin(below, column)
        if origin and origin[0] < below:
            continue  # a heading merged down over both lines (序号, 学校类型)
        if isinstance(value, int | float):
            return None  # a number: a row of data, not headings
        subs[column] = _written(value)
    subs = {c: s for c, s in subs.items() if s}
    if not subs:
        return None
    # A group heading typed once over its sub-headings without merging: it heads the empty
    # cells after it that have a sub-heading below.
    for column in sorted(subs):
        if column not in groups:
            left = max((c for c in groups if c < column), default=None)
            if left is not None and left in subs:
                groups[column] = groups[left]
    for column, sub in subs.items():
        if column not in groups or key_of(groups[column], sub) is None:
            return None
    return {c: (groups.get(c, ""), subs.get(c, "")) for c in sorted({*groups, *subs})}


@dataclass
class _Candidate:
    first_line: int
    line: int
    headings: dict[int, str]
    keys: dict[int, str | None]

    @property
    def recognised(self) -> set[str]:
        return {k for k in self.keys.values() if k}

    @property
    def acceptable(self) -> bool:
        found = self.recognised
        return found >= REQUIRED and len(found) >= MIN_RECOGNISED


def _candidates(grid: Grid, line: int) -> list[_Candidate]:
    found = []
    two = _two_line_headings(grid, line)
    if two is not None:
        found.append(
            _Candidate(
                line,
                line + 1,
                {c: f"{g}/{s}" if s and s != g else g for c, (g, s) in two.items()},
                {c: key_of(g, s) for c, (g, s) in two.items()},
            )
        )
    one = _line_headings(grid, line)
    found.append(_Candidate(line, line, one, {c: classify(h) for c, h in one.items()}))
    return found


def _readings(grid: Grid) -> Iterator[_Candidate]:
    """Each way the sheet's first lines may be read as a heading, top down."""
    for line in range(1, HEADER_SEARCH_LINES + 1):
        if line in grid.rows:
            yield from _candidates(grid, line)


def find_header(grid: Grid) -> Header | None:
    for candidate in _readings(grid):
        if candidate.acceptable:
            return _choose_columns(grid, candidate)
    return None


def describe_headings_found(grid: Grid) -> str:
    """For a table whose heading was not found: the line that looks most like one, its
    headings, those not understood, and what Attachment 2 has."""
    # The first of the readings that recognise the most headings, then have the most.
    best = max(_readings(grid), key=lambda c: (len(c.recognised), len(c.headings)), default=None)
    if best is None or not best.recognised:
        return ""
    found = "、".join(f"“{h}”" for h in best.headings.values())
    unknown = [f"“{h}”" for c, h in best.headings.items() if not best.keys.get(c)]
    parts = [f"第{best.first_line}行的栏目为{found}"]
    if unknown:
        parts.append(f"其中{'、'.join(unknown)}未能识别")
    missing = [
        column.header
        for column in layout.COLUMNS
        if column.key in REQUIRED and column.key not in best.recognised
    ]
    if missing:
        parts.append(f"缺少“{'”“'.join(missing)}”")
    return "；".join(parts) + f"。附件2的栏目为：{expected_headings()}。"


def _choose_columns(grid: Grid, candidate: _Candidate) -> Header:
    """One column per meaning: a visible column before a hidden helper column with the same
    meaning, and the first of two visible ones."""
    by_key: dict[str, list[int]] = {}
    for column in sorted(candidate.keys):
        key = candidate.keys[column]
        if key:
            by_key.setdefault(key, []).append(column)
    header = Header(
        candidate.first_line, candidate.line, {}, candidate.headings, candidate.keys, []
    )
    if candidate.line > candidate.first_line:
        lines = f"第{candidate.first_line}–{candidate.line}行"
        header.notes.append(f"表头为两行（{lines}），按上下两行合并读取。")
    for key, columns in by_key.items():
        visible = [c for c in columns if c not in grid.hidden_columns]
        header.columns[key] = visible[0] if visible else columns[0]
        header.notes += _choice_notes(grid, candidate, key, columns, header.columns[key])
    header.notes += _reading_notes(grid, candidate, header)
    return header


def _choice_notes(
    grid: Grid, candidate: _Candidate, key: str, columns: list[int], chosen: int
) -> list[str]:
    """The columns of the same meaning left unread, and a meaning read from a hidden column."""
    notes = []
    letter = get_column_letter(chosen)
    for other in columns:
        if other == chosen:
            continue
        hidden = "隐藏的" if other in grid.hidden_columns else ""
        notes.append(
            f"{hidden}{get_column_letter(other)}列“{candidate.headings[other]}”未读取："
            f"与{letter}列同为“{meaning(key)}”，按{letter}列读取。"
        )
    if chosen in grid.hidden_columns:
        notes.append(f"“{meaning(key)}”取自隐藏的{letter}列。")
    return notes


def _reading_notes(grid: Grid, candidate: _Candidate, header: Header) -> list[str]:
    """The columns read by meaning under other headings, those not understood, and those of
    Attachment 2 the file does not have."""
    notes = []
    renamed = [
        f"{get_column_letter(c)}列“{candidate.headings[c]}”读作“{meaning(key)}”"
        for key, c in header.columns.items()
        if heading_key(candidate.headings[c]) != heading_key(meaning(key))
    ]
    if renamed:
        notes.append(f"按含义识别的栏目：{'；'.join(renamed)}。")
    unknown = [
        f"{'隐藏的' if c in grid.hidden_columns else ''}{get_column_letter(c)}列“{h}”"
        for c, h in candidate.headings.items()
        if not candidate.keys.get(c)
    ]
    if unknown:
        notes.append(
            f"未能识别的栏目，其内容未导入：{'、'.join(unknown)}。"
            f"附件2的栏目为：{expected_headings()}。"
        )
    missing = [
        column.header
        for column in layout.COLUMNS
        if column.key not in header.columns
        and column.key != "index"
        and not (column.key == "certificate" and LEVELS in header.columns)
    ]
    if missing:
        notes.append(f"文件中没有以下栏目：{'、'.join(missing)}。")
    return notes
