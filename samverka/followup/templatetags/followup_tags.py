"""Published figures on the web pages: the symbols of core/numbers.py, nothing computed here.

A withheld figure ("..") is marked up with its meaning for screen readers; an unknown one is
"uppgift saknas"; zero is "–". The legend (`published_legend`) goes on every page that shows them.
"""

from django import template
from django.utils.html import format_html
from django.utils.translation import gettext as _

from samverka.core import numbers
from samverka.core.templatetags.samverka_tags import kr, percent

register = template.Library()


def _published(value, formatted):
    if numbers.is_suppressed(value):
        return format_html('<abbr title="{}">{}</abbr>', _(numbers.LEGEND[0][1]),
                           numbers.SUPPRESSED)
    if value is None:
        return _(numbers.UNKNOWN)
    if value == 0:
        return numbers.ZERO
    return formatted(value)


@register.filter
def cell(value):
    """A published count: the number, ".." withheld, "–" zero, "uppgift saknas" unknown."""
    return _published(value, lambda v: numbers.grouped(v, numbers.NBSP))


@register.filter
def published_kr(value):
    return _published(value, kr)


@register.filter
def published_percent(value):
    return _published(value, percent)


@register.filter
def published_decimal(value):
    """A mean or median in days: "20,2"."""
    return _published(value, numbers.decimal_text)


@register.inclusion_tag("followup/legend.html")
def published_legend():
    return {"legend": [(symbol, text) for symbol, text in numbers.LEGEND]}
