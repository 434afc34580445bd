"""Reading an uploaded workbook in a process of its own, bounded in time and memory.

An upload is untrusted: a file that passes the guard can still take openpyxl many seconds
and hundreds of megabytes. Parsing it inside a server worker would hold that worker (and,
with two uploads at once, the whole server) for as long as the file likes. So each upload
is read by `reading_worker`, a child process that

- limits its own address space, CPU time and wall time, and runs at a low priority, so that
  the pages other people are loading always come first;
- takes one of `IMPORT_READ_SLOTS` slots (a file lock) before it parses, so that however
  many uploads arrive, at most that many are parsed at once; the rest wait in line, and
  past `IMPORT_QUEUE_LIMIT` waiting an upload is refused as busy;
- never touches the database: what the parse needs of it (the batch, its certificates, the
  units' names) is read here and handed over.

A job is a folder under MEDIA_ROOT/imports/ holding the upload, the context, the child's
progress and, at the end, its result (or the message that refuses the file). The server
worker that started it only waits a moment (`IMPORT_WAIT_SECONDS`, sleeping, not parsing);
a file that takes longer shows a progress page that looks again every second. Folders of
previews nobody confirmed or cancelled are removed after `IMPORT_KEEP_HOURS`
(`expire_abandoned`, called on every upload and by `manage.py expire_imports`).

This module is the job as the server sees it; the child process is started, watched and
stopped by `job_process`, and the files of the folder are `job_files`'.
"""

from __future__ import annotations

import os
import pickle
import secrets
import shutil
import time
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

from certificates.upload_guard import RefusedFile, check_workbook_bytes

from .import_result import ImportResult, ReadingContext
from .job_files import (
    CONTEXT,
    DONE,
    FAILED,
    FOLDER,
    OUTCOME,
    PID,
    PREVIEW,
    PREVIEW_PAGE,
    PROGRESS,
    QUEUED,
    READING,
    REFUSED,
    RESULT,
    SLOTS_FOLDER,
    UPLOAD,
    read_json,
    read_pickle,
    write_json,
)
from .job_process import FAILED_MESSAGE, TIMEOUT, Limits, spawn, stop
from .preview import Preview, PreviewLine
from .reading_worker import WALL_FACTOR

# Named here too for the reading process (reading_worker) and the upload views.
__all__ = [
    "BUSY",
    "DONE",
    "FAILED",
    "FAILED_MESSAGE",
    "FOLDER",
    "OUTCOME",
    "PID",
    "PROGRESS",
    "QUEUED",
    "READING",
    "REFUSED",
    "SLOTS_FOLDER",
    "TIMEOUT",
    "TOO_COMPLEX",
    "UPLOAD",
    "Limits",
    "ReadingContext",
    "ReadingJob",
    "Status",
    "active_jobs",
    "expire_abandoned",
    "jobs_root",
    "write_json",
]

BUSY = "服务器正在读取其他单位上传的文件，请一两分钟后再上传。"
TOO_COMPLEX = (
    "文件过大或过于复杂，读取时超出了平台允许使用的内存，已停止读取。"
    "请删除与附件2无关的工作表、行和列，另存后再上传。"
)


@dataclass(frozen=True)
class Status:
    state: str  # QUEUED, READING, DONE, REFUSED or FAILED
    message: str = ""
    lines: int = 0  # lines of the sheet read so far

    @property
    def finished(self) -> bool:
        return self.state in (DONE, REFUSED, FAILED)


def jobs_root() -> Path:
    return Path(settings.MEDIA_ROOT) / FOLDER


class ReadingJob:
    def __init__(self, name: str) -> None:
        if not name or "/" in name or name.startswith("."):
            raise ValueError(f"not a job name: {name!r}")
        self.name = name
        self.directory = jobs_root() / name

    # --- starting -------------------------------------------------------------------------

    @classmethod
    def start(
        cls, data: bytes, *, context: ReadingContext, prefix: str, limits: Limits | None = None
    ) -> ReadingJob:
        """Check the file's zip directory here (fast, nothing inflated), then hand it to a
        reading process. Raises RefusedFile for a file refused outright, or when too many
        uploads are already waiting."""
        check_workbook_bytes(data)
        limits = limits or Limits.from_settings()
        root = jobs_root()
        root.mkdir(parents=True, exist_ok=True)
        expire_abandoned()
        if active_jobs() >= settings.IMPORT_QUEUE_LIMIT:
            raise RefusedFile(BUSY)
        job = cls(f"{prefix}-{secrets.token_hex(8)}")
        job.directory.mkdir()
        (job.directory / UPLOAD).write_bytes(data)
        (job.directory / CONTEXT).write_bytes(pickle.dumps(context))
        write_json(job.directory / PROGRESS, {"state": QUEUED, "lines": 0})
        spawn(job.directory, root / SLOTS_FOLDER, limits)
        return job

    # --- watching -------------------------------------------------------------------------

    def exists(self) -> bool:
        return self.directory.is_dir()

    def status(self) -> Status:
        outcome = read_json(self.directory / OUTCOME)
        if outcome is not None:
            return Status(outcome["state"], outcome.get("message", ""), outcome.get("lines", 0))
        progress = read_json(self.directory / PROGRESS) or {}
        age = time.time() - self._started()
        # A child that died without a word (the machine restarted, its watcher's server
        # worker went away) is given up after the longest it may live: its wait for a slot
        # (its time) and its alarm (reading_worker.WALL_FACTOR times its time).
        if age > (1 + WALL_FACTOR) * settings.IMPORT_READ_SECONDS + 30:
            return Status(FAILED, TIMEOUT.format(seconds=settings.IMPORT_READ_SECONDS))
        return Status(progress.get("state", QUEUED), "", progress.get("lines", 0))

    def wait(self, seconds: float) -> Status:
        """The status once the job is finished, or after `seconds` (sleeping meanwhile)."""
        deadline = time.monotonic() + seconds
        delay = 0.02
        while True:
            status = self.status()
            if status.finished or time.monotonic() >= deadline:
                return status
            time.sleep(min(delay, max(deadline - time.monotonic(), 0)))
            delay = min(delay * 1.5, 0.25)

    def result(self) -> ImportResult | None:
        """What the file says, once the job is DONE: everything a confirmation writes. Slow
        to load for a large file; the preview reads `preview` and `preview_lines`."""
        return read_pickle(self.directory / RESULT)

    def preview(self) -> Preview | None:
        """The preview's figures, once the job is DONE."""
        return read_pickle(self.directory / PREVIEW)

    def preview_lines(self, page: int) -> list[PreviewLine]:
        """The rows of one page of the preview (1, 2, …)."""
        return read_pickle(self.directory / PREVIEW_PAGE.format(number=page)) or []

    def outcome(self, status: Status) -> tuple[Preview | None, str]:
        """A finished job's preview, or the message that refuses the file (the upload page
        and the API alike)."""
        if status.state != DONE:
            return None, status.message or FAILED_MESSAGE
        preview = self.preview()
        if preview is None:
            return None, FAILED_MESSAGE
        return (None, preview.refusal) if preview.refusal else (preview, "")

    def _started(self) -> float:
        try:
            return (self.directory / UPLOAD).stat().st_mtime
        except OSError:
            return 0.0

    # --- ending ---------------------------------------------------------------------------

    def discard(self) -> None:
        """Stop the child if it still reads, and remove the folder.

        The folder is first renamed out of the way: the watcher of a child just killed (or
        the child itself, in its last instant) may still write an outcome into it, and a file
        written there while it is being removed would leave the folder behind."""
        stop(self.directory)
        doomed = self.directory.with_name(f".discarded-{self.name}")
        try:
            os.replace(self.directory, doomed)
        except FileNotFoundError:
            return  # already gone
        except OSError:
            doomed = self.directory
        shutil.rmtree(doomed, ignore_errors=True)


def active_jobs() -> int:
    """Jobs still queued or reading (not given up as dead)."""
    root = jobs_root()
    if not root.is_dir():
        return 0
    count = 0
    for path in root.iterdir():
        if (
            path.is_dir()
            and not path.name.startswith(".")
            and not ReadingJob(path.name).status().finished
        ):
            count += 1
    return count


def expire_abandoned(*, hours: float | None = None) -> list[str]:
    """Remove the uploads of previews older than `hours` (IMPORT_KEEP_HOURS): nobody can
    confirm them any more, as a session lasts less. Returns the names removed."""
    hours = settings.IMPORT_KEEP_HOURS if hours is None else hours
    root = jobs_root()
    if not root.is_dir():
        return []
    oldest = time.time() - hours * 3600
    removed = []
    for path in sorted(root.iterdir()):
        if path.name.startswith("."):
            continue
        try:
            if path.stat().st_mtime >= oldest:
                continue
        except OSError:
            continue
        if path.is_dir():
            ReadingJob(path.name).discard()
        else:
            path.unlink(missing_ok=True)  # an upload kept the way versions before 2026-12 did
        removed.append(path.name)
    return removed
