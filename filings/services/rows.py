"""The table's schools and rows: add, edit, delete, and the bulk confirmation of the
conditions the province attests."""

from typing import Any

from django.db import transaction
from django.db.models import F

from ..models import (
    EventKind,
    Facilities,
    Filing,
    PilotRow,
    School,
    SchoolStatus,
)
from ..rules import (
    ATTESTED,
    clean_name,
    enrolment_years,
    normalize_name,
)
from .common import _lock_editable, _table_changed
from .errors import (
    DUPLICATE_ROW,
    EDIT_CONFLICT,
    ROW_EXISTS,
    SCHOOL_EDIT_CONFLICT,
    SCHOOL_EXISTS,
    TYPE_CONFLICT,
    EditConflict,
    FilingError,
)
from .history import _created, _deleted, _record, diff, row_snapshot, school_snapshot
from .workflow import NO_ROWS_FOR_SCHOOL


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


# The explanation each of the conditions the province answers may carry.
CONDITION_NOTES = [f"{condition}_note" for condition in (*ATTESTED, "facilities")]


def apply_row_data(row: PilotRow, data: dict[str, Any]) -> None:
    """Set a row's fields from data in the shape the forms give (PilotRowForm.row_data): for
    saving, and for the rules to judge the row as it would be saved."""
    for name in ROW_FIELDS:
        if name in data:
            setattr(row, name, data[name])
    if "levels" in data:
        row.levels = data["levels"]
    if "majors" in data:
        row.majors = data["majors"]
    for note in CONDITION_NOTES:
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
        apply_row_data(row, data)
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


def _save_edit(
    filing: Filing, user, kind: EventKind, obj: School | PilotRow, data, apply, snapshot
) -> None:
    """Apply an edit to a school or a row, validate and save it, and record what changed (a
    save that changes nothing leaves the table's revision and the history alone)."""
    before = snapshot(obj)
    apply(obj, data)
    obj.full_clean()
    obj.save()
    changes = diff(before, snapshot(obj))
    if changes:
        _table_changed(filing)
        _record(filing, user, kind, str(obj), changes)


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
    _save_edit(
        filing, user, EventKind.SCHOOL_CHANGED, current, data, _apply_school, school_snapshot
    )
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
    _save_edit(filing, user, EventKind.ROW_CHANGED, current, data, apply_row_data, row_snapshot)
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


@transaction.atomic
def row_delete_at_version(*, row: PilotRow, user, expected_version: int | None) -> None:
    """Delete the row the caller saw at `expected_version` (the API's DELETE, which has no
    confirmation page): refused, as an edit is, if someone saved it meanwhile."""
    _lock_editable(row.filing)
    _claim_version(PilotRow, row.pk, expected_version, EDIT_CONFLICT)
    current = PilotRow.objects.select_related("school", "certificate").get(pk=row.pk)
    row_delete(row=current, user=user)


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
