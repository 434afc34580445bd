"""A row's majors: the list of them, the count that must match it, and condition 1's
enrolment in each of the last three years."""

from collections import Counter

from certificates.batch_words import enrolment_years as batch_enrolment_years
from certificates.models import Batch

from ..models import PilotRow
from .glossary import CONDITIONS
from .limits import MAX_MAJOR_NAME, MAX_MAJORS, too_long
from .problems import Problem, error


def enrolment_years(batch: Batch) -> list[int]:
    """The last three years of condition 1: for a 2019 filing, 2017, 2018 and 2019."""
    return batch_enrolment_years(batch.issued_on)


def major_problems(row: PilotRow, batch: Batch, *, judge_count: bool = True) -> list[Problem]:
    """`judge_count` False when the count is out of range, which is said once elsewhere."""
    majors = row.majors or []
    names = [str(m.get("name", "")).strip() for m in majors]
    return [
        *_list_problems(majors, names),
        *(_count_problems(row.major_count, len(majors)) if judge_count else []),
        *_enrolment_problems(majors, names, enrolment_years(batch)),
    ]


def _list_problems(majors: list[dict], names: list[str]) -> list[Problem]:
    problems = []
    if not majors:
        problems.append(error("no_major", "请至少填写一个参与试点专业。", "majors"))
    elif len(majors) > MAX_MAJORS:
        problems.append(
            error(
                "too_many_majors",
                f"一个证书最多填写 {MAX_MAJORS} 个专业，现有 {len(majors)} 个。",
                "majors",
            )
        )
    long_names = [name for name in names if len(name) > MAX_MAJOR_NAME]
    if long_names:
        what = f"专业名称“{long_names[0][:20]}…”"
        problems.append(too_long("major_name_long", what, long_names[0], MAX_MAJOR_NAME, "majors"))
    if any(not name for name in names):
        problems.append(error("major_name", "有专业未填写名称。", "majors"))
    repeated = sorted(name for name, n in Counter(names).items() if name and n > 1)
    if repeated:
        problems.append(error("major_repeated", f"专业重复填写：{'、'.join(repeated)}。", "majors"))
    return problems


def _count_problems(major_count: int | None, listed: int) -> list[Problem]:
    if major_count is None:
        return [error("major_count", "请填写参与试点专业数量。", "major_count")]
    if major_count != listed:
        message = f"参与试点专业数量填写为 {major_count}，但列出了 {listed} 个专业。"
        return [error("major_count", message, "major_count")]
    return []


def _enrolment_problems(majors: list[dict], names: list[str], years: list[int]) -> list[Problem]:
    """Condition 1 for each major: enrolled in each of `years`. Years not given yet are
    evidence to complete (Attachment 2 has no column for them)."""
    tag = CONDITIONS["enrolment"].tag
    problems = []
    for major, name in zip(majors, names, strict=True):
        enrolled = major.get("years")
        if enrolled is None:
            message = f"专业“{name}”缺少近3年（{years[0]}—{years[-1]}年）招生情况（{tag}）。"
            problems.append(error("enrolment_missing", message, "majors", missing=True))
            continue
        missing_years = [str(y) for y in years if y not in enrolled]
        if missing_years:
            message = (
                f"专业“{name}”{'、'.join(missing_years)}年未招生，不满足近3年连续招生（{tag}）。"
            )
            problems.append(error("enrolment", message, "majors"))
    return problems
