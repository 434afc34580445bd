"""The row-height model (certificates.text_metrics.TextMetrics): lines counted from the text and the
column width, as a spreadsheet program breaks them. The printing tests check it against
LibreOffice; these pin its arithmetic."""

import random

import pytest

from certificates.xlsx import ARIAL, SONG, SONG_TITLE

MARKS = "、，（）；"


@pytest.mark.parametrize(
    ("text", "width", "lines"),
    [
        ("高职", 14, 1),
        # 13 units of room hold six characters of 五号 宋体 (12 units), 11 hold five.
        ("本科层次职业教育试点学校", 14, 2),
        ("本科层次职业教育试点学校", 12, 3),
        # A closing mark never starts a line: the character before it comes along.
        ("一二三四五六（七）", 8, 3),
        ("中国特色高水平高职学校建设单位", 31, 1),
        ("中国特色高水平高职学校建设单位", 30, 2),
        # Latin letters are counted 1.25 units; a word is not broken.
        ("zhangmin.jiaoyuting@hbe.gov.cn", 40, 1),
        ("电话 027-87328057", 16, 2),
        ("电话 027-87328057", 22, 1),
        # Paragraphs add up.
        ("杨东飞\n秦刚强", 10, 2),
        (120, 4, 1),
        (None, 4, 1),
        ("", 4, 1),
    ],
)
def test_lines_of_a_cell(text, width, lines):
    assert SONG.lines(text, width) == lines


def test_the_shortcut_for_chinese_text_counts_as_the_walk_does():
    rng = random.Random(9)
    alphabet = "电子商务市场营销移动网络跨境国际经济与贸易物流管理" + MARKS
    for _ in range(2000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 120)))
        width = rng.randint(3, 40)
        room = width - 1
        for metrics in (SONG, ARIAL, SONG_TITLE):
            # Columns at least two characters wide: a narrower one is no column for text.
            if room >= 2 * metrics.wide and len(text) * metrics.wide > room:
                assert metrics._wrapped_wide(text, room) == metrics._wrapped(text, room), (
                    text,
                    width,
                )


def test_heights_grow_with_the_lines_and_the_font():
    assert SONG.height(1) < SONG.height(2) < SONG.height(3)
    assert SONG.height(1) >= 1.448 * 10.5  # one line of Noto Sans CJK at 五号
    assert SONG_TITLE.height(1) > SONG.height(1)
    assert SONG.height(100) == 409  # Excel's limit
    # Four characters a line in a column of 10: thirty take eight lines.
    assert SONG.row_height(["一", "一" * 30, 3], [10, 10, 10]) == SONG.height(8)
