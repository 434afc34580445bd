"""E-mails to a unit's staff when a reviewer acts on their filing."""

import logging

from django.conf import settings
from django.contrib.auth.models import User
from django.core.mail import send_mail
from django.urls import reverse

from .models import Filing, Role

logger = logging.getLogger(__name__)


def unit_addresses(filing: Filing) -> list[str]:
    return list(
        User.objects.filter(
            is_active=True,
            portal_profile__role=Role.UNIT_STAFF,
            portal_profile__unit=filing.unit,
        )
        .exclude(email="")
        .values_list("email", flat=True)
    )


def notify_unit(filing: Filing, subject: str, body: str) -> int:
    """Send one e-mail to the unit's staff. A mail failure is logged, never raised: the
    review action it reports has already been saved and is on the unit's page."""
    recipients = unit_addresses(filing)
    if not recipients:
        return 0
    link = settings.PORTAL_BASE_URL + reverse("filings:unit_home", args=[filing.unit.code])
    try:
        return send_mail(
            f"[1+X试点报送] {subject}",
            f"{body}\n\n查看汇总表：{link}\n\n（本邮件由1+X证书制度试点报送平台自动发送，请勿回复。）",
            settings.DEFAULT_FROM_EMAIL,
            recipients,
        )
    except Exception:
        logger.exception("Could not e-mail unit %s about its filing", filing.unit.code)
        return 0
