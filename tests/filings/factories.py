"""Small factories for the filings tests: units, users, filings, schools and pilot rows.

The defaults make a row that passes every rule of the notice, so that a test changes exactly
the value it is about. They need the reference data (the `reference_data` fixture) for the
batch and its ten certificates.
"""

from datetime import date, datetime
from typing import Any

from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile

from certificates.models import Batch, Certificate, EvaluationOrganization, Level
from filings.models import (
    Facilities,
    Filing,
    PilotRow,
    Profile,
    Role,
    School,
    SchoolStatus,
    SchoolType,
    SubmittingUnit,
    UnitKind,
)
from filings.rules import clean_name, enrolment_years, normalize_name

PASSWORD = "pilot-portal-test"

# --- units and people -------------------------------------------------------------------------


def make_unit(
    code: str = "420000", name: str = "湖北省", kind: str = UnitKind.PROVINCE
) -> SubmittingUnit:
    unit, _ = SubmittingUnit.objects.get_or_create(code=code, defaults={"name": name, "kind": kind})
    return unit


def make_staff(unit: SubmittingUnit | None = None, username: str | None = None) -> User:
    unit = unit or make_unit()
    user = User.objects.create_user(
        username=username or f"staff-{unit.code}", password=PASSWORD, first_name="张敏"
    )
    Profile.objects.create(user=user, role=Role.UNIT_STAFF, unit=unit)
    return user


def make_reviewer(username: str = "zjs-reviewer") -> User:
    user = User.objects.create_user(username=username, password=PASSWORD, first_name="丁振国")
    Profile.objects.create(user=user, role=Role.REVIEWER, unit=None)
    return user


# --- reference data ---------------------------------------------------------------------------


def current_batch() -> Batch:
    batch = Batch.objects.current()
    if batch is None:
        raise RuntimeError("No batch: use the `reference_data` fixture first.")
    return batch


def certificate(position: int = 1, batch: Batch | None = None) -> Certificate:
    """One of the batch's certificates by its position in the notice (1 = 电子商务数据分析)."""
    return Certificate.objects.get(batch=batch or current_batch(), position=position)


def make_other_batch_certificate() -> Certificate:
    """A certificate of batch 1, which a batch-2 filing must not use."""
    batch, _ = Batch.objects.get_or_create(
        number=1,
        defaults={
            "name": "第一批1+X证书制度试点",
            "notice_number": "教职成司函〔2019〕36号",
            "notice_title": "关于做好首批1+X证书制度试点工作的通知",
            "issuer": "教育部职业教育与成人教育司",
            "issued_on": date(2019, 4, 10),
            "filing_deadline": datetime.fromisoformat("2019-04-30T23:59:59+08:00"),
        },
    )
    cert, _ = Certificate.objects.get_or_create(
        batch=batch,
        position=1,
        defaults={"name": "Web前端开发", "organization": EvaluationOrganization.objects.first()},
    )
    return cert


# --- filings, schools and rows ----------------------------------------------------------------


def make_filing(
    unit: SubmittingUnit | None = None,
    batch: Batch | None = None,
    *,
    header: bool = True,
    **fields: Any,
) -> Filing:
    """A draft filing; with `header`, its 联系人/电话/邮箱 are filled in."""
    values: dict[str, Any] = {}
    if header:
        values = {
            "contact_name": "张敏",
            "contact_phone": "027-87328057",
            "contact_email": "zhangmin@hbe.gov.cn",
        }
    values.update(fields)
    # Loading the units gives each its empty filing already: fill that one in.
    filing, _ = Filing.objects.update_or_create(
        unit=unit or make_unit(), batch=batch or current_batch(), defaults=values
    )
    return filing


def build_school(
    filing: Filing | None = None,
    name: str = "武汉船舶职业技术学院",
    school_type: str = SchoolType.HIGHER,
    *,
    statuses: list[str] | None = None,
    remarks: str = "",
) -> School:
    """An unsaved school (default: a 高职 with a demonstration status)."""
    if statuses is None:
        statuses = [SchoolStatus.NATIONAL_HIGH_LEVEL]
    return School(
        filing=filing,
        name=clean_name(name),
        name_key=normalize_name(name),
        school_type=school_type,
        statuses=",".join(SchoolStatus(s).value for s in statuses),
        remarks=remarks,
    )


def make_school(filing: Filing | None = None, *args: Any, **kwargs: Any) -> School:
    school = build_school(filing or make_filing(), *args, **kwargs)
    school.save()
    return school


def valid_majors(batch: Batch | None = None) -> list[dict[str, Any]]:
    years = enrolment_years(batch or current_batch())  # [2017, 2018, 2019] for batch 2
    return [
        {"name": "电子商务", "years": list(years)},
        {"name": "移动商务", "years": list(years)},
    ]


def valid_row_data(cert: Certificate | None = None, **overrides: Any) -> dict[str, Any]:
    """What a form hands to the services for one row that passes every rule."""
    cert = cert or certificate(1)
    data: dict[str, Any] = {
        "certificate": cert,
        "levels": [Level.JUNIOR, Level.INTERMEDIATE],
        "majors": valid_majors(cert.batch),
        "major_count": 2,
        "student_count": 40,
        "team_size": 10,
        "dual_qualified_count": 6,
        "industry_expert_count": 3,
        "innovation_team": False,
        "training_experience": True,
        "training_experience_note": "",
        "teaching_resources": True,
        "teaching_resources_note": "",
        "facilities": Facilities.OWN,
        "facilities_note": "",
        "management": True,
        "management_note": "",
    }
    data.update(overrides)
    return data


def build_row(
    school: School | None = None, cert: Certificate | None = None, **overrides: Any
) -> PilotRow:
    """An unsaved row of `school` (saved or not) in `cert`, valid unless overridden."""
    school = school or build_school()
    data = valid_row_data(cert, **overrides)
    levels = data.pop("levels")
    # An unsaved school may have no filing: check_row does not need one.
    row = PilotRow(filing=getattr(school, "filing", None), school=school, **data)
    row.levels = levels
    return row


def make_row(
    filing: Filing | None = None,
    school: School | None = None,
    cert: Certificate | None = None,
    **overrides: Any,
) -> PilotRow:
    """A saved row; creates the filing and the school when not given."""
    if school is None:
        school = make_school(filing or make_filing())
    row = build_row(school, cert, **overrides)
    row.save()
    return row


# --- uploads ----------------------------------------------------------------------------------

SIGNATURES = {
    "pdf": (b"%PDF-1.7\n", "application/pdf"),
    "jpeg": (b"\xff\xd8\xff\xe0\x00\x10JFIF\x00", "image/jpeg"),
    "png": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "image/png"),
}


def scan_file(kind: str = "pdf", name: str | None = None, size: int = 2048) -> SimpleUploadedFile:
    """An upload whose content starts like a real PDF/JPEG/PNG, padded to `size` bytes."""
    head, content_type = SIGNATURES[kind]
    body = head + b"\0" * max(0, size - len(head))
    return SimpleUploadedFile(name or f"scan.{kind}", body, content_type=content_type)
