"""Uploading a table through the page, and what an upload leaves on disk: one folder per
reading job under MEDIA_ROOT/imports/."""

from pathlib import Path

from filings.models import EventKind, FilingEvent, PilotRow
from filings.spreadsheet import reading
from filings.views.spreadsheets import SESSION_KEY


def stored_imports(media_root: Path) -> list[Path]:
    """The jobs' folders (not the reading slots' lock files, which stay)."""
    folder = media_root / reading.FOLDER
    if not folder.exists():
        return []
    return sorted(path for path in folder.iterdir() if not path.name.startswith("."))


def assert_nothing_written(filing, client, media_root) -> None:
    assert PilotRow.objects.filter(filing=filing).count() == 1
    assert not FilingEvent.objects.filter(filing=filing, kind=EventKind.IMPORTED).exists()
    filing.refresh_from_db()
    assert filing.revision == 1
    assert stored_imports(media_root) == []
    assert not client.session.get(SESSION_KEY)
