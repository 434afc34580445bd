"""The files of a reading job's folder (reading.py): what the server and the reading
process hand each other, each written whole (a reader sees the old file or the new one,
never half of one)."""

import json
import os
import pickle
from pathlib import Path

from .import_result import ImportResult
from .preview import build_preview

FOLDER = "imports"
# The state a job's progress and outcome files say: before the outcome, then the outcome.
QUEUED, READING, DONE, REFUSED, FAILED = "queued", "reading", "done", "refused", "failed"
UPLOAD, CONTEXT, PROGRESS, OUTCOME, RESULT, PID, ERRORS = (
    "upload.xlsx",
    "context.pickle",
    "progress.json",
    "outcome.json",
    "result.pickle",
    "pid",
    "errors.txt",
)
# What the preview shows (preview.py): its figures, and its table a page at a time.
PREVIEW, PREVIEW_PAGE = "preview.pickle", "preview-{number}.pickle"
SLOTS_FOLDER = ".slots"


def write_json(path: Path, data: dict) -> None:
    """Atomically: a reader sees the old file or the new one, never half of one."""
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    temporary.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    os.replace(temporary, path)


def write_pickle(path: Path, data: object) -> None:
    """Atomically, as write_json."""
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    temporary.write_bytes(pickle.dumps(data, protocol=pickle.HIGHEST_PROTOCOL))
    os.replace(temporary, path)


def read_pickle(path: Path):
    # Only the reading process writes these, in a folder only the portal writes to.
    try:
        return pickle.loads(path.read_bytes())
    except (OSError, pickle.UnpicklingError, EOFError):
        return None


def read_json(path: Path) -> dict | None:
    try:
        return json.loads(path.read_text("utf-8"))
    except (OSError, ValueError):
        return None


def save_result(job_dir: Path, result: ImportResult) -> None:
    """What the reading process leaves for the server: the preview first, then the result
    (whose presence, with the outcome, says the job is done)."""
    preview, pages = build_preview(result)
    for number, lines in enumerate(pages, start=1):
        write_pickle(job_dir / PREVIEW_PAGE.format(number=number), lines)
    write_pickle(job_dir / PREVIEW, preview)
    write_pickle(job_dir / RESULT, result)
