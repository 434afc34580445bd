"""The national institute's pages: the status board of all units, and the national view."""

from dataclasses import dataclass

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from certificates.downloads import xlsx_download

from .. import access
from ..models import Filing, FilingState
from ..national import (
    TYPE_LABELS,
    UnitFigures,
    certificate_totals,
    conflicts,
    heat_map,
    included_filings,
    national_summary,
    unit_figures,
)
from ..rules import concentration
from ..spreadsheet.national_workbook import build_national_workbook, national_filename
from .common import current_batch

NOT_STARTED = "未开始"


def state_label(line: UnitFigures) -> str:
    filing = line.filing
    if filing is None or (filing.state == FilingState.DRAFT and not line.summary.rows):
        return NOT_STARTED
    return filing.get_state_display()


@dataclass
class BoardLine:
    figures: UnitFigures
    state: str

    @property
    def unit(self):
        return self.figures.unit

    @property
    def filing(self) -> Filing | None:
        return self.figures.filing


BOARD_SORTS = {
    "code": lambda line: line.unit.code,
    "state": lambda line: (line.state, line.unit.code),
    "submitted": lambda line: (
        line.filing is None or line.filing.submitted_at is None,
        line.filing.submitted_at if line.filing and line.filing.submitted_at else 0,
    ),
    "rows": lambda line: -line.figures.summary.rows,
    "students": lambda line: -line.figures.summary.students,
    "warnings": lambda line: -(line.filing.open_warnings if line.filing else 0),
}
STATE_FILTERS = [NOT_STARTED, *FilingState.labels]


@require_safe
def board(request: HttpRequest) -> HttpResponse:
    """All units at once, in a fixed number of queries."""
    access.require_reviewer(request.user)
    batch = current_batch()
    figures = unit_figures(batch, Filing.objects.filter(batch=batch).select_related("batch"))
    lines = [BoardLine(f, state_label(f)) for f in figures]
    counts = {label: sum(1 for line in lines if line.state == label) for label in STATE_FILTERS}

    shown = lines
    state = request.GET.get("state", "")
    if state in STATE_FILTERS:
        shown = [line for line in shown if line.state == state]
    if request.GET.get("late") == "1":
        shown = [line for line in shown if line.filing and line.filing.is_late]
    query = request.GET.get("q", "").strip()[:20]
    if query:
        shown = [line for line in shown if query in line.unit.name or query in line.unit.code]
    sort = request.GET.get("sort", "code")
    shown = sorted(shown, key=BOARD_SORTS.get(sort, BOARD_SORTS["code"]))

    submitted = counts[FilingState.SUBMITTED.label] + counts[FilingState.ACCEPTED.label]
    return render(
        request,
        "filings/review_board.html",
        {
            "batch": batch,
            "lines": shown,
            "total_units": len(lines),
            "submitted": submitted,
            "accepted": counts[FilingState.ACCEPTED.label],
            "returned": counts[FilingState.RETURNED.label],
            "not_started": counts[NOT_STARTED],
            "drafts": counts[FilingState.DRAFT.label],
            "late": sum(1 for line in lines if line.filing and line.filing.is_late),
            "days_left": batch.days_to_deadline(),
            "state_filters": STATE_FILTERS,
            "params": request.GET,
            "sort": sort if sort in BOARD_SORTS else "code",
        },
    )


def _include_submitted(request: HttpRequest) -> bool:
    return request.GET.get("include_submitted") == "1"


@require_safe
def national(request: HttpRequest) -> HttpResponse:
    access.require_reviewer(request.user)
    batch = current_batch()
    include_submitted = _include_submitted(request)
    measure = "students" if request.GET.get("measure") == "students" else "rows"
    filings = included_filings(batch, include_submitted)
    units = unit_figures(batch, filings)
    totals = certificate_totals(batch, filings)
    included_units = [u for u in units if u.filing is not None]
    matrix = heat_map(included_units, totals, measure)
    names = {t.certificate.pk: t.certificate.name for t in totals}
    return render(
        request,
        "filings/national.html",
        {
            "batch": batch,
            "include_submitted": include_submitted,
            "measure": measure,
            "summary": national_summary(units),
            "included_count": len(included_units),
            "totals": totals,
            "type_labels": TYPE_LABELS,
            "chart": bar_chart(totals),
            "matrix": matrix.lines,
            "column_totals": matrix.column_totals,
            "grand_total": matrix.grand_total,
            "concentrated_units": [
                (unit, names.get(unit.concentration.top_certificate_id, ""))
                for unit in sorted(included_units, key=lambda u: -u.concentration.hhi)
            ],
            "national_concentration": concentration(
                {t.certificate.pk: t.rows for t in totals if t.rows}
            ),
            "conflicts": conflicts(batch, filings),
        },
    )


BAR_LABEL_WIDTH = 150
BAR_MAX_WIDTH = 200
BAR_STEP = 24


def bar_chart(totals) -> dict:
    """Geometry of a horizontal bar chart of students per certificate, drawn as SVG by the
    template: nothing is loaded from elsewhere, and the numbers stand in a table beside it."""
    peak = max((t.students for t in totals), default=0)
    bars = []
    for index, total in enumerate(totals):
        width = BAR_MAX_WIDTH * total.students / peak if peak else 0
        bars.append(
            {
                "name": total.certificate.name,
                "value": total.students,
                "y": index * BAR_STEP + 4,
                "text_y": index * BAR_STEP + 18,
                "width": round(width, 1),
                "value_x": round(BAR_LABEL_WIDTH + width + 4, 1),
            }
        )
    return {
        "bars": bars,
        "height": len(totals) * BAR_STEP + 8,
        "width": BAR_LABEL_WIDTH + BAR_MAX_WIDTH + 60,
        "bar_x": BAR_LABEL_WIDTH,
    }


@require_safe
def national_export(request: HttpRequest) -> HttpResponse:
    access.require_reviewer(request.user)
    batch = current_batch()
    include_submitted = _include_submitted(request)
    return xlsx_download(
        build_national_workbook(batch, include_submitted),
        national_filename(batch, include_submitted),
    )
