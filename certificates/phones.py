"""Chinese telephone number formats, as the notice writes them.

Landlines: area code with leading 0 (3-4 digits), a hyphen, 7-8 digits (010-58556746,
0531-82903708). Service numbers: 400-xxx-xxxx. Mobiles: 11 digits starting with 1.
"""

import re

LANDLINE_RE = r"^0\d{2,3}-\d{7,8}$"
SERVICE_RE = r"^400-\d{3}-\d{4}$"
LANDLINE_OR_SERVICE_RE = rf"{LANDLINE_RE}|{SERVICE_RE}"
MOBILE_RE = r"^1[3-9]\d{9}$"


def is_office_phone(value: str) -> bool:
    return re.fullmatch(LANDLINE_OR_SERVICE_RE, value) is not None


def is_mobile(value: str) -> bool:
    return re.fullmatch(MOBILE_RE, value) is not None
