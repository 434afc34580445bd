"""What a failed save shows at the top of its form: one line per problem, each a link to the
field it concerns (GOV.UK's error summary). Also the tags that tie a message to a row of the
rows table, so that a message after an action in the table is shown beside that row, and the
base of a widget of several inputs, so that it shows its invalid state as a single input does.
(Presentation only: the rules that refuse a save live in rules.py and the services.)"""

from dataclasses import dataclass

from django import forms
from django.contrib import messages
from django.forms.formsets import BaseFormSet

NON_FIELD = forms.forms.NON_FIELD_ERRORS


@dataclass(frozen=True)
class ErrorItem:
    message: str
    # The id of the element to go to (the field's own input), "" when there is none.
    target: str = ""
    # What the message concerns, in the user's words (a field's label, "证书 2 · 等级").
    label: str = ""


def _join(*parts: str) -> str:
    return " · ".join(part for part in parts if part)


def _target(bound: forms.BoundField) -> str:
    """The input a link to the field goes to; a group of choices (checkboxes) by its first."""
    if bound.id_for_label:
        return bound.id_for_label
    subwidgets = bound.subwidgets
    return (subwidgets[0].id_for_label or "") if subwidgets else ""


def form_error_items(form: forms.BaseForm, *, context: str = "") -> list[ErrorItem]:
    """The errors of a bound form, the form's own first, then its fields in their order."""
    if not form.is_bound:
        return []
    items = [ErrorItem(str(message), "", context) for message in form.non_field_errors()]
    for bound in form:
        for message in bound.errors:
            if bound.is_hidden:
                # A hidden field has nothing to go to: the message is the form's.
                items.append(ErrorItem(str(message), "", context))
            else:
                label = _join(context, str(bound.label or ""))
                items.append(ErrorItem(str(message), _target(bound), label))
    return items


def formset_error_items(formset: BaseFormSet, *, each: str = "") -> list[ErrorItem]:
    """The errors of a formset: its own, then each form's, named `each` and its number."""
    if not formset.is_bound:
        return []
    items = [ErrorItem(str(message)) for message in formset.non_form_errors()]
    for number, form in enumerate(formset.forms, start=1):
        context = f"{each} {number}" if each else ""
        items.extend(form_error_items(form, context=context))
    return items


def error_items(*forms_or_formsets, each: str = "") -> list[ErrorItem]:
    items: list[ErrorItem] = []
    for thing in forms_or_formsets:
        if isinstance(thing, BaseFormSet):
            items.extend(formset_error_items(thing, each=each))
        elif thing is not None:
            items.extend(form_error_items(thing))
    return items


# --- messages about one row of the table --------------------------------------------------

ROW_TAG = "row-"
FIELD_TAG = "field-"


def row_tags(row_pk: int, field: str = "") -> str:
    """The extra tags of a message about one row (and, for a refusal, one of its fields):
    the rows page shows it beside that row rather than at the top of the page."""
    tags = f"{ROW_TAG}{row_pk}"
    if field and field != NON_FIELD:
        tags += f" {FIELD_TAG}{field}"
    return tags


def message_row(message) -> tuple[int | None, str]:
    """The row (and field) a message was tagged with by `row_tags`."""
    row, field = None, ""
    for tag in (getattr(message, "extra_tags", "") or "").split():
        if tag.startswith(ROW_TAG) and tag[len(ROW_TAG) :].isdigit():
            row = int(tag[len(ROW_TAG) :])
        elif tag.startswith(FIELD_TAG):
            field = tag[len(FIELD_TAG) :]
    return row, field


def flash_row_refusals(request, row, errors) -> None:
    """A quick edit's refused fields, as messages to show beside the row and its fields."""
    for name, messages_of_field in errors.items():
        for error in messages_of_field:
            messages.error(request, f"“{row}”：{error}", extra_tags=row_tags(row.pk, name))


class GroupWidget(forms.Widget):
    """A widget of several inputs named `<name>-<index>-<part>` (a table of majors): its label
    is the legend of a fieldset, a link to the field goes to its first input, and when the
    field is refused every input says so and points to the message (`widget.error_id`, the
    id crispy gives the message), as Django does for a single input."""

    use_fieldset = True
    first_input = "0-name"

    def id_for_label(self, id_: str) -> str:
        return f"{id_}-{self.first_input}" if id_ else id_

    def get_context(self, name, value, attrs) -> dict:
        context = super().get_context(name, value, attrs)
        widget = context["widget"]
        if widget["attrs"].get("aria-invalid") == "true":
            widget["error_id"] = f"{widget['attrs'].get('id')}_error"
        return context
