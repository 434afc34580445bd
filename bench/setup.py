"""Django for the benchmarks: production-like settings (DEBUG off) on a database of their own."""

import io
import os
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PG_URL = "postgres://postgres@127.0.0.1:5432/pilot_bench"


def configure(database: str) -> str:
    """Point Django at a fresh benchmark database; returns its URL."""
    if database == "postgres":
        url = os.environ.get("BENCH_DATABASE_URL", PG_URL)
        name = url.rsplit("/", 1)[1]
        admin = url.rsplit("/", 1)[0] + "/postgres"
        subprocess.run(
            ["psql", admin, "-qc", f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"], check=True
        )
        subprocess.run(["psql", admin, "-qc", f"CREATE DATABASE {name}"], check=True)
    else:
        path = ROOT / "var" / "bench.sqlite3"
        path.parent.mkdir(exist_ok=True)
        path.unlink(missing_ok=True)
        url = f"sqlite:///{path}"
    os.environ.update(
        {
            "DJANGO_SETTINGS_MODULE": "pilot_portal.settings",
            "DATABASE_URL": url,
            "DEBUG": "0",
            "SECRET_KEY": "benchmark-only-key-not-secret-0123456789-abcdefghijklmnop",
            "ALLOWED_HOSTS": "testserver,127.0.0.1,localhost",
            "SECURE_SSL_REDIRECT": "0",
            "SESSION_COOKIE_SECURE": "0",
            "CSRF_COOKIE_SECURE": "0",
            "MEDIA_ROOT": str(ROOT / "var" / "bench-media"),
            # Required with DEBUG off; the benchmarks send no e-mail anyone follows.
            "PORTAL_BASE_URL": "http://127.0.0.1:8000",
            "LOG_LEVEL": "WARNING",
            # The benchmarks time an import from upload to preview in one go: the upload's
            # request waits for its reading process (the load test sets its own wait).
            "IMPORT_WAIT_SECONDS": "120",
        }
    )
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    # The test client needs no collected static files.
    settings.STORAGES["staticfiles"] = {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
    }
    call_command("migrate", verbosity=0)
    call_command("load_reference_data", verbosity=0, stdout=io.StringIO())
    return url
