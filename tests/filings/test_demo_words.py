"""`make demo` and seed_demo say what they do: one timeline, the units they filled, and the
README shows the same printout."""

import re
import shutil
import subprocess
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

from certificates.models import Batch
from filings.wording import beijing_time

ROOT = Path(settings.BASE_DIR)


@pytest.mark.django_db
def test_seed_demo_prints_one_deadline_and_the_units_it_left_empty(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    call_command("load_reference_data", stdout=StringIO())
    out = StringIO()
    call_command("seed_demo", "--rows", "200", stdout=out)
    text = out.getvalue()
    batch = Batch.objects.current()
    deadline = beijing_time(batch.filing_deadline)
    assert f"批次报送截止时间改为 {deadline}，已过" in text
    assert text.count("截止时间改为") == 1
    filled = re.search(r"33 个报送单位中，(\d+) 个有汇总表.*?(\d+) 个未开始", text)
    assert filled and int(filled[1]) + int(filled[2]) == 33 and int(filled[2]) > 0
    assert "全部" not in text and "all 33" not in text
    assert text.count("（北京时间）") == 2


@pytest.mark.django_db(transaction=True)  # the e-mails go when the demo's transaction commits
def test_seed_demo_e_mails_nobody(tmp_path, settings, capsys):
    # Its contact addresses are made up; with the console backend of `make run`, its reviews
    # and extensions printed dozens of e-mails around the demo's own printout.
    settings.MEDIA_ROOT = tmp_path
    settings.EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
    call_command("load_reference_data", stdout=StringIO())
    call_command("seed_demo", "--rows", "100", stdout=StringIO())
    assert "Subject:" not in capsys.readouterr().out


def test_the_readme_shows_the_printout_seed_demo_makes():
    from filings.management.commands.seed_demo import summary

    readme = (ROOT / "README.md").read_text()
    shape = re.escape(
        summary(
            {
                "units": 33,
                "filings": 29,
                "schools": 1000,
                "rows": 3000,
                "not_started": 4,
                "deadline": _moment(),
                "extension": _moment(),
            }
        )
    )
    number = re.escape("1,000") + "|" + re.escape("3,000")
    shape = re.sub(number, r"[\\d,]+", shape)
    shape = shape.replace(re.escape(beijing_time(_moment(), suffix=False)), r"[\d: -]+")
    assert re.search(shape, readme), "README's sample of the printout is out of date"
    assert "all 33 units filled in" not in readme


def _moment():
    from datetime import UTC, datetime

    return datetime(2026, 12, 4, 15, 59, tzinfo=UTC)


def _recipe(demo: bool, cwd: Path) -> str:
    """What `make run` would run once installed, with each command echoed instead of run."""
    flag = f"DEMO={'1' if demo else ''}"
    make = ["make", "-s", "-n", "-C", str(ROOT), "run", "PYTHON=python3", flag]
    dry = subprocess.run(make, capture_output=True, text=True, check=True).stdout.splitlines()
    # From the first manage.py command on (the lines before install the project), without the
    # last one (runserver); manage.py only echoed.
    start = next(i for i, line in enumerate(dry) if "manage.py migrate" in line)
    script = "\n".join(dry[start:-1]).replace(".venv/bin/python manage.py", "echo manage.py")
    assert "runserver" not in script and "pip" not in script and "venv" not in script
    done = subprocess.run(["sh", "-c", script], capture_output=True, text=True, cwd=cwd)
    return done.stdout


@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
@pytest.mark.parametrize("demo", [True, False])
def test_make_demo_sets_one_timeline_and_says_what_it_does(demo, tmp_path):
    ran = _recipe(demo, tmp_path)
    assert ("manage.py seed_demo --replace" in ran) is demo
    assert ("manage.py open_filing_period" in ran) is not demo
    assert "all 33 units" not in ran
    assert ("make demo" in ran) is not demo
