"""The public directory's listing: every batch's certificates, the newest batch first, a page
at a time, or one batch's alone; and the batch a visitor asked for by its number.

Without a search a page is fetched from the database (its certificates and their contacts);
a search reads the certificates in scope once and matches them in Python (search.py), so a
page costs the same few queries with 10 certificates or 410.
"""

import unicodedata
from dataclasses import dataclass, field

from django.core.paginator import Page, Paginator
from django.db.models import Count

from .models import Batch, Certificate
from .numerals import chinese_number
from .search import DirectorySearch, search_directory

PER_PAGE = 30


class UnknownBatch(Exception):
    """A batch number that names no loaded batch; the message says so in Chinese."""


@dataclass(frozen=True)
class BatchEntry:
    batch: Batch
    certificate_count: int

    @property
    def label(self) -> str:
        """第二批: how a hit or a download names its batch in a few characters."""
        return batch_label(self.batch)


def batch_label(batch: Batch) -> str:
    return f"第{chinese_number(batch.number)}批"


def batch_entries() -> list[BatchEntry]:
    """Every batch, the newest first, with how many certificates it has (one query)."""
    batches = Batch.objects.annotate(certificate_count=Count("certificates")).order_by("-number")
    return [BatchEntry(batch, batch.certificate_count) for batch in batches]


def chosen_entry(entries: list[BatchEntry], raw: str | None) -> BatchEntry | None:
    """The batch `?batch=N` asks for; None when it asks for none (all batches)."""
    text = unicodedata.normalize("NFKC", raw or "").strip()
    if not text:
        return None
    known = "、".join(entry.label for entry in entries) or "无（尚未载入参考数据）"
    if not (text.isascii() and text.isdigit()):
        raise UnknownBatch(
            f"批次应为数字（如 2 表示第二批），“{text[:20]}”不是。现有批次：{known}。"
        )
    for entry in entries:
        if entry.batch.number == int(text):
            return entry
    raise UnknownBatch(f"没有第{int(text)}批的证书信息。现有批次：{known}。")


@dataclass
class BatchGroup:
    """The certificates of one batch on the page, under the batch's heading."""

    entry: BatchEntry
    items: list[tuple[Certificate, list[str]]] = field(default_factory=list)


@dataclass
class Listing:
    entries: list[BatchEntry]
    chosen: BatchEntry | None
    search: DirectorySearch
    page: Page
    groups: list[BatchGroup]
    total: int  # certificates in scope: the chosen batch's, or every batch's

    @property
    def several_batches(self) -> bool:
        """With one batch loaded the page reads as before: no batch headings or chooser."""
        return len(self.entries) > 1

    @property
    def card_heading_level(self) -> int:
        # Under the batch's <h2> when there are batch headings, else right under the <h1>.
        return 3 if self.several_batches else 2

    @property
    def shown_count(self) -> int:
        return len(self.search.matches) if self.search.is_active else self.total


class _CountedPaginator(Paginator):
    """A paginator told its count, already known from the batches' counts: no COUNT query."""

    def __init__(self, object_list, per_page: int, count: int) -> None:
        super().__init__(object_list, per_page)
        self.__dict__["count"] = count


def _group(entries: list[BatchEntry], items) -> list[BatchGroup]:
    by_batch = {entry.batch.pk: entry for entry in entries}
    groups: list[BatchGroup] = []
    for certificate, matched in items:
        if not groups or groups[-1].entry.batch.pk != certificate.batch_id:
            groups.append(BatchGroup(by_batch[certificate.batch_id]))
        groups[-1].items.append((certificate, matched))
    return groups


def directory_listing(
    entries: list[BatchEntry], chosen: BatchEntry | None, query: str, page_number: str | None
) -> Listing:
    scope = [chosen] if chosen else entries
    certificates = (
        Certificate.objects.filter(batch__in=[entry.batch for entry in scope])
        .with_directory()
        .order_by("-batch__number", "position")
    )
    total = sum(entry.certificate_count for entry in scope)
    # Reads the certificates only when there is something to look for.
    search = search_directory(certificates, query)
    if search.is_active:
        found = [(match.certificate, match.fields) for match in search.matches]
        page = Paginator(found, PER_PAGE).get_page(page_number)
        items = list(page.object_list)
    else:
        page = _CountedPaginator(certificates, PER_PAGE, total).get_page(page_number)
        items = [(certificate, []) for certificate in page.object_list]
    return Listing(entries, chosen, search, page, _group(entries, items), total)
