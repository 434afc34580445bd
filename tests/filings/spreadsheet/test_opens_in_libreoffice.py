"""The exported workbooks open in a real spreadsheet program: LibreOffice reads each one,
prints the table on A4 landscape, and finds the values where the portal wrote them.

LibreOffice comes from Debian (`apt-get install libreoffice-calc-nogui poppler-utils`). Where
it is missing these tests skip, unless REQUIRE_LIBREOFFICE=1 (as in CI), where they fail.
"""

import csv
import os
import re
import shutil
import subprocess
from io import BytesIO
from pathlib import Path

import pytest
from openpyxl import load_workbook

from certificates.attachment1 import build_attachment1
from filings.models import FilingState
from filings.spreadsheet.export import build_attachment2
from filings.spreadsheet.national_workbook import build_national_workbook

from .. import factories as f

pytestmark = pytest.mark.django_db

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
PDFINFO = shutil.which("pdfinfo")
# All sheets, UTF-8, comma-separated (LibreOffice's CSV filter options; sheet -1 = every sheet).
CSV_FILTER = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1"


@pytest.fixture
def soffice():
    if not (SOFFICE and PDFINFO):
        message = "LibreOffice or pdfinfo not installed (apt-get install libreoffice-calc-nogui)"
        if os.environ.get("REQUIRE_LIBREOFFICE") == "1":
            pytest.fail(message)
        pytest.skip(message)
    return SOFFICE


def convert(soffice: str, data: bytes, folder: Path, target: str) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    source = folder / "book.xlsx"
    source.write_bytes(data)
    out = folder / "out"
    result = subprocess.run(
        [
            soffice,
            f"-env:UserInstallation=file://{folder}/profile",
            "--headless",
            "--convert-to",
            target,
            "--outdir",
            str(out),
            str(source),
        ],
        capture_output=True,
        text=True,
        timeout=180,
    )
    produced = sorted(out.glob("*")) if out.exists() else []
    assert result.returncode == 0 and produced, result.stdout + result.stderr
    return produced


def pdf_pages(path: Path) -> list[str]:
    info = subprocess.run([PDFINFO, "-l", "999", str(path)], capture_output=True, text=True)
    return re.findall(r"Page\s+\d+ size:\s+([\d.]+ x [\d.]+)", info.stdout) or re.findall(
        r"Page size:\s+([\d.]+ x [\d.]+)", info.stdout
    )


def sheets_as_read(paths: list[Path]) -> dict[str, list[list[str]]]:
    """Each sheet as LibreOffice read it, by sheet name (its files are book-<sheet>.csv)."""
    return {
        p.stem.removeprefix("book-"): list(csv.reader(p.read_text("utf-8").splitlines()))
        for p in paths
    }


@pytest.fixture
def filed(batch, unit):
    filing = f.make_filing(unit, batch, state=FilingState.ACCEPTED)
    school = f.make_school(filing, "武汉职业技术学院", remarks="=不是公式")
    f.make_row(filing, school, f.certificate(2), student_count=120)
    f.make_row(filing, f.make_school(filing, "湖北省工业建筑学校", "secondary"), f.certificate(5))
    return filing


def test_attachment2_opens_prints_a4_landscape_and_reads_back(soffice, filed, tmp_path):
    data = build_attachment2(filed)
    (pdf,) = convert(soffice, data, tmp_path / "pdf", "pdf")
    pages = pdf_pages(pdf)
    assert pages, "no page printed"
    width, height = (float(v) for v in pages[0].split(" x "))
    assert (round(width), round(height)) == (842, 595)  # A4, landscape

    sheets = sheets_as_read(convert(soffice, data, tmp_path / "csv", CSV_FILTER))
    table, evidence = sheets["附件2"], sheets["佐证材料"]
    assert table[0][0] == "第二批1+X证书制度试点院校情况汇总表"
    assert table[3][:3] == ["序号", "试点院校名称", "学校类型"]
    assert table[4][:4] == ["1", "武汉职业技术学院", "高职", "网店运营推广（初级、中级）"]
    # Text that looks like a formula stays text in LibreOffice too.
    assert any("=不是公式" in cell for row in table for cell in row)
    summary = {row[5]: row[6] for row in table if len(row) > 6 and row[5].startswith("第二批")}
    assert summary["第二批试点学生总规模"] == "160"
    assert summary["第二批试点院校总规模"] == "2"
    assert evidence[1][1] == "试点院校名称"


def test_the_national_workbook_and_attachment1_open(soffice, filed, batch, tmp_path):
    national = sheets_as_read(
        convert(soffice, build_national_workbook(batch, False), tmp_path / "n", CSV_FILTER)
    )
    expected = load_workbook(BytesIO(build_national_workbook(batch, False))).sheetnames
    assert sorted(national) == sorted(name.replace("/", "_") for name in expected)
    assert national["全部试点行"][1][0] == "湖北省"
    attachment1 = sheets_as_read(
        convert(soffice, build_attachment1(batch), tmp_path / "a", CSV_FILTER)
    )
    (sheet,) = attachment1.values()
    assert sheet[1][0] == "培训评价组织名称"
    assert len(sheet) == 12  # title, header, ten certificates
