"""certificates.xlsx: the write-only sheet whose rows are written as text (certificates.sheet_xml)
writes the same XML as openpyxl's own write-only sheet: equal once canonicalised (C14N), which
sets aside only how each spells a character (openpyxl writes every Chinese character as a
character reference, the text writer as UTF-8) and `<a/>` against `<a></a>`."""

import zipfile
from datetime import datetime
from io import BytesIO

from lxml import etree
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from certificates.sheet_xml import SizedRows
from certificates.xlsx import (
    BORDER,
    CellStyle,
    clean_text,
    prepare_for_print,
    write_only_sheet,
)

ROWS = [
    ["北京市", 1, "北京农业职业学院（2校区）", None, "=不是公式", 2.5, datetime(2019, 9, 20)],
    [None, None, "", "#N/A", "工业机器人应用编程（初级、中级、高级）", -3, True],
    ["\u0007有控制字符", "+86", "@x", 0, None, None, "末列"],
    ['A&B <学院> "引号"', " 前后空格 ", "第一行\r\n第二行", "=", 10**17, 1 / 3, False],
    ["长" * 40_000, "", None, "第三行\n", 0.0, -0.5, datetime(2019, 9, 11, 8, 30)],
]
# A few rows of the bare kind only: bare formulas and error codes are openpyxl's business.
BARE_ONLY = [["==1+1", "#REF!", "x", 5], [None, None, None, None]]


def sheet_xml(fast: bool) -> bytes:
    wb = Workbook(write_only=True)
    ws = write_only_sheet(wb, "表") if fast else wb.create_sheet("表")
    bold = CellStyle(ws, font=Font(bold=True), alignment=Alignment(wrap_text=True))
    framed = CellStyle(ws, border=BORDER)
    plain = CellStyle(ws)
    prepare_for_print(ws, "1:1", header="标题 & 副标题", header_sheet_name=True, footer_left="左")
    ws.freeze_panes = "A2"
    ws.column_dimensions["B"].width = 30
    ws.merged_cells.add("A1:B1")
    ws.auto_filter.ref = "A1:G3"
    ws.row_dimensions[2].height = 33.5
    rows = SizedRows(ws)
    rows.default_height(18)
    for number, values in enumerate(ROWS):
        if number % 3 == 0:
            cells = [bold.cell(v) for v in values]
        elif number % 3 == 1:
            cells = [framed.cell(v) if i % 2 else plain.bare(v) for i, v in enumerate(values)]
        else:
            cells = [plain.bare(v) for v in values]
        if number == 1:
            ws.append(cells)  # the height set on the sheet
            rows.count += 1
        else:
            rows.append(cells, None if number == 2 else 15.0 + number)
    for values in BARE_ONLY:
        ws.append(values)
    hidden = write_only_sheet(wb, "证据") if fast else wb.create_sheet("证据")
    hidden.sheet_state = "hidden"
    hidden.append([CellStyle(hidden, border=BORDER).cell("只有一格")])
    buffer = BytesIO()
    wb.save(buffer)
    archive = zipfile.ZipFile(buffer)
    parts = [
        "xl/worksheets/sheet1.xml",
        "xl/worksheets/sheet2.xml",
        "xl/styles.xml",
        "xl/workbook.xml",
    ]
    return b"".join(
        etree.tostring(etree.fromstring(archive.read(p)), method="c14n2") for p in parts
    )


def test_the_fast_sheet_writes_what_openpyxl_writes():
    assert sheet_xml(fast=True) == sheet_xml(fast=False)


def test_the_fast_sheet_writes_its_text_as_utf8():
    wb = Workbook(write_only=True)
    ws = write_only_sheet(wb, "表")
    ws.append(["北京市"])
    buffer = BytesIO()
    wb.save(buffer)
    xml = zipfile.ZipFile(buffer).read("xl/worksheets/sheet1.xml")
    assert "<t>北京市</t>".encode() in xml


def test_control_characters_are_removed_and_line_breaks_kept():
    assert clean_text("武汉\u0007职业\u001f技术学院") == "武汉职业技术学院"
    assert clean_text("第一行\n第二行\t完") == "第一行\n第二行\t完"
    assert clean_text("全角空格\u3000照旧") == "全角空格\u3000照旧"
