"""E-mails to a unit's staff when a reviewer acts on their filing."""

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse

from .accounts import reachable, unit_staff_accounts
from .models import Filing

logger = logging.getLogger(__name__)

# What the reviewer's page says after an action that e-mails the unit.
NOTIFIED = "已发送通知邮件至 {addresses}。"
NOBODY_NOTIFIED = "未能通知{unit}：该单位没有填写邮箱的工作人员账号，汇总表表头也未填写联系邮箱。"


def unit_addresses(filing: Filing) -> list[str]:
    """Where e-mail about a filing goes: the unit's active staff accounts with an e-mail, then
    the contact address in the filing's own header, each address once. The header's contact
    is often the only address a unit has given (accounts are made without one), and is often
    also a staff member's: compared without case, so that nobody gets two copies."""
    staff = (
        reachable(unit_staff_accounts(filing.unit))
        .order_by("email")
        .values_list("email", flat=True)
    )
    addresses: list[str] = []
    seen: set[str] = set()
    for address in [*staff, filing.contact_email]:
        address = (address or "").strip()
        if address and address.lower() not in seen:
            seen.add(address.lower())
            addresses.append(address)
    return addresses


def notified_text(filing: Filing, addresses: list[str]) -> str:
    """The reviewer's page names who was told, or says why nobody could be."""
    if not addresses:
        return NOBODY_NOTIFIED.format(unit=filing.unit.name)
    return NOTIFIED.format(addresses="、".join(addresses))


def notify_unit(
    filing: Filing, message: str, *, recipients: list[str] | None = None, **context
) -> list[str]:
    """Send one e-mail to the unit (unit_addresses, unless the caller decided `recipients`
    already): `message` names its templates, filings/email/<message>_subject.txt and
    <message>.txt, which are given the filing, the link to it and `context`. Returns the
    addresses written to. A mail failure is logged, never raised (and nobody is returned):
    the review action it reports has already been saved and is on the unit's page."""
    if recipients is None:
        recipients = unit_addresses(filing)
    if not recipients:
        return []
    link = settings.PORTAL_BASE_URL + reverse("filings:unit_home", args=[filing.unit.code])
    context = {"filing": filing, "link": link, **context}
    try:
        subject = render_to_string(f"filings/email/{message}_subject.txt", context).strip()
        sent = send_mail(
            f"[1+X试点报送] {subject}",
            render_to_string(f"filings/email/{message}.txt", context).strip() + "\n",
            settings.DEFAULT_FROM_EMAIL,
            recipients,
        )
    except Exception:
        logger.exception("Could not e-mail unit %s about its filing", filing.unit.code)
        return []
    return list(recipients) if sent else []
