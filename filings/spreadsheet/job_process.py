"""The process that reads a job's upload (`reading_worker`): started in a session of its own
with the limits of one read, its exit collected by a watcher thread that says what happened
when it was killed before it could say so itself, and killed when its job is discarded."""

from __future__ import annotations

import contextlib
import logging
import os
import signal
import subprocess
import sys
import threading
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

from .job_files import ERRORS, FAILED, OUTCOME, PID, write_json

logger = logging.getLogger(__name__)

TIMEOUT = (
    "文件在 {seconds} 秒内没有读完（文件过大或过于复杂），已停止读取。"
    "请删除与附件2无关的工作表、行和列，另存后再上传。"
)
FAILED_MESSAGE = "读取文件时出错，请重新上传；如仍不行，请在 Excel 或 WPS 中另存为 .xlsx 后再上传。"


@dataclass(frozen=True)
class Limits:
    """What one read may use. From the settings; tests lower them."""

    seconds: int
    memory_mb: int
    slots: int

    @classmethod
    def from_settings(cls) -> Limits:
        return cls(
            seconds=settings.IMPORT_READ_SECONDS,
            memory_mb=settings.IMPORT_READ_MEMORY_MB,
            slots=settings.IMPORT_READ_SLOTS,
        )


def spawn(directory: Path, slots_dir: Path, limits: Limits) -> None:
    """Start reading the job in `directory`; `slots_dir` holds the slots' locks."""
    command = [
        sys.executable,
        "-m",
        "filings.spreadsheet.reading_worker",
        str(directory),
        str(slots_dir),
        str(limits.seconds),
        str(limits.memory_mb),
        str(limits.slots),
    ]
    environment = dict(os.environ)
    # As the server was started (manage.py and wsgi.py set it; overridden settings, as
    # in tests, have no module of their own).
    environment.setdefault("DJANGO_SETTINGS_MODULE", settings.SETTINGS_MODULE or "")
    with open(directory / ERRORS, "wb") as errors:
        process = subprocess.Popen(
            command,
            cwd=settings.BASE_DIR,
            env=environment,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=errors,
            # Its own session: a signal to the server's process group does not reach
            # it, and it does not reach the server's.
            start_new_session=True,
        )
    (directory / PID).write_text(str(process.pid))
    # Collect the child's exit (no zombie), and say what happened when it was killed
    # (by its CPU limit, say) before it could say so itself.
    threading.Thread(
        target=_watch,
        args=(process, directory, limits),
        name=f"reading {directory.name}",
        daemon=True,
    ).start()


def _watch(process: subprocess.Popen, directory: Path, limits: Limits) -> None:
    code = process.wait()
    if code == 0 or not directory.exists() or (directory / OUTCOME).exists():
        return
    if code in (-signal.SIGXCPU, -signal.SIGALRM, -signal.SIGKILL):
        message = TIMEOUT.format(seconds=limits.seconds)
    else:
        message = FAILED_MESSAGE
    try:
        errors = (directory / ERRORS).read_text("utf-8", "replace")[-2000:]
    except OSError:
        errors = ""
    logger.warning("Reading %s ended with exit code %s: %s", directory.name, code, errors)
    with contextlib.suppress(OSError):  # the job may have been discarded meanwhile
        write_json(directory / OUTCOME, {"state": FAILED, "message": message})


def stop(directory: Path) -> None:
    """Kill the process reading the job in `directory`, if it still runs."""
    try:
        pid = int((directory / PID).read_text())
        # Only the process reading this very job: a pid may have been reused.
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
    except (OSError, ValueError):
        return
    if str(directory).encode() in cmdline.split(b"\0"):
        with contextlib.suppress(OSError):
            os.kill(pid, signal.SIGKILL)
