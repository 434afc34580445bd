"""Refusals: FilingError with its code, and the messages the services refuse with."""

from typing import Any


class FilingError(Exception):
    """A change the workflow does not allow; the message is for the user, in Chinese.

    Callers decide by `code` (and place the message by `field`, a form field's name, and
    `params`), never by the message's text, which may be reworded. A subclass may set its
    own default code (EditConflict).
    """

    code = ""

    def __init__(
        self,
        message: str,
        reasons: list[str] | None = None,
        *,
        code: str | None = None,
        field: str = "",
        params: dict[str, Any] | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.reasons = reasons or []
        if code is not None:
            self.code = code
        self.field = field
        self.params = params or {}


class EditConflict(FilingError):
    """Someone saved what the user was editing since the user opened it."""

    code = "edit_conflict"


NOT_EDITABLE = "汇总表已提交或已确认，不能修改。如需修改，请联系职教所退回。"
BATCH_CLOSED = (
    "{batch}已结束（{later}已开始报送）：其汇总表只能查看和导出，不能再修改、提交或审核。"
)
EDIT_CONFLICT = (
    "保存失败：在您编辑期间，其他人已修改了这一行。您填写的内容仍保留在下方；"
    "请核对当前数据后重新保存。"
)
# The pages that show this put what was saved meanwhile above the user's input.
_CHANGED_MEANWHILE = (
    "保存失败：在您编辑期间，其他人已修改了{what}。您填写的内容仍保留在下方；"
    "请核对上方他人保存的当前数据后重新保存，或重新打开本页载入当前数据。"
)
SCHOOL_EDIT_CONFLICT = _CHANGED_MEANWHILE.format(what="该校的信息")
HEADER_EDIT_CONFLICT = _CHANGED_MEANWHILE.format(what="汇总表（表头或试点行）")
SCHOOL_EXISTS = "汇总表中已有“{name}”。"
ROW_EXISTS = "“{school}”已有“{certificate}”这一行，请编辑该行，不要重复添加。"
DUPLICATE_ROW = "duplicate_row"  # the code of rules.duplicate_and_conflict_problems
TYPE_CONFLICT = "“{name}”已在汇总表中，学校类型为“{existing}”；同一院校只能有一种类型。"
