"""Every change to a filing goes through these functions.

Each one checks that the change is allowed, writes it in one transaction, bumps the table's
revision when the table changed, and records who did what in the filing's history.
They take keyword arguments only and know nothing of requests.
"""

import hashlib
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from .models import (
    EDITABLE_STATES,
    EventKind,
    Facilities,
    Filing,
    FilingEvent,
    FilingState,
    PilotRow,
    School,
    SchoolStatus,
    StampedScan,
    SubmittingUnit,
)
from .notifications import notify_unit, unit_addresses
from .rules import (
    CONDITIONS,
    NOT_ATTESTED,
    FilingCheck,
    check_filing,
    clean_name,
    enrolment_years,
    normalize_name,
)
from .selectors import current_scan, rows_for_check


class FilingError(Exception):
    """A change the workflow does not allow; the message is for the user, in Chinese.

    Callers decide by `code` (and place the message by `field`, a form field's name, and
    `params`), never by the message's text, which may be reworded. A subclass may set its
    own default code (EditConflict).
    """

    code = ""

    def __init__(
        self,
        message: str,
        reasons: list[str] | None = None,
        *,
        code: str | None = None,
        field: str = "",
        params: dict[str, Any] | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.reasons = reasons or []
        if code is not None:
            self.code = code
        self.field = field
        self.params = params or {}


class EditConflict(FilingError):
    """Someone saved what the user was editing since the user opened it."""

    code = "edit_conflict"


NOT_EDITABLE = "汇总表已提交或已确认，不能修改。如需修改，请联系职教所退回。"
EDIT_CONFLICT = (
    "保存失败：在您编辑期间，其他人已修改了这一行。您填写的内容仍保留在下方；"
    "请核对当前数据后重新保存。"
)
# The pages that show this put what was saved meanwhile above the user's input.
_CHANGED_MEANWHILE = (
    "保存失败：在您编辑期间，其他人已修改了{what}。您填写的内容仍保留在下方；"
    "请核对上方他人保存的当前数据后重新保存，或重新打开本页载入当前数据。"
)
SCHOOL_EDIT_CONFLICT = _CHANGED_MEANWHILE.format(what="该校的信息")
HEADER_EDIT_CONFLICT = _CHANGED_MEANWHILE.format(what="汇总表（表头或试点行）")
SCHOOL_EXISTS = "汇总表中已有“{name}”。"
ROW_EXISTS = "“{school}”已有“{certificate}”这一行，请编辑该行，不要重复添加。"
DUPLICATE_ROW = "duplicate_row"  # the code of rules.duplicate_and_conflict_problems
TYPE_CONFLICT = "“{name}”已在汇总表中，学校类型为“{existing}”；同一院校只能有一种类型。"


# --- history ----------------------------------------------------------------------------------


def _record(
    filing: Filing,
    user,
    kind: EventKind,
    subject: str = "",
    changes: list[dict] | None = None,
    note: str = "",
    at: datetime | None = None,
) -> FilingEvent:
    return FilingEvent.objects.create(
        filing=filing,
        user=user if getattr(user, "is_authenticated", False) else None,
        kind=kind,
        subject=subject[:200],
        changes=changes or [],
        note=note,
        at=at or timezone.now(),
    )


def _yes_no(value: bool | None) -> str:
    return {True: "是", False: "否", None: NOT_ATTESTED}[value]


def row_snapshot(row: PilotRow) -> dict[str, str]:
    """A row's values as the history shows them."""
    return {
        "证书": row.certificate.name if row.certificate_id else "",
        "等级": "、".join(level.label for level in row.levels),
        "参与试点专业": "、".join(
            f"{m.get('name', '')}（{','.join(str(y) for y in m.get('years') or [])}）"
            for m in row.majors or []
        ),
        "参与试点专业数量": _text(row.major_count),
        "参与试点学生规模": _text(row.student_count),
        "培训团队人数": _text(row.team_size),
        "“双师型”教师": _text(row.dual_qualified_count),
        "行业企业专家": _text(row.industry_expert_count),
        "创新团队": _yes_no(row.innovation_team),
        CONDITIONS["training_experience"].short: _attested(row, "training_experience"),
        CONDITIONS["teaching_resources"].short: _attested(row, "teaching_resources"),
        CONDITIONS["facilities"].short: (
            Facilities(row.facilities).label if row.facilities else NOT_ATTESTED
        )
        + _note(row.facilities_note),
        CONDITIONS["management"].short: _attested(row, "management"),
    }


def _attested(row: PilotRow, field: str) -> str:
    return _yes_no(getattr(row, field)) + _note(getattr(row, f"{field}_note"))


def school_snapshot(school: School) -> dict[str, str]:
    return {
        "试点院校名称": school.name,
        "学校类型": school.get_school_type_display(),
        "学校标识码": school.school_code,
        "示范类别": "、".join(s.label for s in school.status_list),
        "备注": school.remarks,
    }


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def _note(note: str) -> str:
    return f"（{note}）" if note else ""


def diff(before: dict[str, str], after: dict[str, str]) -> list[dict[str, str]]:
    return [
        {"field": key, "before": before.get(key, ""), "after": value}
        for key, value in after.items()
        if before.get(key, "") != value
    ]


def _created(snapshot: dict[str, str]) -> list[dict[str, str]]:
    return [{"field": k, "before": "", "after": v} for k, v in snapshot.items() if v]


def _deleted(snapshot: dict[str, str]) -> list[dict[str, str]]:
    return [{"field": k, "before": v, "after": ""} for k, v in snapshot.items() if v]


# --- editing ----------------------------------------------------------------------------------


def ensure_editable(filing: Filing) -> None:
    if filing.state not in EDITABLE_STATES:
        raise FilingError(NOT_EDITABLE, code="not_editable")


def _lock_editable(filing: Filing) -> Filing:
    """The filing as it is now, locked until the transaction ends, and still editable.

    The caller's copy may be older than a submission that happened meanwhile; judging it
    would let a change slip into a submitted filing.
    """
    locked = Filing.objects.select_for_update().select_related("unit", "batch").get(pk=filing.pk)
    ensure_editable(locked)
    return locked


def refresh_check_counts(filing: Filing) -> FilingCheck:
    """Check the filing and keep the counts on it for the reviewers' board."""
    check = check_filing(filing, rows_for_check(filing))
    filing.open_errors, filing.open_warnings = check.error_count, check.warning_count
    Filing.objects.filter(pk=filing.pk).update(
        open_errors=filing.open_errors, open_warnings=filing.open_warnings
    )
    return check


def _table_changed(filing: Filing) -> None:
    """The table changed: a new revision (any scan of the old one is outdated), fresh
    check counts, and a returned filing is a draft again."""
    Filing.objects.filter(pk=filing.pk).update(revision=F("revision") + 1)
    filing.refresh_from_db(fields=["revision"])
    refresh_check_counts(filing)
    if filing.state == FilingState.RETURNED:
        filing.state = FilingState.DRAFT
        filing.save(update_fields=["state", "updated_at"])


HEADER_FIELDS = {"contact_name": "联系人", "contact_phone": "电话", "contact_email": "邮箱"}


def header_snapshot(filing: Filing) -> dict[str, str]:
    return {label: getattr(filing, key) for key, label in HEADER_FIELDS.items()}


@transaction.atomic
def header_update(
    *,
    filing: Filing,
    user,
    contact_name: str,
    contact_phone: str,
    contact_email: str,
    expected_revision: int | None,
) -> None:
    """Save the header edited from the table's `expected_revision`; refused if the table
    changed meanwhile, or if the save does not say which revision it was based on.

    The header has no version of its own: the table's revision stands for it. A header
    saved after a change to the rows is refused too, which is stricter than needed, never
    lossy, and the user sees the current header and can save again at once.
    """
    caller = filing
    filing = _lock_editable(filing)
    if expected_revision is None or filing.revision != expected_revision:
        raise EditConflict(HEADER_EDIT_CONFLICT)
    after = {
        "contact_name": contact_name,
        "contact_phone": contact_phone,
        "contact_email": contact_email,
    }
    changes = [
        {"field": HEADER_FIELDS[k], "before": getattr(filing, k), "after": v}
        for k, v in after.items()
        if getattr(filing, k) != v
    ]
    if not changes:
        return
    for key, value in after.items():
        setattr(filing, key, value)
        setattr(caller, key, value)
    filing.full_clean()
    # Only the header: other fields (the revision above all) belong to other writers.
    filing.save(update_fields=[*after, "updated_at"])
    _table_changed(filing)
    caller.revision, caller.state = filing.revision, filing.state
    _record(filing, user, EventKind.HEADER, "表头", changes)


def find_school(filing: Filing, name: str) -> School | None:
    return School.objects.filter(filing=filing, name_key=normalize_name(name)).first()


def _apply_school(school: School, data: dict[str, Any]) -> None:
    school.name = clean_name(data["name"])
    school.name_key = normalize_name(data["name"])
    school.school_type = data["school_type"]
    school.school_code = data.get("school_code", "") or ""
    school.statuses = ",".join(SchoolStatus(s).value for s in data.get("statuses", []) or [])
    school.remarks = (data.get("remarks") or "").strip()


ROW_FIELDS = [
    "certificate",
    "major_count",
    "student_count",
    "team_size",
    "dual_qualified_count",
    "industry_expert_count",
    "innovation_team",
    "training_experience",
    "training_experience_note",
    "teaching_resources",
    "teaching_resources_note",
    "facilities",
    "facilities_note",
    "management",
    "management_note",
]


def _apply_row(row: PilotRow, data: dict[str, Any]) -> None:
    for name in ROW_FIELDS:
        if name in data:
            setattr(row, name, data[name])
    if "levels" in data:
        row.levels = data["levels"]
    if "majors" in data:
        row.majors = data["majors"]
    for note in (
        "training_experience_note",
        "teaching_resources_note",
        "facilities_note",
        "management_note",
    ):
        setattr(row, note, (getattr(row, note) or "").strip())
    row.facilities = row.facilities or ""


@transaction.atomic
def school_add_with_rows(
    *, filing: Filing, user, school_data: dict[str, Any], rows_data: list[dict[str, Any]]
) -> tuple[School, list[PilotRow]]:
    """Add a school (or more certificates to a school already filed) in one go."""
    filing = _lock_editable(filing)
    if not rows_data:
        # A school is in the table only through its rows.
        raise FilingError(NO_ROWS_FOR_SCHOOL, code="no_rows")
    school = find_school(filing, school_data["name"])
    if school is None:
        school = School(filing=filing)
        _apply_school(school, school_data)
        school.full_clean()
        school.save()
        _record(
            filing, user, EventKind.SCHOOL_ADDED, school.name, _created(school_snapshot(school))
        )
    elif school.school_type != school_data["school_type"]:
        raise FilingError(
            TYPE_CONFLICT.format(name=school.name, existing=school.get_school_type_display()),
            code="type_conflict",
            field="school_type",
        )
    if school.pk:
        for data in rows_data:
            _ensure_no_other_row(school, data["certificate"])
    rows = []
    for data in rows_data:
        row = PilotRow(filing=filing, school=school)
        _apply_row(row, data)
        row.full_clean()
        row.save()
        rows.append(row)
        _record(
            filing,
            user,
            EventKind.ROW_ADDED,
            f"{school.name} · {row.certificate.name}",
            _created(row_snapshot(row)),
        )
    _table_changed(filing)
    return school, rows


def _claim_version(model, pk: int, expected_version: int | None, conflict: str) -> None:
    """Take the next version of the school or row being saved, if the user edited the
    current one; refuse the save otherwise.

    The conditional update is the lock: of two saves based on the same version, one wins.
    A save that does not say which version it was based on is refused the same way: taking
    the current version for it would overwrite, unseen, whatever was saved meanwhile.
    """
    current = model.objects.filter(pk=pk, version=expected_version)
    if expected_version is None or not current.update(version=F("version") + 1):
        raise EditConflict(conflict)


def _ensure_no_other_row(school: School, certificate, row: PilotRow | None = None) -> None:
    """One row per school and certificate (the rule of rules.duplicate_and_conflict_problems,
    asked of the rows already saved; the database's constraint is the last word)."""
    others = PilotRow.objects.filter(school=school, certificate=certificate)
    if row is not None:
        others = others.exclude(pk=row.pk)
    if others.exists():
        raise FilingError(
            ROW_EXISTS.format(school=school.name, certificate=certificate.name),
            code=DUPLICATE_ROW,
            field="certificate",
            params={"certificate": certificate.pk},
        )


@transaction.atomic
def school_update(
    *, school: School, user, data: dict[str, Any], expected_version: int | None
) -> School:
    """Save a school edited from `expected_version`; refused, as a row is, if someone saved
    it meanwhile. Returns the school as saved."""
    filing = _lock_editable(school.filing)
    _claim_version(School, school.pk, expected_version, SCHOOL_EDIT_CONFLICT)
    current = School.objects.get(pk=school.pk)
    other = find_school(filing, data["name"])
    if other is not None and other.pk != current.pk:
        raise FilingError(SCHOOL_EXISTS.format(name=other.name), code="school_exists", field="name")
    before = school_snapshot(current)
    _apply_school(current, data)
    current.full_clean()
    current.save()
    changes = diff(before, school_snapshot(current))
    if changes:
        _table_changed(filing)
        _record(filing, user, EventKind.SCHOOL_CHANGED, current.name, changes)
    return current


@transaction.atomic
def school_delete(*, school: School, user) -> None:
    filing = _lock_editable(school.filing)
    snapshot = school_snapshot(school)
    rows = school.rows.count()
    school.delete()
    _table_changed(filing)
    _record(
        filing,
        user,
        EventKind.SCHOOL_DELETED,
        snapshot["试点院校名称"],
        _deleted(snapshot),
        f"连同 {rows} 个试点行",
    )


@transaction.atomic
def row_update(
    *, row: PilotRow, user, data: dict[str, Any], expected_version: int | None
) -> PilotRow:
    """Save a row edited from `expected_version`; refused if someone saved it meanwhile."""
    filing = _lock_editable(row.filing)
    if "certificate" in data:
        _ensure_no_other_row(row.school, data["certificate"], row)
    _claim_version(PilotRow, row.pk, expected_version, EDIT_CONFLICT)
    current = PilotRow.objects.select_related("school", "certificate").get(pk=row.pk)
    before = row_snapshot(current)
    _apply_row(current, data)
    current.full_clean()
    current.save()
    changes = diff(before, row_snapshot(current))
    if changes:
        _table_changed(filing)
        _record(filing, user, EventKind.ROW_CHANGED, str(current), changes)
    return current


@transaction.atomic
def row_delete(*, row: PilotRow, user) -> None:
    filing = _lock_editable(row.filing)
    subject, snapshot = str(row), row_snapshot(row)
    school = row.school
    row.delete()
    # A school without rows is not in the table any more.
    if not school.rows.exists():
        school.delete()
    _table_changed(filing)
    _record(filing, user, EventKind.ROW_DELETED, subject, _deleted(snapshot))


# --- bulk confirmation ---------------------------------------------------------------------------


@transaction.atomic
def rows_bulk_confirm(
    *,
    filing: Filing,
    user,
    row_ids: list[int],
    attest: bool,
    facilities: str,
    enrolled_all_years: bool,
) -> int:
    """Confirm, for many rows at once, what a province attests and what Attachment 2 has no
    column for: conditions 1, 2 and 5 met, the training facilities, and (for majors whose
    years are not filled in yet) enrolment in each of the last three years. Each row's
    history records what changed. Returns the number of rows changed."""
    filing = _lock_editable(filing)
    rows = list(
        PilotRow.objects.select_for_update()
        .select_related("school", "certificate")
        .filter(filing=filing, pk__in=row_ids)
    )
    years = enrolment_years(filing.batch)
    changed = 0
    for row in rows:
        before = row_snapshot(row)
        if attest:
            row.training_experience = row.teaching_resources = row.management = True
        if facilities:
            row.facilities = Facilities(facilities).value
        if enrolled_all_years:
            row.majors = [
                {**m, "years": list(years)} if m.get("years") is None else m
                for m in row.majors or []
            ]
        changes = diff(before, row_snapshot(row))
        if changes:
            row.version += 1
            row.save()
            changed += 1
            _record(filing, user, EventKind.ROW_CHANGED, str(row), changes, note="批量确认")
    if changed:
        _table_changed(filing)
    return changed


# --- import -----------------------------------------------------------------------------------

IMPORT_BLOCKED = "文件中还有 {n} 个必须修改的问题，未导入任何内容。"
CHANGED_SINCE_PREVIEW = "预览之后汇总表已被修改，为免覆盖他人的修改，请重新上传并预览。"


@transaction.atomic
def filing_import(
    *, filing: Filing, user, result, filename: str, expected_revision: int | None = None
) -> tuple[int, int]:
    """Replace the filing's rows with those of an import preview, all or nothing.

    `result` is a spreadsheet.importer.ImportResult. Returns (rows, schools) written.
    `expected_revision` is the table's revision the user saw the preview against: if the
    table changed since, the import is refused rather than replace what was saved meanwhile.
    The command line, where no one previews, passes none.
    """
    filing = _lock_editable(filing)
    # Judged on the locked copy: a check before the lock would let a save slip in between.
    if expected_revision is not None and filing.revision != expected_revision:
        raise FilingError(CHANGED_SINCE_PREVIEW, code="changed_since_preview")
    if result.blocking:
        raise FilingError(IMPORT_BLOCKED.format(n=sum(1 for i in result.all_issues if i.blocking)))
    _validate_imported(result)
    replaced = PilotRow.objects.filter(filing=filing).count()
    School.objects.filter(filing=filing).delete()

    schools: dict[str, School] = {}
    for imported in result.rows:
        school = imported.school
        if school.name_key not in schools:
            school.pk = None
            school.filing = filing
            schools[school.name_key] = school
    School.objects.bulk_create(schools.values())
    rows = []
    for imported in result.rows:
        row = imported.row
        row.pk = None
        row.filing = filing
        row.school = schools[imported.school.name_key]
        rows.append(row)
    PilotRow.objects.bulk_create(rows, batch_size=500)

    changes = []
    for key, label in HEADER_FIELDS.items():
        value = (result.header.get(key) or "").strip()[: 50 if key == "contact_name" else 254]
        if value and value != getattr(filing, key):
            changes.append({"field": label, "before": getattr(filing, key), "after": value})
            setattr(filing, key, value)
    if changes:
        filing.save(update_fields=[*HEADER_FIELDS, "updated_at"])
    _table_changed(filing)
    _record(
        filing,
        user,
        EventKind.IMPORTED,
        filename[:200],
        changes,
        note=f"导入 {len(rows)} 行、{len(schools)} 所院校，替换了原有的 {replaced} 行。",
    )
    return len(rows), len(schools)


IMPORT_INVALID = "第{line}行不能保存：{reason}"


def _validate_imported(result) -> None:
    """The model validation a school and a row saved from their forms go through, which
    bulk_create skips. The foreign keys are left out: they are the filing being written and
    the objects the import itself made, and checking each would cost a query per row.
    Uniqueness is the rules' (duplicate_and_conflict_problems) and, last, the database's."""
    checked: set[int] = set()
    for imported in result.rows:
        school = imported.school
        targets = [(imported.row, ["filing", "school", "certificate"])]
        if id(school) not in checked:
            checked.add(id(school))
            targets.insert(0, (school, ["filing"]))
        for instance, exclude in targets:
            try:
                instance.full_clean(
                    exclude=exclude, validate_unique=False, validate_constraints=False
                )
            except ValidationError as error:
                reason = "；".join(error.messages)
                raise FilingError(
                    IMPORT_INVALID.format(line=imported.line, reason=reason),
                    code="import_invalid",
                ) from error


# --- the stamped scan -------------------------------------------------------------------------

SCAN_MAX_BYTES = 20 * 1024 * 1024
SCAN_SIGNATURES = {
    b"%PDF-": "application/pdf",
    b"\xff\xd8\xff": "image/jpeg",
    b"\x89PNG\r\n\x1a\n": "image/png",
}
SCAN_TOO_LARGE = "扫描件不能超过 20 MB。"
SCAN_EMPTY = "上传的文件是空的。"
SCAN_WRONG_TYPE = "扫描件须为 PDF、JPEG 或 PNG 文件（按文件内容判断，与文件名无关）。"


def scan_content_type(head: bytes) -> str | None:
    for signature, content_type in SCAN_SIGNATURES.items():
        if head.startswith(signature):
            return content_type
    return None


@transaction.atomic
def scan_upload(*, filing: Filing, user, uploaded, now: datetime | None = None) -> StampedScan:
    now = now or timezone.now()
    filing = _lock_editable(filing)
    if uploaded.size == 0:
        raise FilingError(SCAN_EMPTY, code="scan_empty", field="file")
    if uploaded.size > SCAN_MAX_BYTES:
        raise FilingError(SCAN_TOO_LARGE, code="scan_too_large", field="file")
    uploaded.seek(0)
    content_type = scan_content_type(uploaded.read(16))
    if content_type is None:
        raise FilingError(SCAN_WRONG_TYPE, code="scan_wrong_type", field="file")
    uploaded.seek(0)
    digest = hashlib.sha256()
    for chunk in uploaded.chunks():
        digest.update(chunk)
    uploaded.seek(0)
    extension = {"application/pdf": "pdf", "image/jpeg": "jpg", "image/png": "png"}[content_type]
    scan = StampedScan(
        filing=filing,
        original_name=uploaded.name[:200],
        content_type=content_type,
        size=uploaded.size,
        sha256=digest.hexdigest(),
        filing_revision=filing.revision,
        uploaded_by=user if getattr(user, "is_authenticated", False) else None,
        uploaded_at=now,
    )
    # The stored name is ours, never the uploader's.
    scan.file.save(
        f"{filing.unit.code}-r{filing.revision}-{scan.sha256[:12]}.{extension}",
        uploaded,
        save=False,
    )
    scan.save()
    _record(
        filing,
        user,
        EventKind.SCAN_UPLOADED,
        scan.original_name,
        note=f"对应表格版本 {filing.revision}，{scan.size} 字节，SHA-256 {scan.sha256}",
        at=now,
    )
    return scan


# --- workflow ---------------------------------------------------------------------------------

ALREADY_SUBMITTED = "汇总表已提交，等待职教所审核。"
ALREADY_ACCEPTED = "汇总表已由职教所确认，不能再次提交。"
NO_ROWS_FOR_SCHOOL = "请至少为该校填写一个参与试点的证书。"
PAST_DEADLINE = "已过报送截止时间（{deadline}），不能提交。如需延期，请联系职教所。"
HAS_ERRORS = "还有 {n} 个错误未修改。"
HEADER_INCOMPLETE = "表头（联系人、电话、邮箱）未填写完整。"
NO_CURRENT_SCAN = "尚未上传与当前表格版本对应的盖章扫描件（退回后须重新上传）。"
WARNINGS_NOT_ACKNOWLEDGED = "请确认已阅读全部 {n} 条提醒。"
RETURN_NEEDS_REASON = "退回时必须填写原因。"
NOT_SUBMITTED = "只有已提交的汇总表可以确认或退回。"
NOT_ACCEPTED = "只有已确认的汇总表可以撤销确认。"


def submission_blockers(
    filing: Filing, check: FilingCheck, *, acknowledged: bool, now: datetime | None = None
) -> list[str]:
    """Why this filing cannot be submitted now; empty when it can."""
    reasons = []
    if filing.state == FilingState.ACCEPTED:
        reasons.append(ALREADY_ACCEPTED)
    elif filing.state not in EDITABLE_STATES:
        reasons.append(ALREADY_SUBMITTED)
    if filing.is_past_deadline(now):
        deadline = timezone.localtime(filing.deadline).strftime("%Y-%m-%d %H:%M")
        reasons.append(PAST_DEADLINE.format(deadline=deadline))
    if not filing.header_complete:
        reasons.append(HEADER_INCOMPLETE)
    if check.error_count:
        reasons.append(HAS_ERRORS.format(n=check.error_count))
    if current_scan(filing) is None:
        reasons.append(NO_CURRENT_SCAN)
    if check.warning_count and not acknowledged:
        reasons.append(WARNINGS_NOT_ACKNOWLEDGED.format(n=check.warning_count))
    return reasons


@transaction.atomic
def filing_submit(*, filing: Filing, user, acknowledged: bool, now: datetime | None = None) -> None:
    filing = Filing.objects.select_for_update().select_related("batch", "unit").get(pk=filing.pk)
    check = check_filing(filing, rows_for_check(filing))
    reasons = submission_blockers(filing, check, acknowledged=acknowledged, now=now)
    if reasons:
        raise FilingError("暂不能提交：", reasons, code="not_submittable")
    filing.state = FilingState.SUBMITTED
    filing.submitted_at = now or timezone.now()
    filing.save(update_fields=["state", "submitted_at", "updated_at"])
    note = f"确认了 {check.warning_count} 条提醒" if check.warning_count else ""
    if filing.is_late:
        note = "；".join(filter(None, [note, "逾期提交"]))
    _record(
        filing,
        user,
        EventKind.SUBMITTED,
        f"表格版本 {filing.revision}",
        note=note,
        at=filing.submitted_at,
    )


@dataclass(frozen=True)
class Reviewed:
    """What a reviewer's action leaves: the filing as saved, and the addresses the e-mail
    about it goes to (empty when the unit has none), for the page to name."""

    filing: Filing
    notified: list[str]


def _notify(filing: Filing, message: str, **context) -> list[str]:
    """E-mail the unit once the action is committed (an action rolled back tells nobody).
    The addresses are decided now, with the action, so that the page can name them."""
    recipients = unit_addresses(filing)
    if recipients:
        transaction.on_commit(
            lambda: notify_unit(filing, message, recipients=recipients, **context)
        )
    return recipients


def _review(filing: Filing) -> Filing:
    filing = Filing.objects.select_for_update().select_related("batch", "unit").get(pk=filing.pk)
    if filing.state != FilingState.SUBMITTED:
        raise FilingError(NOT_SUBMITTED, code="not_submitted")
    return filing


@transaction.atomic
def filing_return(*, filing: Filing, user, reason: str, now: datetime | None = None) -> Reviewed:
    reason = (reason or "").strip()
    if not reason:
        raise FilingError(RETURN_NEEDS_REASON, code="no_reason", field="reason")
    filing = _review(filing)
    filing.state = FilingState.RETURNED
    filing.return_reason = reason
    filing.reviewed_at = now or timezone.now()
    filing.reviewed_by = user
    filing.save()
    _record(filing, user, EventKind.RETURNED, note=reason, at=filing.reviewed_at)
    return Reviewed(filing, _notify(filing, "returned", reason=reason))


@transaction.atomic
def filing_accept(*, filing: Filing, user, now: datetime | None = None) -> Reviewed:
    filing = _review(filing)
    filing.state = FilingState.ACCEPTED
    filing.return_reason = ""
    filing.reviewed_at = now or timezone.now()
    filing.reviewed_by = user
    filing.save()
    _record(filing, user, EventKind.ACCEPTED, at=filing.reviewed_at)
    return Reviewed(filing, _notify(filing, "accepted"))


@transaction.atomic
def filing_unaccept(*, filing: Filing, user, now: datetime | None = None) -> Reviewed:
    """Undo an acceptance made by mistake: the filing is submitted again and waits for a
    review. Who accepted it, and when, stays in the history."""
    filing = Filing.objects.select_for_update().select_related("batch", "unit").get(pk=filing.pk)
    if filing.state != FilingState.ACCEPTED:
        raise FilingError(NOT_ACCEPTED)
    filing.state = FilingState.SUBMITTED
    filing.reviewed_at = None
    filing.reviewed_by = None
    filing.save()
    _record(filing, user, EventKind.UNACCEPTED, at=now)
    # The unit was told its table was accepted: it is told that this no longer holds.
    return Reviewed(filing, _notify(filing, "unaccepted"))


@transaction.atomic
def filings_remind(*, batch, user, now: datetime | None = None) -> list[Reviewed]:
    """Remind every unit that has not submitted its filing of `batch` (not started, draft or
    returned): each is e-mailed, and the reminder is recorded in its history with the time
    and the addresses. A unit that never opened its filing gets its empty one now, so that
    the reminder has a history to be recorded in. Returns one entry per unit, by unit code."""
    now = now or timezone.now()
    for unit in SubmittingUnit.objects.exclude(filings__batch=batch):
        Filing.objects.get_or_create(unit=unit, batch=batch)
    filings = (
        Filing.objects.select_for_update()
        .select_related("batch", "unit")
        .filter(batch=batch, state__in=EDITABLE_STATES)
        .order_by("unit__code")
    )
    reminded = []
    for filing in filings:
        notified = _notify(filing, "reminded", past_deadline=filing.is_past_deadline(now))
        note = "通知邮件发送至 " + "、".join(notified) if notified else "无可通知的邮箱"
        _record(filing, user, EventKind.REMINDED, "尚未提交", note=note, at=now)
        reminded.append(Reviewed(filing, notified))
    return reminded


# An extension is for a unit that is late by days, not a way to leave a filing open: a
# typo such as 9999-12-31 would otherwise keep it open for good.
MAX_EXTENSION_DAYS = 90
EXTEND_NOT_AWAITING = (
    "只有等待报送单位填报或修改的汇总表（草稿、已退回）可以延期，该汇总表当前为“{state}”。"
)
EXTEND_NOT_AFTER_BATCH = "延期后的截止时间应晚于批次截止时间。"
EXTEND_IN_PAST = "延期日期不能早于今天（{today:%Y-%m-%d}）。"
EXTEND_TOO_FAR = (
    "延期最长至批次截止日期或今天之后 "
    + str(MAX_EXTENSION_DAYS)
    + " 天，即不晚于 {latest:%Y-%m-%d}。"
)


def end_of_day(day: date) -> datetime:
    """An extension "to" a day runs to the end of that day, Beijing time."""
    return timezone.make_aware(datetime.combine(day, time(23, 59, 59)))


def extension_date_problem(filing: Filing, until: datetime, now: datetime | None = None) -> str:
    """Why a unit's deadline cannot be moved to `until`; empty when it can. The window opens
    today and closes MAX_EXTENSION_DAYS after the later of the batch deadline and today."""
    today = timezone.localdate(now or timezone.now())
    if until <= filing.batch.filing_deadline:
        return EXTEND_NOT_AFTER_BATCH
    day = timezone.localdate(until)
    if day < today:
        return EXTEND_IN_PAST.format(today=today)
    latest = max(timezone.localdate(filing.batch.filing_deadline), today) + timedelta(
        days=MAX_EXTENSION_DAYS
    )
    if day > latest:
        return EXTEND_TOO_FAR.format(days=MAX_EXTENSION_DAYS, latest=latest)
    return ""


@transaction.atomic
def filing_extend(
    *, filing: Filing, user, until: datetime, now: datetime | None = None
) -> Reviewed:
    filing = Filing.objects.select_for_update().select_related("batch", "unit").get(pk=filing.pk)
    # Only a filing the unit still has to (re)submit has a deadline that matters: a submitted
    # filing waits for the reviewer, an accepted one is done.
    if filing.state not in EDITABLE_STATES:
        raise FilingError(
            EXTEND_NOT_AWAITING.format(state=filing.get_state_display()), code="not_awaiting"
        )
    problem = extension_date_problem(filing, until, now)
    if problem:
        raise FilingError(problem, code="extension_date", field="until")
    before = filing.deadline
    filing.deadline_extended_to = until
    filing.save(update_fields=["deadline_extended_to", "updated_at"])
    fmt = "%Y-%m-%d %H:%M"
    notified = _notify(filing, "extended", until=until)
    _record(
        filing,
        user,
        EventKind.EXTENDED,
        "截止时间",
        [
            {
                "field": "截止时间",
                "before": timezone.localtime(before).strftime(fmt),
                "after": timezone.localtime(until).strftime(fmt),
            }
        ],
        at=now,
    )
    return Reviewed(filing, notified)
