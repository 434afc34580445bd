"""The child process that reads one uploaded workbook (see `reading.py`).

    python -m filings.spreadsheet.reading_worker JOB_DIR SLOTS_DIR SECONDS MEMORY_MB SLOTS

It limits itself before it does anything else, waits for a reading slot, then sets up
Django (for the models the result is made of; it never opens a database connection),
parses, and leaves its outcome in the job's folder.
"""

import fcntl
import gc
import os
import pickle
import resource
import signal
import sys
import time
from pathlib import Path

# Below the server's own processes: visitors' pages get the processor first. Niceness alone
# was not enough on two cores (a visitor waited 5.7 s behind four readers at niceness 10, issue
# #10): the reader also takes Linux's idle scheduling class, so that it runs only on a
# processor nothing else wants. The niceness still orders readers among themselves and is what
# counts where SCHED_IDLE is not to be had.
NICENESS = 19
SLOT_POLL_SECONDS = 0.1
# The processor time a read may take is its limit (RLIMIT_CPU). A reader that idles while the
# server is busy may take longer by the clock: the alarm stops only one that takes this many
# times its processor time (one stuck without using the processor, or starved for minutes).
WALL_FACTOR = 3


class OutOfTime(BaseException):
    """Not an Exception: the importer's handlers of damaged files must not swallow it."""


def _limit(seconds: int, memory_mb: int) -> None:
    memory = memory_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    # The processor time, a hard stop a little after the soft one (SIGXCPU ends the process).
    resource.setrlimit(resource.RLIMIT_CPU, (seconds, seconds + 5))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    os.nice(NICENESS)
    if hasattr(os, "SCHED_IDLE"):  # Linux
        os.sched_setscheduler(0, os.SCHED_IDLE, os.sched_param(0))


def _take_slot(slots_dir: Path, slots: int, patience: float):
    """A lock on one of `slots` files, kept open for as long as the process lives; None
    when no slot came free within `patience` seconds."""
    slots_dir.mkdir(parents=True, exist_ok=True)
    deadline = time.monotonic() + patience
    while True:
        for number in range(slots):
            handle = open(slots_dir / f"{number}.lock", "a")  # noqa: SIM115 (held till exit)
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:
                handle.close()
                continue
            return handle
        if time.monotonic() >= deadline:
            return None
        time.sleep(SLOT_POLL_SECONDS)


def _on_alarm(signum, frame):
    raise OutOfTime


def _set_up_django() -> None:
    """Django for the models the result is made of, with every query refused: the reading
    process has what it needs of the database in its context."""
    import django

    django.setup()
    from django.db import connections

    def no_queries(execute, sql, params, many, context):
        raise RuntimeError("the reading process has no business with the database")

    for connection in connections.all():
        connection.execute_wrappers.append(no_queries)


def main(argv: list[str]) -> int:
    job_dir, slots_dir = Path(argv[1]), Path(argv[2])
    seconds, memory_mb, slots = int(argv[3]), int(argv[4]), int(argv[5])
    _limit(seconds, memory_mb)
    # Imported after the limits, so that they bound the imports too.
    _set_up_django()
    from filings.spreadsheet import reading

    def finish(state: str, message: str = "", lines: int = 0) -> int:
        if job_dir.is_dir():
            reading.write_json(
                job_dir / reading.OUTCOME, {"state": state, "message": message, "lines": lines}
            )
        return 0

    slot = _take_slot(slots_dir, slots, patience=seconds)
    if slot is None:
        return finish(reading.FAILED, reading.BUSY)
    signal.signal(signal.SIGALRM, _on_alarm)
    signal.alarm(seconds * WALL_FACTOR)
    return _read(job_dir, seconds, finish)


def _read(job_dir: Path, seconds: int, finish) -> int:
    """Parse the upload, report progress as lines are read, and leave the outcome."""
    from certificates.upload_guard import RefusedFile
    from filings.spreadsheet import reading
    from filings.spreadsheet.importer import read_attachment2
    from filings.spreadsheet.job_files import save_result

    lines_read = 0

    def progress(lines: int) -> None:
        nonlocal lines_read
        lines_read = lines
        reading.write_json(job_dir / reading.PROGRESS, {"state": reading.READING, "lines": lines})

    try:
        progress(0)
        data = (job_dir / reading.UPLOAD).read_bytes()
        context = pickle.loads((job_dir / reading.CONTEXT).read_bytes())
        result = read_attachment2(data, context=context, progress=progress)
        del data
        save_result(job_dir, result)
        return finish(reading.DONE, lines=lines_read)
    except RefusedFile as refused:
        return finish(reading.REFUSED, refused.message)
    except OutOfTime:
        return finish(reading.FAILED, reading.TIMEOUT.format(seconds=seconds))
    except MemoryError:
        pass  # said below, once the exception and the half-read table it holds are gone
    except FileNotFoundError:
        return 0  # the job was discarded (cancelled, replaced, expired) while it was read
    # Out of memory. Inside the handler the traceback still holds every frame of the read and
    # what they built, and writing the outcome could itself run out of memory: the process
    # then died without a word, and the user was told of a damaged file instead.
    gc.collect()
    return finish(reading.FAILED, reading.TOO_COMPLEX)


if __name__ == "__main__":
    sys.exit(main(sys.argv))
