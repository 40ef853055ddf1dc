"""Decimal input read the same whatever the browser's or the user's language: "2,00", "2.00",
"2" and "1 234,5" mean what a Swedish or an English reader means by them.

A number field (<input type=number>) in an en-US browser turned the "2,00" the help text
suggests into 200 before it reached the server; so these fields are text fields with a decimal
keyboard, and the server reads a comma or a point as the decimal sign. A number with both takes
the last one as the decimal sign and the other as a thousands separator ("1.234,50",
"1,234.50"); spaces (thin and no-break too) group thousands. Anything else is refused with a
Swedish message, and limits are plausibility checks with the range in the message.
"""

import re
from decimal import Decimal, InvalidOperation

from django import forms
from django.utils.translation import gettext_lazy as _

from samverka.core import numbers

SPACES = re.compile(r"[\s\u00a0\u202f\u2009']")
NUMBER = re.compile(r"[+-]?\d*(\.\d*)?")


def parse_decimal(text: str) -> Decimal:
    """TEXT as a Decimal; ValueError when it is no number."""
    value = SPACES.sub("", str(text)).replace("\u2212", "-")
    if "," in value and "." in value:
        decimal_sign = "," if value.rfind(",") > value.rfind(".") else "."
        grouping = "." if decimal_sign == "," else ","
        value = value.replace(grouping, "").replace(decimal_sign, ".")
    elif value.count(",") == 1:
        value = value.replace(",", ".")
    if not value or not NUMBER.fullmatch(value) or not any(ch.isdigit() for ch in value):
        raise ValueError(text)
    try:
        return Decimal(value)
    except InvalidOperation as error:
        raise ValueError(text) from error


class FlexibleDecimalField(forms.DecimalField):
    """A DecimalField that reads both "2,5" and "2.5" and is rendered as a text field with a
    decimal keyboard. MIN_VALUE and MAX_VALUE are plausibility limits: the message gives the
    range (RANGE_MESSAGE, formatted with min and max)."""

    default_error_messages = {
        "invalid": _("Ange ett tal, t.ex. 2,5 eller 2.5."),
        "max_digits": _("Talet har för många siffror."),
        "max_decimal_places": _("Ange högst %(max)s decimaler."),
        "max_whole_digits": _("Talet är för stort."),
    }

    def __init__(self, *, range_message=None, **kwargs):
        kwargs.setdefault("localize", True)
        kwargs["widget"] = forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"})
        super().__init__(**kwargs)
        if range_message is not None:
            self.error_messages["min_value"] = range_message
            self.error_messages["max_value"] = range_message

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, Decimal):
            return value
        try:
            return parse_decimal(value)
        except ValueError as error:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid") \
                from error

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        for key in ("min", "max", "step"):  # text field: the server checks the range
            attrs.pop(key, None)
        return attrs


def between(low, high, unit="") -> str:
    """The plausibility message for a range: "Ange ett värde mellan 0 och 20 %." (Django
    formats min/max messages with %-parameters, hence the doubled %)."""
    text = _("Ange ett värde mellan %(low)s och %(high)s%(unit)s.") % {
        "low": _number(low), "high": _number(high), "unit": f" {unit}" if unit else ""}
    return text.replace("%", "%%")


def _number(value) -> str:
    return numbers.grouped_as_given(value)
