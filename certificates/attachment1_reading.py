"""Reading a batch notice's Attachment 1 (培训评价组织联系人信息表) from an .xlsx file.

The table is read as a person sees it (`grid`): title lines above the heading, headings by
meaning (`attachment1_headings`), merged cells showing their value on every row they cover,
an organization with several certificates on several rows (its cells merged, or left blank
after its first row), several contacts, phones or e-mails in one cell, and values broken by
a line break or a stray space. Every value is cleaned (`cell_text`) and validated with the
models' own validators; each problem names its row and column. Nothing is written here
(`batch_loading` does that).
"""

from dataclasses import dataclass, field
from io import BytesIO
from typing import Any
from zipfile import BadZipFile

from openpyxl import load_workbook

from .attachment1_headings import HEADINGS, Header, find_header
from .attachment1_values import OrganizationValues, certificate_name, parse_levels
from .cell_text import compact
from .grid import Grid, read_grid


class Attachment1Error(Exception):
    """A file that cannot be read as Attachment 1 at all."""


@dataclass
class CertificateRecord:
    line: int
    name: str
    attachment1_name: str
    organization: str
    levels: list[str]


@dataclass
class Attachment1Table:
    title: str  # the lines above the heading, joined
    header: Header
    certificates: list[CertificateRecord] = field(default_factory=list)
    organizations: dict[str, OrganizationValues] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def problem(line: int, key: str, message: str) -> str:
    return f"第 {line} 行「{HEADINGS[key]}」：{message}"


def read_attachment1(content: bytes) -> Attachment1Table:
    try:
        workbook = load_workbook(BytesIO(content), read_only=True, data_only=True)
    except (BadZipFile, KeyError, OSError, ValueError) as error:
        raise Attachment1Error("无法读取文件：请上传 Excel 的 .xlsx 文件。") from error
    try:
        for sheet in workbook.worksheets:
            grid = read_grid(sheet)
            header = find_header(grid)
            if header is not None:
                return _read_table(grid, header)
    finally:
        workbook.close()
    expected = "、".join(h for key, h in HEADINGS.items() if key != "levels")
    raise Attachment1Error(f"文件中找不到附件1的表头。附件1的栏目为：{expected}。")


def _read_table(grid: Grid, header: Header) -> Attachment1Table:
    title = "".join(
        str(value)
        for line in grid.lines()
        if line < header.first_line
        for value in grid.rows[line].values()
    )
    table = Attachment1Table(title=title, header=header, notes=list(header.notes))
    if header.missing:
        table.problems.append(f"文件中没有以下栏目：{'、'.join(header.missing)}。")
        return table
    if "levels" not in header.columns:
        table.notes.append("文件中没有“等级”栏：每个证书按初级、中级、高级三个等级载入。")
    previous: str | None = None
    for line in grid.lines():
        if line <= header.line:
            continue
        if line in grid.hidden_rows:
            table.notes.append(f"第 {line} 行为隐藏行，未读取。")
            continue
        cells = {key: grid.shown(line, column) for key, column in header.columns.items()}
        if _is_note(grid.rows[line]):
            table.notes.append(
                f"第 {line} 行不是表格内容（{_first_text(grid.rows[line])}），未读取。"
            )
            continue
        if all(value in (None, "") for value in cells.values()):
            continue  # only a 序号 or a column not read: an empty row of the table
        if previous is not None and _continues(grid, header, line, cells):
            _read_continuation(table, grid, header, line, previous)
            continue
        previous = _read_line(table, line, cells, previous)
    for organization in table.organizations.values():
        table.problems += organization.problems()
    return table


def _first_text(values: dict[int, Any]) -> str:
    return next((str(v).strip() for v in values.values() if v not in (None, "")), "")


def _is_note(values: dict[int, Any]) -> bool:
    """A line under the table (注：…, 说明) rather than a row of it."""
    filled = [v for v in values.values() if v not in (None, "")]
    return len(filled) == 1 and str(filled[0]).strip().startswith(("注", "说明", "备注"))


def _continues(grid: Grid, header: Header, line: int, cells: dict[str, Any]) -> bool:
    """A row that goes on with the certificate above: its certificate's cell merged with the
    row above (a second contact on a row of its own), or neither an organization nor a
    certificate but a contact's values."""
    origin = grid.origin(line, header.columns["certificate"])
    if origin is not None and origin[0] < line:
        return True
    blank = not compact(cells["certificate"]) and not compact(cells["organization"])
    return blank and any(compact(cells.get(key)) for key in ("contacts", "mobiles"))


def _read_continuation(
    table: Attachment1Table, grid: Grid, header: Header, line: int, organization: str
) -> None:
    """The values of a continuing row that are its own (not shown by a cell merged from
    above), added to the organization's: a second contact and mobile, another phone."""
    own = {}
    for key, column in header.columns.items():
        origin = grid.origin(line, column)
        if origin is None or origin[0] == line:
            own[key] = grid.shown(line, column)
    table.problems += table.organizations[organization].extend(OrganizationValues.read(line, own))
    table.notes.append(f"第 {line} 行续上一行（{organization}），其联系人、电话等并入该组织。")


def _read_line(table: Attachment1Table, line: int, cells: dict[str, Any], previous: str | None):
    """One row: its certificate, and its organization's values (a blank organization name
    continues the organization above). Returns the organization's name for the next row."""
    name = OrganizationValues.name_of(cells["organization"])
    # Two spellings of one name (full- or half-width brackets, spaces) are one organization.
    name = next((known for known in table.organizations if compact(known) == compact(name)), name)
    if not name:
        if previous is None:
            table.problems.append(problem(line, "organization", "未填写培训评价组织名称。"))
        name = previous
    if name is not None:
        values = OrganizationValues.read(line, cells)
        known = table.organizations.get(name)
        if known is None:
            table.organizations[name] = values
        else:
            table.problems += known.merge(values)
    _read_certificate(table, line, cells, name)
    return name


def _read_certificate(
    table: Attachment1Table, line: int, cells: dict[str, Any], organization: str | None
) -> None:
    name, written = certificate_name(cells["certificate"])
    if not name:
        table.problems.append(problem(line, "certificate", "证书名称为空。"))
        return
    for other in table.certificates:
        if other.name == name:
            table.problems.append(
                problem(line, "certificate", f"证书“{name}”与第 {other.line} 行重复。")
            )
            return
    levels, message = parse_levels(cells.get("levels"))
    if message:
        table.problems.append(problem(line, "levels", message))
    if organization is not None:
        table.certificates.append(
            CertificateRecord(line, name, written if written != name else "", organization, levels)
        )
