from django import template
from django.utils import translation
from django.utils.translation import gettext

from samverka.core import numbers

register = template.Library()


@register.filter
def kr(amount):
    """Whole kronor as '2 368 800 kr' (non-breaking spaces); 'uppgift saknas' when unknown."""
    return numbers.format_kronor(amount, sep=numbers.NBSP, unknown=gettext(numbers.UNKNOWN))


@register.filter
def percent(value):
    """A rate in the active language: '12,5\u00a0%' in Swedish, '12.5%' in English; '–' if unknown.

    The Swedish form has a decimal comma and a non-breaking space before the sign.
    """
    if value is None:
        return "–"
    if (translation.get_language() or "sv").startswith("en"):
        return f"{numbers.half_up(value)}%"
    return numbers.format_percent(value, sep=numbers.NBSP)


@register.simple_tag
def accessible_widget(field):
    """Render FIELD's widget tied to its help text and errors (aria-describedby, aria-invalid)."""
    described = []
    if field.help_text:
        described.append(f"{field.auto_id}_help")
    attrs = {}
    if field.errors:
        described.append(f"{field.auto_id}_error")
        attrs["aria-invalid"] = "true"
    if described:
        attrs["aria-describedby"] = " ".join(described)
    return field.as_widget(attrs=attrs)
