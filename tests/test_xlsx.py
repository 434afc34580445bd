"""certificates.xlsx: the write-only sheet with a fast path for styled cells writes exactly
what openpyxl's own write-only sheet writes."""

import zipfile
from datetime import datetime
from io import BytesIO

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from certificates.xlsx import BORDER, CellStyle, clean_text, write_only_sheet

ROWS = [
    ["北京市", 1, "北京农业职业学院（2校区）", None, "=不是公式", 2.5, datetime(2019, 9, 20)],
    [None, None, "", "#N/A", "工业机器人应用编程（初级、中级、高级）", -3, True],
    ["\u0007有控制字符", "+86", "@x", 0, None, None, "末列"],
]


def sheet_xml(fast: bool) -> bytes:
    wb = Workbook(write_only=True)
    ws = write_only_sheet(wb, "表") if fast else wb.create_sheet("表")
    bold = CellStyle(ws, font=Font(bold=True), alignment=Alignment(wrap_text=True))
    framed = CellStyle(ws, border=BORDER)
    plain = CellStyle(ws)
    for number, values in enumerate(ROWS):
        if number == 0:
            ws.append([bold.cell(v) for v in values])
        elif number == 1:
            ws.append([framed.cell(v) if i % 2 else plain.bare(v) for i, v in enumerate(values)])
        else:
            ws.append([plain.bare(v) for v in values])
    buffer = BytesIO()
    wb.save(buffer)
    archive = zipfile.ZipFile(buffer)
    return archive.read("xl/worksheets/sheet1.xml") + archive.read("xl/styles.xml")


def test_the_fast_sheet_writes_what_openpyxl_writes():
    assert sheet_xml(fast=True) == sheet_xml(fast=False)


def test_control_characters_are_removed_and_line_breaks_kept():
    assert clean_text("武汉\u0007职业\u001f技术学院") == "武汉职业技术学院"
    assert clean_text("第一行\n第二行\t完") == "第一行\n第二行\t完"
    assert clean_text("全角空格\u3000照旧") == "全角空格\u3000照旧"
