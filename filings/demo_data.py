"""What the demonstration data is made of: real schools by province (fixtures/demo/
schools.csv), the majors each certificate is piloted in, the states units end in, the return
reasons, and a stand-in for a stamped scan."""

import csv
import random
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

from .models import FilingState, SchoolStatus, SchoolType, SubmittingUnit

SCHOOLS_CSV = Path(settings.BASE_DIR) / "fixtures" / "demo" / "schools.csv"

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


def majors_for(certificate) -> list[str]:
    """The majors a certificate is piloted in: the second batch's as listed above. A
    generated batch's certificates (测试证书0001…) take four of the same majors, a different
    run for each position, so that hundreds of certificates still get plausible majors."""
    known = MAJORS.get(certificate.name)
    if known:
        return known
    pool = sorted({major for majors in MAJORS.values() for major in majors})
    start = certificate.position * 3 % len(pool)
    return [pool[(start + step) % len(pool)] for step in range(4)]


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


def read_schools() -> dict[str, list[SchoolSeed]]:
    by_province: dict[str, list[SchoolSeed]] = defaultdict(list)
    with open(SCHOOLS_CSV, encoding="utf-8") as handle:
        for item in csv.DictReader(handle):
            school_type = SchoolType.SECONDARY if item["type"] == "中职" else SchoolType.HIGHER
            by_province[item["province"]].append(
                SchoolSeed(item["school"], school_type, item["status"])
            )
    return by_province


def extra_schools(unit: SubmittingUnit, count: int, rng: random.Random) -> list[SchoolSeed]:
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


def pdf_bytes(title: str) -> bytes:
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
