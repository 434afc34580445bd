"""Checks an uploaded workbook before openpyxl opens it.

The file is untrusted. Everything here looks at the zip's directory and the first bytes of
its XML parts, so that a zip bomb or an entity-expansion payload is refused before anything
is inflated; openpyxl then parses through defusedxml as well.
"""

import zipfile
import zlib
from io import BytesIO

MAX_UPLOAD_BYTES = 10 * 1024 * 1024
MAX_UNCOMPRESSED_BYTES = 100 * 1024 * 1024
# Real .xlsx parts compress 5-20 times; a part far beyond this is built to explode.
MAX_COMPRESSION_RATIO = 200
MAX_MEMBERS = 2000
XML_HEAD_BYTES = 4096

TOO_LARGE = "文件超过 10 MB，请删除无关的工作表或图片后再上传。"
EMPTY = "上传的文件是空的。"
OLD_EXCEL = "这是旧版 Excel（.xls）文件：请在 Excel 中“另存为”Excel 工作簿（.xlsx）后再上传。"
NOT_XLSX = (
    "只能导入 Excel 工作簿（.xlsx）。请在 Excel 或 WPS 中“另存为”.xlsx 后再上传"
    "（.xls、.csv 等格式不能直接导入）。"
)
CORRUPT = (
    "文件已损坏或不是有效的 Excel 工作簿（.xlsx），无法读取。"
    "请在 Excel 中打开确认后重新保存再上传。"
)
BOMB = "文件解压后过大（可能是恶意构造的文件），已拒绝。"
ENTITIES = "文件中含有不允许的 XML 声明（DOCTYPE/ENTITY），已拒绝。"


class RefusedFile(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def check_workbook_bytes(data: bytes) -> None:
    """Raise RefusedFile with a message for the user unless `data` is a plausible .xlsx."""
    if not data:
        raise RefusedFile(EMPTY)
    if len(data) > MAX_UPLOAD_BYTES:
        raise RefusedFile(TOO_LARGE)
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise RefusedFile(OLD_EXCEL)
    if not data.startswith(b"PK"):
        raise RefusedFile(NOT_XLSX)
    try:
        archive = zipfile.ZipFile(BytesIO(data))
        members = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError):
        raise RefusedFile(CORRUPT) from None
    if len(members) > MAX_MEMBERS:
        raise RefusedFile(BOMB)
    names = {m.filename for m in members}
    if "mimetype" in names or "content.xml" in names:
        raise RefusedFile(NOT_XLSX)  # an OpenDocument (.ods) file
    if "xl/workbook.xml" not in names and "xl/workbook.bin" not in names:
        raise RefusedFile(NOT_XLSX if "[Content_Types].xml" in names else CORRUPT)
    if "xl/workbook.bin" in names:
        raise RefusedFile(NOT_XLSX)  # .xlsb
    total = 0
    for member in members:
        total += member.file_size
        ratio = member.file_size / max(member.compress_size, 1)
        if total > MAX_UNCOMPRESSED_BYTES or (
            member.file_size > 1024 * 1024 and ratio > MAX_COMPRESSION_RATIO
        ):
            raise RefusedFile(BOMB)
    try:
        for member in members:
            if member.filename.endswith((".xml", ".rels", ".vml")):
                with archive.open(member) as part:
                    head = part.read(XML_HEAD_BYTES)
                if b"<!DOCTYPE" in head or b"<!ENTITY" in head:
                    raise RefusedFile(ENTITIES)
    except (zipfile.BadZipFile, zlib.error, OSError, EOFError, RuntimeError):
        raise RefusedFile(CORRUPT) from None
