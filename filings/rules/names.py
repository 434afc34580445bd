"""A school's name and type as the notice's table writes them: when two spellings name one
school, how a name is stored and shown, and which school types the pilot takes in. The form
and the importer both clean names here, so that a typed and an imported school compare."""

import re
import unicodedata

from ..models import SchoolType
from .problems import Problem, error

TECHNICIAN_SCHOOL = "技工学校"


# Characters that print as nothing: zero-width spaces and joiners, the soft hyphen, the byte
# order mark, direction controls (U+202E turns text around), variation selectors, Hangul
# fillers, and the control characters (NUL among them, which PostgreSQL cannot store). Text
# copied from web pages and chat carries them; left in a name they make five schools that all
# read 安全测试学院.
INVISIBLE = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5"
    "\u180b-\u180f\u200b-\u200f\u202a-\u202e\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff"
    "\uffa0\ufff9-\ufffb]"
)
INVISIBLE_IN_NAME = (
    "名称中含有看不见的字符（零宽空格、方向控制符等，常见于从网页或聊天软件复制的文字），"
    "已为您删除，请核对后再保存。"
)


def has_invisible(text: str) -> bool:
    return bool(INVISIBLE.search(text or ""))


def normalize_name(name: str) -> str:
    """The form under which two spellings of a school name are the same school.

    Full-width letters, digits and spaces become half-width (NFKC), surrounding spaces go,
    no space inside a Chinese name is meaningful, and characters that print as nothing are
    no part of it.
    """
    visible = INVISIBLE.sub("", unicodedata.normalize("NFKC", name or ""))
    return re.sub(r"\s+", "", visible)


_CJK = r"[\u3000-\u9fff\uf900-\ufaff\uff00-\uffef]"
_WRAPPED = re.compile(rf"(?<={_CJK})\s*[\r\n]\s*(?={_CJK})")


def clean_name(name: str) -> str:
    """The name as stored and shown: as written, surrounding spaces trimmed and runs of
    spaces folded into one. Official names keep their full-width brackets and letters
    (`（2校区）`); only `normalize_name` folds widths, to find two spellings of one school.
    A line break between two Chinese characters is where a cell wrapped, not a space;
    characters that print as nothing (INVISIBLE) are dropped."""
    text = _WRAPPED.sub("", INVISIBLE.sub("", name or ""))
    return re.sub(r"\s+", " ", text).strip()


def school_type_problem(value: str) -> Problem | None:
    if value in SchoolType.values:
        return None
    label = str(value or "").strip()
    if TECHNICIAN_SCHOOL in label:
        return error(
            "technician_school",
            f"学校类型“{label}”：技工学校不在本次试点范围（通知第二部分）。",
            "school_type",
        )
    return error(
        "school_type",
        f"学校类型“{label}”无效，应为中职、高职、本科层次职业教育试点学校或应用型本科。",
        "school_type",
    )


def school_type_label(value: str) -> str:
    """A school type as a message names it; a value that is no type, as written."""
    return SchoolType(value).label if value in SchoolType.values else str(value)
