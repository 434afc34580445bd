"""Loading a batch of the pilot from its notice's Attachment 1: all or nothing.

The file is read and every value checked first (`attachment1_reading`); with any problem
nothing is written. Then, in one transaction: the batch (its number, name and notice from
the command line), its certificates in the table's order, and their evaluation
organizations with their contacts. Writing goes through the same `sync_row` as the
reference fixture, so that loading the same file again changes nothing.

What the file does not say:
- levels: an optional 等级 column; without it every certificate has all three;
- the notice's own contacts (section 四) are not in Attachment 1 and are not loaded;
- an organization already known by its name (from another batch) is reused, its name being
  unique; where the file gives other contact details, the file's are taken and reported,
  for the organization is one and the same in every batch's directory.

A batch number already loaded is loaded again only with the same content (the same notice
and the same certificates in the same order, with the same organizations and levels):
anything else is refused, row and column named, since filings may already refer to it.
The deadline, like the reference fixture's, is kept as it is (an administrator may have
moved it), and the difference reported.
"""

from dataclasses import dataclass, field
from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.db import transaction

from .attachment1_reading import (
    Attachment1Error,
    Attachment1Table,
    CertificateRecord,
    problem,
    read_attachment1,
)
from .cell_text import compact
from .models import (
    LIST_SEPARATOR,
    Batch,
    Certificate,
    EvaluationOrganization,
    Level,
    OrganizationContact,
)
from .numerals import batch_number_in, chinese_number
from .reference import LoadReport, sync_positions, sync_row

DEFAULT_ISSUER = "教育部职业教育与成人教育司"


@dataclass(frozen=True)
class BatchDetails:
    """What the command line says of the batch (the notice itself, not Attachment 1)."""

    number: int
    name: str
    notice_number: str
    notice_title: str
    issued_on: date
    filing_deadline: datetime
    issuer: str = DEFAULT_ISSUER

    def fields(self) -> dict[str, object]:
        return {
            "name": self.name,
            "notice_number": self.notice_number,
            "notice_title": self.notice_title,
            "issuer": self.issuer,
            "issued_on": self.issued_on,
            "filing_deadline": self.filing_deadline,
        }


@dataclass
class BatchLoad:
    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    report: LoadReport = field(default_factory=LoadReport)
    certificates: int = 0
    organizations: int = 0
    table: Attachment1Table | None = None  # the file as read, for a preview


def load_batch(content: bytes, details: BatchDetails, *, dry_run: bool = False) -> BatchLoad:
    result = BatchLoad()
    try:
        table = read_attachment1(content)
    except Attachment1Error as error:
        result.problems.append(str(error))
        return result
    result.table = table
    result.notes = table.notes
    result.problems = table.problems + _details_problems(details, table)
    if not table.certificates and not result.problems:
        result.problems.append("表中没有证书。")
    if result.problems:
        return result
    with transaction.atomic():
        existing = Batch.objects.filter(number=details.number).first()
        if existing is not None:
            result.problems = _differences(existing, details, table)
            if result.problems:
                return result
        _write(table, details, result)
        if dry_run:
            transaction.set_rollback(True)
    return result


def _details_problems(details: BatchDetails, table: Attachment1Table) -> list[str]:
    """The command line's values checked as the admin checks them, and the table's title
    naming the same batch."""
    problems = []
    batch = Batch(number=details.number, **details.fields())
    try:
        batch.full_clean(validate_unique=False, validate_constraints=False)
    except ValidationError as error:
        for name, messages in error.message_dict.items():
            problems += [f"批次的{Batch._meta.get_field(name).verbose_name}：{m}" for m in messages]
    named = batch_number_in(table.title)
    if named is not None and named != details.number:
        problems.append(
            f"表格标题“{table.title}”是第{chinese_number(named)}批的，"
            f"而要载入的是第{chinese_number(details.number)}批（--number {details.number}）。"
        )
    return problems


def _differences(batch: Batch, details: BatchDetails, table: Attachment1Table) -> list[str]:
    """How a file differs from the batch of the same number already loaded."""
    problems = [
        f"批次 {batch.number} 已载入，其{Batch._meta.get_field(name).verbose_name}为"
        f"“{getattr(batch, name)}”，与这次给出的“{wanted}”不同。"
        for name, wanted in details.fields().items()
        if name != "filing_deadline" and getattr(batch, name) != wanted
    ]
    loaded = list(batch.certificates.select_related("organization").order_by("position"))
    for position, record in enumerate(table.certificates, start=1):
        current = loaded[position - 1] if position <= len(loaded) else None
        problems += _certificate_differences(batch, position, current, record)
    for extra in loaded[len(table.certificates) :]:
        problems.append(
            f"批次 {batch.number} 已载入的第 {extra.position} 个证书“{extra}”不在文件中。"
        )
    if problems:
        problems.append(
            f"批次 {batch.number} 已载入，文件与之不同：未作任何改动。"
            "已有的批次请在管理后台更正，或换一个批次编号。"
        )
    return problems


def _certificate_differences(
    batch: Batch, position: int, current: Certificate | None, record: CertificateRecord
) -> list[str]:
    loaded = f"批次 {batch.number} 已载入的第 {position} 个证书"
    if current is None:
        return [
            problem(
                record.line,
                "certificate",
                f"批次 {batch.number} 已载入，没有第 {position} 个证书。",
            )
        ]
    found = []
    if current.name != record.name:
        found.append(
            problem(
                record.line, "certificate", f"{loaded}为“{current.name}”，文件为“{record.name}”。"
            )
        )
    elif compact(current.organization.name) != compact(record.organization):
        found.append(
            problem(
                record.line,
                "organization",
                f"{loaded}“{current.name}”由“{current.organization.name}”负责，文件为“{record.organization}”。",
            )
        )
    if current.levels != LIST_SEPARATOR.join(record.levels):
        labels = "、".join(Level(code).label for code in record.levels)
        found.append(
            problem(
                record.line,
                "levels",
                f"{loaded}“{current.name}”的等级为“{'、'.join(current.level_labels)}”，文件为“{labels}”。",
            )
        )
    return found


def _known_organization(name: str) -> EvaluationOrganization | None:
    """The organization of that name, or of the same name written with other widths or
    spaces (`（北京）` for `(北京)`): the name is unique, and the organization one."""
    exact = EvaluationOrganization.objects.filter(name=name).first()
    if exact is not None:
        return exact
    folded = compact(name)
    return next(
        (org for org in EvaluationOrganization.objects.all() if compact(org.name) == folded), None
    )


def _write(table: Attachment1Table, details: BatchDetails, result: BatchLoad) -> None:
    new = not Batch.objects.filter(number=details.number).exists()
    batch = sync_row(
        Batch,
        {"number": details.number},
        details.fields(),
        f"批次 {details.name}",
        result.report,
        keep=frozenset({"filing_deadline"}),
    )
    if new:
        result.notes.append(_batch_words(batch))
    organizations = _write_organizations(table, result)
    loaded = {c.position: c for c in batch.certificates.all()}
    for position, record in enumerate(table.certificates, start=1):
        current = loaded.get(position)
        # A file that writes the certificate as the notice's section 一 does (the portal's
        # own export) says nothing of Attachment 1's other wording: it is kept.
        kept = current.attachment1_name if current and current.name == record.name else ""
        sync_row(
            Certificate,
            {"batch": batch, "position": position},
            {
                "name": record.name,
                "attachment1_name": record.attachment1_name or kept,
                "organization": organizations[record.organization],
                "levels": LIST_SEPARATOR.join(record.levels),
            },
            f"证书 {record.name}",
            result.report,
        )
    result.certificates = len(table.certificates)
    result.organizations = len(organizations)
    if not batch.notice_contacts.exists():
        result.notes.append(
            "通知的联系人（咨询事项、联系电话）不在附件1中，未载入：请在管理后台“通知联系人”中添加。"
        )


def _batch_words(batch: Batch) -> str:
    """What a new batch is given beside the file: its words in Attachment 2, from its number,
    and the concentration thresholds every new batch starts with. A reload keeps both."""
    return (
        f"附件2标题为“{batch.attachment2_title}”，“总体情况”各项以“{batch.ordinal}”开头；"
        f"试点过于集中的提示：不少于 {batch.concentration_min_rows} 行，最大证书占比超过 "
        f"{batch.concentration_max_share_percent}% 或集中度指数超过 "
        f"{batch.concentration_max_hhi_percent / 100:.2f}。如与通知不同，请在管理后台修改。"
    )


def _write_organizations(
    table: Attachment1Table, result: BatchLoad
) -> dict[str, EvaluationOrganization]:
    """The table's organizations (a known one reused, its details made the file's) and
    their contacts, by their names in the file."""
    organizations = {}
    for name, values in table.organizations.items():
        existing = _known_organization(name)
        fields = values.organization_fields()
        if existing is not None and existing.name != name:
            fields["name"] = existing.name
            result.notes.append(
                f"培训评价组织“{name}”即已有的“{existing.name}”，按已有的写法载入。"
            )
        organizations[name] = sync_row(
            EvaluationOrganization,
            {},
            fields,
            f"培训评价组织 {name}",
            result.report,
            existing=existing,
        )
        sync_positions(
            OrganizationContact,
            {"organization": organizations[name]},
            values.contacts(),
            f"{name} 的联系人",
            result.report,
        )
    return organizations
