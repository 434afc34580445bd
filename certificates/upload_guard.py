"""Checks an uploaded workbook before openpyxl opens it: a province's Attachment 2 (filings)
and an administrator's Attachment 1 (certificates) alike.

The file is untrusted. Everything here looks at the zip's directory and the first bytes of
its XML parts, so that a zip bomb or an entity-expansion payload is refused before anything
is inflated; openpyxl then parses through defusedxml as well.
"""

import zipfile
import zlib
from io import BytesIO

MAX_UPLOAD_BYTES = 10 * 1024 * 1024
# All members inflated, pictures included (which the reader does not open).
MAX_UNCOMPRESSED_BYTES = 100 * 1024 * 1024
# The XML parts inflated: what openpyxl parses (sheets, shared strings, styles, links).
# The portal's own export of 10,000 rows, the most an import takes, is about 19 MB (its
# evidence sheet is more than half); a province's table of a few hundred rows under 1 MB.
# This bound, and not the ratio below, keeps out a file that compresses only 16:1 (a 5 MB
# upload of 95 MB shared strings). What passes is read in a process with limits of its own
# (reading.py).
MAX_XML_BYTES = 32 * 1024 * 1024
# Real .xlsx parts compress 5-20 times; a part far beyond this is built to explode.
MAX_COMPRESSION_RATIO = 200
# A table with a few sheets and pictures has some dozens of parts.
MAX_MEMBERS = 1000
XML_PARTS = (".xml", ".rels", ".vml")
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
TOO_MUCH_XML = (
    "文件中的表格内容解压后超过 32 MB，超出平台能读取的范围（附件2 一万行约 20 MB）。"
    "请删除与附件2无关的工作表后另存再上传。"
)
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
    total = xml_total = 0
    for member in members:
        total += member.file_size
        if member.filename.endswith(XML_PARTS):
            xml_total += member.file_size
        ratio = member.file_size / max(member.compress_size, 1)
        if total > MAX_UNCOMPRESSED_BYTES or (
            member.file_size > 1024 * 1024 and ratio > MAX_COMPRESSION_RATIO
        ):
            raise RefusedFile(BOMB)
        if xml_total > MAX_XML_BYTES:
            raise RefusedFile(TOO_MUCH_XML)
    try:
        for member in members:
            if member.filename.endswith(XML_PARTS):
                with archive.open(member) as part:
                    head = part.read(XML_HEAD_BYTES)
                if b"<!DOCTYPE" in head or b"<!ENTITY" in head:
                    raise RefusedFile(ENTITIES)
    except (zipfile.BadZipFile, zlib.error, OSError, EOFError, RuntimeError):
        raise RefusedFile(CORRUPT) from None
