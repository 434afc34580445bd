"""Figures about accounts for the admin's pages."""

from django import template

from ..accounts import units_without_reachable_staff

register = template.Library()


@register.simple_tag
def units_without_reachable_staff_count() -> int:
    return units_without_reachable_staff().count()
