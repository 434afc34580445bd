"""The error summary's items, and the tags that tie a message to a row of the table."""

from django import forms
from django.contrib.messages.storage.base import Message
from django.forms import formset_factory

from filings.form_errors import ErrorItem, error_items, message_row, row_tags


class Contact(forms.Form):
    name = forms.CharField(label="联系人")
    version = forms.IntegerField(widget=forms.HiddenInput)

    def clean(self):
        raise forms.ValidationError("表头已被他人修改。")


def test_an_unbound_form_has_nothing_to_say():
    assert error_items(Contact()) == []


def test_the_forms_own_errors_come_first_then_each_field_with_its_label_and_input():
    items = error_items(Contact(data={"name": "", "version": "x"}))
    assert items == [
        ErrorItem("表头已被他人修改。"),
        ErrorItem("这个字段是必填项。", "id_name", "联系人"),
        # A hidden field has nothing to go to: said without a link.
        ErrorItem("输入整数。"),
    ]


def test_a_formsets_errors_name_each_form():
    Contacts = formset_factory(Contact, min_num=1, validate_min=True, extra=0)
    data = {
        "form-TOTAL_FORMS": "2",
        "form-INITIAL_FORMS": "0",
        "form-0-name": "李强",
        "form-0-version": "1",
        "form-1-name": "",
        "form-1-version": "1",
    }
    items = error_items(Contacts(data=data), each="联系人")
    assert ErrorItem("这个字段是必填项。", "id_form-1-name", "联系人 2 · 联系人") in items
    assert ErrorItem("表头已被他人修改。", "", "联系人 1") in items


def test_a_message_tagged_for_a_row_and_field_is_read_back():
    assert message_row(Message(40, "x", extra_tags=row_tags(7, "student_count"))) == (
        7,
        "student_count",
    )
    assert message_row(Message(25, "x", extra_tags=row_tags(7, "__all__"))) == (7, "")
    assert message_row(Message(25, "x")) == (None, "")
