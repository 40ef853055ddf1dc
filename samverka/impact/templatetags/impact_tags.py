
from django import template
from django.utils.translation import gettext_lazy as _

from samverka.accounts import policy
from samverka.core import numbers

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
    return numbers.fixed(value, places)


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
    return numbers.trimmed(value)


@register.filter
def get(mapping, key):
    return mapping.get(key)


def _user(context):
    request = context.get("request")
    return getattr(request, "user", None)


@register.simple_tag(takes_context=True)
def impact_for_viewer(context, impact):
    """The impact summary with small follow-up counts hidden from viewers without access to
    personal data (see selectors.for_viewer)."""
    from samverka.impact.selectors import for_viewer

    return for_viewer(impact, _user(context))


@register.simple_tag(takes_context=True)
def may_manage_impact(context):
    user = _user(context)
    return user is not None and policy.can(user, policy.MANAGE_IMPACT)
