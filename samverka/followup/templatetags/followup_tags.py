from django import template
from django.utils.html import format_html

register = template.Library()


@register.filter
def cell(value):
    """A published count: the number, or '<5' for a suppressed small cell."""
    if value is None:
        return format_html('<abbr title="{}">&lt;5</abbr>', "färre än 5 personer")
    return value
