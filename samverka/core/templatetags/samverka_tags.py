from django import template

from samverka.budgets.money import format_kronor

register = template.Library()


@register.filter
def kr(amount):
    """Whole kronor as '2 368 800 kr' (non-breaking spaces); '–' when unknown."""
    return format_kronor(amount)


@register.filter
def percent(value):
    return "–" if value is None else f"{value} %".replace(".", ",")


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
