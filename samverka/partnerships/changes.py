"""Field values of register objects as the audit stores them, their differences, and their text.

Values are stored plain (choice keys, ISO dates, decimals as strings); related objects as the
names they had when the change was made, so that the history still reads after a rename or a
deletion. Labels and choice texts are looked up when the history is shown (and translated).
"""

import datetime as dt
from decimal import Decimal

from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils import formats
from django.utils.text import capfirst
from django.utils.translation import gettext as _

EMPTY = "–"


def _plain(value):
    if isinstance(value, models.Model):
        return str(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")  # 2.00 and 2 are the same amount
    if value == "":
        return None
    return value


def _many(values) -> list[str]:
    return sorted(str(value) for value in values)


def values_of(obj, names) -> dict:
    """The stored form of OBJ's fields NAMES (many-to-many read from the database)."""
    result = {}
    for name in names:
        field = obj._meta.get_field(name)
        if field.many_to_many:
            result[name] = _many(getattr(obj, name).all()) if obj.pk else []
        else:
            result[name] = _plain(getattr(obj, name))
    return result


def values_of_form(form, names) -> dict:
    """The stored form of what the user entered in the valid ModelForm FORM."""
    result = {}
    for name in names:
        value = form.cleaned_data.get(name)
        field = form._meta.model._meta.get_field(name)
        result[name] = _many(value or []) if field.many_to_many else _plain(value)
    return result


def diff(before: dict, after: dict) -> dict:
    """{name: {"before": …, "after": …}} for every field whose value changed; for a new object
    (no value before) the fields that were filled in."""
    return {
        name: {"before": before.get(name), "after": value}
        for name, value in after.items()
        if before.get(name) != value and (name in before or value not in (None, False, []))
    }


def model_field(model, name):
    try:
        return model._meta.get_field(name)
    except FieldDoesNotExist:
        return None


def label(model, name) -> str | None:
    """The field's Swedish (or translated) label; None for names that are not fields."""
    field = model_field(model, name)
    if field is None or not hasattr(field, "verbose_name"):
        return None
    return capfirst(str(field.verbose_name))


def text(model, name, value) -> str:
    """VALUE of MODEL's field NAME as the user reads it."""
    if value is None or value == "" or value == []:
        return EMPTY
    field = model_field(model, name)
    if isinstance(value, bool):
        return _("Ja") if value else _("Nej")
    if isinstance(value, list):
        return ", ".join(str(item) for item in value)
    if field is not None and field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if field is not None and field.is_relation and isinstance(value, int):
        related = field.related_model.objects.filter(pk=value).first()  # rows written before
        return str(related) if related else EMPTY
    if isinstance(field, models.DecimalField):
        return formats.localize(Decimal(str(value)))
    return str(value)


def differences(model, yours: dict, saved: dict) -> list[tuple[str, str, str]]:
    """(label, your value, saved value) for every field where YOURS and SAVED differ."""
    rows = []
    for name, value in yours.items():
        if saved.get(name) != value:
            rows.append((label(model, name) or EMPTY, text(model, name, value),
                         text(model, name, saved.get(name))))
    return rows
