"""Typed readers for settings taken from environment variables.

Each one fails loudly on a value it cannot understand: a typo in a production
environment must stop start-up, not silently fall back to a default.
"""

import os

from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(
        f"{name} must be one of 1/0, true/false, yes/no, on/off; got {raw!r}"
    )


def env_int(name: str, default: int, *, minimum: int | None = None) -> int:
    """A whole number; below `minimum` (when given) it stops start-up, as a typo does."""
    raw = os.environ.get(name)
    value = default
    if raw is not None and raw.strip() != "":
        try:
            value = int(raw)
        except ValueError:
            raise ImproperlyConfigured(f"{name} must be a whole number; got {raw!r}") from None
    if minimum is not None and value < minimum:
        raise ImproperlyConfigured(f"{name} must be {minimum} or more; got {value}")
    return value


def env_list(name: str, default: list[str]) -> list[str]:
    """A comma-separated list; blank items are dropped."""
    raw = os.environ.get(name)
    if raw is None:
        return list(default)
    return [item.strip() for item in raw.split(",") if item.strip()]


def env_rate(name: str, default: str) -> str:
    """A request rate as DRF's throttles read it, `N/period`: `600/minute`, `10/second`,
    `5000/hour`, `20000/day` (DRF reads the period's first letter). Checked here, since a typo
    would otherwise fail on the first request rather than at start-up."""
    value = env_str(name, default).strip()
    count, _, period = value.partition("/")
    if not (count.isdigit() and int(count) > 0 and period[:1] in ("s", "m", "h", "d")):
        raise ImproperlyConfigured(
            f"{name} must be a rate such as 600/minute (per second, minute, hour or day); "
            f"got {value!r}"
        )
    return value
