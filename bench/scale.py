"""The scale scenario of issue #13: a generated batch of 400 certificates (bench.generated_batch,
plainly test data) beside the second batch, its 33 units holding 10 rows each, then 1,000
(33,000 rows). Each page is measured at both sizes: its time at 1,000 rows per unit, and
whether its query count stayed the same.

Loading the generated batch makes it the current batch, which the pages show: this case runs
after the second batch's cases (`cases.ALL` puts it last)."""

from django.test import Client
from django.urls import reverse

from bench.generated_batch import load_generated_batch
from filings.models import FilingState
from filings.spreadsheet.export import build_attachment2

from . import data
from .measure import timed
from .web import page, queries_of, reviewer_client, staff_client, upload

CERTIFICATES = 400
CODE = "420000"
SIZES = (10, 1000)
ALL = "?include_submitted=1"  # the reviewers' figures with the submitted filings too

# (label, who, url name, url arguments, query, goal in ms, requests timed)
PAGES = [
    ("unit's table page (试点院校)", "staff", "filings:rows", [CODE], "", 300, 7),
    ("reviewers' board", "reviewer", "filings:review_board", [], "", 300, 7),
    ("national page", "reviewer", "filings:national", [], ALL, 300, 5),
    ("national workbook", "reviewer", "filings:national_export", [], ALL, 5000, 3),
    ("unit's export (附件2)", "staff", "filings:export", [CODE], "", 500, 5),
    ("directory (证书目录)", "visitor", "certificates:directory", [], "", 300, 7),
]


Row = tuple[str, str, str, str]


def verdict(ok: bool) -> str:
    return "met" if ok else "**not met**"


def scale(sizes: tuple[int, int] = SIZES, repeat: int | None = None) -> list[Row]:
    """`sizes` and `repeat` (requests timed per page) smaller only for the smoke test."""
    batch = load_generated_batch(number=3, certificates=CERTIFICATES)
    clients = {"staff": staff_client(CODE), "reviewer": reviewer_client()}
    clients["visitor"] = Client()
    measured = {}
    for size in sizes:
        data.national(batch, size)
        for label, who, name, args, query, _, times in PAGES:
            url = reverse(name, args=args) + query
            measured[label, size] = page(clients[who], url, repeat=repeat or times)
        measured["import preview", size] = _import_preview(clients["staff"], batch, repeat or 7)
    goals = {label: goal for label, _, _, _, _, goal, _ in PAGES} | {"import preview": 300}
    return [
        _row(label, goal, sizes, [measured[label, size] for size in sizes])
        for label, goal in goals.items()
    ]


def _import_preview(client, batch, repeat: int) -> tuple[float, int]:
    """The unit's own table uploaded back (all its rows), then the preview page timed; the
    import cancelled afterwards. Only a draft takes an import: the unit's filing becomes one
    (the pages were measured before, and the next size makes every filing anew)."""
    filing = batch.filings.get(unit__code=CODE)
    filing.state = FilingState.DRAFT
    filing.save(update_fields=["state"])
    content = build_attachment2(filing)
    response = client.post(reverse("filings:import", args=[CODE]), {"file": upload(content)})
    assert response.status_code == 302, response.status_code
    url = reverse("filings:import_preview", args=[CODE])
    count = queries_of(client, url)
    seconds = timed(lambda: client.get(url), repeat=repeat).median
    client.post(url, {"action": "cancel"})
    return seconds, count


def _row(label: str, goal_ms: int, sizes, measured: list[tuple[float, int]]) -> Row:
    (small, q_small), (large, q_large) = measured
    scope = f"{sizes[1] * 33:,} rows"
    if label.startswith(("unit", "import")):
        scope = f"one unit's {sizes[1]:,} rows"
    if label.startswith("directory"):
        scope = f"{CERTIFICATES} certificates"
    shown = f"{large:.2f} s" if goal_ms >= 1000 else f"{large * 1000:.0f} ms"
    goal = f"< {goal_ms / 1000:.0f} s" if goal_ms >= 1000 else f"< {goal_ms} ms"
    return (
        f"{label}, {CERTIFICATES} certificates: {sizes[0]:,} → {sizes[1]:,} rows per unit",
        f"{small * 1000:.0f} ms → {shown} ({scope}); queries {q_small} → {q_large}",
        f"queries fixed; {goal}",
        verdict(q_small == q_large and large * 1000 < goal_ms),
    )
