"""The database connection dropped in the middle of an import: the filing is exactly as
before, and the user sees a message, not a trace."""

import pytest
from django.db import OperationalError, connection
from django.urls import reverse

from filings.models import FilingEvent, PilotRow, School
from tests.filings import factories as f
from tests.filings.spreadsheet import workbooks as w


def drop_the_connection() -> None:
    """Lose the database midway. On PostgreSQL the server really ends this session, as a
    restart or a network cut would. The test's SQLite database lives in memory and would
    vanish with its connection, so there the database fails the way SQLite does."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_terminate_backend(pg_backend_pid())")
    else:
        raise OperationalError("disk I/O error")


@pytest.mark.django_db(transaction=True)
def test_an_import_whose_connection_drops_changes_nothing(client, reference_data, monkeypatch):
    unit = f.make_unit("420000")
    staff = f.make_staff(unit)
    filing = f.make_filing(unit, reference_data)
    for n in range(3):
        f.make_row(filing, f.make_school(filing, f"原有第{n}职业学院"))
    table = w.province_table([w.row(school=f"新表第{n}职业学院") for n in range(5)]).data

    client.force_login(staff)
    upload = f.SimpleUploadedFile("table.xlsx", table)
    response = client.post(reverse("filings:import", args=["420000"]), {"file": upload})
    assert response.status_code == 302
    before = (
        sorted(PilotRow.objects.filter(filing=filing).values_list("pk", "school__name")),
        FilingEvent.objects.filter(filing=filing).count(),
    )
    filing.refresh_from_db()
    revision = filing.revision

    real_bulk_create = PilotRow.objects.bulk_create

    def bulk_create_then_lose_the_database(objs, *args, **kwargs):
        # The old rows are deleted and the new schools written: now the connection goes.
        drop_the_connection()
        return real_bulk_create(objs, *args, **kwargs)

    monkeypatch.setattr(PilotRow.objects, "bulk_create", bulk_create_then_lose_the_database)
    response = client.post(
        reverse("filings:import_preview", args=["420000"]), {"action": "confirm"}, follow=True
    )
    monkeypatch.undo()

    html = response.content.decode()
    assert response.status_code == 200
    assert "数据库暂时不可用，汇总表没有任何改动" in html
    assert "Traceback" not in html
    after = (
        sorted(PilotRow.objects.filter(filing=filing).values_list("pk", "school__name")),
        FilingEvent.objects.filter(filing=filing).count(),
    )
    assert after == before
    assert not School.objects.filter(filing=filing, name__startswith="新表").exists()
    filing.refresh_from_db()
    assert filing.revision == revision

    # Once the database is back, the same preview imports.
    response = client.post(
        reverse("filings:import_preview", args=["420000"]), {"action": "confirm"}, follow=True
    )
    assert "已导入 5 行、5 所院校" in response.content.decode()
