"""The benchmarks. Each returns rows for the report: (what, figure, goal, verdict)."""

import zipfile
from io import BytesIO

from django.urls import reverse
from openpyxl import Workbook, load_workbook

from certificates.upload_guard import RefusedFile
from certificates.xlsx import write_only_sheet
from filings.models import PilotRow
from filings.national import included_filings
from filings.spreadsheet.export import build_attachment2, evidence_values, export_rows, table_values
from filings.spreadsheet.importer import read_attachment2
from filings.spreadsheet.national_workbook import build_national_workbook

from . import data
from .measure import paired, peak_growth_mb, timed
from .scale import scale
from .web import page, reviewer_client, staff_client, upload

Row = tuple[str, str, str, str]


def verdict(ok: bool) -> str:
    return "met" if ok else "**not met**"


def _bare_write(sheets: list[list[list]], as_text: bool = False) -> bytes:
    """The same cells, bare, through openpyxl's write-only sheet (the goals' baseline) or,
    `as_text`, through the sheet the exports use (certificates.sheet_xml), which writes rows
    as text: what the exports add to writing their values, styles and heights and the
    database read."""
    wb = Workbook(write_only=True)
    for number, cells in enumerate(sheets):
        ws = write_only_sheet(wb, f"S{number}") if as_text else wb.create_sheet()
        for values in cells:
            ws.append(values)
    buffer = BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def attachment2_export() -> list[Row]:
    results = []
    for rows in (1000, 4000):
        filing = data.unit_filing(data.second_batch(), "420000", rows)
        pilot_rows = export_rows(filing)
        cells = [
            [table_values(r, i) for i, r in enumerate(pilot_rows, 1)],
            [evidence_values(r, i) for i, r in enumerate(pilot_rows, 1)],
        ]
        growth = peak_growth_mb(lambda f=filing: build_attachment2(f))
        if rows == 1000:
            ours, bare = paired(
                lambda f=filing: build_attachment2(f), lambda c=cells: _bare_write(c)
            )
            ratio = ours / bare
            results.append(
                (
                    "Attachment 2 export, 1,000 rows (vs bare openpyxl write-only)",
                    f"{ours * 1000:.0f} ms vs {bare * 1000:.0f} ms = {ratio:.2f}×",
                    "≤ 1.3×",
                    verdict(ratio <= 1.3),
                )
            )
            ours, bare = paired(
                lambda f=filing: build_attachment2(f),
                lambda c=cells: _bare_write(c, as_text=True),
            )
            results.append(
                (
                    "Attachment 2 export, 1,000 rows (vs bare values through the same row writer)",
                    f"{ours * 1000:.0f} ms vs {bare * 1000:.0f} ms = {ours / bare:.2f}×",
                    "(for information)",
                    "met",
                )
            )
        results.append(
            (
                f"Attachment 2 export, {rows:,} rows: peak memory growth",
                f"{growth:.1f} MB",
                "≤ 20 MB",
                verdict(growth <= 20),
            )
        )
    return results


def national_workbook() -> list[Row]:
    if PilotRow.objects.count() < 33_000:
        data.national(data.second_batch(), 1000)
    batch = data.second_batch()
    filings = included_filings(batch, True)
    rows = list(
        PilotRow.objects.filter(filing__in=filings)
        .select_related("school", "certificate", "filing__unit")
        .order_by("filing__unit__code", "school__name_key", "certificate__position")
    )
    all_rows = [[r.filing.unit.name, *table_values(r, i)] for i, r in enumerate(rows, 1)]
    per_cert = [
        [r.filing.unit.name, r.school.name, r.school.get_school_type_display(), "", "", "", "", 1]
        for r in rows
    ]
    cells = [all_rows, per_cert, [[0] * 14] * 45]
    ours, bare = paired(
        lambda: build_national_workbook(batch, True), lambda: _bare_write(cells), repeat=3
    )
    growth = peak_growth_mb(lambda: build_national_workbook(batch, True))
    ratio = ours / bare
    ours_again, bare_text = paired(
        lambda: build_national_workbook(batch, True),
        lambda: _bare_write(cells, as_text=True),
        repeat=3,
    )
    return [
        (
            f"National workbook, {len(rows):,} rows (vs bare write-only of the same cells)",
            f"{ours:.2f} s vs {bare:.2f} s = {ratio:.2f}×",
            "≤ 1.5×, < 5 s",
            verdict(ratio <= 1.5 and ours < 5),
        ),
        (
            f"National workbook, {len(rows):,} rows (vs bare values through the same row writer)",
            f"{ours_again:.2f} s vs {bare_text:.2f} s = {ours_again / bare_text:.2f}×",
            "(for information)",
            "met",
        ),
        (
            "National workbook: peak memory growth",
            f"{growth:.0f} MB",
            "< 300 MB",
            verdict(growth < 300),
        ),
    ]


def import_5000() -> list[Row]:
    # The unit's own table of 5,000 rows (another unit's would be refused), imported over a
    # draft of 10 rows.
    content = build_attachment2(data.unit_filing(data.second_batch(), "420000", 5000))
    data.unit_filing(data.second_batch(), "420000", 10)
    client = staff_client("420000")
    url_upload = reverse("filings:import", args=["420000"])
    url_preview = reverse("filings:import_preview", args=["420000"])

    def ours():
        response = client.post(url_upload, {"file": upload(content)})
        assert response.status_code == 302, response.status_code
        assert client.get(url_preview).status_code == 200
        response = client.post(url_preview, {"action": "confirm"})
        assert response.status_code == 302

    def bare():
        wb = load_workbook(BytesIO(content), read_only=True)
        for ws in wb.worksheets:
            for _ in ws.iter_rows(values_only=True):
                pass
        wb.close()

    subject, baseline = paired(ours, bare, repeat=3)
    growth = peak_growth_mb(lambda: read_attachment2(content, batch=data.second_batch(), unit=None))
    ratio = subject / baseline
    return [
        (
            "Import of 5,000 rows: upload, parse, validate, preview, confirm "
            "(vs bare read-only pass)",
            f"{subject:.2f} s vs {baseline:.2f} s = {ratio:.2f}×",
            "≤ 3×",
            verdict(ratio <= 3),
        ),
        (
            "Import of 5,000 rows: peak memory growth of the reading",
            f"{growth:.1f} MB",
            "≤ 64 MB",
            verdict(growth <= 64),
        ),
    ]


def hostile_files() -> list[Row]:
    small = build_attachment2(data.unit_filing(data.second_batch(), "420000", 3))
    bomb = BytesIO()
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as target:
        source = zipfile.ZipFile(BytesIO(small))
        for info in source.infolist():
            target.writestr(info, source.read(info.filename))
        with target.open("xl/media/image1.bin", "w", force_zip64=True) as member:
            for _ in range(200):
                member.write(bytes(1024 * 1024))
    laughs = BytesIO()

    def expansion(i: int) -> str:
        inner = f"&lol{i - 1};" if i > 1 else "&lol;"
        return f'<!ENTITY lol{i} "{inner * 10}">'

    entity = (
        b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        + "".join(expansion(i) for i in range(1, 10)).encode()
        + b']><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        b'<sheetData><row><c t="inlineStr"><is><t>&lol9;</t></is></c></row></sheetData></worksheet>'
    )
    with zipfile.ZipFile(laughs, "w", zipfile.ZIP_DEFLATED) as target:
        source = zipfile.ZipFile(BytesIO(small))
        for info in source.infolist():
            body = entity if info.filename == "xl/worksheets/sheet1.xml" else source.read(info)
            target.writestr(info.filename, body)
    batch = data.second_batch()
    results = []
    for name, payload in (
        ("zip bomb (200 MB of zeros)", bomb.getvalue()),
        ("entity expansion", laughs.getvalue()),
    ):

        def refuse(p=payload):
            try:
                read_attachment2(p, batch=batch, unit=None)
            except RefusedFile:
                return
            raise AssertionError("not refused")

        seconds = timed(refuse, repeat=7).median
        results.append(
            (
                f"Hostile file refused: {name}",
                f"{seconds * 1000:.1f} ms",
                "< 50 ms",
                verdict(seconds < 0.05),
            )
        )
    return results


def pages() -> list[Row]:
    results = []
    measured = {}
    for per_unit in (10, 1000):
        data.national(data.second_batch(), per_unit)
        staff = staff_client("420000")
        reviewer = reviewer_client()
        for label, client, url in (
            ("filing page (概览)", staff, reverse("filings:unit_home", args=["420000"])),
            ("rows page (试点院校)", staff, reverse("filings:rows", args=["420000"])),
            ("reviewers' board", reviewer, reverse("filings:review_board")),
            ("national aggregates", reviewer, reverse("filings:national") + "?include_submitted=1"),
        ):
            measured[(label, per_unit)] = page(client, url)
    for label in (
        "filing page (概览)",
        "rows page (试点院校)",
        "reviewers' board",
        "national aggregates",
    ):
        (t10, q10), (t1000, q1000) = measured[(label, 10)], measured[(label, 1000)]
        rows_shown = "1,000 rows" if "filing" in label or "rows" in label else "33,000 rows"
        fixed = q10 == q1000
        goal_ms = 300
        results.append(
            (
                f"{label}: 10 → 1,000 rows per unit",
                f"{t10 * 1000:.0f} → {t1000 * 1000:.0f} ms ({rows_shown}); queries {q10} → {q1000}",
                f"queries fixed; < {goal_ms} ms",
                verdict(fixed and t1000 * 1000 < goal_ms),
            )
        )
    return results


ALL = [
    ("pages", pages),
    ("national", national_workbook),
    ("export", attachment2_export),
    ("import", import_5000),
    ("hostile", hostile_files),
    # Last: it loads a generated batch, which becomes the current batch the pages show.
    ("scale", scale),
]
