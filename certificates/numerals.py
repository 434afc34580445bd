"""Batch numbers as the notices write them: 第二批, 第十二批."""

import re

DIGITS = "零一二三四五六七八九"


def chinese_number(number: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 20 → 二十 (1–99)."""
    tens, ones = divmod(number, 10)
    if not tens:
        return DIGITS[ones]
    return f"{DIGITS[tens] if tens > 1 else ''}十{DIGITS[ones] if ones else ''}"


def batch_number_in(text: str) -> int | None:
    """The batch a title names (`第三批…` → 3, `第3批` → 3), or None."""
    found = re.search(r"第\s*([零一二三四五六七八九十]+|\d+)\s*批", text)
    if found is None:
        return None
    written = found.group(1)
    if written.isdigit():
        return int(written)
    tens, _, ones = written.rpartition("十")
    try:
        if "十" not in written:
            return DIGITS.index(written) if len(written) == 1 else None
        return (DIGITS.index(tens) if tens else 1) * 10 + (DIGITS.index(ones) if ones else 0)
    except ValueError:  # 第二十二十批: not a number
        return None
