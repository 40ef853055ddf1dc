from decimal import Decimal

from django import template
from django.utils.translation import gettext_lazy as _

register = template.Library()

ASSUMPTIONS = {
    "quantity": _("Antal"),
    "proxy": _("Finansiell proxy (kr)"),
    "duration": _("Varaktighet (år)"),
    "deadweight": _("Dödvikt (%)"),
    "displacement": _("Undanträngning (%)"),
    "attribution": _("Tillskrivning (%)"),
    "drop_off": _("Avtagande (%)"),
    "discount_rate": _("Diskonteringsränta (%)"),
    "inputs": _("Insatser (kr)"),
}


@register.filter
def num(value, places=1):
    """A number with a decimal comma and PLACES decimals; '–' when unknown."""
    if value is None:
        return "–"
    text = f"{float(value):.{int(places)}f}".replace(".", ",").replace("-", "−")
    return text


@register.filter
def pvalue(value):
    if value is None:
        return "–"
    if value < 0.001:
        return "< 0,001"
    return num(value, 3)


@register.filter
def assumption(key):
    return ASSUMPTIONS.get(key, key)


@register.filter
def plain(value):
    """A Decimal without trailing zeros, with a decimal comma: 30.00 → '30', 2.50 → '2,5'."""
    if value is None:
        return "–"
    value = Decimal(value)
    text = format(value.normalize(), "f") if value == value.to_integral() else format(
        value.normalize(), "f")
    return text.replace(".", ",")


@register.filter
def get(mapping, key):
    return mapping.get(key)
