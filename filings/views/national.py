"""The national view for 职教所: the figures, the certificate table and the matrix, and the
national workbook. The same page serves ten certificates and four hundred: the table and the
matrix are searched, sorted and cut into pages of PAGE_SIZE certificates by the query string,
so that every link works without JavaScript."""

from urllib.parse import urlencode

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from certificates.batch_scope import request_batch
from certificates.downloads import xlsx_download

from .. import access
from ..national import (
    TYPE_LABELS,
    certificate_totals,
    conflicts,
    heat_map,
    included_filings,
    national_summary,
    unit_figures,
)
from ..national_table import (
    BY_UNIT,
    MATRIX_VIEWS,
    PAGE_SIZE,
    SORT_KEYS,
    Sort,
    clean_query,
    matrix_view,
    search_certificates,
)
from ..rules import Thresholds, concentration
from ..spreadsheet.national_workbook import build_national_workbook, national_filename
from .params import INVALID_PARAMETER

NO_CERTIFICATE_FOUND = "没有名称或培训评价组织含“{query}”的证书。"
# Column key -> heading of the certificate table's sortable columns.
# The name first: the column that stays in sight when the table scrolls sideways.
SORTABLE_HEADINGS = {
    "name": "证书",
    "position": "序号",
    "organization": "培训评价组织",
    "rows": "行数",
    "schools": "院校",
    "students": "学生",
}


def _include_submitted(request: HttpRequest) -> bool:
    return request.GET.get("include_submitted") == "1"


class PageState:
    """What the query string chose: scope, measure, matrix view, search, sort. Links to other
    choices keep the rest; a new search, sort or scope starts again at the first page."""

    def __init__(self, request: HttpRequest) -> None:
        get = request.GET
        self.include_submitted = _include_submitted(request)
        self.measure = "students" if get.get("measure") == "students" else "rows"
        self.view = get.get("view") or BY_UNIT
        if self.view not in MATRIX_VIEWS:
            messages.warning(request, INVALID_PARAMETER.format(name="view", value=self.view[:20]))
            self.view = BY_UNIT
        self.query = clean_query(get.get("q", ""))
        sort = Sort.parse(get.get("sort", ""))
        if sort is None:
            messages.warning(request, INVALID_PARAMETER.format(name="sort", value=get["sort"][:20]))
            sort = Sort()
        self.sort = sort
        self.page = get.get("page", "1")

    def params(self, **changes) -> dict[str, str]:
        params = {
            "include_submitted": "1" if self.include_submitted else "",
            "measure": self.measure if self.measure != "rows" else "",
            "view": self.view if self.view != BY_UNIT else "",
            "q": self.query,
            "sort": str(self.sort) if self.sort != Sort() else "",
            "page": self.page if self.page != "1" else "",
        }
        params.update(changes)
        return {key: value for key, value in params.items() if value}

    def link(self, **changes) -> str:
        return "?" + urlencode(self.params(**changes))

    def links(self) -> dict[str, str]:
        return {
            "accepted": self.link(include_submitted="", page=""),
            "submitted": self.link(include_submitted="1", page=""),
            "rows": self.link(measure=""),
            "students": self.link(measure="students"),
            "by_unit": self.link(view=""),
            "by_certificate": self.link(view="certificates"),
            "clear": self.link(q="", page=""),
        }

    def headings(self) -> list[dict[str, str]]:
        """The certificate table's sortable headings: label, link and aria-sort."""
        headings = []
        for key, label in SORTABLE_HEADINGS.items():
            sort, state = self.sort.heading(key)
            headings.append(
                {
                    "label": label,
                    "link": self.link(sort=sort, page=""),
                    "aria": state,
                    "numeric": SORT_KEYS[key][1] or key == "position",
                }
            )
        return headings


def _page(request: HttpRequest, paginator: Paginator, state: PageState):
    """The page the link asks for; the first, with a message, when there is no such page
    (a link from a wider search, a typed number)."""
    raw = state.page
    # A short number first: int() refuses a 5,000-digit one.
    if not (raw.isascii() and raw.isdigit() and len(raw) <= 6) or not (
        1 <= int(raw) <= paginator.num_pages
    ):
        messages.warning(request, INVALID_PARAMETER.format(name="page", value=raw[:20]))
        raw = "1"
    state.page = raw
    return paginator.page(int(raw))


@require_safe
def national(request: HttpRequest) -> HttpResponse:
    access.require_reviewer(request.user)
    batch = request_batch(request)
    state = PageState(request)
    filings = included_filings(batch, state.include_submitted)
    units = unit_figures(batch, filings)
    totals = certificate_totals(batch, filings)
    included_units = [u for u in units if u.filing is not None]
    found = state.sort.apply(search_certificates(totals, state.query))
    if state.query and not found:
        messages.info(request, NO_CERTIFICATE_FOUND.format(query=state.query))
    page = _page(request, Paginator(found, PAGE_SIZE), state)
    shown = list(page.object_list)
    start = (page.number - 1) * PAGE_SIZE
    matrix = heat_map(included_units, found, state.measure)
    names = {t.certificate.pk: t.certificate.name for t in totals}
    return render(
        request,
        "filings/national.html",
        {
            "batch": batch,
            "state": state,
            "include_submitted": state.include_submitted,
            "measure": state.measure,
            "links": state.links(),
            "headings": state.headings(),
            "hidden": state.params(q="", page=""),
            "pager_query": urlencode(state.params(page="")),
            "summary": national_summary(units),
            "included_count": len(included_units),
            "certificate_count": len(totals),
            "found_count": len(found),
            "page": page,
            # The matrix's totals then count only the certificates listed.
            "partial": page.has_other_pages() or bool(state.query),
            "totals": shown,
            "type_labels": TYPE_LABELS,
            "chart": bar_chart(shown, peak=max((t.students for t in found), default=0)),
            "matrix": matrix_view(matrix, found, start, start + len(shown), state.view),
            "concentrated_units": [
                (unit, names.get(unit.concentration.top_certificate_id, ""))
                for unit in sorted(included_units, key=lambda u: -u.concentration.hhi)
            ],
            "national_concentration": concentration(
                {t.certificate.pk: t.rows for t in totals if t.rows}, Thresholds.of(batch)
            ),
            "conflicts": conflicts(batch, filings),
        },
    )


BAR_LABEL_WIDTH = 150
BAR_MAX_WIDTH = 200
BAR_STEP = 24


def bar_chart(totals, peak: int | None = None) -> dict:
    """Geometry of a horizontal bar chart of students per certificate, drawn as SVG by the
    template: nothing is loaded from elsewhere, and the numbers stand in a table beside it.
    Drawn for the certificates of the table's page, never hundreds of bars, against the
    `peak` of all the certificates found, so that the bars of two pages compare."""
    if peak is None:
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
    batch = request_batch(request)
    include_submitted = _include_submitted(request)
    return xlsx_download(
        build_national_workbook(batch, include_submitted),
        national_filename(batch, include_submitted),
    )
