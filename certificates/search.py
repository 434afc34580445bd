"""Search in the public directory.

The directory holds a few hundred certificates over all batches (about 447 in the pilot's
four), so matching is done in Python over the rows fetched in two queries: that lets one
rule cover full-width input (`０５３１`), case, and phone numbers typed with or without
hyphens, which a database `LIKE` cannot.
"""

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field

from .models import Certificate

MAX_QUERY_LENGTH = 50
QUERY_TOO_LONG = f"搜索内容过长（最多 {MAX_QUERY_LENGTH} 个字），请缩短后再试。"
NOTHING_FOUND = "没有找到匹配的证书。可以搜索证书名称、培训评价组织、联系人姓名、电话或邮箱。"


def normalize(text: str) -> str:
    """Full-width to half-width, case-folded, without surrounding or repeated spaces."""
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


def digits_only(text: str) -> str:
    return re.sub(r"\D", "", text)


@dataclass
class Match:
    certificate: Certificate
    fields: list[str]  # what matched, e.g. "联系人：杨东飞"


@dataclass
class DirectorySearch:
    query: str
    matches: list[Match] = field(default_factory=list)
    message: str = ""

    @property
    def is_active(self) -> bool:
        return bool(self.query)


def _searchable_fields(cert: Certificate) -> list[tuple[str, str, bool]]:
    """(label, value, is_number) for everything a visitor may search by."""
    org = cert.organization
    values: list[tuple[str, str, bool]] = [
        ("证书", cert.name, False),
        ("证书", cert.full_name, False),
        ("培训评价组织", org.name, False),
        ("通讯地址", org.address, False),
    ]
    if cert.attachment1_name:
        values.append(("证书", cert.attachment1_name, False))
    for contact in org.contacts.all():
        values.append(("联系人", contact.name, False))
        values.append((f"{contact.name} 手机", contact.mobile, True))
    values += [("办公电话", phone, True) for phone in org.office_phone_list]
    if org.fax:
        values.append(("传真", org.fax, True))
    values += [("电子邮箱", email, False) for email in org.email_list]
    return values


def _term_matches(term: str, value: str, is_number: bool) -> bool:
    if term in normalize(value):
        return True
    # A number typed without its hyphens ("053182903708") still finds "0531-82903708".
    term_digits = digits_only(term)
    return (
        is_number
        and len(term_digits) >= 3
        and term_digits == re.sub(r"[\s-]", "", term)
        and (term_digits in digits_only(value))
    )


def search_directory(certificates: Iterable[Certificate], raw_query: str) -> DirectorySearch:
    """Certificates whose fields contain every word of the query."""
    query = normalize(raw_query or "")
    if not query:
        return DirectorySearch(query="")
    if len(query) > MAX_QUERY_LENGTH:
        return DirectorySearch(query=query[:MAX_QUERY_LENGTH], message=QUERY_TOO_LONG)

    terms = query.split(" ")
    matches = []
    for cert in certificates:
        fields = _searchable_fields(cert)
        if all(any(_term_matches(t, value, num) for _, value, num in fields) for t in terms):
            matched = []
            for label, value, num in fields:
                text = f"{label}：{value}"
                # The certificate's name is the card's heading: no need to say it matched.
                if label == "证书" or text in matched:
                    continue
                if any(_term_matches(t, value, num) for t in terms):
                    matched.append(text)
            matches.append(Match(certificate=cert, fields=matched))
    return DirectorySearch(query=query, matches=matches, message="" if matches else NOTHING_FOUND)
