"""The portal's own evidence sheet (佐证材料): what Attachment 2 has no column for, read back
so that the portal's export imports without loss."""

import re
from typing import Any

from ..rules import COUNT_LABELS, MAX_NOTE
from . import layout
from .headings import heading_key
from .parsing import (
    ParseError,
    compact,
    parse_count,
    parse_enrolment,
    parse_facilities,
    parse_yes_no,
    raw_text,
    written,
)

Evidence = dict[tuple[str, str], dict[str, Any]]


def read_evidence(workbook, school_key) -> Evidence:
    """The evidence sheet's rows by (school key, certificate); empty for other files.
    `school_key` turns a school name into the key schools are matched by."""
    if layout.EVIDENCE_SHEET_TITLE not in workbook.sheetnames:
        return {}
    ws = workbook[layout.EVIDENCE_SHEET_TITLE]
    rows = ws.iter_rows(min_row=layout.EVIDENCE_HEADER_ROW, values_only=True)
    header = [heading_key(v) for v in next(rows, ())]
    keys = {heading_key(h): key for h, key in layout.EVIDENCE_EARLIER_HEADINGS.items()}
    keys.update({heading_key(c.header): c.key for c in layout.EVIDENCE_COLUMNS})
    positions = {keys[h]: i for i, h in enumerate(header) if h in keys}
    if not {"school", "certificate"} <= positions.keys():
        return {}
    evidence: Evidence = {}
    for values in rows:
        item = {k: values[i] if i < len(values) else None for k, i in positions.items()}
        school = school_key(written(item.get("school")))
        if school:
            evidence[(school, compact(item.get("certificate")))] = item
    return evidence


def _within(enrolled: list[int] | None, years: list[int]) -> list[int] | None:
    return None if enrolled is None else [y for y in enrolled if y in years]


def apply_evidence(imported, evidence: Evidence, years: list[int]) -> None:
    """Complete an importer.ImportedRow with its evidence, when the sheet has it. `years`:
    the enrolment years the rules ask about (rules.enrolment_years); others do not matter,
    and the row's form, which has a box for these only, would drop them."""
    row = imported.row
    if row is None:
        return
    item = evidence.get((imported.school.name_key, compact(row.certificate.name)))
    if item is None:
        return
    imported.has_evidence = True
    enrolment = parse_enrolment(item.get("enrolment"))
    row.majors = [
        {"name": m["name"], "years": _within(enrolment.get(m["name"]), years)} for m in row.majors
    ]
    for name in ("team_size", "dual_qualified_count", "industry_expert_count"):
        try:
            setattr(row, name, parse_count(item.get(name), what=COUNT_LABELS[name]))
        except ParseError:
            setattr(row, name, None)
    row.innovation_team = parse_yes_no(item.get("innovation_team")) is True
    for name in ("training_experience", "teaching_resources", "management"):
        setattr(row, name, parse_yes_no(item.get(name)))
        setattr(row, f"{name}_note", raw_text(item.get(f"{name}_note"))[:MAX_NOTE])
    row.facilities = parse_facilities(item.get("facilities"))
    row.facilities_note = raw_text(item.get("facilities_note"))[:MAX_NOTE]
    code = compact(item.get("school_code"))
    if code and not imported.school.school_code and re.fullmatch(r"\d{10}", code):
        imported.school.school_code = code
