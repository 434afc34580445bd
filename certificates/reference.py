"""Load the notice's reference data from `fixtures/` into the database.

The fixture is the authority. Loading is idempotent: objects are matched by natural keys
(batch number, a certificate's position in the notice, a contact's position), values that
differ are restored to the fixture's, and contacts the fixture does not list are removed.
Every change is reported, so that an operator sees what an edit in the admin had altered.
"""

import json
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import models, transaction
from django.utils import timezone

from .models import (
    LIST_SEPARATOR,
    Batch,
    Certificate,
    EvaluationOrganization,
    NoticeContact,
    OrganizationContact,
)

FIXTURES_DIR = Path(settings.BASE_DIR) / "fixtures"
REFERENCE_FILES = ["batch2.json"]


@dataclass
class LoadReport:
    created: list[str] = field(default_factory=list)
    restored: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.created or self.restored or self.removed)

    def lines(self, restored: str = "恢复") -> list[str]:
        """`restored` names what a changed value means: the fixture's value restored, or
        (for a batch loaded from its Attachment 1) the file's value taken."""
        return (
            [f"新增：{item}" for item in self.created]
            + [f"{restored}：{item}" for item in self.restored]
            + [f"删除：{item}" for item in self.removed]
            + [f"保留：{item}" for item in self.kept]
        )


# Passed as `existing` to mean "find the row by its lookup".
_BY_LOOKUP: Any = object()


def _display(value: Any) -> str:
    if isinstance(value, datetime):
        return timezone.localtime(value).strftime("%Y-%m-%d %H:%M")
    return str(value)


def _joined(values: list[str]) -> str:
    return LIST_SEPARATOR.join(values)


def sync_row(
    model: type[models.Model],
    lookup: dict[str, Any],
    values: dict[str, Any],
    label: str,
    report: LoadReport,
    existing: models.Model | None = _BY_LOOKUP,
    keep: frozenset[str] = frozenset(),
) -> models.Model:
    """Make one row equal to the fixture: create it, or restore the fields that differ.

    `existing` is the row already found by the caller (None: there is none, create it).
    Fields in `keep` are set on creation only: an edited value is reported, not restored.
    """
    obj = model.objects.filter(**lookup).first() if existing is _BY_LOOKUP else existing
    if obj is None:
        obj = model(**lookup, **values)
        obj.full_clean()
        obj.save()
        report.created.append(label)
        return obj
    differences = []
    for name, wanted in {**lookup, **values}.items():
        current = getattr(obj, name)
        if current != wanted:
            verbose = model._meta.get_field(name).verbose_name
            if name in keep:
                report.kept.append(
                    f"{label} 的{verbose}“{_display(current)}”（通知为“{_display(wanted)}”）"
                )
                continue
            differences.append(f"{verbose}“{current}”→“{wanted}”")
            setattr(obj, name, wanted)
    if differences:
        obj.full_clean()
        obj.save()
        report.restored.append(f"{label}（{'；'.join(differences)}）")
    return obj


def _load_batch(data: dict[str, Any], report: LoadReport) -> None:
    batch_data = data["batch"]
    batch = sync_row(
        Batch,
        {"number": batch_data["number"]},
        {
            "name": batch_data["name"],
            "notice_number": batch_data["notice_number"],
            "notice_title": batch_data["notice_title"],
            "issuer": batch_data["issuer"],
            "issued_on": date.fromisoformat(batch_data["issued_on"]),
            "filing_deadline": datetime.fromisoformat(batch_data["filing_deadline"]),
            # Attachment 2's words for the batch, as the notice prints them.
            "ordinal": batch_data["ordinal"],
            "attachment2_title": batch_data["attachment2_title"],
        },
        f"批次 {batch_data['name']}",
        report,
        # The deadline is operational: an administrator may move it (a newcomer trying the
        # portal long after 2019 opens a filing period); reloading must not undo that.
        keep=frozenset({"filing_deadline"}),
    )

    for cert_data in data["certificates"]:
        _load_certificate(batch, cert_data, report)

    sync_positions(
        NoticeContact,
        {"batch": batch},
        [
            {
                "office": c["office"],
                "office_full_name": c["office_full_name"],
                "topic": c["topic"],
                "people": _joined(c["people"]),
                "phones": _joined(c["phones"]),
                "email": c["email"],
            }
            for c in data["notice_contacts"]
        ],
        f"{batch_data['name']} 的通知联系人",
        report,
    )


def _load_certificate(batch: Batch, cert_data: dict[str, Any], report: LoadReport) -> None:
    """A certificate of the batch, its evaluation organization and the organization's
    contacts."""
    org_data = cert_data["organization"]
    certificate = (
        Certificate.objects.select_related("organization")
        .filter(batch=batch, position=cert_data["position"])
        .first()
    )
    # The certificate tells which organization row is meant, even after its name was
    # edited; only a certificate seen for the first time looks its organization up by name.
    organization = sync_row(
        EvaluationOrganization,
        {},
        {
            "name": org_data["name"],
            "office_phones": _joined(org_data["office_phones"]),
            "fax": org_data["fax"],
            "emails": _joined(org_data["emails"]),
            "address": org_data["address"],
            "postcode": org_data["postcode"],
        },
        f"培训评价组织 {org_data['name']}",
        report,
        existing=certificate.organization
        if certificate
        else EvaluationOrganization.objects.filter(name=org_data["name"]).first(),
    )
    sync_row(
        Certificate,
        {"batch": batch, "position": cert_data["position"]},
        {
            "name": cert_data["name"],
            "attachment1_name": cert_data["attachment1_name"],
            "organization": organization,
            "levels": _joined(cert_data["levels"]),
        },
        f"证书 {cert_data['name']}",
        report,
        existing=certificate,
    )
    sync_positions(
        OrganizationContact,
        {"organization": organization},
        [{"name": c["name"], "mobile": c["mobile"]} for c in org_data["contacts"]],
        f"{org_data['name']} 的联系人",
        report,
    )


def sync_positions(
    model: type[models.Model],
    parent: dict[str, Any],
    items: list[dict[str, Any]],
    label: str,
    report: LoadReport,
) -> None:
    """Rows ordered by `position` under one parent: sync each, remove the ones not listed."""
    for position, values in enumerate(items, start=1):
        sync_row(model, {**parent, "position": position}, values, f"{label} 第{position}项", report)
    for extra in model.objects.filter(**parent, position__gt=len(items)):
        report.removed.append(f"{label}：{extra}")
        extra.delete()


@transaction.atomic
def load_reference_data(files: list[Path] | None = None) -> LoadReport:
    report = LoadReport()
    for path in files or [FIXTURES_DIR / name for name in REFERENCE_FILES]:
        with open(path, encoding="utf-8") as handle:
            _load_batch(json.load(handle), report)
    return report
