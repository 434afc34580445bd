"""The notice's terms and the portal's own, explained once in the words the pages use.

The conditions and the summary lines come from the rules (filings.rules), so that a term is
named the same on the help page, beside a figure and in a rule's message. Pages explain a
term where it appears with `{% explain "表格版本" %}` (filings/templatetags/words.py).
"""

from dataclasses import dataclass

from certificates.models import Batch
from certificates.numerals import chinese_number

from .models import Filing, SubmittingUnit, UnitKind
from .rules import (
    CONDITIONS,
    MIN_DUAL_QUALIFIED_SHARE,
    MIN_INDUSTRY_EXPERT_SHARE,
    SUMMARY_FIGURES,
    Thresholds,
    summary_lines,
)
from .wording import percent


@dataclass(frozen=True)
class Term:
    name: str
    meaning: str


REVISION = "表格版本"
CONCENTRATION_INDEX = "集中度指数"
TOP_SHARE = "最大证书占比"
LATE = "逾期提交"
IN_EXTENSION = "延期内提交"
BEIJING_TIME = "北京时间"


def concentration_scale(certificates: int | None = None) -> str:
    """How to read a concentration index, said beside every one shown: an even spread over a
    batch's N certificates is 1/N (十个证书… 0.10; 400个证书… 0.0025)."""
    if not certificates:
        return "各证书平均分布时为 1/证书数，全部集中在一个证书时为 1"
    even = 1 / certificates
    # Ten and fewer in words, as prose writes a small count; two decimals while they say it.
    count = chinese_number(certificates) if certificates <= 10 else str(certificates)
    index = f"{even:.2f}" if even >= 0.01 else f"{even:.2g}"
    return f"{count}个证书平均分布时为 {index}，全部集中在一个证书时为 1"


def _concentration_index(batch: Batch | None, certificates: int | None) -> str:
    limits = Thresholds.of(batch) if batch else Thresholds.default()
    return (
        "各证书试点行占比的平方和（赫芬达尔指数，英文缩写 HHI）："
        f"{concentration_scale(certificates)}，数值越大越集中。试点行不少于 "
        f"{limits.min_rows} 行的单位，集中度指数超过 "
        f"{limits.max_hhi:.2f} 或最大证书占比超过 "
        f"{percent(limits.max_share)} 时提示“过于集中”"
        "（通知第三部分第1条：试点不宜过度集中在个别领域）。"
    )


def _portal_terms(batch: Batch | None, certificates: int | None) -> list[Term]:
    return [
        Term(
            REVISION,
            "汇总表的修改次数编号：表头或任何一行每保存一次修改，版本号加 1，所以编辑几分钟后"
            "版本号可能已是两位数。导出、打印的表和上传的盖章扫描件都标有版本号，用来核对扫描件"
            "是否对应平台上的当前表格；版本变了，须重新打印、盖章并上传。",
        ),
        Term(CONCENTRATION_INDEX, _concentration_index(batch, certificates)),
        Term(TOP_SHARE, "试点行最多的证书占本单位全部试点行的比例。"),
        Term(LATE, "在适用的截止时间（批次截止时间，或职教所为本单位延期后的时间）之后提交。"),
        Term(IN_EXTENSION, "批次截止时间已过，但在职教所为本单位延期的时间内提交，不算逾期。"),
        Term(BEIJING_TIME, "平台页面、导出的表格和邮件中的时间均为北京时间（UTC+8）。"),
        Term(
            "占比",
            "按实际比例判断是否达到要求；显示时保留一位小数并舍去其后的数字（不进位），"
            "如 199/400 显示为 49.7%。",
        ),
    ]


def _notice_terms(batch: Batch | None) -> list[Term]:
    """The five conditions of section 二 (condition 1 has two parts) and the summary block."""
    first = [CONDITIONS["enrolment"], CONDITIONS["training_experience"]]
    terms = [Term(first[0].tag, "，".join(c.name for c in first) + "。")]
    terms += [
        Term(c.tag, c.name + "。")
        for key, c in CONDITIONS.items()
        if key not in ("enrolment", "training_experience")
    ]
    terms.append(
        Term(
            "“双师型”教师、行业企业专家",
            f"培训团队中“双师型”教师不低于 {percent(MIN_DUAL_QUALIFIED_SHARE)}，"
            f"行业企业专家不低于 {percent(MIN_INDUSTRY_EXPERT_SHARE)}"
            f"（{CONDITIONS['team'].tag}）。",
        )
    )
    lines = "、".join(name for name, _ in (summary_lines(batch) if batch else SUMMARY_FIGURES))
    terms.append(Term("总体情况", f"汇总表下方的五项：{lines}。"))
    return terms


def glossary(batch: Batch | None = None, certificates: int | None = None) -> list[Term]:
    """Every term, the notice's first; in the words of `batch` with its number of
    `certificates` where given (the summary's labels, the concentration's thresholds and scale)."""
    return _notice_terms(batch) + _portal_terms(batch, certificates)


def meaning(name: str, batch: Batch | None = None, certificates: int | None = None) -> str:
    return next(term.meaning for term in glossary(batch, certificates) if term.name == name)


def in_extension(filing: Filing) -> bool:
    """Submitted after the batch's deadline but within the extension a reviewer granted."""
    submitted = filing.submitted_at
    return bool(submitted and submitted > filing.batch.filing_deadline and not filing.is_late)


def submission_timing(filing: Filing) -> str:
    """How a submission stands to its deadline: 逾期提交, 延期内提交, or "" when in time."""
    if filing.is_late:
        return LATE
    return IN_EXTENSION if in_extension(filing) else ""


# Attachment 2 is stamped by the submitting unit itself: the notice says 省厅公章 for the
# provincial departments; the Corps' education bureau and the Open University stamp with their own.
STAMPS = {
    UnitKind.PROVINCE: "省级教育行政部门公章（省厅公章）",
    UnitKind.CORPS: "新疆生产建设兵团教育局公章",
    UnitKind.OPEN_UNIVERSITY: "国家开放大学公章",
}


def stamp(unit: SubmittingUnit) -> str:
    """Whose seal goes on the printed table of `unit`."""
    return STAMPS.get(unit.kind, "本单位公章")


STAMP_FOR_EVERY_KIND = (
    "省级教育行政部门加盖省厅公章，新疆生产建设兵团教育局、国家开放大学加盖本单位公章"
)
