"""The search box over a long list of choices, for a <select> written in a template (the rows'
certificate filter) rather than rendered by a form's SearchableSelect."""

from django import template

from ..forms.fields import SEARCH_FROM

register = template.Library()


@register.inclusion_tag("filings/widgets/_select_filter.html")
def select_filter(select_id: str, count: int, noun: str = "证书") -> dict:
    """The box for the <select> of that id, when its `count` choices are too many to scroll."""
    if count < SEARCH_FROM:
        return {"filter": None}
    # In the rows' bar of filters: one line more, not three.
    return {"filter": {"id": select_id, "count": count, "noun": noun, "compact": True}}
