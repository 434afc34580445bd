"""How wide and how tall text prints in a spreadsheet cell, as far as row heights need.

No spreadsheet program can be relied on to give a row the height of its wrapped text
(LibreOffice prints a row without a height at the default height, whatever its text: issue
#9), so the exports compute each row's height before they write it: a character-width sum,
no font files. certificates.xlsx holds the instances for the fonts the exports use.
"""

import math
import re
from collections.abc import Iterable
from typing import Any

# Widths are in column-width units: the width of a digit of REFERENCE_FONT, 5.25 pt in Excel
# (the narrower of the two programs). Heights are in points.
POINTS_PER_UNIT = 5.25
# Excel keeps 5 pixels of each column for padding: a little under one unit.
COLUMN_PADDING = 1.0
# Points per line of wrapped text for each point of font size: Noto Sans CJK, which LibreOffice
# substitutes for 宋体 (and falls back on for Chinese text in Arial), spans 1.448 em from
# ascender to descender; SimSun in Excel is shorter.
LINE_PITCH = 1.46
ROW_PADDING = 4.0  # points above and below the lines
MAX_ROW_HEIGHT = 409.0  # Excel's limit

# A line may not start with a closing mark nor end with an opening one: the program carries
# the character before it to the next line (禁则). Latin words are not broken.
NO_LINE_START = frozenset("、，。；：？！）》」』】〕〉”’…,.;:?!)]}%")
NO_LINE_END = frozenset("（《「『【〔〈“‘([{")
TOKENS = re.compile(r"[!-~]+| +|[^!-~ ]")


def _ascii_count(text: str) -> int:
    return len(text.encode("ascii", "ignore"))


def display_width(text: str) -> int:
    """Width of one line in Excel's character units: non-ASCII characters count twice (Chinese
    characters are wide; the few narrow non-ASCII ones are counted wide, which only errs on the
    side of room)."""
    return 2 * len(text) - _ascii_count(text)


class TextMetrics:
    """How wide and how tall a font prints, as far as row heights need: a Chinese character
    is one em (a character-width sum, no font files); Latin letters and digits `latin_em` each,
    the wider of the fonts that may print them."""

    def __init__(self, size: float, latin_em: float) -> None:
        self.size = size
        self.wide = size / POINTS_PER_UNIT
        self.narrow = latin_em * size / POINTS_PER_UNIT

    def width(self, text: str) -> float:
        """Printed width of one line of text, in column-width units."""
        latin = _ascii_count(text)
        return self.wide * (len(text) - latin) + self.narrow * latin

    def sure_fit(self, column_width: float) -> int:
        """How many characters fit one line of the column even if every one is wide."""
        return int(max(column_width - COLUMN_PADDING, 1.0) // self.wide)

    def lines(self, value: Any, column_width: float) -> int:
        """How many lines a wrapped cell takes in a column of the given width (a merged
        cell's is the sum of its columns)."""
        if type(value) is not str:
            return 1  # a number, a date, nothing: short, never wrapped
        room = max(column_width - COLUMN_PADDING, 1.0)
        if "\n" in value:
            return sum(self._paragraph(line, room) for line in value.split("\n"))
        return self._paragraph(value, room)

    def _paragraph(self, text: str, room: float) -> int:
        length = len(text)
        if length * self.wide <= room:
            return 1  # fits even if every character is wide: most cells end here
        latin = _ascii_count(text)
        if not latin:
            return self._wrapped_wide(text, room)
        if self.wide * (length - latin) + self.narrow * latin <= room:
            return 1
        return self._wrapped(text, room)

    def _wrapped_wide(self, text: str, room: float) -> int:
        """Lines of a paragraph of Chinese characters and marks only (the usual long cell, a
        list of majors), counted a line at a time: a line holds as many characters as fit, one
        fewer where the break would start a line with a closing mark or end one with an opening
        mark."""
        per_line = max(int(room // self.wide), 1)
        lines, start, length = 1, 0, len(text)
        while length - start > per_line:
            end = start + per_line
            if per_line > 1 and (text[end] in NO_LINE_START or text[end - 1] in NO_LINE_END):
                end -= 1
            start = end
            lines += 1
        return lines

    def _wrapped(self, text: str, room: float) -> int:
        """Lines of a paragraph with Latin in it, wrapped into `room` units as a spreadsheet
        program breaks it: anywhere between Chinese characters, between Latin words, never
        before a closing mark or after an opening one."""
        lines, used, previous, previous_width = 1, 0.0, "", 0.0
        wide, narrow = self.wide, self.narrow
        for token in TOKENS.findall(text):
            # A token is one Chinese (non-ASCII) character, or a run of Latin or of spaces.
            width = wide if token > "~" else narrow * len(token)
            if token[0] == " ":
                used += width  # spaces may hang past the end of a line
            elif used + width <= room:
                used += width
            elif width > room:
                # A Latin word longer than a line starts a line and is broken where it must.
                extra = math.ceil(width / room) - 1
                lines += extra + (1 if used > 0 else 0)
                used = width - extra * room
            else:
                lines += 1
                carried = token in NO_LINE_START or previous in NO_LINE_END
                used = width + (previous_width if carried and previous_width < room else 0)
            previous, previous_width = token, width
        return lines

    def height(self, lines: int = 1) -> float:
        """Points for a row of `lines` lines."""
        return min(round(lines * LINE_PITCH * self.size + ROW_PADDING, 1), MAX_ROW_HEIGHT)

    def row_height(self, values: Iterable[Any], widths: Iterable[float]) -> float:
        """The height of a row whose cells hold `values` in columns of `widths`."""
        lines = max((self.lines(v, w) for v, w in zip(values, widths, strict=False)), default=1)
        return self.height(lines)
