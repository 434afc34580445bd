"""A spreadsheet cell's text, cleaned the way a person reads it.

People type the notice's tables in WPS or Excel: full-width digits (`０１０－５８５５６７４６`),
a long address or e-mail broken over two lines of its cell, two phones in one cell separated
by a line break, `、` or a space, a stray space inside a value (the notice's own PDF has
`0531-8290271 8` and `guoyc@cailian. net`). These helpers undo that without guessing beyond
what the value's own format allows.
"""

import re
import unicodedata
from collections.abc import Callable
from typing import Any

# Separators between several values in one cell.
_SEPARATORS = re.compile(r"[\s,，、;；/]+")
# Full-width letters and digits (Ａ-Ｚ, ａ-ｚ, ０-９) and the dashes people put in phones.
_FULL_WIDTH_ALNUM = re.compile(r"[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]")
_DASHES = re.compile(r"[\u2010-\u2015\u2212\uff0d\u30fc]")
_CJK = r"\u3000-\u303f\u3400-\u9fff\uff00-\uffef"
# The longest run of fragments joined into one value (`0531-8290271` + `8`).
MAX_FRAGMENTS = 4


def compact(value: Any) -> str:
    """Half width, no spaces or line breaks: how two headings are compared."""
    if value is None:
        return ""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", str(value)))


def cell_string(value: Any) -> str:
    """A cell's value as text: a number typed into a cell (a mobile, a postcode) loses the
    `.0` that a float would print."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def clean_text(value: Any) -> str:
    """One value written in words (a name, an address): full-width letters and digits made
    half width (full-width brackets and punctuation stay as written), a line break or space
    next to a Chinese character dropped (a cell's text wrapped by hand), other runs of
    spaces made one."""
    text = _FULL_WIDTH_ALNUM.sub(lambda m: chr(ord(m.group()) - 0xFEE0), cell_string(value))
    text = re.sub(rf"\s+(?=[{_CJK}])|(?<=[{_CJK}])\s+", "", text.strip())
    return re.sub(r"\s+", " ", text)


def clean_code(value: Any) -> str:
    """A value written in digits and Latin letters (a phone, an e-mail, a postcode): half
    width, one kind of hyphen, no spaces."""
    text = unicodedata.normalize("NFKC", cell_string(value))
    return re.sub(r"\s+", "", _DASHES.sub("-", text))


def split_values(value: Any, is_valid: Callable[[str], bool] | None = None) -> list[str]:
    """Several values in one cell. With `is_valid`, fragments of one value broken by a
    stray space or line break are joined again: at each fragment, the longest run of
    fragments that makes a valid value is taken; a fragment valid with none is kept as it
    is (and reported by the caller's validation)."""
    text = unicodedata.normalize("NFKC", cell_string(value))
    fragments = [_DASHES.sub("-", f) for f in _SEPARATORS.split(text) if f]
    if is_valid is None:
        return fragments
    values = []
    start = 0
    while start < len(fragments):
        end = start + 1
        for stop in range(min(len(fragments), start + MAX_FRAGMENTS), start, -1):
            if is_valid("".join(fragments[start:stop])):
                end = stop
                break
        values.append("".join(fragments[start:end]))
        start = end
    return values
