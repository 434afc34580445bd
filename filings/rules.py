"""The notice's rules for a filing, in one place.

Forms, the importer, management commands and views all call these functions; none of them
needs a request. A rule returns problems rather than raising, so that a page or an import
preview can show every problem at once. Errors block submission; warnings must be
acknowledged when submitting.
"""

import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from fractions import Fraction

from django.conf import settings

from certificates.models import Batch

from .models import Facilities, Filing, PilotRow, School, SchoolType

# Condition 3 of section 二.
MIN_DUAL_QUALIFIED_SHARE = Fraction(1, 2)
MIN_INDUSTRY_EXPERT_SHARE = Fraction(1, 5)


# --- the notice's words -----------------------------------------------------------------------
# One glossary: the forms, the history, the exports and the messages name things so.


@dataclass(frozen=True)
class Condition:
    """One of the five conditions of section 二 that a pilot school should meet."""

    number: int
    name: str  # in full: a form's label, a problem's message
    short: str  # in a list, a history entry, a column heading

    @property
    def tag(self) -> str:
        return f"条件{self.number}"

    @property
    def label(self) -> str:
        return f"{self.name}（{self.tag}）"


# By what carries each in a row; condition 1 has two parts, the enrolment and the training.
CONDITIONS = {
    "enrolment": Condition(1, "专业近3年连续招生", "近3年招生"),
    "training_experience": Condition(1, "具备相关领域职业培训经验", "培训经验"),
    "teaching_resources": Condition(
        2, "人才培养方案完备、落实国家教学标准、教学资源满足需要", "教学资源"
    ),
    "team": Condition(3, "培训团队“双师型”教师、行业企业专家比例达到要求", "培训团队"),
    "facilities": Condition(4, "教学条件和实习实训设施设备", "实训设施"),
    "management": Condition(5, "制度体系健全、教学管理规范、团队保障有力", "管理保障"),
}
# The conditions the province answers yes or no for each row (condition 4 has its own choices).
ATTESTED = ("training_experience", "teaching_resources", "management")

# 确认 names two acts the code keeps apart: the province's attestation of a row's conditions
# (备案、确认, section 三.3: `attest`, `training_experience = True`) and the national
# reviewer's acceptance of a submitted filing (退回 / 确认: `accept`, FilingState.ACCEPTED).
NOT_ATTESTED = "未确认"  # a condition the province has not answered yet


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class Problem:
    severity: Severity
    code: str
    message: str
    field: str = ""
    # True for evidence the table itself does not carry (teachers, enrolment years):
    # imported rows come without it and are completed on the filing page.
    missing_evidence: bool = False

    @property
    def is_error(self) -> bool:
        return self.severity == Severity.ERROR

    @property
    def blocks_saving(self) -> bool:
        """An error no row may be stored with, typed or imported alike. Evidence still to
        complete is an error too, but blocks only the submission: a province that imports
        its table must be able to correct one figure before it has the teachers' numbers."""
        return self.is_error and not self.missing_evidence


def _error(code: str, message: str, field: str = "", missing: bool = False) -> Problem:
    return Problem(Severity.ERROR, code, message, field, missing)


def _warning(code: str, message: str, field: str = "") -> Problem:
    return Problem(Severity.WARNING, code, message, field)


# --- names, types and contact details -------------------------------------------------------

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
        return _error(
            "technician_school",
            f"学校类型“{label}”：技工学校不在本次试点范围（通知第二部分）。",
            "school_type",
        )
    return _error(
        "school_type",
        f"学校类型“{label}”无效，应为中职、高职、本科层次职业教育试点学校或应用型本科。",
        "school_type",
    )


# --- limits -----------------------------------------------------------------------------------
# The form and the importer refuse the same values: what one lets in, the other saves.

# The largest count a row may hold (students, majors, a training team): larger than any real
# school's figure, and within every database's integer column (PostgreSQL's stops at 2³¹−1).
MAX_COUNT = 1_000_000
MAX_MAJORS = 30  # majors of one school in one certificate
MAX_MAJOR_NAME = 50
MAX_SCHOOL_NAME = 100  # School.name's column
MAX_REMARKS = 500
MAX_NOTE = 200  # the notes beside the attested conditions (PilotRow.*_note columns)
MAX_CONTACT_NAME = 50  # Filing.contact_name's column

COUNT_LABELS = {
    "major_count": "参与试点专业数量",
    "student_count": "参与试点学生规模",
    "team_size": "培训团队人数",
    "dual_qualified_count": "“双师型”教师人数",
    "industry_expert_count": "行业企业专家人数",
}


def count_too_large(what: str, value: object) -> str:
    return f"{what}“{value}”过大，请核实（最多 {MAX_COUNT:,}）。"


def count_negative(what: str, value: object) -> str:
    return f"{what}“{value}”不能为负数。"


CONTACT_PHONE_RE = re.compile(r"^(0\d{2,3}-?\d{7,8}(-\d{1,6})?|1[3-9]\d{9}|400-?\d{3}-?\d{4})$")
# What people put into a phone number that is not part of it: spaces, brackets around the
# area code, and dashes of every width (`027—87328057`, `027－87328057`).
_PHONE_NOISE = re.compile(r"[\s()（）]")
_PHONE_DASHES = re.compile(r"[\u2010-\u2015\u2212\ufe58\ufe63\uff0d]")


def normalize_phone(value: str) -> str:
    """A phone number as stored: without spaces and brackets, every dash a hyphen."""
    return _PHONE_DASHES.sub("-", _PHONE_NOISE.sub("", value or ""))


def is_contact_phone(value: str) -> bool:
    """A landline (with optional extension), a 400 number or a mobile."""
    return CONTACT_PHONE_RE.fullmatch(value or "") is not None


PHONE_INVALID = "电话格式不正确：请填写固定电话（如 027-87328057）或11位手机号码。"


def phone_problem(value: str, field: str = "contact_phone") -> Problem | None:
    """`value` as normalize_phone left it."""
    if value and not is_contact_phone(value):
        return _error("header_phone", PHONE_INVALID, field)
    return None


def school_problems(school: School) -> list[Problem]:
    """What the school's own cells may not hold: its name and its remarks (the remarks as
    stored, without the status categories recognised in them)."""
    problems = []
    name = school.name or ""
    if not name.strip():
        problems.append(_error("school_name", "请填写试点院校名称。", "name"))
    elif len(name) > MAX_SCHOOL_NAME:
        problems.append(
            _too_long("school_name_long", "试点院校名称", name, MAX_SCHOOL_NAME, "name")
        )
    remarks = school.remarks or ""
    if len(remarks) > MAX_REMARKS:
        problems.append(_too_long("remarks_long", "学校情况备注", remarks, MAX_REMARKS, "remarks"))
    return problems


def _too_long(code: str, what: str, text: str, limit: int, field: str) -> Problem:
    return _error(code, f"{what}过长（{len(text)}个字，最多{limit}个字）。", field)


def count_problems(row: PilotRow) -> list[Problem]:
    """Counts out of range. A student number below one is the students rule's to judge."""
    problems = []
    for field, label in COUNT_LABELS.items():
        value = getattr(row, field)
        if value is None:
            continue
        if value > MAX_COUNT:
            problems.append(_error("count_too_large", count_too_large(label, value), field))
        elif value < 0 and field != "student_count":
            problems.append(_error("count_negative", count_negative(label, value), field))
    return problems


# --- the summary block ------------------------------------------------------------------------

# The five lines under Attachment 2's table (总体情况), each with the summary.Summary figure
# it shows: 本科 counts both undergraduate types, 总规模 counts distinct schools.
SUMMARY_LINES = [
    ("第二批试点学生总规模", "students"),
    ("第二批试点院校数量(中职)", "secondary_schools"),
    ("第二批试点院校数量(高职)", "higher_schools"),
    ("第二批试点院校数量(本科)", "undergraduate_schools"),
    ("第二批试点院校总规模", "schools"),
]


# --- one row ---------------------------------------------------------------------------------


def enrolment_years(batch: Batch) -> list[int]:
    """The last three years of condition 1: for a 2019 filing, 2017, 2018 and 2019."""
    year = batch.issued_on.year
    return [year - 2, year - 1, year]


def _percent(part: int, whole: int) -> str:
    """Truncated to a tenth, never rounded up: 199/400 is "49.7", not a "50" that is then
    called too low."""
    tenths = 1000 * part // whole
    return f"{tenths // 10}" if tenths % 10 == 0 else f"{tenths // 10}.{tenths % 10}"


def _share(part: int, whole: int) -> str:
    return f"{_percent(part, whole)}%（{part}/{whole}）"


def _floor(share: Fraction) -> str:
    """A minimum share as the notice writes it: 50%."""
    return f"{_percent(share.numerator, share.denominator)}%"


def check_row(row: PilotRow, *, batch: Batch) -> list[Problem]:
    """Everything wrong or doubtful in one school-certificate row."""
    problems: list[Problem] = []
    school = row.school

    type_problem = school_type_problem(school.school_type)
    if type_problem:
        problems.append(type_problem)

    if row.certificate_id is None or row.certificate.batch_id != batch.pk:
        problems.append(_error("certificate", f"证书不属于{batch.name}的10个证书。", "certificate"))
    if not row.levels:
        problems.append(_error("no_level", "至少选择一个证书等级（初级、中级、高级）。", "levels"))

    counts = count_problems(row)
    problems += counts
    # A figure out of range is said once: judging it further would only repeat it.
    out_of_range = {p.field for p in counts}
    problems += _major_problems(row, batch, judge_count="major_count" not in out_of_range)

    if "student_count" in out_of_range:
        pass
    elif row.student_count is None:
        problems.append(_error("students", "请填写参与试点学生规模。", "student_count"))
    elif row.student_count <= 0:
        problems.append(
            _error(
                "students",
                f"参与试点学生规模应为正整数，现为 {row.student_count}。",
                "student_count",
            )
        )

    if not out_of_range & {"team_size", "dual_qualified_count", "industry_expert_count"}:
        problems += _team_problems(row)
    problems += _attestation_problems(row)

    if not (school.statuses or school.remarks.strip()):
        problems.append(
            _warning(
                "no_remarks",
                "学校情况备注为空：请注明示范（骨干、优质）校等类别或其他需要说明的事项（注5）。",
                "remarks",
            )
        )
    return problems


def _major_problems(row: PilotRow, batch: Batch, *, judge_count: bool = True) -> list[Problem]:
    problems = []
    majors = row.majors or []
    names = [str(m.get("name", "")).strip() for m in majors]
    if not majors:
        problems.append(_error("no_major", "请至少填写一个参与试点专业。", "majors"))
    elif len(majors) > MAX_MAJORS:
        problems.append(
            _error(
                "too_many_majors",
                f"一个证书最多填写 {MAX_MAJORS} 个专业，现有 {len(majors)} 个。",
                "majors",
            )
        )
    long_names = [name for name in names if len(name) > MAX_MAJOR_NAME]
    if long_names:
        what = f"专业名称“{long_names[0][:20]}…”"
        problems.append(_too_long("major_name_long", what, long_names[0], MAX_MAJOR_NAME, "majors"))
    if any(not name for name in names):
        problems.append(_error("major_name", "有专业未填写名称。", "majors"))
    repeated = sorted(name for name, n in Counter(names).items() if name and n > 1)
    if repeated:
        problems.append(
            _error("major_repeated", f"专业重复填写：{'、'.join(repeated)}。", "majors")
        )
    if not judge_count:
        pass
    elif row.major_count is None:
        problems.append(_error("major_count", "请填写参与试点专业数量。", "major_count"))
    elif row.major_count != len(majors):
        problems.append(
            _error(
                "major_count",
                f"参与试点专业数量填写为 {row.major_count}，但列出了 {len(majors)} 个专业。",
                "major_count",
            )
        )

    years = enrolment_years(batch)
    for major, name in zip(majors, names, strict=True):
        enrolled = major.get("years")
        if enrolled is None:
            problems.append(
                _error(
                    "enrolment_missing",
                    f"专业“{name}”缺少近3年（{years[0]}—{years[-1]}年）招生情况"
                    f"（{CONDITIONS['enrolment'].tag}）。",
                    "majors",
                    missing=True,
                )
            )
            continue
        missing_years = [str(y) for y in years if y not in enrolled]
        if missing_years:
            problems.append(
                _error(
                    "enrolment",
                    f"专业“{name}”{'、'.join(missing_years)}年未招生，"
                    f"不满足近3年连续招生（{CONDITIONS['enrolment'].tag}）。",
                    "majors",
                )
            )
    return problems


def _team_problems(row: PilotRow) -> list[Problem]:
    team, dual, experts = row.team_size, row.dual_qualified_count, row.industry_expert_count
    missing = [
        label
        for label, value in (
            ("培训团队人数", team),
            ("“双师型”教师人数", dual),
            ("行业企业专家人数", experts),
        )
        if value is None
    ]
    if missing:
        return [
            _error(
                "team_missing",
                f"缺少培训团队情况：{'、'.join(missing)}（{CONDITIONS['team'].tag}）。",
                "team_size",
                missing=True,
            )
        ]
    problems = []
    if team == 0:
        message = f"培训团队人数应大于0（{CONDITIONS['team'].tag}）。"
        return [_error("team_empty", message, "team_size")]
    if dual > team:
        problems.append(
            _error(
                "dual_exceeds_team",
                f"“双师型”教师 {dual} 人，多于培训团队总人数 {team} 人。",
                "dual_qualified_count",
            )
        )
    elif Fraction(dual, team) < MIN_DUAL_QUALIFIED_SHARE:
        problems.append(
            _error(
                "dual_share",
                f"“双师型”教师占比 {_share(dual, team)}，"
                f"低于{_floor(MIN_DUAL_QUALIFIED_SHARE)}（{CONDITIONS['team'].tag}）。",
                "dual_qualified_count",
            )
        )
    if experts > team:
        problems.append(
            _error(
                "experts_exceed_team",
                f"行业企业专家 {experts} 人，多于培训团队总人数 {team} 人。",
                "industry_expert_count",
            )
        )
    elif Fraction(experts, team) < MIN_INDUSTRY_EXPERT_SHARE:
        problems.append(
            _error(
                "expert_share",
                f"行业企业专家占比 {_share(experts, team)}，"
                f"低于{_floor(MIN_INDUSTRY_EXPERT_SHARE)}（{CONDITIONS['team'].tag}）。",
                "industry_expert_count",
            )
        )
    return problems


ATTESTATIONS = [(field, CONDITIONS[field].label) for field in ATTESTED]


def _attestation_problems(row: PilotRow) -> list[Problem]:
    problems = []
    for field, label in ATTESTATIONS:
        value = getattr(row, field)
        if value is None:
            problems.append(_warning("unattested", f"尚未确认：{label}。", field))
        elif value is False and not getattr(row, f"{field}_note").strip():
            problems.append(
                _warning("attested_no", f"确认为“不具备”：{label}，请在说明中写明原因。", field)
            )
    if not row.facilities:
        problems.append(
            _warning("unattested", f"尚未确认：{CONDITIONS['facilities'].label}。", "facilities")
        )
    elif row.facilities == Facilities.LACKING:
        problems.append(
            _warning(
                "facilities_lacking",
                f"教学条件和实训设施“尚不具备”（{CONDITIONS['facilities'].tag}）："
                "可通过租用或与企业、基地、院校共用解决。",
                "facilities",
            )
        )
    return problems


# --- the whole filing -------------------------------------------------------------------------


@dataclass(frozen=True)
class Concentration:
    """How much a unit's rows concentrate in few certificates (section 三.1)."""

    total: int
    top_certificate_id: int | None
    top_rows: int
    top_share: float
    hhi: float  # Herfindahl index over the certificates: 1/10 when even, 1 when all in one

    @property
    def top_share_percent(self) -> str:
        return _percent(self.top_rows, self.total) if self.total else "0"

    @property
    def is_concentrated(self) -> bool:
        return self.total >= settings.CONCENTRATION_MIN_ROWS and (
            self.top_share > settings.CONCENTRATION_MAX_SHARE
            or self.hhi > settings.CONCENTRATION_MAX_HHI
        )


def concentration(rows_per_certificate: dict[int, int]) -> Concentration:
    total = sum(rows_per_certificate.values())
    if not total:
        return Concentration(0, None, 0, 0.0, 0.0)
    top_id, top = max(rows_per_certificate.items(), key=lambda item: (item[1], -item[0]))
    hhi = sum((n / total) ** 2 for n in rows_per_certificate.values())
    return Concentration(total, top_id, top, top / total, hhi)


def concentration_problem(conc: Concentration, top_name: str) -> Problem | None:
    if not conc.is_concentrated:
        return None
    return _warning(
        "concentrated",
        f"试点过于集中：“{top_name}”占全部试点行的 {_share(conc.top_rows, conc.total)}，"
        f"集中度指数（HHI）{conc.hhi:.2f}。通知要求参与试点的院校和专业不宜过度集中在个别领域"
        f"（第三部分第1条）。",
    )


@dataclass(frozen=True)
class RowLike:
    """What the filing-wide checks need of a row: who it is, and how to name it."""

    key: object
    label: str
    school_key: str
    school_type: str
    certificate_id: int | None


def duplicate_and_conflict_problems(rows: Sequence[RowLike]) -> dict[object, list[Problem]]:
    """Errors that involve two rows: the same school and certificate twice, or one school
    given two types. Each message names the other row."""
    problems: dict[object, list[Problem]] = defaultdict(list)
    first_by_pair: dict[tuple, RowLike] = {}
    first_by_school: dict[str, RowLike] = {}
    for row in rows:
        pair = (row.school_key, row.certificate_id)
        if row.certificate_id is not None and pair in first_by_pair:
            other = first_by_pair[pair]
            # Both rows are marked, each naming the other, so that either can be fixed.
            for this, that in ((row, other), (other, row)):
                problems[this.key].append(
                    _error(
                        "duplicate_row",
                        f"{this.label}与{that.label}重复：同一院校、同一证书只能填写一行。",
                        "certificate",
                    )
                )
        else:
            first_by_pair.setdefault(pair, row)
        seen = first_by_school.setdefault(row.school_key, row)
        if seen is not row and seen.school_type != row.school_type:
            for this, that in ((row, seen), (seen, row)):
                problems[this.key].append(
                    _error(
                        "type_conflict",
                        f"{this.label}的学校类型“{_type_label(this.school_type)}”与"
                        f"{that.label}的“{_type_label(that.school_type)}”不一致："
                        f"同一院校只能有一种类型。",
                        "school_type",
                    )
                )
    return problems


def _type_label(value: str) -> str:
    return SchoolType(value).label if value in SchoolType.values else str(value)


@dataclass
class FilingCheck:
    """The result of checking a whole filing."""

    row_problems: dict[int, list[Problem]]
    filing_problems: list[Problem]
    concentration: Concentration

    def _all(self) -> Iterable[Problem]:
        yield from self.filing_problems
        for problems in self.row_problems.values():
            yield from problems

    @property
    def error_count(self) -> int:
        return sum(1 for p in self._all() if p.is_error)

    @property
    def warning_count(self) -> int:
        return sum(1 for p in self._all() if not p.is_error)

    @property
    def missing_evidence_count(self) -> int:
        return sum(1 for p in self._all() if p.missing_evidence)

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self._all() if not p.is_error]

    def rows_with(self, severity: Severity) -> set[int]:
        return {
            pk
            for pk, problems in self.row_problems.items()
            if any(p.severity == severity for p in problems)
        }


def header_problems(filing: Filing) -> list[Problem]:
    problems = []
    for field, label in (
        ("contact_name", "联系人"),
        ("contact_phone", "电话"),
        ("contact_email", "邮箱"),
    ):
        if not getattr(filing, field).strip():
            problems.append(_error("header", f"表头未填写“{label}”。", field))
    if filing.contact_phone and not is_contact_phone(filing.contact_phone):
        problems.append(_error("header_phone", PHONE_INVALID, "contact_phone"))
    return problems


def check_filing(filing: Filing, rows: Sequence[PilotRow]) -> FilingCheck:
    """Check every row and the filing as a whole. `rows` must carry school and certificate
    (select_related), so that checking costs no further queries."""
    batch = filing.batch
    row_problems: dict[int, list[Problem]] = {row.pk: check_row(row, batch=batch) for row in rows}
    # Remarks belong to the school: say it once, on the school's first row.
    warned_schools: set[int] = set()
    for row in rows:
        if row.school_id in warned_schools:
            row_problems[row.pk] = [p for p in row_problems[row.pk] if p.code != "no_remarks"]
        elif any(p.code == "no_remarks" for p in row_problems[row.pk]):
            warned_schools.add(row.school_id)
    for key, problems in duplicate_and_conflict_problems(
        [
            RowLike(
                key=row.pk,
                label=f"“{row.school.name} · {row.certificate.name}”",
                school_key=row.school.name_key,
                school_type=row.school.school_type,
                certificate_id=row.certificate_id,
            )
            for row in rows
        ]
    ).items():
        row_problems[key] += problems

    counts = Counter(row.certificate_id for row in rows)
    conc = concentration(dict(counts))
    filing_problems = header_problems(filing)
    if conc.top_certificate_id is not None:
        top_name = next(
            r.certificate.name for r in rows if r.certificate_id == conc.top_certificate_id
        )
        problem = concentration_problem(conc, top_name)
        if problem:
            filing_problems.append(problem)
    if not rows:
        filing_problems.append(_error("no_rows", "汇总表还没有任何试点院校。"))
    return FilingCheck(row_problems, filing_problems, conc)
