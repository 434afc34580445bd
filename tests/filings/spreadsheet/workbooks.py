"""Attachment 2 workbooks as provinces really fill them in, and files that are not workbooks.

The builders write with openpyxl (or zipfile) and return the file's bytes. They deliberately
do not use `filings.spreadsheet.layout`: a table typed by a province owes nothing to the
portal's own export, and a test built from the importer's constants could not catch them
drifting from the notice.
"""

import random
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from io import BytesIO
from typing import Any

from openpyxl import Workbook
from openpyxl.utils import get_column_letter

TITLE = "第二批1+X证书制度试点院校情况汇总表"
HEADER = [
    "序号",
    "试点院校名称",
    "学校类型",
    "参与试点证书及等级",
    "参与试点专业数量",
    "参与试点专业名称",
    "参与试点学生规模",
    "学校情况备注",
]
# The lines above the table: label and value typed into one cell each.
HEADER_LINES_IN_ONE_CELL = [
    ["报送单位(盖章):湖北省教育厅", None, None, None, None, "联系人: 张敏"],
    ["电话：027-87328057", None, None, None, None, "邮箱：zhangmin@hbe.gov.cn"],
]
# The same, each label in its own cell and the value in a later one (as the notice prints it).
HEADER_LINES_IN_CELLS = [
    ["报送单位（盖章）：", None, "湖北省教育厅", None, None, "联系人：", "张敏"],
    ["电话：", None, "027-87328057", None, None, "邮箱：", "zhangmin@hbe.gov.cn"],
]
SUMMARY = [
    ("第二批试点学生总规模", 0),
    ("第二批试点院校数量(中职)", 0),
    ("第二批试点院校数量(高职)", 0),
    ("第二批试点院校数量(本科)", 0),
    ("第二批试点院校总规模", 0),
]
NOTES = [
    "注：",
    "1.报送单位为省级教育行政部门和国家开放大学",
    "2.“学校类型”栏填写中职、高职、本科层次职业教育试点学校或应用型本科",
    "3.“参与试点证书及等级”栏从第二批启动试点的10个证书中选取填写",
    "4.“参与试点专业名称”栏列举该试点院校参与对应证书试点的全部专业名称",
    "5.“备注”栏填写国家或省级示范（骨干、优质）高等职业学校等",
    "6.本表可另附页",
]

BLANK: list[Any] = []  # an empty line between rows


def row(
    school: Any = "武汉职业技术学院",
    school_type: Any = "高职",
    certificate: Any = "网店运营推广（初级、中级）",
    major_count: Any = 2,
    majors: Any = "电子商务、市场营销",
    students: Any = 120,
    remarks: Any = "国家示范（骨干、优质）高等职业学校",
    index: Any = None,
) -> list[Any]:
    """One line of the table, valid unless a value is overridden (None leaves a cell empty)."""
    return [index, school, school_type, certificate, major_count, majors, students, remarks]


def workbook_bytes(
    lines: Sequence[Sequence[Any]],
    *,
    merges: Iterable[str] = (),
    title: str = "Sheet1",
    more_sheets: dict[str, Sequence[Sequence[Any]]] | None = None,
    hidden_columns: Iterable[str] = (),
    hidden_rows: Iterable[int] = (),
    auto_filter: str | None = None,
) -> bytes:
    """A workbook whose first sheet holds `lines` from A1 on (None leaves a cell empty; a
    string starting with '=' is a formula, saved without a cached value as a script saves
    it). Columns and rows may be hidden, as Excel's 隐藏 does, and an AutoFilter set."""
    wb = Workbook()
    ws = wb.active
    ws.title = title
    for number, values in enumerate(lines, start=1):
        for column, value in enumerate(values, start=1):
            if value is not None:
                ws.cell(number, column, value)
    for cells in merges:
        ws.merge_cells(cells)
    for letter in hidden_columns:
        ws.column_dimensions[letter].hidden = True
    for number in hidden_rows:
        ws.row_dimensions[number].hidden = True
    if auto_filter:
        ws.auto_filter.ref = auto_filter
    for name, sheet_lines in (more_sheets or {}).items():
        other = wb.create_sheet(name)
        for values in sheet_lines:
            other.append(list(values))
    buffer = BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


@dataclass
class Table:
    """A province's Attachment 2 and where things landed in it."""

    data: bytes
    header_line: int
    lines: list[int] = field(default_factory=list)  # the sheet line of each data row given

    @property
    def first_line(self) -> int:
        return self.lines[0]


def province_table(
    rows: Sequence[Sequence[Any]],
    *,
    title: str | None = TITLE,
    header_lines: Sequence[Sequence[Any]] = HEADER_LINES_IN_ONE_CELL,
    header: Sequence[Any] = HEADER,
    lines_before_header: int = 0,
    merge: Iterable[tuple[str, int, int]] = (),
    numbered: bool = True,
    template_lines: int = 0,
    summary: bool = True,
    notes: bool = True,
) -> Table:
    """Attachment 2 as typed: a title, the 报送单位/联系人 lines, the heading, the rows (BLANK
    for an empty line), numbered but empty template lines, 总体情况 and the notes.

    `merge` holds (column letter, first, last) with indices into `rows`: the cells are merged
    as a province merges a school's name over its rows (the value stays in the first).
    """
    lines: list[list[Any]] = []
    if title is not None:
        lines.append([title])
    lines.extend(list(line) for line in header_lines)
    lines.extend([] for _ in range(lines_before_header))
    lines.append(list(header))
    header_line = len(lines)
    placed: list[int] = []
    number = 0
    for values in rows:
        values = list(values)
        if values:
            number += 1
            if numbered and values[0] is None:
                values[0] = number
        lines.append(values)
        placed.append(len(lines))
    for _ in range(template_lines):
        number += 1
        lines.append([number])
    merges = [f"{col}{placed[first]}:{col}{placed[last]}" for col, first, last in merge]
    if summary:
        first_summary = len(lines) + 1
        for label, value in SUMMARY:
            lines.append([None, None, None, None, None, label, value])
        lines[first_summary - 1][0] = "总体情况"
        merges.append(f"A{first_summary}:E{first_summary + len(SUMMARY) - 1}")
    if notes:
        lines.append([])
        lines.extend([note] for note in NOTES)
    return Table(workbook_bytes(lines, merges=merges), header_line, placed)


def many_rows_bytes(count: int) -> bytes:
    """A plain table of `count` rows, written in write-only mode (fast, small in memory)."""
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("附件2")
    ws.append(HEADER)
    certificates = ["网店运营推广（初级）", "电子商务数据分析（中级）", "智能财税（初级）"]
    for number in range(1, count + 1):
        ws.append(
            [
                number,
                f"湖北第{number}职业学校",
                "中职",
                certificates[number % 3],
                1,
                "电子商务",
                30,
                "",
            ]
        )
    buffer = BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


# --- files that are not an Attachment 2 workbook ----------------------------------------------

OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def old_xls_bytes() -> bytes:
    """The start of a compound document (.xls as Excel 97-2003 saves it)."""
    return OLE_SIGNATURE + b"\x00" * 16 + b"\x3e\x00\x03\x00\xfe\xff" + b"\x00" * 4000


def csv_bytes() -> bytes:
    """The table saved as CSV, with the BOM Excel writes."""
    lines = [",".join(HEADER), "1,武汉职业技术学院,高职,网店运营推广（初级）,1,电子商务,40,"]
    return "\r\n".join(lines).encode("utf-8-sig")


def pdf_bytes() -> bytes:
    return b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n" + b"0" * 500


def random_bytes(size: int = 4096) -> bytes:
    data = random.Random(20191011).randbytes(size)
    assert not data.startswith((b"PK", b"\xd0\xcf"))
    return data


def truncated(data: bytes) -> bytes:
    """The first half of a file, as an interrupted download leaves it."""
    return data[: len(data) // 2]


def zip_bytes(members: dict[str, bytes]) -> bytes:
    buffer = BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def plain_zip_bytes() -> bytes:
    """A zip of documents, not a workbook."""
    return zip_bytes({"附件2.txt": "试点院校名称".encode(), "说明.txt": b"readme"})


def docx_like_bytes() -> bytes:
    """An Office Open XML file that is not a workbook (a Word document)."""
    return zip_bytes(
        {
            "[Content_Types].xml": b'<?xml version="1.0"?><Types/>',
            "word/document.xml": b'<?xml version="1.0"?><document/>',
        }
    )


def ods_like_bytes() -> bytes:
    """An OpenDocument spreadsheet (.ods), as LibreOffice or WPS save one."""
    return zip_bytes(
        {
            "mimetype": b"application/vnd.oasis.opendocument.spreadsheet",
            "content.xml": b'<?xml version="1.0"?><office:document-content/>',
            "META-INF/manifest.xml": b'<?xml version="1.0"?><manifest/>',
        }
    )


def replace_member(data: bytes, name: str, content: bytes) -> bytes:
    """The workbook `data` with the zip member `name` replaced (or added)."""
    source = zipfile.ZipFile(BytesIO(data))
    buffer = BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            if info.filename != name:
                target.writestr(info, source.read(info.filename))
        target.writestr(name, content)
    return buffer.getvalue()


def member(data: bytes, name: str) -> bytes:
    return zipfile.ZipFile(BytesIO(data)).read(name)


SHEET = "xl/worksheets/sheet1.xml"

BILLION_LAUGHS = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    b'<!DOCTYPE worksheet [\n <!ENTITY lol "lol">\n'
    + b"".join(
        b' <!ENTITY lol%d "%s">\n' % (n, (b"&lol%d;" % (n - 1) if n > 1 else b"&lol;") * 10)
        for n in range(1, 10)
    )
    + b"]>\n"
    b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    b'<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&lol9;</t></is></c></row>'
    b"</sheetData></worksheet>"
)


def with_entities(data: bytes, *, padding: int = 0) -> bytes:
    """A real workbook whose first sheet is a billion-laughs payload; `padding` bytes of an
    XML comment before the DOCTYPE push it past the first bytes of the part."""
    payload = BILLION_LAUGHS
    if padding:
        declaration, rest = payload.split(b"\n", 1)
        payload = declaration + b"\n<!--" + b" " * padding + b"-->\n" + rest
    return replace_member(data, SHEET, payload)


def zip_bomb_bytes(
    data: bytes, *, megabytes: int = 150, name: str = "xl/media/image1.bin"
) -> bytes:
    """The workbook `data` with one more member: `megabytes` of zeros, deflated while written,
    so that neither the test nor the file holds it in memory (the file stays ~150 KB)."""
    source = zipfile.ZipFile(BytesIO(data))
    buffer = BytesIO()
    chunk = bytes(1024 * 1024)
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as target:
        for info in source.infolist():
            target.writestr(info, source.read(info.filename))
        with target.open(name, "w", force_zip64=True) as bomb:
            for _ in range(megabytes):
                bomb.write(chunk)
    return buffer.getvalue()


STRINGS = "xl/sharedStrings.xml"


def bulky_strings_bytes(data: bytes, *, megabytes: int) -> bytes:
    """The workbook `data` whose shared strings grow by `megabytes` of text that compresses
    only about 16:1, as text does (a zip bomb's zeros compress 1000:1): a ~6 MB upload of
    100 MB, written while compressed. The table's own strings stay first, so that it still
    reads as it did."""
    source = zipfile.ZipFile(BytesIO(data))
    names = source.namelist()
    if STRINGS in names:
        head, _, _ = source.read(STRINGS).rpartition(b"</sst>")
    else:  # openpyxl wrote every text inline: add a shared-strings part the reader will load
        head = b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    types = source.read("[Content_Types].xml")
    if b"sharedStrings" not in types:
        types = types.replace(
            b"</Types>",
            b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
            b'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>',
        )
    noise = random.Random(16)
    filler = "安全测试学院建筑工程技术专业".encode() * 5  # 210 bytes
    buffer = BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as target:
        for info in source.infolist():
            if info.filename == "[Content_Types].xml":
                target.writestr(info, types)
            elif info.filename != STRINGS:
                target.writestr(info, source.read(info.filename))
        with target.open(STRINGS, "w", force_zip64=True) as strings:
            strings.write(head)
            written = 0
            while written < megabytes * 1024 * 1024:
                chunk = b"".join(
                    b"<si><t>" + noise.randbytes(12).hex().encode() + filler + b"</t></si>"
                    for _ in range(2000)
                )
                strings.write(chunk)
                written += len(chunk)
            strings.write(b"</sst>")
    return buffer.getvalue()


def oversize_bytes(data: bytes, size: int = 10 * 1024 * 1024 + 1) -> bytes:
    """A real workbook padded (with a stored, incompressible member) past `size` bytes."""
    padding = random.Random(7).randbytes(size - len(data) + 1024)
    buffer = BytesIO()
    source = zipfile.ZipFile(BytesIO(data))
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            target.writestr(info, source.read(info.filename))
        target.writestr("xl/media/image1.png", padding, compress_type=zipfile.ZIP_STORED)
    result = buffer.getvalue()
    assert len(result) > size
    return result


def column_letter(key: str) -> str:
    """The letter of a column of HEADER, by its position in the notice's table."""
    keys = [
        "index",
        "school",
        "school_type",
        "certificate",
        "major_count",
        "majors",
        "students",
        "remarks",
    ]
    return get_column_letter(keys.index(key) + 1)
