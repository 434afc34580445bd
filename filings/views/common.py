"""What the filing pages share: the batch the page is about, a form's refusal and its retry after a
conflict, what a saved row still lacks, and a deletion asked before it is done."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpRequest
from django.shortcuts import redirect, render

from ..rules import Problem
from ..services import EditConflict, FilingError


def retry_from(form: forms.Form, field: str, version: int) -> None:
    """After a save refused because someone saved meanwhile: the form keeps what the user
    typed, and its next save is judged against the version now shown beside it."""
    form.data = form.data.copy()
    form.data[form.add_prefix(field)] = version


def add_refusal(form: forms.Form, error: FilingError) -> None:
    """A service's refusal on the form: beside the field it concerns, or above the form."""
    form.add_error(error.field if error.field in form.fields else None, error.message)


@dataclass
class EditOutcome:
    """What became of a versioned save: `saved` when it went through; `current`, the object
    as someone else saved it meanwhile, when it was refused as stale."""

    saved: bool = False
    current: Any = None


def save_versioned(
    form: forms.Form,
    save: Callable[[], object],
    *,
    reload: Callable[[], Any],
    version_field: str,
    version_attr: str = "version",
) -> EditOutcome:
    """Save a form's edit of a row, a school or the header the one way all three are saved:
    a stale version is refused above the form, which keeps what was typed and is judged
    next against the version saved meanwhile; any other refusal goes beside its field."""
    try:
        save()
    except EditConflict as error:
        form.add_error(None, error.message)
        current = reload()
        retry_from(form, version_field, getattr(current, version_attr))
        return EditOutcome(current=current)
    except FilingError as error:
        add_refusal(form, error)
        return EditOutcome()
    return EditOutcome(saved=True)


PENDING = "已保存，尚待补充（提交前须补齐）：{items}"


def flash_pending(request: HttpRequest, pending: list[Problem]) -> None:
    """Evidence saved without: the row is stored, and says what is still to complete."""
    if pending:
        items = "；".join(p.message.rstrip("。") for p in pending)
        messages.warning(request, PENDING.format(items=items) + "。")


def delete_after_confirmation(request, code, filing, *, title, detail, delete, done):
    """GET asks (nothing changes on GET); POST deletes through the service."""
    if request.method == "POST":
        try:
            delete()
        except FilingError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, done)
        return redirect("filings:rows", code=code)
    return render(
        request,
        "filings/confirm_delete.html",
        {"filing": filing, "title": title, "detail": detail},
    )
