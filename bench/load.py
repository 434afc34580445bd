"""Load test on loopback: gunicorn against PostgreSQL, as in production, with 33 staff
sessions and 5 reviewers at once, as on the last day.

    python -m bench.load [--seconds 120] [--rows-per-unit 100] [--workers 3] [--threads 4]
    python -m bench.load --hostile 4 --visitors 6 --staff 5 --reviewers 0 --think 1 --seconds 60

With --hostile N, N signed-in attackers upload hostile workbooks over and over (text that
compresses 16:1 to 95 MB, refused from the zip's directory; 22 MB of shared strings and ten
thousand rows, which pass the guard and are parsed) while --visitors anonymous visitors
browse the public directory; the report gives every kind's p95 and slowest request, and
the run fails if any page (visitors' or staff's) took a second or more, or any answer was a
server error.

Bounded: it stops after --seconds (and at most --max-requests per client), then stops the
server. It only ever talks to 127.0.0.1. At the end it compares the database with what the
clients did: no row may be lost or duplicated, and every acknowledged edit must be there.
"""

import argparse
import http.cookiejar
import os
import random
import re
import signal
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from dataclasses import dataclass, field

from .setup import ROOT, configure

HOST = "127.0.0.1"
PASSWORD = "load-test-password-2019"


@dataclass
class Sample:
    kind: str  # "page", "edit", "export", "import", "login", "visitor", "hostile"
    seconds: float
    status: int
    path: str = ""


@dataclass
class ClientLog:
    samples: list[Sample] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    # row id -> the student number the server acknowledged last
    edits: dict[int, int] = field(default_factory=dict)
    imported: bool = False


class Session:
    """A browser-like session: cookies, CSRF tokens, timing of every request."""

    def __init__(self, base: str, log: ClientLog) -> None:
        self.base = base
        self.log = log
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.jar), NoRedirect()
        )

    def request(self, kind: str, path: str, data: bytes | None = None, headers=None):
        request = urllib.request.Request(self.base + path, data=data, headers=headers or {})
        request.add_header("Referer", self.base + path)
        started = time.perf_counter()
        try:
            with self.opener.open(request, timeout=60) as response:
                body = response.read()
                status = response.status
        except urllib.error.HTTPError as error:
            body, status = error.read(), error.code
        except OSError as error:
            self.log.errors.append(f"{kind} {path}: {error}")
            self.log.samples.append(Sample(kind, time.perf_counter() - started, 0, path))
            return 0, b""
        self.log.samples.append(Sample(kind, time.perf_counter() - started, status, path))
        if status >= 500:
            self.log.errors.append(f"{kind} {path}: HTTP {status}")
        return status, body

    def get(self, kind: str, path: str):
        return self.request(kind, path)

    def post(self, kind: str, path: str, fields: dict, token_from: bytes):
        fields = {**fields, "csrfmiddlewaretoken": csrf_token(token_from)}
        return self.request(kind, path, urllib.parse.urlencode(fields, doseq=True).encode())

    def post_file(self, kind: str, path: str, name: str, content: bytes, token_from: bytes):
        boundary = uuid.uuid4().hex
        parts = [
            f'--{boundary}\r\nContent-Disposition: form-data; name="csrfmiddlewaretoken"\r\n\r\n'
            f"{csrf_token(token_from)}\r\n".encode(),
            f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{name}"\r\n'
            "Content-Type: application/octet-stream\r\n\r\n".encode()
            + content
            + b"\r\n",
            f"--{boundary}--\r\n".encode(),
        ]
        return self.request(
            kind,
            path,
            b"".join(parts),
            {"Content-Type": f"multipart/form-data; boundary={boundary}"},
        )

    def login(self, username: str) -> bool:
        _, page = self.get("login", "/accounts/login/")
        status, _ = self.post(
            "login", "/accounts/login/", {"username": username, "password": PASSWORD}, page
        )
        return status == 302


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def csrf_token(page: bytes) -> str:
    match = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    return match.group(1).decode() if match else ""


def form_fields(page: bytes) -> dict[str, list[str]]:
    """The values an edit form shows, as a browser would send them back."""
    html = page.decode()
    fields: dict[str, list[str]] = {}
    for tag in re.findall(r"<input[^>]*>", html):
        name = re.search(r'name="([^"]+)"', tag)
        if not name or 'type="submit"' in tag:
            continue
        kind = re.search(r'type="([^"]+)"', tag)
        value = re.search(r'value="([^"]*)"', tag)
        if kind and kind.group(1) == "checkbox":
            if "checked" in tag:
                fields.setdefault(name.group(1), []).append(value.group(1) if value else "on")
            continue
        fields.setdefault(name.group(1), []).append(value.group(1) if value else "")
    for name, body in re.findall(r'<select[^>]*name="([^"]+)"[^>]*>(.*?)</select>', html, re.S):
        chosen = re.findall(r'<option value="([^"]*)"[^>]*selected', body)
        fields[name] = chosen or [""]
    for name, body in re.findall(r'<textarea[^>]*name="([^"]+)"[^>]*>(.*?)</textarea>', html, re.S):
        fields[name] = [body.strip()]
    fields.pop("csrfmiddlewaretoken", None)
    return fields


def signed_in(base: str, username: str, log: ClientLog) -> Session | None:
    """A session logged in as `username`, or None (the failure logged)."""
    session = Session(base, log)
    if session.login(username):
        return session
    log.errors.append(f"{username}: login failed")
    return None


def pause(rng: random.Random, think: float) -> None:
    """A person reading the page before the next click: `think` seconds on average
    (exponentially distributed), none with --think 0 (a closed loop)."""
    if think > 0:
        time.sleep(rng.expovariate(1 / think))


def staff_client(base, code, midpoint, deadline, log, max_requests, seed, think=0.0):
    rng = random.Random(seed)
    session = signed_in(base, code, log)
    if session is None:
        return
    unit = f"/units/{code}"
    imported = False
    while time.monotonic() < deadline and len(log.samples) < max_requests:
        session.get("page", f"{unit}/")
        pause(rng, think)
        status, rows_page = session.get("page", f"{unit}/rows/")
        pause(rng, think)
        row_ids = [int(i) for i in re.findall(rb'id="row-(\d+)"', rows_page)]
        if row_ids:
            row = rng.choice(row_ids)
            status, form = session.get("page", f"{unit}/rows/{row}/edit/")
            pause(rng, think)
            if status == 200:
                fields = form_fields(form)
                value = rng.randint(20, 300)
                fields["student_count"] = [str(value)]
                status, _ = session.post("edit", f"{unit}/rows/{row}/edit/", fields, form)
                if status == 302:
                    log.edits[row] = value
        pause(rng, think)
        if rng.random() < 0.15:
            session.get("export", f"{unit}/export.xlsx")
        if not imported and time.monotonic() > midpoint:
            # Once per session: export the table and import it back (replaces every row).
            status, table = session.get("export", f"{unit}/export.xlsx")
            _, upload_page = session.get("page", f"{unit}/import/")
            status, _ = session.post_file(
                "import", f"{unit}/import/", "table.xlsx", table, upload_page
            )
            if status == 302:
                preview = wait_for_preview(session, "import", unit, deadline + 60)
                status, _ = session.post(
                    "import", f"{unit}/import/preview/", {"action": "confirm"}, preview
                )
                if status == 302:
                    # The rows have new ids now: earlier edits live on in the imported values.
                    log.edits.clear()
                    log.imported = True
            imported = True


def visitor_client(base, deadline, log, max_requests, certificate_paths, seed, think=0.0):
    """Anonymous: the public directory, a certificate's page, the help page."""
    rng = random.Random(seed)
    session = Session(base, log)
    turn = 0
    while time.monotonic() < deadline and len(log.samples) < max_requests:
        for path in (
            "/directory/",
            certificate_paths[turn % len(certificate_paths)],
            "/directory/?q=%E7%85%A7%E6%8A%A4",
            "/help/",
        ):
            session.get("visitor", path)
            pause(rng, think)
        turn += 1
        time.sleep(0.2)


def wait_for_preview(session: Session, kind: str, unit: str, until: float) -> bytes:
    """The import's preview page once the file is read (a progress page looks again every
    second, as a browser would follow its refresh); b"" if it never came."""
    while time.monotonic() < until:
        status, page = session.get(kind, f"{unit}/import/preview/")
        if status != 200:
            return b""
        if b'http-equiv="refresh"' not in page:
            return page
        time.sleep(1)
    return b""


def hostile_files() -> list[tuple[str, bytes]]:
    from tests.filings.spreadsheet import workbooks as w

    table = w.province_table([w.row(school=f"湖北测试职业学院{n}") for n in range(20)]).data
    return [
        ("95 MB of strings", w.bulky_strings_bytes(table, megabytes=95)),
        ("22 MB of strings", w.bulky_strings_bytes(table, megabytes=22)),
        ("10,000 rows", w.many_rows_bytes(10_000)),
    ]


def hostile_client(base, code, deadline, log, max_requests, files, seed):
    """Signed in as a unit's staff: uploads hostile files one after the other, waits for
    each to be read (or refused), then cancels the preview."""
    rng = random.Random(seed)
    session = signed_in(base, code, log)
    if session is None:
        return
    unit = f"/units/{code}"
    while time.monotonic() < deadline and len(log.samples) < max_requests:
        _name, content = rng.choice(files)
        _, upload_page = session.get("hostile", f"{unit}/import/")
        status, _ = session.post_file(
            "hostile", f"{unit}/import/", "附件2.xlsx", content, upload_page
        )
        if status != 302:
            continue
        page = wait_for_preview(session, "hostile", unit, deadline + 60)
        if b'value="cancel"' in page:
            session.post("hostile", f"{unit}/import/preview/", {"action": "cancel"}, page)


def reviewer_client(base, index, deadline, log, max_requests):
    session = signed_in(base, "reviewer", log)
    if session is None:
        return
    turn = 0
    while time.monotonic() < deadline and len(log.samples) < max_requests:
        session.get("page", "/review/")
        session.get("page", "/review/national/?include_submitted=1")
        if turn % 4 == index % 4:
            session.get("export", "/review/national.xlsx?include_submitted=1")
        turn += 1


def percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.load")
    parser.add_argument("--seconds", type=int, default=120)
    parser.add_argument("--rows-per-unit", type=int, default=100)
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--threads", type=int, default=4, help="per worker (gthread)")
    parser.add_argument("--staff", type=int, default=33, help="staff sessions (at most 33)")
    parser.add_argument("--reviewers", type=int, default=5)
    parser.add_argument("--visitors", type=int, default=0, help="anonymous visitors")
    parser.add_argument("--hostile", type=int, default=0, help="clients uploading hostile files")
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--max-requests", type=int, default=5000, help="per client")
    parser.add_argument(
        "--think",
        type=float,
        default=0.0,
        help="staff's and visitors' mean pause between pages, in seconds (0: a closed loop)",
    )
    args = parser.parse_args()

    os.environ["BENCH_DATABASE_URL"] = "postgres://postgres@127.0.0.1:5432/pilot_load"
    url = configure("postgres")
    from datetime import timedelta

    from django.utils import timezone

    from certificates.models import Batch, Certificate
    from filings.accounts import demo_accounts_ensure
    from filings.models import Filing, FilingState, PilotRow

    from . import data

    data.national(data.second_batch(), args.rows_per_unit)
    Filing.objects.update(state=FilingState.DRAFT, submitted_at=None)
    Batch.objects.update(filing_deadline=timezone.now() + timedelta(days=10))
    demo_accounts_ensure(password=PASSWORD)
    codes = list(Filing.objects.order_by("unit__code").values_list("unit__code", flat=True))
    certificate_ids = list(Certificate.objects.values_list("pk", flat=True))
    before = {code: PilotRow.objects.filter(filing__unit__code=code).count() for code in codes}

    env = {
        **os.environ,
        "DATABASE_URL": url,
        "CACHE_DIR": str(ROOT / "var" / "load-cache"),
        "IMPORT_WAIT_SECONDS": "3",  # as in production
    }
    # As in production: hashed, compressed static files, served by WhiteNoise.
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--no-input", "-v0"],
        cwd=ROOT,
        env=env,
        check=True,
    )
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "pilot_portal.wsgi",
            "--bind",
            f"{HOST}:{args.port}",
            "--workers",
            str(args.workers),
            "--threads",
            str(args.threads),
            "--timeout",
            "120",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    base = f"http://{HOST}:{args.port}"
    try:
        for _ in range(50):
            try:
                urllib.request.urlopen(base + "/directory/", timeout=2)
                break
            except OSError:
                time.sleep(0.2)
        started = time.monotonic()
        deadline = started + args.seconds
        staff_codes = codes[: args.staff]
        logs = {code: ClientLog() for code in staff_codes}
        reviewer_logs = [ClientLog() for _ in range(args.reviewers)]
        visitor_logs = [ClientLog() for _ in range(args.visitors)]
        hostile_logs = [ClientLog() for _ in range(args.hostile)]
        files = hostile_files() if args.hostile else []
        certificate_paths = [f"/directory/{pk}/" for pk in certificate_ids]
        threads = [
            threading.Thread(
                target=staff_client,
                args=(
                    base,
                    code,
                    started + args.seconds / 2,
                    deadline,
                    logs[code],
                    args.max_requests,
                    i,
                    args.think,
                ),
            )
            for i, code in enumerate(staff_codes)
        ] + [
            threading.Thread(
                target=reviewer_client, args=(base, i, deadline, log, args.max_requests)
            )
            for i, log in enumerate(reviewer_logs)
        ]
        threads += [
            threading.Thread(
                target=visitor_client,
                args=(base, deadline, log, args.max_requests, certificate_paths, i, args.think),
            )
            for i, log in enumerate(visitor_logs)
        ]
        threads += [
            threading.Thread(
                target=hostile_client,
                # Units other than the staff's, so that their filings are left alone.
                args=(base, codes[-1 - i], deadline, log, args.max_requests, files, i),
            )
            for i, log in enumerate(hostile_logs)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=args.seconds + 180)
        elapsed = time.monotonic() - started
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)

    # Compare the database with what the clients did.
    problems = []
    for code in staff_codes:
        rows = PilotRow.objects.filter(filing__unit__code=code)
        if rows.count() != before[code]:
            problems.append(f"{code}: {before[code]} rows before, {rows.count()} after")
        pairs = rows.values_list("school_id", "certificate_id")
        if len(set(pairs)) != len(pairs):
            problems.append(f"{code}: a school and certificate twice")
        for row_id, value in logs[code].edits.items():
            stored = rows.filter(pk=row_id).values_list("student_count", flat=True).first()
            if stored != value:
                problems.append(f"{code}: row {row_id} holds {stored}, the client saved {value}")

    all_logs = [*logs.values(), *reviewer_logs, *visitor_logs, *hostile_logs]
    samples = [s for log in all_logs for s in log.samples]
    errors = [e for log in all_logs for e in log.errors]
    pages = [s.seconds for s in samples if s.kind in ("page", "edit")]
    visits = [s.seconds for s in samples if s.kind == "visitor"]
    print(
        f"### Load: {len(staff_codes)} staff sessions + {args.reviewers} reviewers + "
        f"{args.visitors} visitors + {args.hostile} hostile uploaders, {elapsed:.0f} s, "
        f"think {args.think:g} s, "
        f"gunicorn --workers {args.workers} --threads {args.threads}, PostgreSQL, "
        f"{args.rows_per_unit} rows per unit\n"
    )
    print("| kind | requests | median | p95 | max |")
    print("| --- | --- | --- | --- | --- |")
    for kind in ("login", "page", "edit", "export", "import", "visitor", "hostile"):
        times = [s.seconds for s in samples if s.kind == kind]
        if times:
            print(
                f"| {kind} | {len(times)} | {statistics.median(times) * 1000:.0f} ms | "
                f"{percentile(times, 0.95) * 1000:.0f} ms | {max(times) * 1000:.0f} ms |"
            )
    server_errors = sum(1 for s in samples if s.status >= 500 or s.status == 0)
    print(
        f"\n{len(samples)} requests, {len(samples) / elapsed:.1f} requests/s; "
        f"pages p95 {percentile(pages, 0.95) * 1000:.0f} ms; server errors {server_errors}; "
        f"edits checked {sum(len(log.edits) for log in logs.values())}; "
        f"imports {sum(1 for log in logs.values() if log.imported)}; "
        f"lost or duplicated rows: {len(problems)}"
    )
    for line in (errors + problems)[:20]:
        print("-", line)
    if args.hostile:
        slowest = max([*pages, *visits], default=0)
        print(
            f"with hostile uploads: visitors p95 {percentile(visits, 0.95) * 1000:.0f} ms, "
            f"slowest page (visitors' and staff's) {slowest * 1000:.0f} ms"
        )
        for sample in sorted(
            (s for s in samples if s.kind in ("page", "edit", "visitor")), key=lambda s: -s.seconds
        )[:5]:
            print(f"- slow: {sample.kind} {sample.path} {sample.seconds * 1000:.0f} ms")
        ok = server_errors == 0 and not problems and slowest < 1.0
    else:
        ok = server_errors == 0 and not problems and percentile(pages, 0.95) < 1.0
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
