"""The database the portal runs on, read from DATABASE_URL.

With DEBUG off nothing is chosen for the deployment: a server started without its
DATABASE_URL would otherwise come up on an empty SQLite file and accept filings nobody will
find in PostgreSQL. A developer's checkout (DEBUG on) gets a SQLite file in var/.
"""

from pathlib import Path
from typing import Any

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from .env import env_int, env_str


def database_from_environment(*, debug: bool, var_dir: Path) -> dict[str, Any]:
    """The `default` entry of DATABASES."""
    url = env_str("DATABASE_URL")
    if not url:
        if not debug:
            raise ImproperlyConfigured(
                "DATABASE_URL is not set. With DEBUG off the portal does not choose a database "
                "for you: set DATABASE_URL to the production database (for example "
                "postgres://user:password@host:5432/pilot_portal), or to a SQLite file if that "
                "is really what you want (for example sqlite:///var/db.sqlite3), "
                "or set DEBUG=1 for local development."
            )
        # The development default: a SQLite file in the ignored var/ folder.
        url = f"sqlite:///{var_dir / 'db.sqlite3'}"
    database = dj_database_url.parse(
        url,
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
    if database["ENGINE"].endswith("sqlite3") and database["NAME"] not in ("", ":memory:"):
        # SQLite creates its file but not the folder it lives in (var/ on a fresh checkout).
        Path(database["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    return database
