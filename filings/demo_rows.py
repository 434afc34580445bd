"""The demonstration's schools and rows: a unit's filing filled with rows that pass the
notice's rules, from the certificates of the filing's own batch (ten of the second batch, or
hundreds of a generated one), with the enrolment years of that batch's year."""

import hashlib
import random

from certificates.models import Certificate, Level

from .demo_data import STATUS_FROM_CSV, SchoolSeed, extra_schools, majors_for, read_schools
from .models import Facilities, Filing, PilotRow, School
from .rules import enrolment_years, normalize_name
from .services import refresh_check_counts


def fill_filing(filing: Filing, rows: int, seed: int = 0) -> tuple[int, int]:
    """Give one filing `rows` realistic rows (for benchmarks and load tests)."""
    rng = random.Random(seed)
    certificates = list(Certificate.objects.filter(batch=filing.batch).order_by("position"))
    written = fill_rows(
        filing,
        filing.unit,
        rows,
        rng,
        certificates,
        enrolment_years(filing.batch),
        read_schools(),
    )
    refresh_check_counts(filing)
    return written


def fill_rows(
    filing, unit, target, rng, certificates, years, schools_by_province
) -> tuple[int, int]:
    """`target` rows for the unit's filing, about two a school, from its province's schools
    (then made-up ones); returns the rows and the schools written."""
    seeds = list(schools_by_province.get(unit.name, []))
    rng.shuffle(seeds)
    if unit.code == "900000":
        # A school that a province files too: the national view lists it as a conflict.
        seeds = schools_by_province.get("北京市", [])[:1] + seeds
    needed_schools = max(1, round(target / 2.2))
    if len(seeds) < needed_schools:
        seeds += extra_schools(unit, needed_schools - len(seeds), rng)
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
        school = _school(filing, seed, name, rng)
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


def _school(filing: Filing, seed: SchoolSeed, name: str, rng: random.Random) -> School:
    """A school of the list (a campus of it when the list runs short): its status when the
    list knows one, otherwise a remark a province would write."""
    status = STATUS_FROM_CSV.get(seed.status)
    remarks = rng.choice(
        ["专业特色明显", "省级示范（骨干、优质）高等职业学校", "省级重点专业所在院校", ""]
    )
    return School(
        filing=filing,
        name=name,
        name_key=normalize_name(name),
        school_type=seed.school_type,
        statuses=status.value if status else "",
        remarks="" if status else remarks,
        school_code=f"41{int(hashlib.sha1(name.encode()).hexdigest(), 16) % 10**8:08d}",
    )


def _row(cert: Certificate, rng: random.Random, years: list[int]) -> PilotRow:
    majors = rng.sample(majors_for(cert), k=rng.choice([1, 1, 2, 2, 3]))
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
