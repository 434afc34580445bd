"""The scale scenario of issue #13: a generated batch of 400 certificates (bench.generated_batch,
plainly test data) beside the second batch. Each page is measured three times in one run:
the second batch's 10 certificates with 1,000 rows per unit (the baseline), then the generated
batch with 10 rows per unit and with 1,000 (33,000 rows). The verdict: the query count the
same all three times, and the time at 400 certificates and 1,000 rows under the page's goal.

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
IMPORT_PREVIEW = ("import preview (导入预览)", 300)

Row = tuple[str, str, str, str]


def verdict(ok: bool) -> str:
    return "met" if ok else "**not met**"


def scale(sizes: tuple[int, int] = SIZES, repeat: int | None = None) -> list[Row]:
    """`sizes` and `repeat` (requests timed per page) smaller only for the smoke test."""
    clients = {"staff": staff_client(CODE), "reviewer": reviewer_client(), "visitor": Client()}
    second = data.second_batch()
    data.national(second, sizes[1])
    measured = {"baseline": _measure(clients, second, repeat)}
    third = load_generated_batch(number=3, certificates=CERTIFICATES)
    for size in sizes:
        data.national(third, size)
        measured[size] = _measure(clients, third, repeat)
    goals = [(label, goal) for label, _, _, _, _, goal, _ in PAGES] + [IMPORT_PREVIEW]
    return [
        _row(label, goal, sizes, [measured[key][label] for key in ("baseline", *sizes)])
        for label, goal in goals
    ]


def _measure(clients, batch, repeat: int | None) -> dict[str, tuple[float, int]]:
    """Every page of the current batch (`batch`): its median time and its queries."""
    measured = {}
    for label, who, name, args, query, _, times in PAGES:
        url = reverse(name, args=args) + query
        measured[label] = page(clients[who], url, repeat=repeat or times)
    measured[IMPORT_PREVIEW[0]] = _import_preview(clients["staff"], batch, repeat or 7)
    return measured


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
    (baseline, q_baseline), (_, q_small), (large, q_large) = measured
    scope = f"{sizes[1] * 33:,} rows"
    if label.startswith(("unit", "import")):
        scope = f"one unit's {sizes[1]:,} rows"
    if label.startswith("directory"):
        scope = "the batch's certificates"

    def shown(seconds: float) -> str:
        return f"{seconds:.2f} s" if goal_ms >= 1000 else f"{seconds * 1000:.0f} ms"

    goal = f"< {goal_ms / 1000:.0f} s" if goal_ms >= 1000 else f"< {goal_ms} ms"
    return (
        f"{label}: {sizes[1]:,} rows per unit, 10 → {CERTIFICATES} certificates",
        f"{shown(baseline)} → {shown(large)} ({scope}); queries {q_baseline} → {q_small} "
        f"({sizes[0]:,} rows per unit) → {q_large}",
        f"queries fixed; {goal}",
        # Fixed: no more queries with 400 certificates, nor with 100 times the rows, than the
        # second batch's at the same rows. Fewer is no growth: the national page skips its
        # conflicts' second query when no school is filed twice, as among 10 rows a unit.
        verdict(max(q_small, q_large) <= q_baseline and large * 1000 < goal_ms),
    )
