"""Demonstration data shaped like the real second batch: filings for all 33 units.

Deterministic for a given seed (the dates follow today's date). The demo sets its own
timeline: the batch deadline passed two days ago, a few units submitted late, and units that
have not submitted hold a 30-day extension, so that a newcomer can still try a submission.
Rows pass the notice's rules, except where a unit is meant to show problems. Written with
bulk inserts so that ten times the real batch loads in seconds.
"""

import csv
import hashlib
import random
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from pathlib import Path

from django.conf import settings
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone

from certificates.models import Batch, Certificate, Level

from .models import (
    Facilities,
    Filing,
    FilingState,
    PilotRow,
    Role,
    School,
    SchoolStatus,
    SchoolType,
    SubmittingUnit,
)
from .rules import enrolment_years, normalize_name
from .services import (
    end_of_day,
    filing_accept,
    filing_extend,
    filing_return,
    filing_submit,
    refresh_check_counts,
    scan_upload,
)

SCHOOLS_CSV = Path(settings.BASE_DIR) / "fixtures" / "demo" / "schools.csv"
DEFAULT_ROWS = 3300

MAJORS = {
    "电子商务数据分析": [
        "电子商务",
        "市场营销",
        "大数据技术与应用",
        "移动商务",
        "商务数据分析与应用",
    ],
    "网店运营推广": ["电子商务", "网络营销", "移动商务", "市场营销", "跨境电子商务"],
    "工业机器人操作与运维": ["工业机器人技术", "机电一体化技术", "电气自动化技术", "智能控制技术"],
    "工业机器人应用编程": [
        "工业机器人技术",
        "机电一体化技术",
        "自动化生产设备应用",
        "智能制造装备技术",
    ],
    "特殊焊接技术": ["焊接技术与自动化", "材料成型与控制技术", "焊接技术应用", "船舶工程技术"],
    "智能财税": ["会计", "财务管理", "财税", "会计信息管理", "审计"],
    "母婴护理": ["护理", "助产", "早期教育", "家政服务与管理", "学前教育"],
    "传感网应用开发": ["物联网应用技术", "电子信息工程技术", "计算机网络技术", "应用电子技术"],
    "失智老年人照护": ["老年服务与管理", "护理", "康复治疗技术", "社会工作", "健康管理"],
    "云计算平台运维与开发": ["云计算技术与应用", "计算机网络技术", "软件技术", "大数据技术与应用"],
}
STATUS_FROM_CSV = {
    "中国特色高水平高职学校建设单位": SchoolStatus.NATIONAL_HIGH_LEVEL,
    "国家示范性高职院校": SchoolStatus.NATIONAL_MODEL_HIGHER,
    "国家骨干高职院校": SchoolStatus.NATIONAL_MODEL_HIGHER,
    "国家中职改革发展示范学校": SchoolStatus.NATIONAL_MODEL_SECONDARY,
}
RETURN_REASONS = [
    "部分院校“参与试点专业名称”与专业数量不一致，请核实后重新报送。",
    "盖章扫描件不清晰，请重新扫描上传。",
    "个别院校学生规模明显偏大，请核实并在备注中说明。",
]
# How many units end in each state (the rest are drafts), in the order units are dealt out.
STATE_PLAN = [
    (FilingState.ACCEPTED, 11),
    (FilingState.SUBMITTED, 10),
    (FilingState.RETURNED, 3),
    (None, 4),  # not started: no filing at all
]


@dataclass
class SchoolSeed:
    name: str
    school_type: str
    status: str


def _read_schools() -> dict[str, list[SchoolSeed]]:
    by_province: dict[str, list[SchoolSeed]] = defaultdict(list)
    with open(SCHOOLS_CSV, encoding="utf-8") as handle:
        for item in csv.DictReader(handle):
            school_type = SchoolType.SECONDARY if item["type"] == "中职" else SchoolType.HIGHER
            by_province[item["province"]].append(
                SchoolSeed(item["school"], school_type, item["status"])
            )
    return by_province


def _extra_schools(unit: SubmittingUnit, count: int, rng: random.Random) -> list[SchoolSeed]:
    """Plausible names for units the list does not cover well (兵团, 国家开放大学, small ones)."""
    short = unit.name.removesuffix("省").removesuffix("市").removesuffix("自治区")
    short = short.removesuffix("壮族").removesuffix("回族").removesuffix("维吾尔")
    patterns = [
        ("{p}第{n}中等职业学校", SchoolType.SECONDARY),
        ("{p}{n}号职业技术学校", SchoolType.SECONDARY),
        ("{p}应用技术学院（第{n}校区）", SchoolType.APPLIED_UNDERGRAD),
        ("{p}职业技术大学第{n}分校", SchoolType.UNDERGRAD_PILOT),
        ("{p}经济管理职业学院{n}分院", SchoolType.HIGHER),
    ]
    if unit.code == "900000":
        patterns = [("国家开放大学{n}号学习中心", SchoolType.APPLIED_UNDERGRAD)]
    seeds = []
    for n in range(1, count + 1):
        pattern, school_type = patterns[n % len(patterns)]
        seeds.append(SchoolSeed(pattern.format(p=short, n=n), school_type, ""))
    rng.shuffle(seeds)
    return seeds


def _unit_weights(units: list[SubmittingUnit], schools: dict[str, list[SchoolSeed]]) -> list[float]:
    return [max(len(schools.get(u.name, [])), 6) for u in units]


def _pdf_bytes(title: str) -> bytes:
    """A small, valid one-page PDF standing in for a stamped scan."""
    text = title.encode("ascii", "replace")
    stream = b"BT /F1 18 Tf 72 720 Td (" + text + b") Tj ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 842 595] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = b"%PDF-1.4\n"
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    out += (
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    )
    return out


class DemoRefused(Exception):
    pass


@transaction.atomic
def seed_demo(*, rows: int = DEFAULT_ROWS, seed: int = 2019, replace: bool = False) -> dict:
    batch = Batch.objects.current()
    units = list(SubmittingUnit.objects.order_by("code"))
    if batch is None or not units:
        raise DemoRefused("尚未载入参考数据：请先运行 python manage.py load_reference_data。")
    existing = Filing.objects.filter(batch=batch)
    if existing.filter(rows__isnull=False).exists() and not replace:
        raise DemoRefused("已有汇总表数据。演示数据会删除本批次全部汇总表，如确认请加 --replace。")
    for filing in existing:
        for scan in filing.scans.all():
            scan.file.delete(save=False)
    existing.delete()

    rng = random.Random(seed)
    certificates = list(Certificate.objects.filter(batch=batch).order_by("position"))
    years = enrolment_years(batch)
    schools_by_province = _read_schools()
    reviewer = User.objects.filter(portal_profile__role="reviewer").first()

    order = units[:]
    rng.shuffle(order)
    plan: dict[int, str | None] = {}
    position = 0
    for state, count in STATE_PLAN:
        for unit in order[position : position + count]:
            plan[unit.pk] = state
        position += count
    for unit in order[position:]:
        plan[unit.pk] = FilingState.DRAFT

    weights = _unit_weights(units, schools_by_province)
    started = [u for u in units if plan[u.pk] is not None]
    total_weight = sum(w for u, w in zip(units, weights, strict=True) if plan[u.pk] is not None)
    # The demo's own timeline: the batch deadline passed two days ago (so that some units are
    # late), and every unit that has not submitted has an extension to try a submission.
    today = timezone.localdate()
    deadline = timezone.make_aware(datetime.combine(today - timedelta(days=2), time(23, 59, 59)))
    extension = timezone.make_aware(datetime.combine(today + timedelta(days=30), time(23, 59, 59)))
    batch.filing_deadline = deadline
    batch.save(update_fields=["filing_deadline"])
    counts = {"filings": 0, "rows": 0, "schools": 0}

    for unit, weight in zip(units, weights, strict=True):
        state = plan[unit.pk]
        if state is None:
            Filing.objects.create(unit=unit, batch=batch, deadline_extended_to=extension)
            continue
        target = max(3, round(rows * weight / total_weight))
        filing = Filing.objects.create(
            unit=unit,
            batch=batch,
            contact_name=rng.choice(["张敏", "李华", "王磊", "刘洋", "陈静", "杨帆", "赵丽"]),
            contact_phone=f"0{rng.randint(10, 99)}-{rng.randint(60000000, 89999999)}",
            contact_email=f"x1-{unit.code}@edu.example.cn",
        )
        written_rows, written_schools = _fill(
            filing, unit, target, rng, certificates, years, schools_by_province
        )
        counts["rows"] += written_rows
        counts["schools"] += written_schools
        counts["filings"] += 1
        _set_state(filing, state, rng, deadline, reviewer)
        if state in (FilingState.DRAFT, FilingState.RETURNED):
            filing_extend(filing=filing, user=reviewer, until=extension)
        refresh_check_counts(filing)
    counts["not_started"] = len(units) - len(started)
    counts["deadline"] = deadline
    return counts


def fill_filing(filing: Filing, rows: int, seed: int = 0) -> tuple[int, int]:
    """Give one filing `rows` realistic rows (for benchmarks and load tests)."""
    rng = random.Random(seed)
    certificates = list(Certificate.objects.filter(batch=filing.batch).order_by("position"))
    written = _fill(
        filing,
        filing.unit,
        rows,
        rng,
        certificates,
        enrolment_years(filing.batch),
        _read_schools(),
    )
    refresh_check_counts(filing)
    return written


def _fill(filing, unit, target, rng, certificates, years, schools_by_province) -> tuple[int, int]:
    seeds = list(schools_by_province.get(unit.name, []))
    rng.shuffle(seeds)
    if unit.code == "900000":
        # A school that a province files too: the national view lists it as a conflict.
        seeds = schools_by_province.get("北京市", [])[:1] + seeds
    needed_schools = max(1, round(target / 2.2))
    if len(seeds) < needed_schools:
        seeds += _extra_schools(unit, needed_schools - len(seeds), rng)
    # Each unit favours a few certificates, as real provinces do, without piling into one.
    preference = certificates[:]
    rng.shuffle(preference)
    cert_weights = [rng.uniform(0.5, 2.0) for _ in preference]

    schools, rows = [], []
    seed_index = 0
    while len(rows) < target:
        seed = seeds[seed_index % len(seeds)]
        seed_index += 1
        name = (
            seed.name
            if seed_index <= len(seeds)
            else f"{seed.name}（{seed_index // len(seeds) + 1}校区）"
        )
        status = STATUS_FROM_CSV.get(seed.status)
        remarks = (
            ""
            if status
            else rng.choice(
                ["专业特色明显", "省级示范（骨干、优质）高等职业学校", "省级重点专业所在院校", ""]
            )
        )
        school = School(
            filing=filing,
            name=name,
            name_key=normalize_name(name),
            school_type=seed.school_type,
            statuses=status.value if status else "",
            remarks=remarks if not status else "",
            school_code=f"41{int(hashlib.sha1(name.encode()).hexdigest(), 16) % 10**8:08d}",
        )
        schools.append(school)
        chosen = set()
        for _ in range(min(rng.choice([1, 1, 2, 2, 3, 4]), target - len(rows))):
            cert = rng.choices(preference, weights=cert_weights)[0]
            if cert.pk in chosen:
                continue
            chosen.add(cert.pk)
            rows.append((school, _row(cert, rng, years)))
    School.objects.bulk_create(schools, batch_size=1000)
    pilot_rows = []
    for school, row in rows:
        row.filing = filing
        row.school = school
        pilot_rows.append(row)
    PilotRow.objects.bulk_create(pilot_rows, batch_size=1000)
    return len(pilot_rows), len(schools)


def _row(cert: Certificate, rng: random.Random, years: list[int]) -> PilotRow:
    majors = rng.sample(MAJORS[cert.name], k=rng.choice([1, 1, 2, 2, 3]))
    team = rng.randint(6, 20)
    row = PilotRow(
        certificate=cert,
        majors=[{"name": m, "years": list(years)} for m in majors],
        major_count=len(majors),
        student_count=rng.choice([20, 30, 40, 45, 50, 60, 80, 100, 120, 150, 200]),
        team_size=team,
        dual_qualified_count=rng.randint((team + 1) // 2, team),
        industry_expert_count=rng.randint(-(-team // 5), max(-(-team // 5), team // 3)),
        innovation_team=rng.random() < 0.08,
        training_experience=True,
        teaching_resources=True,
        facilities=rng.choice(
            [Facilities.OWN, Facilities.OWN, Facilities.SHARED, Facilities.RENTED]
        ),
        management=True,
    )
    level_sets = [
        [Level.JUNIOR],
        [Level.JUNIOR, Level.INTERMEDIATE],
        [Level.INTERMEDIATE],
        [Level.JUNIOR, Level.INTERMEDIATE, Level.SENIOR],
    ]
    row.levels = rng.choice(level_sets)
    return row


def _set_state(filing: Filing, state: str, rng: random.Random, deadline, reviewer) -> None:
    """The filing's way to `state`, through the services as its staff and the reviewer would
    take it, on the demo's timeline: the stamped scan, the submission (late ones after an
    extension), the return or the acceptance, each with its event in the history."""
    if state == FilingState.DRAFT:
        return
    staff = User.objects.filter(
        portal_profile__role=Role.UNIT_STAFF, portal_profile__unit=filing.unit
    ).first()
    late = state == FilingState.SUBMITTED and rng.random() < 0.3
    submitted_at = (
        deadline + timedelta(hours=rng.randint(2, 60))
        if late
        else deadline - timedelta(hours=rng.randint(3, 200))
    )
    if late:
        filing_extend(
            filing=filing,
            user=reviewer,
            until=end_of_day(timezone.localdate(submitted_at) + timedelta(days=1)),
            now=deadline + timedelta(hours=1),
        )
    content = _pdf_bytes(f"Attachment 2 - {filing.unit.code} - stamped")
    scan_upload(
        filing=filing,
        user=staff,
        uploaded=SimpleUploadedFile(f"{filing.unit.name}汇总表盖章扫描件.pdf", content),
        now=submitted_at - timedelta(minutes=30),
    )
    filing_submit(filing=filing, user=staff, acknowledged=True, now=submitted_at)
    reviewed_at = min(submitted_at + timedelta(hours=rng.randint(2, 48)), timezone.now())
    if state == FilingState.RETURNED:
        filing_return(
            filing=filing, user=reviewer, reason=rng.choice(RETURN_REASONS), now=reviewed_at
        )
    elif state == FilingState.ACCEPTED:
        filing_accept(filing=filing, user=reviewer, now=reviewed_at)
