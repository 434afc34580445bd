"""Demonstration data shaped like the real second batch: filings for all 33 units, in any
batch (the current one unless told), from that batch's own certificates.

Deterministic for a given seed (the dates follow today's date). The demo sets its own
timeline: the batch deadline passed two days ago, a few units submitted late, and units that
have not submitted hold a 30-day extension, so that a newcomer can still try a submission.
Rows pass the notice's rules, except where a unit is meant to show problems. Schools and rows
are written with bulk inserts, so that ten times the real batch loads in seconds; each filing
then reaches its state through the services, as in real life (scan, submission, review).
"""

import random
from datetime import datetime, time, timedelta

from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone

from certificates.models import Batch, Certificate
from certificates.numerals import chinese_number

from .demo_data import RETURN_REASONS, STATE_PLAN, SchoolSeed, pdf_bytes, read_schools
from .demo_rows import fill_filing, fill_rows
from .models import Filing, FilingState, Role, SubmittingUnit
from .rules import enrolment_years
from .services import (
    end_of_day,
    filing_accept,
    filing_extend,
    filing_return,
    filing_submit,
    refresh_check_counts,
    scan_upload,
)

DEFAULT_ROWS = 3300

__all__ = ["DEFAULT_ROWS", "DemoRefused", "demo_batch", "fill_filing", "seed_demo"]


class DemoRefused(Exception):
    pass


def _unit_weights(units: list[SubmittingUnit], schools: dict[str, list[SchoolSeed]]) -> list[float]:
    return [max(len(schools.get(u.name, [])), 6) for u in units]


def demo_batch(number: int | None) -> Batch | None:
    """The batch numbered `number` (the current batch when None); refused, with the batches
    there are, when no batch has that number."""
    if number is None:
        return Batch.objects.current()
    found = Batch.objects.filter(number=number).first()
    if found is None:
        loaded = "、".join(f"第{chinese_number(n)}批（{n}）" for n in _batch_numbers())
        raise DemoRefused(
            f"没有第 {number} 批：已载入的批次为 {loaded or '（无）'}。"
            "新的批次请先用 python manage.py load_batch 载入。"
        )
    return found


def _batch_numbers() -> list[int]:
    return list(Batch.objects.order_by("number").values_list("number", flat=True))


def _refuse_unless_open(batch: Batch | None, units: list[SubmittingUnit]) -> None:
    if batch is None or not units:
        raise DemoRefused("尚未载入参考数据：请先运行 python manage.py load_reference_data。")
    if not batch.is_open:
        # Its filings are the record of a finished batch, which nothing changes any more.
        raise DemoRefused(
            f"{batch.name}已结束报送（已有{batch.later_batch.name}），不能再生成或替换其演示数据。"
        )


@transaction.atomic
def seed_demo(
    *, rows: int = DEFAULT_ROWS, seed: int = 2019, replace: bool = False, batch: Batch | None = None
) -> dict:
    """Fill `batch` (the current batch when None) with the demo's filings. Only that batch's
    filings are replaced; the other batches' stay as they are."""
    batch = batch or Batch.objects.current()
    units = list(SubmittingUnit.objects.order_by("code"))
    _refuse_unless_open(batch, units)
    _clear(batch, replace)

    rng = random.Random(seed)
    certificates = list(Certificate.objects.filter(batch=batch).order_by("position"))
    years = enrolment_years(batch)
    schools_by_province = read_schools()
    reviewer = User.objects.filter(portal_profile__role=Role.REVIEWER).first()
    plan = _plan(units, rng)
    weights = _unit_weights(units, schools_by_province)
    total_weight = sum(w for u, w in zip(units, weights, strict=True) if plan[u.pk] is not None)
    deadline, extension = _timeline(batch)
    counts = {"filings": 0, "rows": 0, "schools": 0}

    for unit, weight in zip(units, weights, strict=True):
        state = plan[unit.pk]
        if state is None:
            filing = Filing.objects.create(unit=unit, batch=batch)
            filing_extend(filing=filing, user=reviewer, until=extension)
            continue
        filing = Filing.objects.create(
            unit=unit,
            batch=batch,
            contact_name=rng.choice(["张敏", "李华", "王磊", "刘洋", "陈静", "杨帆", "赵丽"]),
            contact_phone=f"0{rng.randint(10, 99)}-{rng.randint(60000000, 89999999)}",
            contact_email=f"x1-{unit.code}@edu.example.cn",
        )
        target = max(3, round(rows * weight / total_weight))
        written_rows, written_schools = fill_rows(
            filing, unit, target, rng, certificates, years, schools_by_province
        )
        counts["rows"] += written_rows
        counts["schools"] += written_schools
        counts["filings"] += 1
        _set_state(filing, state, rng, deadline, reviewer)
        if state in (FilingState.DRAFT, FilingState.RETURNED):
            filing_extend(filing=filing, user=reviewer, until=extension)
        refresh_check_counts(filing)
    counts["not_started"] = sum(1 for u in units if plan[u.pk] is None)
    counts.update(units=len(units), deadline=deadline, extension=extension, batch=batch)
    return counts


def _clear(batch: Batch, replace: bool) -> None:
    """Remove the batch's filings (and their scans' files), which the demo replaces."""
    existing = Filing.objects.filter(batch=batch)
    if existing.filter(rows__isnull=False).exists() and not replace:
        raise DemoRefused("已有汇总表数据。演示数据会删除本批次全部汇总表，如确认请加 --replace。")
    for filing in existing:
        for scan in filing.scans.all():
            scan.file.delete(save=False)
    existing.delete()


def _plan(units: list[SubmittingUnit], rng: random.Random) -> dict[int, str | None]:
    """The state each unit's filing ends in (None: not started), dealt out as STATE_PLAN says."""
    order = units[:]
    rng.shuffle(order)
    plan: dict[int, str | None] = {unit.pk: FilingState.DRAFT for unit in units}
    position = 0
    for state, count in STATE_PLAN:
        for unit in order[position : position + count]:
            plan[unit.pk] = state
        position += count
    return plan


def _timeline(batch: Batch) -> tuple[datetime, datetime]:
    """The demo's own timeline: the batch deadline passed two days ago (so that some units are
    late), and every unit that has not submitted gets an extension to try a submission."""
    today = timezone.localdate()
    deadline = timezone.make_aware(datetime.combine(today - timedelta(days=2), time(23, 59, 59)))
    extension = timezone.make_aware(datetime.combine(today + timedelta(days=30), time(23, 59, 59)))
    batch.filing_deadline = deadline
    batch.save(update_fields=["filing_deadline"])
    return deadline, extension


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
    content = pdf_bytes(f"Attachment 2 - {filing.unit.code} - stamped")
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
