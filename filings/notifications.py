"""E-mails to a unit's staff when a reviewer acts on their filing."""

import logging

from django.conf import settings
from django.contrib.auth.models import User
from django.core.mail import send_mail
from django.template.loader import render_to_string
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


def notify_unit(filing: Filing, message: str, **context) -> int:
    """Send one e-mail to the unit's staff: `message` names its templates,
    filings/email/<message>_subject.txt and <message>.txt, which are given the filing, the
    link to it and `context`. A mail failure is logged, never raised: the review action it
    reports has already been saved and is on the unit's page."""
    recipients = unit_addresses(filing)
    if not recipients:
        return 0
    link = settings.PORTAL_BASE_URL + reverse("filings:unit_home", args=[filing.unit.code])
    context = {"filing": filing, "link": link, **context}
    try:
        subject = render_to_string(f"filings/email/{message}_subject.txt", context).strip()
        return send_mail(
            f"[1+X试点报送] {subject}",
            render_to_string(f"filings/email/{message}.txt", context).strip() + "\n",
            settings.DEFAULT_FROM_EMAIL,
            recipients,
        )
    except Exception:
        logger.exception("Could not e-mail unit %s about its filing", filing.unit.code)
        return 0
