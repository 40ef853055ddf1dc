from django import template
from django.utils.html import format_html
from django.utils.translation import gettext as _

register = template.Library()


@register.filter
def cell(value):
    """A published count: the number, or '<5' for a suppressed small cell."""
    if value is None:
        return format_html('<abbr title="{}">&lt;5</abbr>', _("färre än 5 personer"))
    return value
