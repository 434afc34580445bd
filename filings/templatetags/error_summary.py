"""`{% error_summary form formset each="证书" %}` at the top of a form after a failed save,
`{% error_title form %}` before a page's title, and `{% row_flash messages page as flash %}`
on the rows page: the messages about a row, to show beside it."""

from dataclasses import dataclass, field

from django import template

from ..form_errors import ErrorItem, error_items, message_row

register = template.Library()


@register.inclusion_tag("filings/_error_summary.html")
def error_summary(*forms_or_formsets, each: str = "") -> dict:
    return {"items": error_items(*forms_or_formsets, each=each)}


@register.simple_tag
def error_title(*forms_or_formsets) -> str:
    """ "错误：" before the title of a page whose form was refused, as screen readers read
    the title first."""
    return "错误：" if error_items(*forms_or_formsets) else ""


# The quick edit form of a row (rows.html): the element each of its fields is reached by.
# (Its messages name the row and what is wrong: they need no label of their own.)
QUICK_FIELDS = {
    "levels": "q{pk}-junior",
    "major_count": "q{pk}-majors",
    "student_count": "q{pk}-students",
}


@dataclass
class RowFlash:
    """The messages about one row shown on the page: what went well, and what was refused
    (each refused field's messages, and all of them as a summary)."""

    pk: int
    done: list = field(default_factory=list)
    refused: list[ErrorItem] = field(default_factory=list)
    by_field: dict[str, list[str]] = field(default_factory=dict)

    def add(self, message, field_name: str) -> None:
        if message.level_tag != "error":
            self.done.append(message)
            return
        target = QUICK_FIELDS.get(field_name, "")
        text = str(message)
        self.refused.append(ErrorItem(text, target.format(pk=self.pk)))
        if target:
            self.by_field.setdefault(field_name, []).append(text)


@dataclass
class Flash:
    top: list = field(default_factory=list)
    rows: dict[int, RowFlash] = field(default_factory=dict)

    @property
    def refused(self) -> bool:
        return any(row.refused for row in self.rows.values())


@register.simple_tag
def row_flash(messages, page=None) -> Flash:
    """The page's messages, those about a row shown on the page apart (to be shown beside
    it), the others at the top."""
    shown = {view.row.pk for view in (page.object_list if page else [])}
    flash = Flash()
    for message in messages or []:
        row, field_name = message_row(message)
        if row in shown:
            flash.rows.setdefault(row, RowFlash(row)).add(message, field_name)
        else:
            flash.top.append(message)
    return flash


@register.filter
def flash_for(flash: Flash, pk: int) -> RowFlash | None:
    return flash.rows.get(pk)
