"""An imported Attachment 2 replaces the filing's schools and rows."""

from django.core.exceptions import ValidationError
from django.db import transaction

from ..models import (
    EventKind,
    Filing,
    PilotRow,
    School,
)
from ..rules import HEADER_FIELDS
from .common import _lock_editable, _table_changed
from .errors import FilingError
from .history import _record

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
    rows, schools = _replace_table(filing, result)
    changes = _apply_header(filing, result.header)
    _table_changed(filing)
    _record(
        filing,
        user,
        EventKind.IMPORTED,
        filename[:200],
        changes,
        note=f"导入 {rows} 行、{schools} 所院校，替换了原有的 {replaced} 行。",
    )
    return rows, schools


def _replace_table(filing: Filing, result) -> tuple[int, int]:
    """The filing's schools and rows replaced by those read; returns (rows, schools)."""
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
    return len(rows), len(schools)


def _apply_header(filing: Filing, header: dict[str, str]) -> list[dict[str, str]]:
    """The header lines the file has, saved over the filing's; returns the changes. Each
    value is cut to its column, should the reading have let a longer one through."""
    changes = []
    for key, label in HEADER_FIELDS.items():
        limit = Filing._meta.get_field(key).max_length
        value = (header.get(key) or "").strip()[:limit]
        if value and value != getattr(filing, key):
            changes.append({"field": label, "before": getattr(filing, key), "after": value})
            setattr(filing, key, value)
    if changes:
        filing.save(update_fields=[*HEADER_FIELDS, "updated_at"])
    return changes


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
